/**
 * A quick deterministic layout: sites side by side (wrapping), each site's nodes in a
 * grid ordered by role. Used for reference designs and as the first placement of an
 * import before the elkjs layout runs in the designer.
 */
import type { NodeKind, Position, Topology } from './schema';

export const NODE_WIDTH = 232;
export const NODE_HEIGHT = 104;
export const SITE_PADDING = 28;
export const SITE_HEADER = 40;
/** Between two columns: as wide as between rows, so a link to a diagonal neighbour leaves by the side, as before. */
export const GAP_X = 56;
/**
 * Between two rows of cards: room for a link label (18) clear of both cards with a line
 * passing beside it, so a short link's label never has to sit on the line running
 * between the rows (a pairing, a failover).
 */
export const GAP_Y = 56;
/** Between two sites: room for a cross-site link's label (a pairing with its badge) clear of both frames. */
const SITE_GAP = 240;

const ORDER: Record<NodeKind, number> = {
  reverseProxy: -1,
  edgePool: 0,
  directorPool: 1,
  frontEndPool: 2,
  standardEditionServer: 3,
  survivableBranch: 4,
  mediationPool: 5,
  persistentChatPool: 6,
  sqlStore: 7,
  fileStore: 8,
  officeOnlineServer: 9,
  videoInteropPool: 10,
  gatewayPeer: 11,
};

export function gridLayout(doc: Topology, columnsPerSite = 2, sitesPerRow = 3): Record<string, Position> {
  const layout: Record<string, Position> = {};
  let rowY = 0;
  let rowHeight = 0;
  let x = 0;
  doc.sites.forEach((site, i) => {
    if (i > 0 && i % sitesPerRow === 0) {
      rowY += rowHeight + SITE_GAP;
      rowHeight = 0;
      x = 0;
    }
    const members = doc.nodes.filter((n) => n.siteId === site.id).sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
    const cols = Math.max(1, Math.min(columnsPerSite, members.length));
    // Every other site is mirrored, so paired pools face each other across the gap.
    const mirror = (i % sitesPerRow) % 2 === 1;
    members.forEach((n, j) => {
      const col = mirror ? cols - 1 - (j % cols) : j % cols;
      layout[n.id] = {
        x: x + SITE_PADDING + col * (NODE_WIDTH + GAP_X),
        y: rowY + SITE_HEADER + SITE_PADDING + Math.floor(j / cols) * (NODE_HEIGHT + GAP_Y),
      };
    });
    const rows = Math.max(1, Math.ceil(members.length / cols));
    const width = SITE_PADDING * 2 + cols * NODE_WIDTH + (cols - 1) * GAP_X;
    const height = SITE_HEADER + SITE_PADDING * 2 + rows * NODE_HEIGHT + (rows - 1) * GAP_Y;
    rowHeight = Math.max(rowHeight, height);
    x += width + SITE_GAP;
  });
  return layout;
}
