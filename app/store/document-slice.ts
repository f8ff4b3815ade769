/**
 * The document slice: the one topology being edited, with undo/redo over every change
 * (inspector edits included). Edits go through `commit`, which pushes the previous
 * document on the history; a drag updates the layout live (`previewLayout`) and commits
 * once on release, so one drag is one undo step.
 */
import type { StateCreator } from 'zustand';
import { defaultLink, defaultNode, defaultSite, emptyTopology } from '../model/defaults';
import { linkKindsBetween } from '../model/link-kinds';
import { withPatch, type Patch } from '../lib/patch';
import type { Deployment, Link, LinkKind, NodeKind, Position, Site, SiteLink, Topology, TopologyNode } from '../model/schema';
import { emptyHistory, HISTORY_DEFAULTS, record, redo, seal, undo, type History, type HistoryOptions } from './history';

export interface DocumentSliceOptions {
  /** The clock for coalescing edits (tests pass their own). */
  now?: () => number;
  history?: HistoryOptions;
}

export interface DocumentSlice {
  doc: Topology;
  history: History<Topology>;
  /** Bumped on every committed change; autosave and "unsaved" state read it. */
  revision: number;
  /** Revision last written to a file by Save. */
  savedRevision: number;
  /** Bumped when a different document is loaded (the canvas fits the view). */
  loadSeq: number;
  commit(next: Topology | ((d: Topology) => Topology), opts?: { coalesceKey?: string }): void;
  /** Replace the document (New, Open, a link, a reference design): undoable. */
  replaceDocument(doc: Topology): void;
  undo(): void;
  redo(): void;
  /** Forget every undo and redo step (the document the page starts with). */
  clearHistory(): void;
  /** Positions of a drag in progress: only the canvas reads them; the document is untouched until release. */
  dragLayout: Record<string, Position> | null;
  previewLayout(positions: Record<string, Position>): void;
  /** End of a drag: the positions (and `change`) land in the document as one undo step. */
  commitPreview(change?: (d: Topology) => Topology): void;
  setName(name: string): void;
  /** The design's description; an empty one is removed. */
  setDescription(description: string): void;
  /** Deployment-wide settings (mode, where the Central Management store is). */
  updateDeployment(patch: Patch<Deployment>): void;
  addNode(kind: NodeKind, siteId: string, position: Position): string;
  addSite(kind: Site['kind'], position: Position): string;
  /** Sets fields of a node (a field given as `undefined` is removed), or replaces it by `patch(node)`. */
  updateNode(id: string, patch: Patch<TopologyNode> | ((n: TopologyNode) => TopologyNode)): void;
  /** Sets fields of a link; a field given as `undefined` is removed. */
  updateLink(id: string, patch: Patch<Link>): void;
  /** Sets fields of a site; a field given as `undefined` is removed. */
  updateSite(id: string, patch: Patch<Site>): void;
  addLink(kind: LinkKind, from: string, to: string): string | undefined;
  /**
   * A WAN link between two sites (format v2 `siteLinks`), fast and secured until the
   * architect says otherwise; undefined for an unknown site, the same site twice, or two
   * sites already joined. Deleted with removeElements, like every element.
   */
  addSiteLink(from: string, to: string): string | undefined;
  /** Sets the WAN properties of a site link. */
  updateSiteLink(id: string, patch: Partial<Pick<SiteLink, 'fast' | 'secured' | 'resilient'>>): void;
  removeElements(ids: readonly string[]): void;
  markSaved(): void;
}

