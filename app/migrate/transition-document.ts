/**
 * The transition document of a change from the current design to the target design, the
 * one topology that holds both while a migration is under way: every node of the target, plus every
 * node of the current design that the target no longer has, marked for decommissioning
 * with its links, so that a next hop or a media Edge still pointing at it stays visible to
 * the rule engine. Matched nodes count as deployed; a matched node whose product version
 * changes carries `inPlaceUpgrade` (from its current version); a matched SQL store whose
 * high-availability mode changes carries `currentHaMode`. Pairings the target drops are
 * left out (the runbook unpairs them). Pure: which nodes match comes from the diff.
 */
import { LIMITS } from '../model/limits';
import { UPGRADE_SOURCES, hasLifecycle, type Link, type Site, type Topology, type TopologyNode } from '../model/schema';

/** Which node of the current design is which node of the target: [current id, target id]. */
export interface NodeMatching {
  pairs: ReadonlyArray<readonly [string, string]>;
}

export interface TransitionDocument {
  doc: Topology;
  /** Current node id → its id in `doc` (a removed node keeps its id unless the target uses it). */
  fromCurrent: ReadonlyMap<string, string>;
  /** Current site id → its id in `doc`. */
  siteFromCurrent: ReadonlyMap<string, string>;
  /** Node ids in `doc` of the current design's nodes the target no longer has. */
  removed: ReadonlySet<string>;
  /** Node ids in `doc` of the target's nodes the current design does not have. */
  added: ReadonlySet<string>;
  /** Target node ids with a matched current node, and that node. */
  matchedCurrent: ReadonlyMap<string, TopologyNode>;
}

const hasFqdn = (n: TopologyNode): n is TopologyNode & { fqdn: string } => 'fqdn' in n;

/**
 * Kinds whose FQDN names the servers: a pool cannot be renamed in place, so a match whose
 * FQDN differs is a new pool beside a retired one (deploy-pilot-pool.md: a new pool needs a new FQDN).
 */
const POOL_KINDS = new Set<TopologyNode['kind']>([
  'frontEndPool',
  'standardEditionServer',
  'edgePool',
  'directorPool',
  'mediationPool',
  'persistentChatPool',
]);

