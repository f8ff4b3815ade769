/**
 * Current vs target: what changes between the deployment that exists (`current`) and the
 * design it should become (`target`). Sites, nodes and links are matched, then every
 * matched pair is compared field by field and classified, so the runbook generator can
 * choose a procedure per change and the designer can mark the canvas.
 *
 * Matching (docs/migration.md, "How two designs are compared"):
 * - sites by id, else by name (trimmed, without case);
 * - nodes only within one kind: by id; else by key, the FQDN without case (SQL stores:
 *   FQDN and instance; file stores: FQDN and share); else by name (trimmed, without case).
 *   A key or name that occurs twice on one side matches nothing there: the duplicates are
 *   removals and additions, and the rule engine already reports them;
 * - links after the nodes: same kind, matched ends (either way round for a pairing), same
 *   role for a store link; link ids never count. A single-valued association that leaves one
 *   node for another is one retarget, not a removal and an addition.
 * A changed id alone is no change. Names, descriptions and the layout are not compared
 * (a name change is reported as `relabelled`, never as a change to deploy).
 *
 * Pure and deterministic: the same two documents give the same diff, in the same order.
 */
import { productVersionLabel, verRank } from '../model/product-versions';
import type {
  HaMode,
  Link,
  LinkKind,
  NodeKind,
  ProductVersion,
  Site,
  SiteLink,
  StoreRole,
  Topology,
  TopologyNode,
} from '../model/schema';
import { LINK_KINDS, NODE_KINDS, productVersionOf } from '../model/schema';
import { count, fieldLabel, haModeWords, kindWords, valueWords } from './diff-words';

// ---------------------------------------------------------------- types

/** How a current node was paired with a target node. */
export type MatchBasis = 'id' | 'key' | 'name';

/** What a field change means for the deployment (docs/migration.md, "Classifying a matched pair"). */
export type ChangeClass =
  | 'renamed' // the key (FQDN, instance, share): a pool cannot be renamed in place
  | 'version-changed'
  | 'moved-site'
  | 'ha-changed'
  | 'resized'
  | 'patched'
  | 'os-changed'
  | 'hosting-changed'
  | 'settings-changed';

export const CHANGE_CLASSES: readonly ChangeClass[] = [
  'renamed',
  'version-changed',
  'moved-site',
  'ha-changed',
  'resized',
  'patched',
  'os-changed',
  'hosting-changed',
  'settings-changed',
];

export interface FieldChange {
  /** The document's field name: for programs only, never shown. */
  field: string;
  /** The field in the architect's words. */
  label: string;
  before: unknown;
  after: unknown;
  beforeText: string;
  afterText: string;
  changeClass: ChangeClass;
}

/**
 * How a product version change on one FQDN can be done:
 * `in-place` 2019 → Subscription Edition (M2) or Lync Server 2013 → 2015;
 * `side-by-side-only` every other upgrade (2015 → Subscription Edition, 2015 → 2019, …): a new pool with a new FQDN (M1);
 * `downgrade` no documented path.
 */
export type VersionPath = 'in-place' | 'side-by-side-only' | 'downgrade';

export interface VersionChange {
  from: ProductVersion;
  to: ProductVersion;
  path: VersionPath;
  /** The rule the merged transition document raises for it, when there is one. */
  ruleId?: string;
}

export type NodeStatus = 'added' | 'removed' | 'changed';

export interface NodeDiff {
  status: NodeStatus;
  kind: NodeKind;
  /** Id in the current design; absent for an added node. */
  currentId?: string;
  /** Id in the target design; absent for a removed node. */
  targetId?: string;
  matchedBy?: MatchBasis;
  /** The target's name, else the current one. */
  name: string;
  current?: TopologyNode;
  target?: TopologyNode;
  /** Distinct classes of the changes, in CHANGE_CLASSES order (empty for added and removed). */
  classes: ChangeClass[];
  fields: FieldChange[];
  /** The display name changed (not a deployment change by itself). */
  relabelled?: { before: string; after: string };
  version?: VersionChange;
  ha?: { from: HaMode; to: HaMode };
  /** Site ids of each side when the node moved between (matched) sites. */
  site?: { currentSiteId: string; targetSiteId: string };
  /**
   * The change cannot be made to the running servers: a new pool (or farm, or appliance)
   * is built and the current one retired. True for a changed FQDN, a server role moved to
   * another site, a new Windows Server version without a product upgrade, and a version
   * change that has no in-place path.
   */
  replacement: boolean;
  /** One sentence for an architect. */
  summary: string;
}

export type LinkStatus = 'added' | 'removed' | 'changed' | 'retargeted';

export interface LinkDiff {
  status: LinkStatus;
  kind: LinkKind;
  role?: StoreRole;
  currentId?: string;
  targetId?: string;
  current?: Link;
  target?: Link;
  /** Target-side ids of the ends; absent where that end is not in the target. */
  from?: string;
  to?: string;
  /** Current-side ids of the ends; absent where that end is not in the current design. */
  currentFrom?: string;
  currentTo?: string;
  fields: FieldChange[];
  /** A single-valued association moved: the node it now points at, and the one it pointed at (current-side id). */
  retarget?: { currentToId: string; targetToId: string };
  summary: string;
}

export type SiteStatus = 'added' | 'removed' | 'changed';

export interface SiteDiff {
  status: SiteStatus;
  currentId?: string;
  targetId?: string;
  matchedBy?: 'id' | 'name';
  name: string;
  fields: FieldChange[];
  summary: string;
}

