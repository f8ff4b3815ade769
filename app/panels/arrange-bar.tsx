/** Align and distribute buttons for a selection of several cards (shown in the inspector). */
import type { KeyboardEvent, ReactNode } from 'react';
import type { AlignMode, DistributeAxis } from '../model/arrange';
import { alignSelection, distributeSelection } from '../store/arrange-selection';
import { useDesignerStore } from '../store/designer-context';

const ALIGN: { mode: AlignMode; label: string; icon: ReactNode }[] = [
  {
    mode: 'left',
    label: 'Align left edges',
    icon: (
      <>
        <path d="M2.5 1.5v13" />
        <rect x="4" y="3" width="9" height="3.5" />
        <rect x="4" y="9.5" width="5.5" height="3.5" />
      </>
    ),
  },
  {
    mode: 'hcenter',
    label: 'Align centres (vertical line)',
    icon: (
      <>
        <path d="M8 1.5v13" />
        <rect x="3" y="3" width="10" height="3.5" />
        <rect x="5" y="9.5" width="6" height="3.5" />
      </>
    ),
  },
  {
    mode: 'right',
    label: 'Align right edges',
    icon: (
      <>
        <path d="M13.5 1.5v13" />
        <rect x="3" y="3" width="9" height="3.5" />
        <rect x="6.5" y="9.5" width="5.5" height="3.5" />
      </>
    ),
  },
  {
    mode: 'top',
    label: 'Align top edges',
    icon: (
      <>
        <path d="M1.5 2.5h13" />
        <rect x="3" y="4" width="3.5" height="9" />
        <rect x="9.5" y="4" width="3.5" height="5.5" />
      </>
    ),
  },
  {
    mode: 'vcenter',
    label: 'Align middles (horizontal line)',
    icon: (
      <>
        <path d="M1.5 8h13" />
        <rect x="3" y="3" width="3.5" height="10" />
        <rect x="9.5" y="5" width="3.5" height="6" />
      </>
    ),
  },
  {
    mode: 'bottom',
    label: 'Align bottom edges',
    icon: (
      <>
        <path d="M1.5 13.5h13" />
        <rect x="3" y="3" width="3.5" height="9" />
        <rect x="9.5" y="6.5" width="3.5" height="5.5" />
      </>
    ),
  },
];

const DISTRIBUTE: { axis: DistributeAxis; label: string; icon: ReactNode }[] = [
  {
    axis: 'horizontal',
    label: 'Distribute horizontally (equal gaps)',
    icon: (
      <>
        <path d="M1.5 2v12M14.5 2v12" />
        <rect x="6" y="4" width="4" height="8" />
      </>
    ),
  },
  {
    axis: 'vertical',
    label: 'Distribute vertically (equal gaps)',
    icon: (
      <>
        <path d="M2 1.5h12M2 14.5h12" />
        <rect x="4" y="6" width="8" height="4" />
      </>
    ),
  },
];

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.3"
    >
      {children}
    </svg>
  );
}

/** Arrow keys move along the toolbar (the ARIA toolbar pattern), skipping disabled buttons. */
function moveFocus(e: KeyboardEvent<HTMLDivElement>) {
  const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
  if (!step && e.key !== 'Home' && e.key !== 'End') return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : (i + step + buttons.length) % buttons.length;
  e.preventDefault();
  e.stopPropagation(); // arrows here do not nudge the selected cards
  buttons[next]?.focus();
}

export function ArrangeBar({ cards }: { cards: number }) {
  const store = useDesignerStore();
  return (
    <div
      className="arrange-bar"
      role="toolbar"
      aria-label="Arrange the selected cards"
      data-testid="arrange-bar"
      onKeyDown={moveFocus}
    >
      {ALIGN.map((a) => (
        <button
          key={a.mode}
          className="btn icon"
          aria-label={a.label}
          title={a.label}
          data-testid={`align-${a.mode}`}
          onClick={() => alignSelection(store, a.mode)}
        >
          <Icon>{a.icon}</Icon>
        </button>
      ))}
      <span className="sep" />
      {DISTRIBUTE.map((d) => (
        <button
          key={d.axis}
          className="btn icon"
          aria-label={d.label}
          title={cards < 3 ? `${d.label}: select three cards or more` : d.label}
          disabled={cards < 3}
          data-testid={`distribute-${d.axis}`}
          onClick={() => distributeSelection(store, d.axis)}
        >
          <Icon>{d.icon}</Icon>
        </button>
      ))}
    </div>
  );
}
