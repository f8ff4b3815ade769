/**
 * The canvas's visual language as plain data for the exports (no CSS, no React): the
 * two themes' colours resolved from app/styles.css, each kind's family and icon, each
 * link kind's stroke. app/export-style.test.tsx checks this against the canvas's own
 * definitions (ui/kinds.tsx), so the exported drawing cannot drift from the canvas.
 */
import type { LinkKind, NodeKind } from '../model/schema';

export type DiagramThemeName = 'light' | 'dark';
export type RoleFamily = 'registrar' | 'sql' | 'perimeter' | 'voice' | 'content' | 'chat';
export type Severity = 'error' | 'warning' | 'info';

/** A colour and its opacity: SVG 1.1 viewers, PDF and PowerPoint all take them apart. */
export interface Paint {
  color: string;
  opacity: number;
}

export interface DiagramTheme {
  name: DiagramThemeName;
  background: string;
  cardFill: string;
  cardBorder: string;
  text: string;
  text2: string;
  text3: string;
  pillFill: string;
  pillBorder: string;
  badgeFill: string;
  family: Record<RoleFamily, string>;
  siteText: string;
  severity: Record<Severity, string>;
  ok: string;
  siteCentral: { fill: Paint; stroke: Paint; rule: Paint };
  siteBranch: { fill: Paint; stroke: Paint; rule: Paint };
  edge: string;
  edgeMuted: string;
}

export const THEMES: Record<DiagramThemeName, DiagramTheme> = {
  light: {
    name: 'light',
    background: '#fbfcfe',
    cardFill: '#ffffff',
    cardBorder: '#dfe4ec',
    text: '#1b2433',
    text2: '#556173',
    text3: '#5f6a7c',
    pillFill: '#f8fafc',
    pillBorder: '#dfe4ec',
    badgeFill: '#ffffff',
    family: { registrar: '#2563eb', sql: '#7c3aed', perimeter: '#ea580c', voice: '#16a34a', content: '#0891b2', chat: '#db2777' },
    siteText: '#475569',
    severity: { error: '#c62828', warning: '#b45309', info: '#1d64c8' },
    ok: '#15803d',
    siteCentral: {
      fill: { color: '#2563eb', opacity: 0.045 },
      stroke: { color: '#2563eb', opacity: 0.35 },
      rule: { color: '#2563eb', opacity: 0.16 },
    },
    siteBranch: {
      fill: { color: '#16a34a', opacity: 0.04 },
      stroke: { color: '#16a34a', opacity: 0.55 },
      rule: { color: '#16a34a', opacity: 0.25 },
    },
    edge: '#64748b',
    edgeMuted: '#a3adbb',
  },
  dark: {
    name: 'dark',
    background: '#121821',
    cardFill: '#1b2230',
    cardBorder: '#2a3342',
    text: '#e6ebf2',
    text2: '#a8b3c3',
    text3: '#7f8a9c',
    pillFill: '#1b2230',
    pillBorder: '#2a3342',
    badgeFill: '#161c25',
    family: { registrar: '#5b9bff', sql: '#a78bfa', perimeter: '#fb923c', voice: '#4ade80', content: '#22d3ee', chat: '#f472b6' },
    siteText: '#94a3b8',
    severity: { error: '#ff6b6b', warning: '#f0a94a', info: '#64a8ff' },
    ok: '#4ade80',
    siteCentral: {
      fill: { color: '#5b9bff', opacity: 0.06 },
      stroke: { color: '#5b9bff', opacity: 0.4 },
      rule: { color: '#5b9bff', opacity: 0.18 },
    },
    siteBranch: {
      fill: { color: '#4ade80', opacity: 0.05 },
      stroke: { color: '#4ade80', opacity: 0.5 },
      rule: { color: '#4ade80', opacity: 0.22 },
    },
    edge: '#8592a6',
    edgeMuted: '#5d687a',
  },
};

export const KIND_FAMILY: Record<NodeKind, RoleFamily> = {
  frontEndPool: 'registrar',
  standardEditionServer: 'registrar',
  directorPool: 'registrar',
  sqlStore: 'sql',
  edgePool: 'perimeter',
  mediationPool: 'voice',
  survivableBranch: 'voice',
  fileStore: 'content',
  officeOnlineServer: 'content',
  persistentChatPool: 'chat',
  reverseProxy: 'perimeter',
  gatewayPeer: 'voice',
  videoInteropPool: 'voice',
};

