/** Export: the diagram as SVG or PNG (title block, the design embedded), the PDF report, PowerPoint slides, JSON, print. */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';

/** The entries and what they do are loaded when the menu is first opened: none of it is needed to draw the page. */
const ExportMenuList = lazy(() => import('./export-menu-list').then((m) => ({ default: m.ExportMenuList })));

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  return (
    <div className="menu" ref={ref}>
      <button
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="btn-export"
        disabled={busy}
      >
        {busy ? 'Exporting…' : 'Export ▾'}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ExportMenuList close={() => setOpen(false)} setBusy={setBusy} />
        </Suspense>
      )}
    </div>
  );
}
