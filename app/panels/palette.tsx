/**
 * The palette: every kind, grouped by role family. Drag onto the canvas to place (inside
 * a site, or snapped to the nearest); click or Enter adds to the selected site or the one in view.
 */
import { useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import { placeFromPalette } from '../store/place';
import { useDesignerStore } from '../store/designer-context';
import type { NodeKind } from '../model/schema';
import { FAMILY_LABEL, KIND_META, KindIcon, PALETTE_MIME, PALETTE_ORDER, PALETTE_SITE_MIME, SiteIcon } from '../ui/kinds';

export function Palette() {
  const flow = useReactFlow();
  const store = useDesignerStore();
  const addAtCentre = (kind: string) => {
    const el = document.querySelector('.canvas-wrap');
    const r = el?.getBoundingClientRect();
    const p = flow.screenToFlowPosition({ x: (r?.left ?? 0) + (r?.width ?? 800) / 2, y: (r?.top ?? 0) + (r?.height ?? 600) / 2 });
    placeFromPalette(store, kind, p, 'click');
  };
  const item = (kind: string, label: string, blurb: string, icon: React.ReactNode, family: string) => (
    <li key={kind}>
      <button
        className={`palette-item fam-${family}`}
        draggable
        data-testid={`palette-${kind}`}
        aria-description="Drag onto a site, or press Enter to add it to the selected site (or the one in view)"
        title={`${label}: ${blurb}. Drag onto a site, or press Enter to add it to the selected site (or the one in view).`}
        onDragStart={(e: DragEvent) => {
          e.dataTransfer.setData(PALETTE_MIME, kind);
          if (kind.startsWith('site:')) e.dataTransfer.setData(PALETTE_SITE_MIME, kind);
          e.dataTransfer.effectAllowed = 'copy';
        }}
        onClick={() => addAtCentre(kind)}
      >
        <span className="palette-icon">{icon}</span>
        <span className="palette-text">
          <span className="palette-label">{label}</span>
          <span className="palette-blurb">{blurb}</span>
        </span>
      </button>
    </li>
  );
  return (
    <nav className="palette" aria-label="Palette">
      <h2 className="panel-title">Palette</h2>
      <div className="palette-group">
        <h3>Sites</h3>
        <ul>
          {item('site:central', 'Central site', 'A data center', <SiteIcon branch={false} size={18} />, 'site')}
          {item('site:branch', 'Branch site', 'A branch office', <SiteIcon branch size={18} />, 'site')}
        </ul>
      </div>
      {PALETTE_ORDER.map((g) => (
        <div className="palette-group" key={g.family}>
          <h3>{FAMILY_LABEL[g.family]}</h3>
          <ul>
            {g.kinds.map((k: NodeKind) =>
              item(k, KIND_META[k].label, KIND_META[k].blurb, <KindIcon kind={k} size={18} />, KIND_META[k].family),
            )}
          </ul>
        </div>
      ))}
      <p className="palette-tip">
        Connect: drag from a node&apos;s edge dot to another node. The link kind follows from the two ends.
      </p>
    </nav>
  );
}