export const KIND_LABEL: Record<NodeKind, string> = {
  frontEndPool: 'Front End pool',
  standardEditionServer: 'Standard Edition server',
  directorPool: 'Director pool',
  sqlStore: 'SQL store',
  edgePool: 'Edge pool',
  mediationPool: 'Mediation pool',
  survivableBranch: 'Survivable branch',
  fileStore: 'File store',
  officeOnlineServer: 'Office Online Server',
  persistentChatPool: 'Persistent Chat pool',
  reverseProxy: 'Reverse proxy',
  gatewayPeer: 'Gateway or SIP trunk peer',
  videoInteropPool: 'Video Interop Server pool',
};

export interface LinkStyle {
  label: string;
  dash?: string;
  width: number;
  muted: boolean;
  twoHeaded?: boolean;
}

export const LINK_STYLE: Record<LinkKind, LinkStyle> = {
  pairing: { label: 'backup pool', width: 3.5, muted: false, twoHeaded: true },
  backEnd: { label: 'Back End', width: 2, muted: false },
  store: { label: 'store', width: 1.5, muted: false, dash: '6 3' },
  mirror: { label: 'mirror', width: 2, muted: false, dash: '8 5' },
  witness: { label: 'witness', width: 1.8, muted: false, dash: '1.5 4' },
  logShipping: { label: 'log shipping', width: 1.6, muted: false, dash: '10 4 2 4' },
  nextHop: { label: 'next hop', width: 1.2, muted: true },
  mediaEdge: { label: 'media Edge', width: 1.2, muted: true },
  fileStore: { label: 'file store', width: 1.2, muted: true },
  officeOnline: { label: 'Office Online', width: 1.2, muted: true },
  backupRegistrar: { label: 'backup registrar', width: 1.6, muted: false, dash: '4 3' },
  trunk: { label: 'trunk', width: 2.2, muted: false, dash: '12 3 3 3' },
};

/** Link kinds drawn with an arrowhead at the target (to-flow.ts); pairing has one at both ends. */
export const ARROW_LINKS: ReadonlySet<LinkKind> = new Set<LinkKind>([
  'pairing',
  'backEnd',
  'mirror',
  'nextHop',
  'logShipping',
  'backupRegistrar',
  'trunk',
]);

export function linkColor(kind: LinkKind, theme: DiagramTheme): string {
  switch (kind) {
    case 'pairing':
      return theme.family.registrar;
    case 'backEnd':
    case 'mirror':
    case 'witness':
    case 'store':
    case 'logShipping':
      return theme.family.sql;
    case 'nextHop':
    case 'mediaEdge':
    case 'fileStore':
    case 'officeOnline':
      return theme.edgeMuted;
    case 'backupRegistrar':
      return theme.edge;
    case 'trunk':
      return theme.family.voice;
  }
}

/** Icon geometry on a 24×24 grid, stroked (ui/kinds.tsx draws the same shapes). */
export type IconPart =
  | { rect: readonly [x: number, y: number, w: number, h: number, rx: number] }
  | { circle: readonly [cx: number, cy: number, r: number] }
  | { ellipse: readonly [cx: number, cy: number, rx: number, ry: number] }
  | { path: string };

