/**
 * Which link kinds may join which node kinds (the link table of docs/format.md).
 * The parser refuses any other pair; the canvas uses the same table to pick the kind
 * of a new connection and to refuse impossible ones while the user drags.
 */
import type { LinkKind, NodeKind } from './schema';

type Endpoints = { from: readonly NodeKind[]; to: readonly NodeKind[] };

const REGISTRAR: readonly NodeKind[] = ['frontEndPool', 'standardEditionServer'];

/** One or more allowed (from, to) kind sets per link kind. */
export const LINK_ENDPOINTS: Record<LinkKind, readonly Endpoints[]> = {
  backEnd: [{ from: ['frontEndPool'], to: ['sqlStore'] }],
  store: [{ from: ['frontEndPool', 'standardEditionServer', 'persistentChatPool'], to: ['sqlStore'] }],
  mirror: [{ from: ['sqlStore'], to: ['sqlStore'] }],
  witness: [{ from: ['sqlStore'], to: ['sqlStore'] }],
  pairing: [{ from: REGISTRAR, to: REGISTRAR }],
  nextHop: [
    { from: ['edgePool'], to: ['frontEndPool', 'standardEditionServer', 'directorPool'] },
    { from: ['persistentChatPool'], to: REGISTRAR },
    { from: ['videoInteropPool'], to: REGISTRAR },
  ],
  mediaEdge: [{ from: REGISTRAR, to: ['edgePool'] }],
  fileStore: [{ from: ['frontEndPool', 'standardEditionServer', 'directorPool', 'persistentChatPool'], to: ['fileStore'] }],
  officeOnline: [{ from: REGISTRAR, to: ['officeOnlineServer'] }],
  backupRegistrar: [{ from: ['survivableBranch'], to: REGISTRAR }],
  logShipping: [{ from: ['sqlStore'], to: ['sqlStore'] }],
  trunk: [
    {
      from: ['mediationPool', 'frontEndPool', 'standardEditionServer', 'survivableBranch', 'videoInteropPool'],
      to: ['gatewayPeer'],
    },
  ],
};

/** Link kinds whose direction carries no meaning (one link serves both ends). */
export const UNDIRECTED_LINKS: ReadonlySet<LinkKind> = new Set<LinkKind>(['pairing']);

export function linkAllowed(kind: LinkKind, from: NodeKind, to: NodeKind): boolean {
  const ok = LINK_ENDPOINTS[kind].some((e) => e.from.includes(from) && e.to.includes(to));
  if (ok || !UNDIRECTED_LINKS.has(kind)) return ok;
  return LINK_ENDPOINTS[kind].some((e) => e.from.includes(to) && e.to.includes(from));
}

/** The link kinds that may go from a node of kind `from` to one of kind `to`, in table order. */
export function linkKindsBetween(from: NodeKind, to: NodeKind): LinkKind[] {
  return (Object.keys(LINK_ENDPOINTS) as LinkKind[]).filter((k) => linkAllowed(k, from, to));
}

/**
 * Rule ids that a schema error cites when a specific refused link is drawn: these
 * catalogue rules are "structural in v1", the parser is where they are enforced.
 */
export function structuralRuleForLink(kind: LinkKind, from: NodeKind, to: NodeKind): string | undefined {
  if (kind === 'backEnd' && from === 'standardEditionServer') return 'BE-SE-NO-HA';
  if (kind === 'pairing') return 'PAIR-POOL-KINDS';
  if (kind === 'backupRegistrar' && to === 'directorPool') return 'DIR-NO-USERS';
  return undefined;
}

const KIND_LABEL: Record<NodeKind, string> = {
  frontEndPool: 'Front End pool',
  standardEditionServer: 'Standard Edition server',
  sqlStore: 'SQL store',
  edgePool: 'Edge pool',
  directorPool: 'Director pool',
  mediationPool: 'Mediation pool',
  persistentChatPool: 'Persistent Chat pool',
  fileStore: 'file store',
  officeOnlineServer: 'Office Online Server farm',
  survivableBranch: 'survivable branch',
  reverseProxy: 'reverse proxy',
  gatewayPeer: 'gateway peer',
  videoInteropPool: 'Video Interop Server pool',
};
export const nodeKindLabel = (k: NodeKind): string => KIND_LABEL[k];

const LINK_LABEL: Record<LinkKind, string> = {
  backEnd: 'Back End',
  store: 'store',
  mirror: 'mirror',
  witness: 'witness',
  pairing: 'backup pool (pairing)',
  nextHop: 'next hop',
  mediaEdge: 'media Edge',
  fileStore: 'file store',
  officeOnline: 'Office Online',
  backupRegistrar: 'backup registrar',
  logShipping: 'log shipping',
  trunk: 'trunk',
};
export const linkKindLabel = (k: LinkKind): string => LINK_LABEL[k];

/** A sentence saying why no link can join these two kinds (shown while dragging). */
export function whyNoLink(from: NodeKind, to: NodeKind): string {
  if (from === 'standardEditionServer' && to === 'sqlStore')
    return 'A Standard Edition server keeps its Back End on its own SQL Express; only Monitoring or Archiving stores can be linked (BE-SE-NO-HA).';
  if ((from === 'directorPool' || to === 'directorPool') && (from === 'survivableBranch' || to === 'survivableBranch'))
    return 'A Director homes no users, so it cannot be a backup registrar (DIR-NO-USERS).';
  const unpairable: readonly NodeKind[] = ['edgePool', 'directorPool', 'mediationPool', 'persistentChatPool'];
  if (from === to && unpairable.includes(from))
    return `${KIND_LABEL[from]}s cannot be paired: only Front End pools and Standard Edition servers have a backup pool (PAIR-POOL-KINDS).`;
  return `A ${KIND_LABEL[from]} cannot be linked to a ${KIND_LABEL[to]}.`;
}
