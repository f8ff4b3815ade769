/** What every inspector shows: its head, titled sections, the findings on the item, and Delete. */
import type { ReactNode } from 'react';
import { shortcutOf } from '../store/commands';
import { useDesigner } from '../store/designer-context';
import type { selectFindings } from '../store/selectors';
import { SeverityIcon } from '../ui/kinds';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="insp-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** The inspector's head: an icon, what the item is, and its name. */
export function InspectorHead({
  icon,
  iconClass = '',
  kind,
  title,
}: {
  icon: ReactNode;
  iconClass?: string;
  kind: string;
  title: string;
}) {
  return (
    <header className="insp-head">
      <span className={`insp-icon ${iconClass}`.trim()} aria-hidden={typeof icon === 'string' ? true : undefined}>
        {icon}
      </span>
      <div>
        <div className="insp-kind">{kind}</div>
        <div className="insp-title">{title}</div>
      </div>
    </header>
  );
}

export function FindingList({ findings }: { findings: ReturnType<typeof selectFindings> }) {
  if (!findings.length) return null;
  return (
    <ul className="insp-findings">
      {findings.slice(0, 8).map((f, i) => (
        <li key={i} className={`sev-${f.severity}`}>
          <SeverityIcon severity={f.severity} size={13} />
          <span>
            <b>{f.ruleId}</b> {f.message}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function DeleteButton({ ids, label }: { ids: string[]; label: string }) {
  const removeElements = useDesigner((s) => s.removeElements);
  const select = useDesigner((s) => s.select);
  return (
    <div className="insp-danger">
      <button
        className="btn danger"
        onClick={() => {
          removeElements(ids);
          select([], { type: 'deployment' });
        }}
      >
        {label}
      </button>
      <span className="hint">{shortcutOf('undo')} brings it back.</span>
    </div>
  );
}