export function transitionDocument(current: Topology, target: Topology, matching: NodeMatching): TransitionDocument {
  const cById = new Map(current.nodes.map((n) => [n.id, n]));
  const tById = new Map(target.nodes.map((n) => [n.id, n]));
  const matchedCurrent = new Map<string, TopologyNode>();
  const matchedTarget = new Map<string, string>();
  for (const [cId, tId] of matching.pairs) {
    const c = cById.get(cId);
    const t = tById.get(tId);
    if (!c || !t || c.kind !== t.kind || matchedCurrent.has(tId) || matchedTarget.has(cId)) continue;
    if (POOL_KINDS.has(c.kind) && hasFqdn(c) && hasFqdn(t) && c.fqdn.toLowerCase() !== t.fqdn.toLowerCase()) continue;
    matchedCurrent.set(tId, c);
    matchedTarget.set(cId, tId);
  }

  const siteFromCurrent = new Map<string, string>();
  const sites: Site[] = [...target.sites];
  const tSiteIds = new Set(target.sites.map((s) => s.id));
  for (const s of current.sites) {
    if (tSiteIds.has(s.id)) siteFromCurrent.set(s.id, s.id);
    else {
      const byName = target.sites.find(
        (t) => t.name.trim().toLowerCase() === s.name.trim().toLowerCase() && s.name.trim() !== '',
      );
      if (byName) siteFromCurrent.set(s.id, byName.id);
      else {
        siteFromCurrent.set(s.id, s.id);
        sites.push(s);
      }
    }
  }

  const usedIds = new Set(target.nodes.map((n) => n.id));
  const fromCurrent = new Map<string, string>();
  const removed = new Set<string>();
  const nodes: TopologyNode[] = target.nodes.map((t) => {
    const c = matchedCurrent.get(t.id);
    if (!c) return t;
    let n: TopologyNode = t;
    if (n.kind === 'frontEndPool') n = { ...n, deployed: true };
    const cv = 'productVersion' in c ? c.productVersion : undefined;
    const tv = 'productVersion' in n ? n.productVersion : undefined;
    if (hasLifecycle(n) && cv && tv && cv !== tv && (UPGRADE_SOURCES as readonly string[]).includes(cv)) {
      const cOs = 'os' in c ? c.os : undefined;
      const tOs = 'os' in n ? n.os : undefined;
      n = {
        ...n,
        inPlaceUpgrade: {
          fromVersion: cv as (typeof UPGRADE_SOURCES)[number],
          ...(cOs && tOs && cOs !== tOs ? { fromOs: cOs } : {}),
        },
      };
    }
    if (n.kind === 'sqlStore' && c.kind === 'sqlStore' && c.haMode !== n.haMode) n = { ...n, currentHaMode: c.haMode };
    return n;
  });
  for (const [cId, tId] of matchedTarget) fromCurrent.set(cId, tId);
  for (const c of current.nodes) {
    if (matchedTarget.has(c.id)) continue;
    const id = freeId(c.id, usedIds);
    usedIds.add(id);
    fromCurrent.set(c.id, id);
    removed.add(id);
    const siteId = siteFromCurrent.get(c.siteId) ?? c.siteId;
    nodes.push(hasLifecycle(c) ? { ...c, id, siteId, decommission: true } : { ...c, id, siteId });
  }

  const links: Link[] = [...target.links];
  const usedLinkIds = new Set(target.links.map((l) => l.id));
  for (const l of current.links) {
    const from = fromCurrent.get(l.from);
    const to = fromCurrent.get(l.to);
    if (!from || !to || (!removed.has(from) && !removed.has(to))) continue;
    // Pairings the target drops are unpaired by the runbook, not kept (a retired pool's partner is retired too, or re-paired).
    if (l.kind === 'pairing') continue;
    const id = freeId(l.id, usedLinkIds);
    usedLinkIds.add(id);
    links.push({ ...l, id, from, to });
  }

  const added = new Set(target.nodes.filter((t) => !matchedCurrent.has(t.id)).map((t) => t.id));
  const name = `${current.name.trim() || 'Current design'} → ${target.name.trim() || 'Target design'}`.slice(
    0,
    LIMITS.maxNameChars,
  );
  const doc: Topology = {
    format: target.format,
    version: target.version,
    name,
    deployment: { ...target.deployment, mode: 'transition' },
    sites,
    nodes,
    links,
  };
  if (target.siteLinks) doc.siteLinks = target.siteLinks;
  return { doc, fromCurrent, siteFromCurrent, removed, added, matchedCurrent };
}

/** `id`, or `id.current`, `id.current2`, … when taken (ids are at most 64 characters). */
function freeId(id: string, used: ReadonlySet<string>): string {
  if (!used.has(id)) return id;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '.current' : `.current${n}`;
    const candidate = `${id.slice(0, 64 - suffix.length)}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * The matching a diff found (its matched node pairs), as the planner reads it. A match the
 * diff calls a replacement (a pool whose FQDN, site or Windows Server changes without a
 * product upgrade cannot be changed in place) becomes a retired node and a new one; a
 * version change without an in-place path stays matched, so that the rule engine refuses
 * it by name (UPG-INPLACE-2015-SE, GEN-INPLACE-UPGRADE-2019).
 */
export function matchingFromDiff(diff: {
  matches: ReadonlyArray<{ currentId: string; targetId: string }>;
  nodes?: ReadonlyArray<{ currentId?: string; targetId?: string; replacement: boolean; version?: unknown }>;
}): NodeMatching {
  const replaced = new Set(
    (diff.nodes ?? [])
      .filter((n) => n.replacement && n.version === undefined && n.currentId !== undefined)
      .map((n) => n.currentId!),
  );
  return { pairs: diff.matches.filter((m) => !replaced.has(m.currentId)).map((m) => [m.currentId, m.targetId] as const) };
}