export interface SiteLinkDiff {
  status: 'added' | 'removed' | 'changed';
  currentId?: string;
  targetId?: string;
  fields: FieldChange[];
  summary: string;
}

export interface CmsMove {
  /** Current-side id of the CMS host (null when the current design names none). */
  currentHostId: string | null;
  /** Target-side id (null when the target names none). */
  targetHostId: string | null;
  summary: string;
}

export interface NodeMatch {
  currentId: string;
  targetId: string;
  by: MatchBasis;
}

export interface DiffCounts {
  added: number;
  removed: number;
  changed: number;
  versionChanged: number;
  haChanged: number;
  linksAdded: number;
  linksRemoved: number;
  linksChanged: number;
  sitesChanged: number;
}

export interface TopologyDiff {
  /** Every matched node pair, changed or not, in current-document order. */
  matches: NodeMatch[];
  /** Every matched site pair. */
  siteMatches: { currentId: string; targetId: string; by: 'id' | 'name' }[];
  sites: SiteDiff[];
  nodes: NodeDiff[];
  links: LinkDiff[];
  siteLinks: SiteLinkDiff[];
  cmsMove?: CmsMove;
  counts: DiffCounts;
  /** A few lines an architect reads first ("2 pools upgraded to Subscription Edition…"). */
  headline: string[];
}

// ---------------------------------------------------------------- helpers

const trimLower = (s: string): string => s.trim().toLowerCase();

/** The key a node is matched by when the ids differ. */
export function matchKey(n: TopologyNode): string {
  switch (n.kind) {
    case 'sqlStore':
      return `${n.fqdn.toLowerCase()}\\${n.instance.toLowerCase()}`;
    case 'fileStore':
      return `${n.fqdn.toLowerCase()}\\${n.share.toLowerCase()}`;
    default:
      return n.fqdn.toLowerCase();
  }
}

const KEY_FIELDS: Partial<Record<NodeKind, readonly string[]>> = { sqlStore: ['fqdn', 'instance'], fileStore: ['fqdn', 'share'] };
const keyFields = (kind: NodeKind): readonly string[] => KEY_FIELDS[kind] ?? ['fqdn'];

/** Fields whose text is a DNS name or share: compared without case. */
const CASELESS = (field: string): boolean =>
  field === 'fqdn' || field.endsWith('Fqdn') || field === 'domain' || field === 'share' || field === 'instance';

const HA_FIELDS = new Set(['haMode', 'currentHaMode', 'ag', 'clusterNodes']);
const SIZE_FIELDS = new Set([
  'frontEndServers',
  'servers',
  'users',
  'concurrentRemoteUsers',
  'concurrentUsers',
  'largestMeeting',
  'concurrentTranscodedVtcs',
]);
const PATCH_FIELDS = new Set(['cumulativeUpdate', 'sqlUpdateLevel']);
/**
 * Not compared: identity and presentation, and `deployed` (every node of the current design
 * is deployed by definition; in the target the flag only tells the steps what exists).
 */
const SKIPPED = new Set(['id', 'kind', 'name', 'description', 'deployed']);

/** Kinds whose servers are rebuilt, not edited, when their FQDN or site changes. */
const REBUILT_KINDS = new Set<NodeKind>([
  'frontEndPool',
  'standardEditionServer',
  'edgePool',
  'directorPool',
  'mediationPool',
  'persistentChatPool',
  'officeOnlineServer',
  'survivableBranch',
  'videoInteropPool',
]);