export const createDocumentSlice =
  ({ now = Date.now, history: historyOptions = HISTORY_DEFAULTS }: DocumentSliceOptions = {}): StateCreator<
    DocumentSlice,
    [],
    [],
    DocumentSlice
  > =>
  (set, get) => ({
    doc: emptyTopology(),
    history: emptyHistory(),
    revision: 0,
    savedRevision: 0,
    loadSeq: 0,
    dragLayout: null,

    commit(next, opts) {
      const { doc, history } = get();
      const value = typeof next === 'function' ? next(doc) : next;
      if (value === doc) return;
      // Typing in one field makes one undo step, not one per keystroke.
      set({
        doc: value,
        history: record(history, doc, { key: opts?.coalesceKey, at: now() }, historyOptions),
        revision: get().revision + 1,
      });
    },

    replaceDocument(doc) {
      const { doc: previous, history } = get();
      if (doc !== previous)
        set({ doc, history: record(seal(history), previous, { at: now() }, historyOptions), revision: get().revision + 1 });
      set({ loadSeq: get().loadSeq + 1 });
    },

    undo() {
      const step = undo(get().history, get().doc);
      if (step) set({ doc: step.value, history: step.history, revision: get().revision + 1 });
    },

    redo() {
      const step = redo(get().history, get().doc);
      if (step) set({ doc: step.value, history: step.history, revision: get().revision + 1 });
    },

    clearHistory() {
      set({ history: emptyHistory() });
    },

    previewLayout(positions) {
      set({ dragLayout: { ...get().dragLayout, ...positions } });
    },

    commitPreview(change) {
      const { doc, history, dragLayout } = get();
      const moved = dragLayout ? { ...doc, layout: { ...doc.layout, ...dragLayout } } : doc;
      const value = change ? change(moved) : moved;
      if (value === doc) {
        set({ dragLayout: null });
        return;
      }
      set({
        doc: value,
        dragLayout: null,
        history: record(history, doc, { at: now() }, historyOptions),
        revision: get().revision + 1,
      });
    },

    setName(name) {
      get().commit((d) => ({ ...d, name }), { coalesceKey: 'doc-name' });
    },

    setDescription(description) {
      get().commit((d) => withPatch(d, { description: description || undefined }), { coalesceKey: 'doc-desc' });
    },

    updateDeployment(patch) {
      get().commit((d) => ({ ...d, deployment: withPatch(d.deployment, patch) }));
    },

    addNode(kind, siteId, position) {
      const { doc } = get();
      const id = freshId(doc, kindPrefix(kind));
      const domain = guessDomain(doc);
      const node = defaultNode(kind, { id, siteId, name: id, fqdn: `${id}.${domain}` });
      get().commit((d) => ({ ...d, nodes: [...d.nodes, node], layout: { ...d.layout, [id]: position } }));
      return id;
    },

    addSite(kind, position) {
      const { doc } = get();
      const id = freshId(doc, kind === 'central' ? 'site' : 'branch');
      const n = doc.sites.filter((s) => s.kind === kind).length + 1;
      const site = defaultSite(id, kind === 'central' ? `Data center ${n}` : `Branch ${n}`, kind, doc.sites[0]?.region);
      get().commit((d) => ({ ...d, sites: [...d.sites, site], layout: { ...d.layout, [id]: position } }));
      return id;
    },

    updateNode(id, patch) {
      get().commit(
        (d) => ({
          ...d,
          nodes: d.nodes.map((n) => (n.id === id ? (typeof patch === 'function' ? patch(n) : withPatch(n, patch)) : n)),
        }),
        { coalesceKey: `node:${id}:${typeof patch === 'function' ? 'fn' : Object.keys(patch).join(',')}` },
      );
    },

    updateLink(id, patch) {
      get().commit((d) => ({ ...d, links: d.links.map((l) => (l.id === id ? withPatch(l, patch) : l)) }), {
        coalesceKey: `link:${id}:${Object.keys(patch).join(',')}`,
      });
    },

    updateSite(id, patch) {
      get().commit((d) => ({ ...d, sites: d.sites.map((s) => (s.id === id ? withPatch(s, patch) : s)) }), {
        coalesceKey: `site:${id}:${Object.keys(patch).join(',')}`,
      });
    },

    addLink(kind, from, to) {
      const { doc } = get();
      const a = doc.nodes.find((n) => n.id === from);
      const b = doc.nodes.find((n) => n.id === to);
      if (!a || !b || from === to || !linkKindsBetween(a.kind, b.kind).includes(kind)) return undefined;
      const id = freshId(doc, 'link');
      get().commit((d) => ({ ...d, links: [...d.links, defaultLink(kind, id, from, to)] }));
      return id;
    },

    addSiteLink(from, to) {
      const { doc } = get();
      const known = (id: string) => doc.sites.some((s) => s.id === id);
      const joined = (doc.siteLinks ?? []).some((l) => (l.from === from && l.to === to) || (l.from === to && l.to === from));
      if (from === to || !known(from) || !known(to) || joined) return undefined;
      const id = freshId(doc, 'wan', new Set((doc.siteLinks ?? []).map((l) => l.id)));
      const link: SiteLink = { id, from, to, fast: true, secured: true, resilient: false };
      get().commit((d) => ({ ...d, siteLinks: [...(d.siteLinks ?? []), link] }));
      return id;
    },

    updateSiteLink(id, patch) {
      get().commit((d) => ({ ...d, siteLinks: (d.siteLinks ?? []).map((l) => (l.id === id ? { ...l, ...patch } : l)) }), {
        coalesceKey: `siteLink:${id}:${Object.keys(patch).join(',')}`,
      });
    },

    removeElements(ids) {
      if (ids.length === 0) return;
      const gone = new Set(ids);
      get().commit((d) => {
        // Deleting a site deletes what is in it and its WAN links; its branches lose their parent. Deleting a node deletes its links.
        const sites = d.sites
          .filter((s) => !gone.has(s.id))
          .map((s) => {
            if (s.parentSiteId === undefined || !gone.has(s.parentSiteId)) return s;
            const { parentSiteId: _gone, ...rest } = s;
            return rest;
          });
        const siteGone = new Set(d.sites.filter((s) => gone.has(s.id)).map((s) => s.id));
        const nodes = d.nodes.filter((n) => !gone.has(n.id) && !siteGone.has(n.siteId));
        const nodeIds = new Set(nodes.map((n) => n.id));
        const links = d.links.filter((l) => !gone.has(l.id) && nodeIds.has(l.from) && nodeIds.has(l.to));
        const keep = new Set([...sites.map((s) => s.id), ...nodeIds]);
        const layout = Object.fromEntries(Object.entries(d.layout ?? {}).filter(([k]) => keep.has(k)));
        const cmsHost = d.deployment.cmsHost && nodeIds.has(d.deployment.cmsHost) ? d.deployment.cmsHost : null;
        const siteLinks = d.siteLinks?.filter((l) => !gone.has(l.id) && !siteGone.has(l.from) && !siteGone.has(l.to));
        const { siteLinks: _old, ...rest } = d;
        return {
          ...rest,
          sites,
          nodes,
          links,
          layout,
          deployment: { ...d.deployment, cmsHost },
          // Removing the last WAN link leaves the WAN undescribed again, not "no WAN between any two sites".
          ...(siteLinks && (siteLinks.length > 0 || !d.siteLinks?.length) ? { siteLinks } : {}),
        };
      });
    },

    markSaved() {
      set({ savedRevision: get().revision });
    },
  });

