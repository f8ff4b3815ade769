/**
 * The wording helpers every rule family shares: display names, numbers, counted nouns,
 * lists cut after a few items, quoting. Findings are plain text; whoever shows them
 * (panel, CLI, export) escapes them for its format, so nothing here escapes markup.
 */
import { nodeKindLabel } from '../model/link-kinds';
import type { NodeKind, StoreRole, TopologyNode } from '../model/schema';
import type { TopologyIndex } from '../model/topology-index';
import { noun, num, plural } from '../lib/text';

/** How many names a short list shows before "and N more". */
export const SHORT_LIST = 5;
/** The same for the lists of pools in FE, PAIR and CMS findings. */
export const LONG_LIST = 10;

/** Catalogue text marks field names with backticks; findings are plain text. */
export const stripCode = (s: string): string => s.replace(/`/g, '');

/** Display name of a node or site in messages: its name, and its id when they differ. */
export function label(n: { id: string; name: string }): string {
  return n.name && n.name !== n.id ? `${n.name} (${n.id})` : n.id;
}

export { noun, num, plural };

/** The first `max` items and a count of the rest, so that a large design cannot blow up a message. */
export function few<T>(xs: readonly T[], show: (x: T) => string, max = SHORT_LIST): string {
  const shown = xs.slice(0, max).map(show).join(', ');
  return xs.length > max ? `${shown} and ${num(xs.length - max)} more` : shown;
}

/** Labels of nodes or sites, the first `max` only. */
export const names = (xs: readonly { id: string; name: string }[], max = SHORT_LIST): string => few(xs, label, max);

/** Labels of every node given, comma-separated (for lists the rule itself keeps small). */
export const allNames = (xs: readonly { id: string; name: string }[]): string => xs.map(label).join(', ');

/** Clauses joined by semicolons, the first `max` only ("a; b; and 3 more"). */
export function clauses(xs: readonly string[], max = 4): string {
  const shown = xs.slice(0, max).join('; ');
  return xs.length > max ? `${shown}; and ${num(xs.length - max)} more` : shown;
}

/** "a", "a and b", "a, b and c" (or "or"). */
export function series(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** Labels as a series: "A (a), B (b) and C (c)". */
export const labelSeries = (ns: readonly { id: string; name: string }[]): string => series(ns.map(label));

/** Words that already say what kind of node a name is ("Pool A", "SE Seattle", "Back End B"). */
const KIND_WORDS: Record<NodeKind, RegExp> = {
  frontEndPool: /\b(pool|front ?end|fe)\b/i,
  standardEditionServer: /\b(se|standard edition)\b/i,
  sqlStore: /\b(sql|back ?end|store|database|db|witness|mirror)\b/i,
  edgePool: /\bedge\b/i,
  directorPool: /\bdirector\b/i,
  mediationPool: /\bmediation\b/i,
  persistentChatPool: /\b(persistent chat|chat)\b/i,
  fileStore: /\b(file|share)\b/i,
  officeOnlineServer: /\b(office online|office web apps|oos|owas?)\b/i,
  survivableBranch: /\b(sba|sbs|branch|survivable)\b/i,
  reverseProxy: /\b(reverse proxy|rp|proxy)\b/i,
  gatewayPeer: /\b(gateway|gw|sbc|pbx|trunk)\b/i,
  videoInteropPool: /\b(vis|video interop)\b/i,
};

/** A node in a message: its label, preceded by its kind unless the name already says it. */
export function kinded(n: TopologyNode): string {
  return n.name !== n.id && KIND_WORDS[n.kind].test(n.name) ? label(n) : `${nodeKindLabel(n.kind)} ${label(n)}`;
}

/** Nodes with their kinds, the first `max` only. */
export const kindedNames = (nodes: readonly TopologyNode[], max = SHORT_LIST): string => few(nodes, kinded, max);

/** Free text (a domain, a data center, an update level) shown quoted, escaped and briefly. */
export const quote = (s: string): string => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

/** A site by its label, or by its id when the document has no such site. */
export function siteName(ix: TopologyIndex, siteId: string): string {
  const s = ix.site(siteId);
  return s ? label(s) : siteId;
}

/** What each store role holds, as the messages name it ("the Monitoring database"). */
export const STORE_ROLE_LABEL: Readonly<Record<StoreRole, string>> = {
  monitoring: 'Monitoring',
  archiving: 'Archiving',
  persistentChat: 'Persistent Chat',
  persistentChatCompliance: 'Persistent Chat compliance',
};
