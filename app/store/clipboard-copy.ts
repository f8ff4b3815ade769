/**
 * What Ctrl+C puts on the system clipboard: a small envelope around an ordinary topology
 * document. Reading it back and pasting (clipboard.ts) load on first use.
 */
import { emptyTopology } from '../model/defaults';
import { LIMITS } from '../model/limits';
import type { Topology } from '../model/schema';
import { copyFragment, type Fragment } from './copy-fragment';

export const CLIPBOARD_TYPE = 'sfb-hadr-designer/clipboard';
export const CLIPBOARD_VERSION = 1;

interface Envelope {
  type: typeof CLIPBOARD_TYPE;
  version: typeof CLIPBOARD_VERSION;
  /** Sites that were themselves copied; the others in `topology` only say where the copied nodes stood. */
  copiedSiteIds: string[];
  topology: Topology;
}

/** The sites a fragment's nodes refer to (their site, AG replicas, Persistent Chat servers). */
export function referencedSiteIds(frag: Fragment): Set<string> {
  const ids = new Set<string>();
  for (const n of frag.nodes) {
    ids.add(n.siteId);
    if (n.kind === 'sqlStore' && n.ag) for (const r of n.ag.replicas) ids.add(r.siteId);
    if (n.kind === 'persistentChatPool') for (const s of n.servers) ids.add(s.siteId);
  }
  return ids;
}

/** The clipboard text for the selection, or undefined when nothing copyable is selected. */
export function clipboardText(doc: Topology, ids: readonly string[]): string | undefined {
  const frag = copyFragment(doc, ids);
  if (!frag) return undefined;
  const copied = new Set(frag.sites.map((s) => s.id));
  const referenced = referencedSiteIds(frag);
  const context = doc.sites.filter((s) => !copied.has(s.id) && referenced.has(s.id));
  const carried = new Set([...copied, ...context.map((s) => s.id)]);
  // A branch's parent site that is not carried along is left out of the copy.
  const sites = [...frag.sites, ...context].map((s) => {
    if (s.parentSiteId === undefined || carried.has(s.parentSiteId)) return s;
    const { parentSiteId: _left, ...rest } = s;
    return rest;
  });
  const topology: Topology = {
    ...emptyTopology(`Copied from ${doc.name}`.slice(0, LIMITS.maxNameChars)),
    sites,
    nodes: frag.nodes,
    links: frag.links,
    layout: frag.layout,
  };
  const envelope: Envelope = { type: CLIPBOARD_TYPE, version: CLIPBOARD_VERSION, copiedSiteIds: [...copied], topology };
  return JSON.stringify(envelope);
}

export type ClipboardError =
  { tag: 'notOurs' } | { tag: 'tooLarge' } | { tag: 'invalid'; message: string } | { tag: 'newerVersion'; version: number };

/** Whether the text is one of ours at all (cheap: the paste handler asks on every Ctrl+V). */
export function looksLikeClipboard(text: string): boolean {
  return text.trimStart().startsWith('{') && text.includes(CLIPBOARD_TYPE);
}