export const KIND_ICON: Record<NodeKind, readonly IconPart[]> = {
  frontEndPool: [
    { rect: [3, 3, 7, 8, 1.2] },
    { rect: [14, 3, 7, 8, 1.2] },
    { rect: [8.5, 13, 7, 8, 1.2] },
    { path: 'M5 6h3M16 6h3M10.5 16h3' },
  ],
  standardEditionServer: [
    { rect: [6, 2.5, 12, 19, 1.5] },
    { path: 'M9 6.5h6M9 9.5h6' },
    { ellipse: [12, 15.5, 3, 1.2] },
    { path: 'M9 15.5v2.5c0 .7 1.3 1.2 3 1.2s3-.5 3-1.2v-2.5' },
  ],
  directorPool: [
    { circle: [12, 12, 8.5] },
    { path: 'M12 3.5v3M12 17.5v3M3.5 12h3M17.5 12h3' },
    { path: 'M9.5 14.5l5-5M14.5 9.5h-3.2M14.5 9.5v3.2' },
  ],
  sqlStore: [
    { ellipse: [12, 5.5, 7.5, 2.8] },
    { path: 'M4.5 5.5v13c0 1.5 3.4 2.8 7.5 2.8s7.5-1.3 7.5-2.8v-13' },
    { path: 'M4.5 12c0 1.5 3.4 2.8 7.5 2.8s7.5-1.3 7.5-2.8' },
  ],
  edgePool: [{ path: 'M12 2.5l8 3v6c0 5-3.4 8.6-8 10-4.6-1.4-8-5-8-10v-6z' }, { path: 'M8 12h8M13 9l3 3-3 3' }],
  mediationPool: [
    { path: 'M6.5 3.5h3l1.5 4-2 1.3a10 10 0 0 0 6.2 6.2l1.3-2 4 1.5v3a2 2 0 0 1-2.2 2A16.5 16.5 0 0 1 4.5 5.7a2 2 0 0 1 2-2.2z' },
  ],
  survivableBranch: [{ path: 'M3.5 10.5L12 4l8.5 6.5' }, { path: 'M5.5 9v11h13V9' }, { path: 'M10 20v-5h4v5' }],
  fileStore: [
    { path: 'M3 6.5a1.5 1.5 0 0 1 1.5-1.5h5l2 2.2h8a1.5 1.5 0 0 1 1.5 1.5v9.8a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5z' },
    { path: 'M3 10h18' },
  ],
  officeOnlineServer: [{ rect: [3, 4, 18, 13, 1.5] }, { path: 'M8 21h8M12 17v4' }, { path: 'M7 13l3-4 2.5 3 1.5-2 3 3' }],
  gatewayPeer: [
    { rect: [2.5, 8, 19, 8, 1.5] },
    { path: 'M6 12h.01M9 12h.01M12 12h.01' },
    { path: 'M15 12h3.5M7 8V4.5M17 8V4.5M12 16v3.5' },
  ],
  videoInteropPool: [{ rect: [2.5, 6, 13, 12, 1.5] }, { path: 'M15.5 10.5l6-3.5v10l-6-3.5' }, { path: 'M6 12h6M10 10l2 2-2 2' }],
  reverseProxy: [
    { circle: [12, 12, 8.5] },
    { path: 'M3.5 12h17M12 3.5c2.5 2.6 3.6 5.6 3.6 8.5s-1.1 5.9-3.6 8.5c-2.5-2.6-3.6-5.6-3.6-8.5s1.1-5.9 3.6-8.5z' },
  ],
  persistentChatPool: [
    { path: 'M4 5.5h11a1.5 1.5 0 0 1 1.5 1.5v6a1.5 1.5 0 0 1-1.5 1.5H9l-4 3v-3H4A1.5 1.5 0 0 1 2.5 13V7A1.5 1.5 0 0 1 4 5.5z' },
    { path: 'M18.5 9h1.5A1.5 1.5 0 0 1 21.5 10.5v5A1.5 1.5 0 0 1 20 17h-1v2.5L15.5 17H12' },
  ],
};

export const SITE_ICON: Record<'central' | 'branch', readonly IconPart[]> = {
  central: [{ rect: [3, 3, 18, 6, 1] }, { rect: [3, 11, 18, 6, 1] }, { path: 'M7 6h.01M7 14h.01M3 21h18' }],
  branch: [{ path: 'M3.5 10.5L12 4l8.5 6.5M5.5 9v11h13V9' }],
};

/** The icon parts as SVG markup (what ui/kinds.tsx renders inside its `<svg>`). */
export function iconMarkup(parts: readonly IconPart[]): string {
  return parts
    .map((p) => {
      if ('rect' in p)
        return `<rect x="${p.rect[0]}" y="${p.rect[1]}" width="${p.rect[2]}" height="${p.rect[3]}" rx="${p.rect[4]}"/>`;
      if ('circle' in p) return `<circle cx="${p.circle[0]}" cy="${p.circle[1]}" r="${p.circle[2]}"/>`;
      if ('ellipse' in p) return `<ellipse cx="${p.ellipse[0]}" cy="${p.ellipse[1]}" rx="${p.ellipse[2]}" ry="${p.ellipse[3]}"/>`;
      return `<path d="${p.path}"/>`;
    })
    .join('');
}
