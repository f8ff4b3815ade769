/**
 * The system clipboard: what Ctrl+C puts there and Ctrl+V takes back, so that cards and
 * sites can be copied from one design to another (another tab, another window). The text
 * is a small envelope around an ordinary topology document; whatever comes back from the
 * clipboard is outside input and goes through parseTopology like a file.
 */
import { err, ok, type Result } from '../lib/result';
import { LIMITS } from '../model/limits';
import { parseTopology } from '../model/parse';
import type { Site, Topology } from '../model/schema';
import type { Fragment } from './copy-fragment';
import { pasteFragment } from './duplicate';
import { CLIPBOARD_TYPE, CLIPBOARD_VERSION, looksLikeClipboard, referencedSiteIds, type ClipboardError } from './clipboard-copy';

/** Reads clipboard text back: the copied elements, validated as a topology document. Never throws. */
export function readClipboard(text: string): Result<{ fragment: Fragment; contextSites: Site[] }, ClipboardError> {
  if (!looksLikeClipboard(text)) return err({ tag: 'notOurs' });
  if (text.length > LIMITS.maxDocumentChars) return err({ tag: 'tooLarge' });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return err({ tag: 'invalid', message: 'the copied text is not complete JSON' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return err({ tag: 'notOurs' });
  const e = value as Record<string, unknown>;
  if (e.type !== CLIPBOARD_TYPE) return err({ tag: 'notOurs' });
  if (typeof e.version !== 'number' || e.version > CLIPBOARD_VERSION)
    return err({ tag: 'newerVersion', version: typeof e.version === 'number' ? e.version : NaN });
  if (!Array.isArray(e.copiedSiteIds) || !e.copiedSiteIds.every((id) => typeof id === 'string'))
    return err({ tag: 'invalid', message: 'copiedSiteIds must be a list of site ids' });
  const parsed = parseTopology(e.topology);
  if (!parsed.ok) return err({ tag: 'invalid', message: parsed.error.message });
  const doc = parsed.value;
  const copied = new Set(e.copiedSiteIds as string[]);
  return ok({
    fragment: { sites: doc.sites.filter((s) => copied.has(s.id)), nodes: doc.nodes, links: doc.links, layout: doc.layout ?? {} },
    contextSites: doc.sites.filter((s) => !copied.has(s.id)),
  });
}

/**
 * Pastes what was read into `doc`: fresh ids, unique FQDNs. Nodes whose site is not in
 * `doc` (copied from another design) bring that site along, under its own name. The result
 * is checked as a whole; a paste that would not make a valid document changes nothing.
 */
export function pasteInto(
  doc: Topology,
  read: { fragment: Fragment; contextSites: Site[] },
): Result<{ doc: Topology; newIds: string[] }, string> {
  const have = new Set(doc.sites.map((s) => s.id));
  const needed = referencedSiteIds(read.fragment);
  const bring = read.contextSites.filter((s) => needed.has(s.id) && !have.has(s.id));
  const fragment: Fragment = { ...read.fragment, sites: [...read.fragment.sites, ...bring] };
  const pasted = pasteFragment(doc, fragment);
  // A site brought along keeps its name (it is not a copy in this design) unless the name is taken.
  const names = new Set(doc.sites.map((s) => s.name));
  const brought = new Map(bring.map((s) => [`${s.name} (copy)`.slice(0, LIMITS.maxNameChars), s.name]));
  const siteIds = new Set(pasted.doc.sites.map((s) => s.id));
  const sites = pasted.doc.sites.map((s, i) => {
    const original = i >= doc.sites.length ? brought.get(s.name) : undefined;
    const named = original !== undefined && !names.has(original) ? { ...s, name: original } : s;
    // A branch copied without its central site loses the association rather than the paste.
    if (named.parentSiteId === undefined || siteIds.has(named.parentSiteId)) return named;
    const { parentSiteId: _dropped, ...rest } = named;
    return rest;
  });
  const candidate = { ...pasted.doc, sites };
  const check = parseTopology(candidate);
  if (!check.ok) return err(check.error.message);
  return ok({ doc: check.value, newIds: pasted.newIds });
}
