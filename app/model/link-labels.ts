/**
 * A link's label as the diagram shows it and the box it takes: what the canvas needs to
 * draw its first frame. The router that places those boxes (model/link-routing.ts) loads
 * after the first paint.
 */
import type { Link, LinkKind } from './schema';

/** Links drawn thin and muted, unlabelled unless selected. */
export const QUIET_LINK_KINDS: ReadonlySet<LinkKind> = new Set<LinkKind>(['nextHop', 'mediaEdge', 'fileStore', 'officeOnline']);

/** A link's label as the diagram shows it. */
export function linkLabelText(link: Link): string {
  switch (link.kind) {
    case 'store':
      return storeLabel(link.role);
    case 'mirror':
      return link.synchronous === false ? 'mirror (async)' : 'mirror';
    case 'pairing':
      return link.voiceFailover ? 'backup pool · voice failover' : 'backup pool';
    case 'backEnd':
      return 'Back End';
    case 'witness':
      return 'witness';
    case 'logShipping':
      return 'log shipping';
    case 'nextHop':
      return 'next hop';
    case 'mediaEdge':
      return 'media Edge';
    case 'fileStore':
      return 'file store';
    case 'officeOnline':
      return 'Office Online';
    case 'backupRegistrar':
      return 'backup registrar';
    case 'trunk':
      return 'trunk';
  }
}

/**
 * The label zoomed out, where it is drawn twice as large: a pairing says "backup pool"
 * only (the full text is the tooltip), so it fits in the gap between the two sites.
 */
export function shortLinkLabelText(link: Link): string {
  return link.kind === 'pairing' ? 'backup pool' : linkLabelText(link);
}

function storeLabel(role: Extract<Link, { kind: 'store' }>['role']): string {
  switch (role) {
    case 'persistentChatCompliance':
      return 'Persistent Chat compliance';
    case 'persistentChat':
      return 'Persistent Chat';
    case 'archiving':
      return 'archiving';
    case 'monitoring':
      return 'monitoring';
  }
}

/**
 * Advance widths of Helvetica/Arial at 1 em (bold), for the characters labels use; others
 * count as a wide letter. Used to size a label box without a browser: the estimate is
 * kept a little wide so the real text always fits in it.
 */
const BOLD_WIDTHS: Record<string, number> = {
  ' ': 0.278,
  '·': 0.333,
  '(': 0.333,
  ')': 0.333,
  '-': 0.333,
  '.': 0.278,
  ',': 0.278,
  ':': 0.333,
  '/': 0.278,
  "'": 0.238,
  a: 0.556,
  b: 0.611,
  c: 0.556,
  d: 0.611,
  e: 0.556,
  f: 0.333,
  g: 0.611,
  h: 0.611,
  i: 0.278,
  j: 0.278,
  k: 0.556,
  l: 0.278,
  m: 0.889,
  n: 0.611,
  o: 0.611,
  p: 0.611,
  q: 0.611,
  r: 0.389,
  s: 0.556,
  t: 0.333,
  u: 0.611,
  v: 0.556,
  w: 0.778,
  x: 0.556,
  y: 0.556,
  z: 0.5,
  A: 0.722,
  B: 0.722,
  C: 0.722,
  D: 0.722,
  E: 0.667,
  F: 0.611,
  G: 0.778,
  H: 0.722,
  I: 0.278,
  J: 0.556,
  K: 0.722,
  L: 0.611,
  M: 0.833,
  N: 0.722,
  O: 0.778,
  P: 0.667,
  Q: 0.778,
  R: 0.722,
  S: 0.667,
  T: 0.611,
  U: 0.722,
  V: 0.667,
  W: 0.944,
  X: 0.667,
  Y: 0.667,
  Z: 0.611,
};

/** The label style of the canvas (styles.css `.edge-label`): 10.5 px bold, 6 px padding, 1 px border. */
export const LABEL_FONT_SIZE = 10.5;
export const LABEL_PADDING_X = 7;
export const LABEL_HEIGHT = 18;

/** Width of `text` at `fontSize` in a bold sans-serif, a little generous. */
export function textWidth(text: string, fontSize = LABEL_FONT_SIZE): number {
  let em = 0;
  for (const ch of text) em += BOLD_WIDTHS[ch] ?? (ch >= '0' && ch <= '9' ? 0.556 : 0.75);
  return Math.ceil(em * fontSize * 1.08);
}

/** Zoomed out, the canvas draws the few labels it keeps twice as large (styles.css `.edge-label.is-large`). */
export const LARGE_LABEL = { fontSize: 22, paddingX: 14, height: 36 };

/** The box a label takes: its text, padding and border; a finding badge adds its own width. */
export function labelSize(text: string, badgeChars = 0, large = false): { width: number; height: number } {
  const badge = badgeChars > 0 ? 30 + badgeChars * 7 : 0;
  if (large)
    return { width: textWidth(text, LARGE_LABEL.fontSize) + 2 * LARGE_LABEL.paddingX + badge, height: LARGE_LABEL.height };
  return { width: textWidth(text) + 2 * LABEL_PADDING_X + badge, height: LABEL_HEIGHT };
}