const PREFIX: Record<NodeKind, string> = {
  frontEndPool: 'pool',
  standardEditionServer: 'se',
  sqlStore: 'sql',
  edgePool: 'edge',
  directorPool: 'dir',
  mediationPool: 'med',
  persistentChatPool: 'pchat',
  fileStore: 'fs',
  officeOnlineServer: 'oos',
  survivableBranch: 'sba',
  reverseProxy: 'rp',
  gatewayPeer: 'gw',
  videoInteropPool: 'vis',
};
export const kindPrefix = (k: NodeKind): string => PREFIX[k];

/** An id not used by any site, node or link: `pool-3`. */
export function freshId(doc: Topology, prefix: string, taken: ReadonlySet<string> = new Set()): string {
  const used = new Set<string>([
    ...doc.sites.map((s) => s.id),
    ...doc.nodes.map((n) => n.id),
    ...doc.links.map((l) => l.id),
    ...taken,
  ]);
  for (let i = 1; ; i++) {
    const id = `${prefix}-${i}`;
    if (!used.has(id)) return id;
  }
}

/** The DNS domain most nodes use, so a new node's FQDN fits in. */
export function guessDomain(doc: Topology): string {
  const counts = new Map<string, number>();
  for (const n of doc.nodes) {
    const dot = n.fqdn.indexOf('.');
    if (dot > 0) {
      const d = n.fqdn.slice(dot + 1).toLowerCase();
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
  }
  let best = 'contoso.com';
  let max = 0;
  for (const [d, c] of counts) if (c > max) [best, max] = [d, c];
  return best;
}
