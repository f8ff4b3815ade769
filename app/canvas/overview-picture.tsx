/**
 * A very large design zoomed far out: its cards drawn as one picture (one path per role
 * family, as the minimap draws them, and the links as hairlines) that moves with the
 * view, instead of thousands of cards React Flow would take in and lay out on every zoom
 * step (canvas-window.ts). The site frames and WAN links stay on the canvas, and a hint
 * says to zoom in to work on the cards.
 */
import { Panel, ViewportPortal } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import type { Topology } from '../model/schema';
import { itemsBounds, mapShapes, type MapItem, type MapWanLine } from './design-map';
import { num } from '../lib/text';

const IDENTITY = { scale: 1, offsetX: 0, offsetY: 0 };

/** The links as straight lines between the cards' centres, one path. */
export function linkLines(doc: Topology): { d: string; count: number } {
  const layout = doc.layout ?? {};
  const parts: string[] = [];
  const cx = NODE_WIDTH / 2;
  const cy = NODE_HEIGHT / 2;
  for (const l of doc.links) {
    if (!Object.hasOwn(layout, l.from) || !Object.hasOwn(layout, l.to)) continue;
    const a = layout[l.from]!;
    const b = layout[l.to]!;
    parts.push(`M${a.x + cx} ${a.y + cy}L${b.x + cx} ${b.y + cy}`);
  }
  return { d: parts.join(''), count: parts.length };
}

/** The WAN links' routes, one path. */
function wanPath(wan: readonly MapWanLine[]): string {
  return wan
    .filter((w) => w.points.length > 1)
    .map((w) => `M${w.points.map((p) => `${p.x} ${p.y}`).join('L')}`)
    .join('');
}

export const OverviewPicture = memo(function OverviewPicture({
  doc,
  items,
  wan,
}: {
  doc: Topology;
  items: readonly MapItem[];
  wan: readonly MapWanLine[];
}) {
  const { cards, sites } = useMemo(
    () => ({ cards: items.filter((i) => i.type === 'topology'), sites: items.filter((i) => i.type === 'site') }),
    [items],
  );
  const shapes = useMemo(() => mapShapes(cards, IDENTITY), [cards]);
  const frames = useMemo(() => mapShapes(sites, IDENTITY), [sites]);
  const lines = useMemo(() => linkLines(doc), [doc]);
  const wanD = useMemo(() => wanPath(wan), [wan]);
  const b = useMemo(() => itemsBounds(items), [items]);
  return (
    <>
      <ViewportPortal>
        <svg
          className="overview-picture"
          data-testid="overview-picture"
          data-cards={cards.length}
          aria-hidden="true"
          style={{ left: b.x, top: b.y, width: b.width, height: b.height }}
          viewBox={`${b.x} ${b.y} ${b.width} ${b.height}`}
        >
          {frames.map((s) => (
            <path key={s.className} className={`overview-frames ${s.className}`} d={s.d} data-count={s.count} />
          ))}
          <path className="overview-links" d={lines.d} />
          <path className="overview-wan" d={wanD} />
          {shapes.map((s) => (
            <path key={s.className} className={s.className} d={s.d} data-count={s.count} />
          ))}
        </svg>
      </ViewportPortal>
      <Panel position="top-center" className="overview-hint" data-testid="overview-hint" role="status">
        {num(cards.length)} servers in {num(sites.length)} sites, too many to draw one by one: zoom in to select and edit them.
      </Panel>
    </>
  );
});