function stable(value: unknown): string {
  if (value === undefined) return 'u';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
    .join(',')}}`;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function versionPath(from: ProductVersion, to: ProductVersion): VersionChange {
  if (verRank(to) < verRank(from)) return { from, to, path: 'downgrade' };
  if (from === '2019' && to === 'SE') return { from, to, path: 'in-place', ruleId: 'UPG-INPLACE-2019-SE' };
  if (from === 'lync2013' && to === '2015') return { from, to, path: 'in-place', ruleId: 'TOPO-UPGRADE-2015-SOURCE' };
  if (from === '2015' && to === 'SE') return { from, to, path: 'side-by-side-only', ruleId: 'UPG-INPLACE-2015-SE' };
  if (to === '2019') return { from, to, path: 'side-by-side-only', ruleId: 'GEN-INPLACE-UPGRADE-2019' };
  return { from, to, path: 'side-by-side-only' };
}

/** Pairs items of two lists by a key; keys that occur more than once on a side are left out. */
function uniqueKeyPairs<T>(left: readonly T[], right: readonly T[], key: (x: T) => string): [T, T][] {
  const tally = (xs: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) {
      const k = key(x);
      const list = m.get(k);
      if (list) list.push(x);
      else m.set(k, [x]);
    }
    return m;
  };
  const l = tally(left);
  const r = tally(right);
  const pairs: [T, T][] = [];
  for (const [k, ls] of l) {
    const rs = r.get(k);
    if (ls.length === 1 && rs?.length === 1) pairs.push([ls[0]!, rs[0]!]);
  }
  return pairs;
}

// ---------------------------------------------------------------- the diff

export function diffTopologies(current: Topology, target: Topology): TopologyDiff {
  // ---- sites
  const siteMatches: TopologyDiff['siteMatches'] = [];
  const siteC2T = new Map<string, string>();
  const targetSiteIds = new Set(target.sites.map((s) => s.id));
  for (const s of current.sites) {
    if (targetSiteIds.has(s.id)) {
      siteMatches.push({ currentId: s.id, targetId: s.id, by: 'id' });
      siteC2T.set(s.id, s.id);
    }
  }
  {
    const matchedT = new Set(siteC2T.values());
    const restC = current.sites.filter((s) => !siteC2T.has(s.id));
    const restT = target.sites.filter((s) => !matchedT.has(s.id));
    for (const [c, t] of uniqueKeyPairs(restC, restT, (s) => trimLower(s.name))) {
      siteMatches.push({ currentId: c.id, targetId: t.id, by: 'name' });
      siteC2T.set(c.id, t.id);
    }
  }
  const siteNameC = new Map(current.sites.map((s) => [s.id, s.name]));
  const siteNameT = new Map(target.sites.map((s) => [s.id, s.name]));
  const targetSiteName = (id: string) => siteNameT.get(id) ?? siteNameC.get(id) ?? id;
  /** A current site id in target terms (an unmatched one stays apart from every target id). */
  const mapSite = (id: string) => siteC2T.get(id) ?? `\u0000current:${id}`;

  // ---- nodes
  const matches: NodeMatch[] = [];
  const c2t = new Map<string, string>();
  const t2c = new Map<string, string>();
  const currentById = new Map(current.nodes.map((n) => [n.id, n]));
  const targetById = new Map(target.nodes.map((n) => [n.id, n]));
  const pair = (c: TopologyNode, t: TopologyNode, by: MatchBasis) => {
    c2t.set(c.id, t.id);
    t2c.set(t.id, c.id);
    matches.push({ currentId: c.id, targetId: t.id, by });
  };
  for (const c of current.nodes) {
    const t = targetById.get(c.id);
    if (t && t.kind === c.kind && !t2c.has(t.id)) pair(c, t, 'id');
  }
  // Keys count over the whole side (a duplicate already matched by id still makes the key ambiguous).
  for (const kind of NODE_KINDS) {
    const allC = current.nodes.filter((n) => n.kind === kind);
    const allT = target.nodes.filter((n) => n.kind === kind);
    const dupC = duplicates(allC.map(matchKey));
    const dupT = duplicates(allT.map(matchKey));
    const restC = allC.filter((n) => !c2t.has(n.id) && !dupC.has(matchKey(n)));
    const restT = allT.filter((n) => !t2c.has(n.id) && !dupT.has(matchKey(n)));
    for (const [c, t] of uniqueKeyPairs(restC, restT, matchKey)) pair(c, t, 'key');
    const nameC = current.nodes.filter((n) => n.kind === kind && !c2t.has(n.id));
    const nameT = target.nodes.filter((n) => n.kind === kind && !t2c.has(n.id));
    for (const [c, t] of uniqueKeyPairs(nameC, nameT, (n) => trimLower(n.name))) pair(c, t, 'name');
  }
  const order = new Map(current.nodes.map((n, i) => [n.id, i]));
  matches.sort((a, b) => order.get(a.currentId)! - order.get(b.currentId)!);

  const nodeNameC = (id: string) => currentById.get(id)?.name ?? id;
  const nodeNameT = (id: string) => targetById.get(id)?.name ?? id;

  const nodes: NodeDiff[] = [];
  for (const m of matches) {
    const d = compareNodes(currentById.get(m.currentId)!, targetById.get(m.targetId)!, m.by, mapSite, targetSiteName);
    if (d) nodes.push(d);
  }
  for (const c of current.nodes) {
    if (!c2t.has(c.id))
      nodes.push({
        status: 'removed',
        kind: c.kind,
        currentId: c.id,
        name: c.name,
        current: c,
        classes: [],
        fields: [],
        replacement: false,
        summary: `${cap(kindWords(c.kind))} \u201c${c.name}\u201d (${describeKey(c)}) removed from ${siteNameC.get(c.siteId) ?? c.siteId}.`,
      });
  }
  for (const t of target.nodes) {
    if (!t2c.has(t.id)) {
      const v = productVersionOf(t);
      nodes.push({
        status: 'added',
        kind: t.kind,
        targetId: t.id,
        name: t.name,
        target: t,
        classes: [],
        fields: [],
        replacement: false,
        summary: `${cap(kindWords(t.kind))} \u201c${t.name}\u201d (${describeKey(t)}${v ? `, ${productVersionLabel(v)}` : ''}) added in ${targetSiteName(t.siteId)}.`,
      });
    }
  }

  // ---- links
  const links = diffLinks(current, target, c2t, nodeNameC, nodeNameT);
  // Mirroring and witness links are part of a store's high availability.
  for (const l of links) {
    if (l.kind !== 'mirror' && l.kind !== 'witness') continue;
    for (const end of [l.from, l.to]) {
      if (end === undefined) continue;
      const t = targetById.get(end);
      if (!t || t.kind !== 'sqlStore' || !t2c.has(end)) continue;
      let d = nodes.find((n) => n.targetId === end);
      if (!d) {
        const c = currentById.get(t2c.get(end)!)!;
        d = {
          status: 'changed',
          kind: t.kind,
          currentId: c.id,
          targetId: t.id,
          matchedBy: matches.find((m) => m.targetId === end)!.by,
          name: t.name,
          current: c,
          target: t,
          classes: [],
          fields: [],
          replacement: false,
          summary: '',
        };
        nodes.push(d);
      }
      const note = 'its SQL Server mirroring or witness changes';
      if (!d.summary.includes(note)) {
        d.classes = CHANGE_CLASSES.filter((k) => k === 'ha-changed' || d!.classes.includes(k));
        d.summary = d.summary
          ? `${d.summary.replace(/\.$/, '')}; ${note}.`
          : `${cap(kindWords(t.kind))} \u201c${t.name}\u201d: ${note}.`;
      }
    }
  }

  // ---- sites and WAN links
  const sites = diffSites(current.sites, target.sites, siteMatches, targetSiteName);
  const siteLinks = diffSiteLinks(
    current.siteLinks ?? [],
    target.siteLinks ?? [],
    mapSite,
    targetSiteName,
    (id) => siteNameC.get(id) ?? id,
  );

  // ---- CMS
  let cmsMove: CmsMove | undefined;
  const cHost = current.deployment.cmsHost;
  const tHost = target.deployment.cmsHost;
  const mapped = cHost === null ? null : (c2t.get(cHost) ?? `\u0000current:${cHost}`);
  if (mapped !== tHost) {
    const from = cHost === null ? 'no server' : `\u201c${nodeNameC(cHost)}\u201d`;
    const to = tHost === null ? 'no server' : `\u201c${nodeNameT(tHost)}\u201d`;
    cmsMove = { currentHostId: cHost, targetHostId: tHost, summary: `The Central Management store moves from ${from} to ${to}.` };
  }

  const rank: Record<NodeStatus, number> = { removed: 0, added: 1, changed: 2 };
  const kindOrder = new Map<string, number>(NODE_KINDS.map((k, i) => [k, i]));
  nodes.sort(
    (a, b) =>
      rank[a.status] - rank[b.status] ||
      kindOrder.get(a.kind)! - kindOrder.get(b.kind)! ||
      cmp(a.name.toLowerCase(), b.name.toLowerCase()) ||
      cmp(a.name, b.name) ||
      cmp(a.targetId ?? a.currentId!, b.targetId ?? b.currentId!),
  );

  const counts: DiffCounts = {
    added: nodes.filter((n) => n.status === 'added').length,
    removed: nodes.filter((n) => n.status === 'removed').length,
    changed: nodes.filter((n) => n.status === 'changed').length,
    versionChanged: nodes.filter((n) => n.version).length,
    haChanged: nodes.filter((n) => n.classes.includes('ha-changed')).length,
    linksAdded: links.filter((l) => l.status === 'added').length,
    linksRemoved: links.filter((l) => l.status === 'removed').length,
    linksChanged: links.filter((l) => l.status === 'changed' || l.status === 'retargeted').length,
    sitesChanged: sites.length,
  };
  return {
    matches,
    siteMatches,
    sites,
    nodes,
    links,
    siteLinks,
    ...(cmsMove ? { cmsMove } : {}),
    counts,
    headline: headline(counts, nodes, links, cmsMove),
  };
}

function duplicates(keys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const k of keys) (seen.has(k) ? dup : seen).add(k);
  return dup;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function describeKey(n: TopologyNode): string {
  switch (n.kind) {
    case 'sqlStore':
      return n.instance ? `${n.fqdn}\\${n.instance}` : n.fqdn;
    case 'fileStore':
      return `\\\\${n.fqdn}\\${n.share}`;
    default:
      return n.fqdn;
  }
}

/** The values of a node in comparable form: sites in target terms, DNS names without case, unordered lists sorted. */
function comparable(n: TopologyNode, mapSite: (id: string) => string, isCurrent: boolean): Record<string, unknown> {
  const site = (id: string) => (isCurrent ? mapSite(id) : id);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) {
    if (SKIPPED.has(k) || v === undefined) continue;
    if (k === 'siteId') out[k] = site(v as string);
    else if (CASELESS(k) && typeof v === 'string') out[k] = v.toLowerCase();
    else if (k === 'ag') {
      const ag = v as NonNullable<Extract<TopologyNode, { kind: 'sqlStore' }>['ag']>;
      out[k] = {
        ...ag,
        listenerFqdn: ag.listenerFqdn.toLowerCase(),
        listenerPort: ag.listenerPort ?? 1433,
        replicas: ag.replicas
          .map((r) => ({ ...r, fqdn: r.fqdn.toLowerCase(), siteId: site(r.siteId) }))
          .sort((a, b) => cmp(stable(a), stable(b))),
      };
    } else if (k === 'servers' && Array.isArray(v))
      out[k] = (v as { siteId: string; active: boolean }[])
        .map((s) => ({ ...s, siteId: site(s.siteId) }))
        .sort((a, b) => cmp(stable(a), stable(b)));
    else if (k === 'natAddresses' && Array.isArray(v)) out[k] = [...(v as string[])].map((a) => a.toLowerCase()).sort();
    else out[k] = v;
  }
  return out;
}

function classOf(kind: NodeKind, field: string, versionChanged: boolean): ChangeClass {
  if (keyFields(kind).includes(field)) return 'renamed';
  if (field === 'productVersion') return 'version-changed';
  if (field === 'siteId') return 'moved-site';
  if (HA_FIELDS.has(field)) return 'ha-changed';
  if (SIZE_FIELDS.has(field)) return 'resized';
  if (PATCH_FIELDS.has(field)) return versionChanged && field === 'cumulativeUpdate' ? 'version-changed' : 'patched';
  if (field === 'os') return 'os-changed';
  if (field === 'hosting') return 'hosting-changed';
  return 'settings-changed';
}

function compareNodes(
  c: TopologyNode,
  t: TopologyNode,
  by: MatchBasis,
  mapSite: (id: string) => string,
  siteName: (id: string) => string,
): NodeDiff | undefined {
  const a = comparable(c, mapSite, true);
  const b = comparable(t, mapSite, false);
  const fieldNames = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const cv = productVersionOf(c);
  const tv = productVersionOf(t);
  const versionChanged = cv !== undefined && tv !== undefined && cv !== tv;
  const fields: FieldChange[] = [];
  for (const f of fieldNames) {
    if (stable(a[f]) === stable(b[f])) continue;
    const before = (c as Record<string, unknown>)[f];
    const after = (t as Record<string, unknown>)[f];
    fields.push({
      field: f,
      label: fieldLabel(f),
      before,
      after,
      beforeText: valueWords(f, before, siteName),
      afterText: valueWords(f, after, siteName),
      changeClass: classOf(c.kind, f, versionChanged),
    });
  }
  const relabelled = c.name !== t.name ? { before: c.name, after: t.name } : undefined;
  if (!fields.length && !relabelled) return undefined;
  const classes = CHANGE_CLASSES.filter((k) => fields.some((f) => f.changeClass === k));
  const version = cv !== undefined && tv !== undefined && cv !== tv ? versionPath(cv, tv) : undefined;
  const ha =
    c.kind === 'sqlStore' && t.kind === 'sqlStore' && c.haMode !== t.haMode ? { from: c.haMode, to: t.haMode } : undefined;
  const site = classes.includes('moved-site') ? { currentSiteId: c.siteId, targetSiteId: t.siteId } : undefined;
  const rebuilt = REBUILT_KINDS.has(c.kind);
  const replacement =
    (rebuilt && (classes.includes('renamed') || classes.includes('moved-site'))) ||
    (version !== undefined && version.path !== 'in-place') ||
    (rebuilt && classes.includes('os-changed') && version === undefined);
  const d: NodeDiff = {
    status: 'changed',
    kind: c.kind,
    currentId: c.id,
    targetId: t.id,
    matchedBy: by,
    name: t.name,
    current: c,
    target: t,
    classes,
    fields,
    ...(relabelled ? { relabelled } : {}),
    ...(version ? { version } : {}),
    ...(ha ? { ha } : {}),
    ...(site ? { site } : {}),
    replacement,
    summary: '',
  };
  d.summary = nodeSummary(d, siteName);
  return fields.length
    ? d
    : {
        ...d,
        summary: `${cap(kindWords(c.kind))} \u201c${c.name}\u201d is now called \u201c${t.name}\u201d (a label only: nothing changes on the servers).`,
      };
}

const VERSION_PATH_WORDS: Record<VersionPath, string> = {
  'in-place': 'an in-place upgrade',
  'side-by-side-only': 'no in-place upgrade exists: a new pool with a new FQDN and a side-by-side migration',
  downgrade: 'a downgrade, which has no documented path',
};

function nodeSummary(d: NodeDiff, siteName: (id: string) => string): string {
  const parts: string[] = [];
  if (d.version)
    parts.push(
      `${productVersionLabel(d.version.from)} \u2192 ${productVersionLabel(d.version.to)} (${VERSION_PATH_WORDS[d.version.path]})`,
    );
  if (d.ha) parts.push(`high availability ${haModeWords(d.ha.from)} \u2192 ${haModeWords(d.ha.to)}`);
  if (d.site) parts.push(`moves from ${siteName(d.site.currentSiteId)} to ${siteName(d.site.targetSiteId)}`);
  for (const f of d.fields) {
    if (f.field === 'productVersion' || f.field === 'siteId' || (f.field === 'haMode' && d.ha)) continue;
    parts.push(`${f.label} ${f.beforeText} \u2192 ${f.afterText}`);
  }
  const rebuild =
    d.replacement && !(d.version && d.version.path !== 'in-place')
      ? ' (not possible in place: new servers are built and the current ones retired)'
      : '';
  return `${cap(kindWords(d.kind))} \u201c${d.name}\u201d: ${parts.join('; ')}${rebuild}.`;
}

// ---------------------------------------------------------------- links

const SINGLE_VALUED = new Set<LinkKind>(['backEnd', 'mediaEdge', 'nextHop', 'fileStore', 'officeOnline', 'backupRegistrar']);
const LINK_DEFAULTS: Partial<Record<LinkKind, Record<string, unknown>>> = {
  mirror: { port: 5022, synchronous: true },
  witness: { port: 7022 },
  pairing: { voiceFailoverSeconds: 300 },
};
const LINK_SKIPPED = new Set(['id', 'from', 'to', 'kind', 'role']);

const LINK_WORDS: Record<LinkKind, string> = {
  backEnd: 'Back End',
  store: 'store',
  mirror: 'SQL Server mirror',
  witness: 'mirroring witness',
  pairing: 'pool pairing',
  nextHop: 'next hop',
  mediaEdge: 'Edge for media',
  fileStore: 'file store',
  officeOnline: 'Office Online Server',
  backupRegistrar: 'backup registrar',
  logShipping: 'log shipping',
  trunk: 'SIP trunk',
};

const ends = (from: string | undefined, to: string | undefined) => ({
  ...(from !== undefined ? { from } : {}),
  ...(to !== undefined ? { to } : {}),
});

function linkFields(l: Link): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(LINK_DEFAULTS[l.kind] ?? {}) };
  for (const [k, v] of Object.entries(l)) if (!LINK_SKIPPED.has(k) && v !== undefined) out[k] = v;
  return out;
}

function linkSentence(kind: LinkKind, role: StoreRole | undefined, from: string, to: string, verb: 'added' | 'removed'): string {
  const q = (s: string) => `\u201c${s}\u201d`;
  switch (kind) {
    case 'pairing':
      return verb === 'added'
        ? `${q(from)} and ${q(to)} are paired (each is the other\u2019s backup pool).`
        : `${q(from)} and ${q(to)} are no longer paired.`;
    case 'backEnd':
      return `${q(to)} ${verb === 'added' ? 'becomes' : 'is no longer'} the Back End of ${q(from)}.`;
    case 'store':
      return `${q(to)} ${verb === 'added' ? 'becomes' : 'is no longer'} the ${valueWords('role', role, (x) => x)} store of ${q(from)}.`;
    case 'mirror':
      return verb === 'added' ? `${q(from)} is mirrored to ${q(to)}.` : `${q(from)} is no longer mirrored to ${q(to)}.`;
    case 'witness':
      return verb === 'added'
        ? `${q(to)} becomes the mirroring witness of ${q(from)}.`
        : `${q(to)} is no longer the mirroring witness of ${q(from)}.`;
    case 'nextHop':
      return `${q(from)} ${verb === 'added' ? 'gets' : 'loses'} ${q(to)} as its next hop.`;
    case 'mediaEdge':
      return `${q(from)} ${verb === 'added' ? 'uses' : 'no longer uses'} ${q(to)} for media (Edge association).`;
    case 'backupRegistrar':
      return `${q(from)} ${verb === 'added' ? 'gets' : 'loses'} ${q(to)} as its backup registrar.`;
    case 'logShipping':
      return `Log shipping from ${q(from)} to ${q(to)} ${verb}.`;
    case 'trunk':
      return `SIP trunk between ${q(from)} and ${q(to)} ${verb}.`;
    case 'fileStore':
    case 'officeOnline':
      return `${q(from)} ${verb === 'added' ? 'uses' : 'no longer uses'} ${q(to)} (${LINK_WORDS[kind]}).`;
  }
}

function diffLinks(
  current: Topology,
  target: Topology,
  c2t: Map<string, string>,
  nameC: (id: string) => string,
  nameT: (id: string) => string,
): LinkDiff[] {
  const mapEnd = (id: string) => c2t.get(id) ?? `\u0000current:${id}`;
  const keyOf = (l: Link, from: string, to: string) => {
    const [a, b] = l.kind === 'pairing' && to < from ? [to, from] : [from, to];
    return `${l.kind}|${l.kind === 'store' ? l.role : ''}|${a}|${b}`;
  };
  const targetByKey = new Map<string, Link[]>();
  for (const t of target.links) {
    const k = keyOf(t, t.from, t.to);
    const list = targetByKey.get(k);
    if (list) list.push(t);
    else targetByKey.set(k, [t]);
  }
  const out: LinkDiff[] = [];
  const removed: Link[] = [];
  const usedT = new Set<Link>();
  const endName = (id: string) => (id.startsWith('\u0000current:') ? nameC(id.slice(9)) : nameT(id));
  for (const c of current.links) {
    const from = mapEnd(c.from);
    const to = mapEnd(c.to);
    const t = targetByKey.get(keyOf(c, from, to))?.find((x) => !usedT.has(x));
    if (!t) {
      removed.push(c);
      continue;
    }
    usedT.add(t);
    const a = linkFields(c);
    const b = linkFields(t);
    const fields: FieldChange[] = [];
    for (const f of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (stable(a[f]) === stable(b[f])) continue;
      fields.push({
        field: f,
        label: fieldLabel(f),
        before: a[f],
        after: b[f],
        beforeText: valueWords(f, a[f], (x) => x),
        afterText: valueWords(f, b[f], (x) => x),
        changeClass: c.kind === 'mirror' || c.kind === 'witness' ? 'ha-changed' : 'settings-changed',
      });
    }
    if (fields.length)
      out.push({
        status: 'changed',
        kind: t.kind,
        ...(t.kind === 'store' ? { role: t.role } : {}),
        currentId: c.id,
        targetId: t.id,
        current: c,
        target: t,
        from: t.from,
        to: t.to,
        currentFrom: c.from,
        currentTo: c.to,
        fields,
        summary: `${cap(LINK_WORDS[t.kind])} between \u201c${nameT(t.from)}\u201d and \u201c${nameT(t.to)}\u201d: ${fields.map((f) => `${f.label} ${f.beforeText} \u2192 ${f.afterText}`).join('; ')}.`,
      });
  }
  const added = target.links.filter((t) => !usedT.has(t));
  // A single-valued association that moved from one node to another is a retarget.
  const retargeted = new Set<Link>();
  for (const c of removed) {
    if (!SINGLE_VALUED.has(c.kind) || !c2t.has(c.from)) continue;
    const from = c2t.get(c.from)!;
    const sameC = removed.filter((x) => x.kind === c.kind && x.from === c.from);
    const sameT = added.filter((x) => x.kind === c.kind && x.from === from && !retargeted.has(x));
    if (sameC.length !== 1 || sameT.length !== 1) continue;
    const t = sameT[0]!;
    retargeted.add(c);
    retargeted.add(t);
    out.push({
      status: 'retargeted',
      kind: t.kind,
      currentId: c.id,
      targetId: t.id,
      current: c,
      target: t,
      from,
      to: t.to,
      currentFrom: c.from,
      currentTo: c.to,
      fields: [],
      retarget: { currentToId: c.to, targetToId: t.to },
      summary: `${cap(LINK_WORDS[t.kind])} of \u201c${nameT(from)}\u201d moves from \u201c${nameC(c.to)}\u201d to \u201c${nameT(t.to)}\u201d.`,
    });
  }
  for (const c of removed) {
    if (retargeted.has(c)) continue;
    const from = mapEnd(c.from);
    const to = mapEnd(c.to);
    out.push({
      status: 'removed',
      kind: c.kind,
      ...(c.kind === 'store' ? { role: c.role } : {}),
      currentId: c.id,
      current: c,
      ...ends(c2t.get(c.from), c2t.get(c.to)),
      currentFrom: c.from,
      currentTo: c.to,
      fields: [],
      summary: linkSentence(c.kind, c.kind === 'store' ? c.role : undefined, endName(from), endName(to), 'removed'),
    });
  }
  for (const t of added) {
    if (retargeted.has(t)) continue;
    out.push({
      status: 'added',
      kind: t.kind,
      ...(t.kind === 'store' ? { role: t.role } : {}),
      targetId: t.id,
      target: t,
      from: t.from,
      to: t.to,
      fields: [],
      summary: linkSentence(t.kind, t.kind === 'store' ? t.role : undefined, nameT(t.from), nameT(t.to), 'added'),
    });
  }
  const rank: Record<LinkStatus, number> = { removed: 0, added: 1, retargeted: 2, changed: 3 };
  const kindOrder = new Map<string, number>(LINK_KINDS.map((k, i) => [k, i]));
  return out.sort(
    (a, b) =>
      rank[a.status] - rank[b.status] ||
      kindOrder.get(a.kind)! - kindOrder.get(b.kind)! ||
      cmp(a.summary, b.summary) ||
      cmp(a.targetId ?? a.currentId!, b.targetId ?? b.currentId!),
  );
}

// ---------------------------------------------------------------- sites

function diffSites(
  current: readonly Site[],
  target: readonly Site[],
  matches: TopologyDiff['siteMatches'],
  siteName: (id: string) => string,
): SiteDiff[] {
  const out: SiteDiff[] = [];
  const c2t = new Map(matches.map((m) => [m.currentId, m.targetId]));
  const matchedT = new Set(matches.map((m) => m.targetId));
  const byIdC = new Map(current.map((s) => [s.id, s]));
  const byIdT = new Map(target.map((s) => [s.id, s]));
  for (const m of matches) {
    const c = byIdC.get(m.currentId)!;
    const t = byIdT.get(m.targetId)!;
    const fields: FieldChange[] = [];
    for (const f of ['name', 'kind', 'region', 'datacenter', 'parentSiteId'] as const) {
      const before = c[f];
      const after = t[f];
      const same =
        f === 'parentSiteId'
          ? (before === undefined ? undefined : (c2t.get(before) ?? `\u0000${before}`)) === after
          : (before ?? '') === (after ?? '');
      if (same) continue;
      fields.push({
        field: f,
        label: fieldLabel(f),
        before,
        after,
        beforeText:
          f === 'parentSiteId' && before !== undefined ? (byIdC.get(before)?.name ?? before) : valueWords(f, before, siteName),
        afterText: valueWords(f, after, siteName),
        changeClass: 'settings-changed',
      });
    }
    if (fields.length)
      out.push({
        status: 'changed',
        currentId: c.id,
        targetId: t.id,
        matchedBy: m.by,
        name: t.name,
        fields,
        summary: `Site \u201c${t.name}\u201d: ${fields.map((f) => `${f.label} ${f.beforeText} \u2192 ${f.afterText}`).join('; ')}.`,
      });
  }
  for (const c of current)
    if (!c2t.has(c.id))
      out.push({ status: 'removed', currentId: c.id, name: c.name, fields: [], summary: `Site \u201c${c.name}\u201d removed.` });
  for (const t of target)
    if (!matchedT.has(t.id))
      out.push({
        status: 'added',
        targetId: t.id,
        name: t.name,
        fields: [],
        summary: `Site \u201c${t.name}\u201d added (${valueWords('kind', t.kind, siteName)}).`,
      });
  const rank: Record<SiteStatus, number> = { removed: 0, added: 1, changed: 2 };
  return out.sort(
    (a, b) =>
      rank[a.status] - rank[b.status] ||
      cmp(a.name.toLowerCase(), b.name.toLowerCase()) ||
      cmp(a.targetId ?? a.currentId!, b.targetId ?? b.currentId!),
  );
}

function diffSiteLinks(
  current: readonly SiteLink[],
  target: readonly SiteLink[],
  mapSite: (id: string) => string,
  nameT: (id: string) => string,
  nameC: (id: string) => string,
): SiteLinkDiff[] {
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const byKey = new Map<string, SiteLink[]>();
  for (const t of target) byKey.set(key(t.from, t.to), [...(byKey.get(key(t.from, t.to)) ?? []), t]);
  const used = new Set<SiteLink>();
  const out: SiteLinkDiff[] = [];
  const nm = (id: string) => (id.startsWith('\u0000current:') ? nameC(id.slice(9)) : nameT(id));
  for (const c of current) {
    const t = byKey.get(key(mapSite(c.from), mapSite(c.to)))?.find((x) => !used.has(x));
    const between = `\u201c${nm(mapSite(c.from))}\u201d and \u201c${nm(mapSite(c.to))}\u201d`;
    if (!t) {
      out.push({ status: 'removed', currentId: c.id, fields: [], summary: `WAN link between ${between} removed.` });
      continue;
    }
    used.add(t);
    const fields: FieldChange[] = [];
    for (const f of ['fast', 'secured', 'resilient'] as const) {
      if (c[f] !== t[f])
        fields.push({
          field: f,
          label: fieldLabel(f),
          before: c[f],
          after: t[f],
          beforeText: valueWords(f, c[f], nameT),
          afterText: valueWords(f, t[f], nameT),
          changeClass: 'settings-changed',
        });
    }
    if (fields.length)
      out.push({
        status: 'changed',
        currentId: c.id,
        targetId: t.id,
        fields,
        summary: `WAN link between ${between}: ${fields.map((f) => `${f.label} ${f.beforeText} \u2192 ${f.afterText}`).join('; ')}.`,
      });
  }
  for (const t of target)
    if (!used.has(t))
      out.push({
        status: 'added',
        targetId: t.id,
        fields: [],
        summary: `WAN link between \u201c${nameT(t.from)}\u201d and \u201c${nameT(t.to)}\u201d added.`,
      });
  return out.sort(
    (a, b) => cmp(a.status, b.status) || cmp(a.summary, b.summary) || cmp(a.targetId ?? a.currentId!, b.targetId ?? b.currentId!),
  );
}

// ---------------------------------------------------------------- reading a diff

function headline(c: DiffCounts, nodes: readonly NodeDiff[], links: readonly LinkDiff[], cms: CmsMove | undefined): string[] {
  const lines: string[] = [];
  if (!c.added && !c.removed && !c.changed && !links.length && !cms && !c.sitesChanged)
    return ['The two designs describe the same deployment.'];
  lines.push(
    `Servers and stores: ${c.added} added, ${c.removed} removed, ${c.changed} changed. Connections: ${c.linksAdded} added, ${c.linksRemoved} removed, ${c.linksChanged} changed.`,
  );
  const byPath = new Map<string, number>();
  for (const n of nodes)
    if (n.version)
      byPath.set(
        `${n.version.from}>${n.version.to}>${n.version.path}`,
        (byPath.get(`${n.version.from}>${n.version.to}>${n.version.path}`) ?? 0) + 1,
      );
  for (const [k, n] of [...byPath].sort((a, b) => cmp(a[0], b[0]))) {
    const [from, to, path] = k.split('>') as [ProductVersion, ProductVersion, VersionPath];
    lines.push(
      `${count(n, 'server role')} from ${productVersionLabel(from)} to ${productVersionLabel(to)}: ${VERSION_PATH_WORDS[path]}.`,
    );
  }
  const toSub = nodes.filter((n) => n.status === 'added' && n.target && productVersionOf(n.target) === 'SE').length;
  if (toSub) lines.push(`${count(toSub, 'new server role')} on Subscription Edition.`);
  if (c.haChanged) lines.push(`${count(c.haChanged, 'SQL store')} with a different high availability.`);
  const pairs = links.filter((l) => l.kind === 'pairing' && (l.status === 'added' || l.status === 'removed')).length;
  if (pairs) lines.push(`${count(pairs, 'pool pairing')} added or removed.`);
  if (cms) lines.push(cms.summary);
  return lines;
}

/** True when the two designs describe the same deployment (names and layout aside). */
export function isEmptyDiff(d: TopologyDiff): boolean {
  return (
    !d.nodes.some((n) => n.fields.length || n.status !== 'changed' || n.classes.length) &&
    !d.links.length &&
    !d.sites.length &&
    !d.siteLinks.length &&
    !d.cmsMove
  );
}

/**
 * The connection changes worth reading on their own: a connection of a server that is added
 * or removed comes and goes with it, so only pairings of those are kept.
 */
export function notableLinks(d: TopologyDiff): LinkDiff[] {
  const added = new Set(d.nodes.filter((n) => n.status === 'added').map((n) => n.targetId!));
  const removed = new Set(d.nodes.filter((n) => n.status === 'removed').map((n) => n.currentId!));
  return d.links.filter((l) => {
    if (l.kind === 'pairing' || l.status === 'retargeted' || l.status === 'changed') return true;
    if (l.status === 'added') return !added.has(l.from!) && !added.has(l.to!);
    return !removed.has(l.currentFrom!) && !removed.has(l.currentTo!);
  });
}

/** The changes an architect acts on: every node entry except a label-only rename. */
export const deploymentChanges = (d: TopologyDiff): NodeDiff[] =>
  d.nodes.filter((n) => n.status !== 'changed' || n.classes.length > 0);

/**
 * The diff's view of the target's nodes: every current node with its field changes applied
 * (its target id and name), less the removed ones, plus the added ones. Equals the target's
 * nodes, up to DNS-name case and the order of unordered lists.
 */
export function applyNodeChanges(current: Topology, d: TopologyDiff): TopologyNode[] {
  const changed = new Map(d.nodes.filter((n) => n.status === 'changed').map((n) => [n.currentId!, n]));
  const byId = new Map(current.nodes.map((n) => [n.id, n]));
  const out: TopologyNode[] = [];
  for (const m of d.matches) {
    const c = byId.get(m.currentId)!;
    const e = changed.get(m.currentId);
    const next: Record<string, unknown> = { ...c, id: m.targetId };
    if (e) {
      if (e.relabelled) next.name = e.relabelled.after;
      for (const f of e.fields) {
        if (f.after === undefined) delete next[f.field];
        else next[f.field] = f.after;
      }
    }
    if (!e?.fields.some((f) => f.field === 'siteId')) {
      const s = d.siteMatches.find((x) => x.currentId === c.siteId);
      if (s) next.siteId = s.targetId;
    }
    out.push(next as TopologyNode);
  }
  for (const n of d.nodes) if (n.status === 'added') out.push(n.target!);
  return out;
}
