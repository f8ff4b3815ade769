/**
 * A generator of large, realistic topology documents for benchmarks and scale tests.
 *
 * The shape follows how big Skype for Business estates are built: central sites come in
 * pairs (two data centers of one region), each site runs Enterprise Edition pools on
 * Skype for Business Server Subscription Edition (the supported on-premises version for a
 * new deployment) whose Back End is an AlwaysOn availability group, and every pool is
 * paired with its twin in the other data center. Each central site has an Edge pool, a
 * reverse proxy, a DFS file share backed up every four hours and an Office Online Server
 * farm; each site pair has a Monitoring store; some pairs also hold a pair of Standard
 * Edition servers (a small business unit) or a Director pool in front of the Edge. Branch
 * offices have one Survivable Branch Appliance backed up by a pool of their region, and
 * name that pool's data center as their parent site. Site links (format v2) join each
 * pair's data centers and each branch to the data centers its appliances register with.
 *
 * The document is what an architect would draw and check: it gives no error or warning
 * findings, only advice (the generator's tests hold it to that), so a benchmark measures
 * the rules as they run on a clean design, not the cost of thousands of spurious findings.
 *
 * Deterministic: the same size and seed give the same document (a small PRNG, no
 * Math.random, no clock). Pure; never throws.
 */
import { err, ok, type Result } from '../lib/result';
import { defaultLink, defaultNode, defaultSite, emptyTopology, standaloneSqlStore } from './defaults';
import { gridLayout } from './grid-layout';
import { LIMITS } from './limits';
import { feFor, REF } from './reference-numbers';
import type { Link, NodeOfKind, ProductVersion, Site, SiteLink, Topology, TopologyNode } from './schema';

/** An explicit shape. */
export interface GenerateShape {
  /** Central sites; an odd count is rounded up, since central sites come in pairs. */
  sites: number;
  /** Enterprise pools in each central site (each paired with one in the twin site). */
  poolsPerSite: number;
  /** Branch sites (one SBA each) per site pair. Default 4. */
  branchesPerPair?: number;
  /** Every n-th site pair also holds a pair of Standard Edition servers. Default 3; 0 = never. */
  standardEditionEvery?: number;
  /** Every n-th site pair puts a Director pool in front of its Edge. Default 4; 0 = never. */
  directorEvery?: number;
  /** Document name. */
  name?: string;
}

/** A target node count: the generator picks a shape, then fills the rest with branches. */
export interface GenerateNodeCount {
  nodes: number;
}

export type GenerateSize = GenerateShape | GenerateNodeCount;

export interface GenerateError {
  tag: 'invalidSize';
  message: string;
}

const CITIES: readonly [code: string, city: string, region: string][] = [
  ['ams', 'Amsterdam', 'EU'],
  ['fra', 'Frankfurt', 'EU'],
  ['lon', 'London', 'EU'],
  ['dub', 'Dublin', 'EU'],
  ['par', 'Paris', 'EU'],
  ['mad', 'Madrid', 'EU'],
  ['sto', 'Stockholm', 'EU'],
  ['mil', 'Milan', 'EU'],
  ['nyc', 'New York', 'NA'],
  ['chi', 'Chicago', 'NA'],
  ['sea', 'Seattle', 'NA'],
  ['dal', 'Dallas', 'NA'],
  ['tor', 'Toronto', 'NA'],
  ['mtl', 'Montreal', 'NA'],
  ['atl', 'Atlanta', 'NA'],
  ['phx', 'Phoenix', 'NA'],
  ['sin', 'Singapore', 'APAC'],
  ['hkg', 'Hong Kong', 'APAC'],
  ['syd', 'Sydney', 'APAC'],
  ['mel', 'Melbourne', 'APAC'],
  ['tok', 'Tokyo', 'APAC'],
  ['osa', 'Osaka', 'APAC'],
  ['gru', 'Sao Paulo', 'LATAM'],
  ['mex', 'Mexico City', 'LATAM'],
];

const BRANCH_TOWNS: readonly string[] = [
  'Utrecht',
  'Lyon',
  'Leeds',
  'Cork',
  'Lille',
  'Seville',
  'Malmo',
  'Turin',
  'Boston',
  'Detroit',
  'Portland',
  'Austin',
  'Ottawa',
  'Quebec',
  'Miami',
  'Denver',
  'Penang',
  'Macau',
  'Perth',
  'Adelaide',
  'Nagoya',
  'Kobe',
  'Curitiba',
  'Monterrey',
];

const DOMAIN = 'corp.fourthcoffee.com';
/** The domain the reverse proxies publish the web services under. */
const PUBLIC_DOMAIN = 'fourthcoffee.com';
/** Skype for Business Server Subscription Edition: what a new deployment is built on today. */
const VERSION = 'SE' satisfies ProductVersion;
const DEFAULTS = { branchesPerPair: 4, standardEditionEvery: 3, directorEvery: 4 } as const;

/** Mulberry32: small, fast, and good enough to vary a benchmark document. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Nodes one site pair adds, before branches (the `{ nodes }` sizing uses the same arithmetic). */
export function nodesPerPair(
  poolsPerSite: number,
  pairIndex: number,
  shape: Required<Omit<GenerateShape, 'sites' | 'poolsPerSite' | 'name'>>,
): number {
  const perSite = 2 * poolsPerSite + 4; // pools, their Back Ends, Edge, reverse proxy, file store, Office Online
  const se = shape.standardEditionEvery > 0 && pairIndex % shape.standardEditionEvery === shape.standardEditionEvery - 1 ? 2 : 0;
  const director = shape.directorEvery > 0 && pairIndex % shape.directorEvery === shape.directorEvery - 1 ? 1 : 0;
  return 2 * perSite + 1 /* Monitoring store */ + se + director + shape.branchesPerPair;
}

const isWhole = (n: unknown, min: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= min;

/**
 * A valid document of the requested size. `{ nodes }` gives exactly that many nodes (at
 * least 20: one site pair with its branches, at most LIMITS.maxNodes). Up to about
 * 9,000 nodes the JSON text is also within LIMITS.maxDocumentChars; larger documents
 * parse as values only.
 */
export function generateTopology(size: GenerateSize, seed = 1): Result<Topology, GenerateError> {
  const bad = (message: string) => err<GenerateError>({ tag: 'invalidSize', message });
  if (!Number.isInteger(seed)) return bad('the seed must be a whole number');
  if ('nodes' in size) {
    if (!isWhole(size.nodes, 20) || size.nodes > LIMITS.maxNodes)
      return bad(`nodes must be a whole number from 20 to ${LIMITS.maxNodes}`);
    return build(shapeForNodes(size.nodes), seed, size.nodes);
  }
  if (size.name !== undefined && (typeof size.name !== 'string' || size.name.length > LIMITS.maxNameChars))
    return bad(`name must be text of at most ${LIMITS.maxNameChars} characters`);
  if (!isWhole(size.sites, 1)) return bad('sites must be a whole number of 1 or more');
  if (!isWhole(size.poolsPerSite, 1) || size.poolsPerSite > 50) return bad('poolsPerSite must be a whole number from 1 to 50');
  for (const key of ['branchesPerPair', 'standardEditionEvery', 'directorEvery'] as const) {
    const v = size[key];
    if (v !== undefined && (!isWhole(v, 0) || v > 1_000)) return bad(`${key} must be a whole number from 0 to 1000`);
  }
  const shape: FullShape = {
    sites: size.sites + (size.sites % 2),
    poolsPerSite: size.poolsPerSite,
    branchesPerPair: size.branchesPerPair ?? DEFAULTS.branchesPerPair,
    standardEditionEvery: size.standardEditionEvery ?? DEFAULTS.standardEditionEvery,
    directorEvery: size.directorEvery ?? DEFAULTS.directorEvery,
    ...(size.name !== undefined ? { name: size.name } : {}),
  };
  const pairs = shape.sites / 2;
  const siteCount = shape.sites + pairs * shape.branchesPerPair;
  if (siteCount > LIMITS.maxSites) return bad(`this shape has ${siteCount} sites; a document holds at most ${LIMITS.maxSites}`);
  let nodeCount = 0;
  for (let p = 0; p < pairs; p++) nodeCount += nodesPerPair(shape.poolsPerSite, p, shape);
  if (nodeCount > LIMITS.maxNodes) return bad(`this shape has ${nodeCount} nodes; a document holds at most ${LIMITS.maxNodes}`);
  return build(shape, seed, undefined);
}

type FullShape = Required<Omit<GenerateShape, 'name'>> & { name?: string };

/**
 * Central site pairs for a node budget; branches absorb the remainder. The shape stays
 * the same at every size (three pools per data center), so a document ten times larger
 * has ten times of everything: what a growth benchmark needs.
 */
function shapeForNodes(nodes: number): FullShape {
  for (const poolsPerSite of [3, 2, 1]) {
    const base = { ...DEFAULTS, poolsPerSite };
    let pairs = 0;
    let used = 0;
    while (used + nodesPerPair(poolsPerSite, pairs, base) <= nodes) used += nodesPerPair(poolsPerSite, pairs++, base);
    if (pairs > 0) return { ...base, sites: pairs * 2 };
  }
  return { ...DEFAULTS, poolsPerSite: 1, branchesPerPair: 0, standardEditionEvery: 0, directorEvery: 0, sites: 2 };
}

function build(shape: FullShape, seed: number, exactNodes: number | undefined): Result<Topology, GenerateError> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pairs = shape.sites / 2;

  const doc = emptyTopology(shape.name ?? `Fourth Coffee: ${shape.sites} data centers`);
  const centralSites: Site[] = [];
  const branchSites: Site[] = [];
  const nodes: TopologyNode[] = [];
  const links: Link[] = [];
  const siteLinks: SiteLink[] = [];
  const wan = (from: string, to: string) =>
    siteLinks.push({ id: `wan${siteLinks.length + 1}`, from, to, fast: true, secured: true, resilient: true });
  let linkSeq = 0;
  const link = (kind: Link['kind'], from: string, to: string, extra: Record<string, unknown> = {}) => {
    links.push({ ...defaultLink(kind, `l${++linkSeq}`, from, to), ...extra } as Link);
  };

  // Branches per pair: the shape's count, plus the remainder of a node budget spread evenly.
  const branchesOf: number[] = Array.from({ length: pairs }, () => shape.branchesPerPair);
  if (exactNodes !== undefined) {
    let used = 0;
    for (let p = 0; p < pairs; p++) used += nodesPerPair(shape.poolsPerSite, p, shape);
    for (let extra = exactNodes - used, p = 0; extra > 0; extra--, p = (p + 1) % pairs) branchesOf[p]! += 1;
  }

  // Appliances beyond the site limit share a branch site with another (two per branch at most).
  const appliances = branchesOf.reduce((a, b) => a + b, 0);
  let doubled = Math.max(0, appliances - (LIMITS.maxSites - shape.sites));
  if (doubled > appliances / REF.maxSbaPerBranch)
    return err({ tag: 'invalidSize', message: `this size needs more than ${LIMITS.maxSites} sites` });

  const cityUse = new Map<string, number>();
  let branchSeq = 0;
  for (let p = 0; p < pairs; p++) {
    // A pair's two data centers are neighbouring cities of one region.
    const [codeA, cityA, region] = CITIES[(2 * p) % CITIES.length]!;
    const [codeB, cityB] = CITIES[(2 * p + 1) % CITIES.length]!;
    const siteIds = [codeA, codeB].map((code) => {
      const n = (cityUse.get(code) ?? 0) + 1;
      cityUse.set(code, n);
      return `${code}${String(n).padStart(2, '0')}`;
    }) as [string, string];
    const cities = [cityA, cityB] as const;
    siteIds.forEach((id, k) =>
      centralSites.push({
        ...defaultSite(id, `${cities[k]} DC${id.slice(3)}`, 'central', region),
        datacenter: `${id.toUpperCase()}-DC`,
      }),
    );
    wan(siteIds[0], siteIds[1]);

    const poolsBySite: [NodeOfKind<'frontEndPool'>[], NodeOfKind<'frontEndPool'>[]] = [[], []];
    const edges: string[] = [];
    for (const k of [0, 1] as const) {
      const site = siteIds[k];
      const city = cities[k];
      for (let q = 1; q <= shape.poolsPerSite; q++) {
        const id = `${site}-fe${q}`;
        const be = `${site}-be${q}`;
        const users = between(8, 22) * 1_000;
        const pool: NodeOfKind<'frontEndPool'> = {
          ...defaultNode('frontEndPool', {
            id,
            siteId: site,
            name: `${city} pool ${q}`,
            fqdn: `sfbpool${q}-${site}.${DOMAIN}`,
            domain: DOMAIN,
          }),
          productVersion: VERSION,
          users,
          externalWebFqdn: `sfbweb${q}-${site}.${PUBLIC_DOMAIN}`,
          sipLoadBalancing: rand() < 0.5 ? 'hlb' : 'dns',
          cumulativeUpdate: pick(['RTM', 'CU1']),
          hosting: rand() < 0.3 ? 'virtual' : 'physical',
        };
        poolsBySite[k].push(pool);
        nodes.push(pool, {
          ...defaultNode('sqlStore', {
            id: be,
            siteId: site,
            name: `${city} Back End ${q}`,
            fqdn: `sqlag${q}-${site}.${DOMAIN}`,
            domain: DOMAIN,
          }),
          sqlVersion: pick(['2017', '2019', '2019'] as const),
          sqlUpdateLevel: pick(['CU18', 'CU22', 'CU26']),
          ag: {
            listenerFqdn: `sqlag${q}-${site}.${DOMAIN}`,
            listenerPort: 1433,
            replicas: [1, 2].map((r) => ({
              fqdn: `${site}-sql${q}${r}.${DOMAIN}`,
              siteId: site,
              commitMode: 'synchronous' as const,
              failoverMode: 'automatic' as const,
              readable: false,
            })),
          },
        });
        link('backEnd', id, be);
      }
      const edge = `${site}-edge`;
      edges.push(edge);
      nodes.push(
        {
          ...defaultNode('edgePool', { id: edge, siteId: site, name: `${city} Edge`, fqdn: `sfbedge-${site}.${DOMAIN}` }),
          productVersion: VERSION,
          servers: between(2, 4),
          internalLoadBalancing: 'hlb',
          externalLoadBalancing: 'hlb',
          federation: p === 0 && k === 0,
          concurrentRemoteUsers: between(4, 12) * 1_000,
        },
        {
          ...defaultNode('fileStore', {
            id: `${site}-fs`,
            siteId: site,
            name: `${city} file share`,
            fqdn: `fs-${site}.${DOMAIN}`,
          }),
          share: `SfBShare-${site.toUpperCase()}`,
          storage: pick(['dfs', 'dfs', 'cluster'] as const),
          backupIntervalHours: 4,
        },
        defaultNode('reverseProxy', {
          id: `${site}-rp`,
          siteId: site,
          name: `${city} reverse proxy`,
          fqdn: `rp-${site}.${DOMAIN}`,
        }),
        {
          ...defaultNode('officeOnlineServer', {
            id: `${site}-oos`,
            siteId: site,
            name: `${city} Office Online`,
            fqdn: `oos-${site}.${DOMAIN}`,
          }),
          servers: between(2, 4),
        },
      );
      for (const pool of poolsBySite[k]) {
        link('mediaEdge', pool.id, edge);
        link('fileStore', pool.id, `${site}-fs`);
        link('officeOnline', pool.id, `${site}-oos`);
      }
    }

    const director = shape.directorEvery > 0 && p % shape.directorEvery === shape.directorEvery - 1;
    if (director) {
      const dir = `${siteIds[0]}-dir`;
      nodes.push({
        ...defaultNode('directorPool', {
          id: dir,
          siteId: siteIds[0],
          name: `${cityA} Director`,
          fqdn: `sfbdir-${siteIds[0]}.${DOMAIN}`,
        }),
        productVersion: VERSION,
        servers: 2,
        sipLoadBalancing: 'hlb',
      });
      link('fileStore', dir, `${siteIds[0]}-fs`);
      link('nextHop', edges[0]!, dir);
    } else link('nextHop', edges[0]!, poolsBySite[0][0]!.id);
    link('nextHop', edges[1]!, poolsBySite[1][0]!.id);

    const mon = `${siteIds[0]}-mon`;
    nodes.push(
      standaloneSqlStore({
        id: mon,
        siteId: siteIds[0],
        name: `${cityA} Monitoring`,
        fqdn: `sqlmon-${siteIds[0]}.${DOMAIN}`,
        domain: DOMAIN,
      }),
    );
    for (const pool of [...poolsBySite[0], ...poolsBySite[1]]) link('store', pool.id, mon, { role: 'monitoring' });

    if (shape.standardEditionEvery > 0 && p % shape.standardEditionEvery === shape.standardEditionEvery - 1) {
      const se = siteIds.map((site, k) => {
        const id = `${site}-se`;
        nodes.push({
          ...defaultNode('standardEditionServer', {
            id,
            siteId: site,
            name: `${cities[k]} Standard Edition`,
            fqdn: `sfbse-${site}.${DOMAIN}`,
          }),
          productVersion: VERSION,
          users: between(5, 20) * 100,
          cumulativeUpdate: 'CU1',
        });
        link('mediaEdge', id, edges[k]!);
        link('fileStore', id, `${site}-fs`);
        link('officeOnline', id, `${site}-oos`);
        return id;
      });
      link('pairing', se[0]!, se[1]!, { voiceFailover: true });
    }

    // Branches, each backed up by a pool of its region; the pool's users count against it.
    // When the document would hold more sites than allowed, a branch gets a second
    // appliance (at most REF.maxSbaPerBranch), as large branches have.
    const branchUsers = new Map<string, number>();
    let lastBranch: { id: string; sbas: number; wanTo: Set<string> } | undefined;
    for (let b = 0; b < branchesOf[p]!; b++) {
      const town = BRANCH_TOWNS[(p * 2 + b) % BRANCH_TOWNS.length]!;
      let site: string;
      if (doubled > 0 && lastBranch && lastBranch.sbas < REF.maxSbaPerBranch) {
        doubled -= 1;
        lastBranch.sbas += 1;
        site = lastBranch.id;
      } else {
        branchSeq += 1;
        site = `br${String(branchSeq).padStart(4, '0')}`;
        // The parent is the data center of the pool the (first) appliance registers with.
        branchSites.push({
          ...defaultSite(site, `${town} branch ${branchSeq}`, 'branch', region),
          parentSiteId: siteIds[b % 2]!,
        });
        lastBranch = { id: site, sbas: 1, wanTo: new Set() };
      }
      const users = between(2, 8) * 50;
      const sba = `${site}-sba${lastBranch.sbas > 1 ? lastBranch.sbas : ''}`;
      nodes.push({
        ...defaultNode('survivableBranch', {
          id: sba,
          siteId: site,
          name: `SBA ${town} ${site.slice(2)}${lastBranch.sbas > 1 ? ` (${lastBranch.sbas})` : ''}`,
          fqdn: `sba${lastBranch.sbas > 1 ? lastBranch.sbas : ''}-${site}.${DOMAIN}`,
        }),
        productVersion: VERSION,
        users,
      });
      const backup = poolsBySite[b % 2]![Math.floor(b / 2) % shape.poolsPerSite]!;
      // The branch's WAN reaches every data center its appliances register with.
      if (!lastBranch.wanTo.has(backup.siteId)) {
        lastBranch.wanTo.add(backup.siteId);
        wan(site, backup.siteId);
      }
      branchUsers.set(backup.id, (branchUsers.get(backup.id) ?? 0) + users);
      link('backupRegistrar', sba, backup.id);
    }

    // Paired pools, sized so each survivor carries its partner's users after a failover.
    for (let q = 0; q < shape.poolsPerSite; q++) {
      const a = poolsBySite[0][q]!;
      const b = poolsBySite[1][q]!;
      const load = a.users + b.users;
      b.hosting = a.hosting; // both pools of a pair run on the same kind of hosting (PAIR-SAME-HOSTING)
      b.cumulativeUpdate = a.cumulativeUpdate; // and are updated together (UPG-CU-PAIR-MISMATCH)
      a.frontEndServers = Math.min(
        REF.maxFe[VERSION],
        Math.max(REF.minFeRecommended, feFor(load + (branchUsers.get(a.id) ?? 0))),
      );
      b.frontEndServers = Math.min(
        REF.maxFe[VERSION],
        Math.max(REF.minFeRecommended, feFor(load + (branchUsers.get(b.id) ?? 0))),
      );
      link('pairing', a.id, b.id, { voiceFailover: true, voiceFailoverSeconds: pick([120, 300]) });
    }
  }

  doc.description = `${shape.sites} data centers in ${pairs} pairs with ${shape.poolsPerSite} paired Enterprise pool(s) each, AlwaysOn Back Ends, Edge pools with reverse proxies, DFS file shares, Office Online farms, Monitoring per pair, and ${branchSites.length} branch offices with survivable branch appliances.`;
  doc.sites = [...centralSites, ...branchSites];
  doc.nodes = nodes;
  doc.links = links;
  doc.siteLinks = siteLinks;
  doc.deployment = { cmsHost: nodes.find((n) => n.kind === 'frontEndPool')?.id ?? null, mode: 'greenfield' };
  // Roughly square canvas; an even count keeps paired data centers side by side.
  const perRow = Math.max(2, 2 * Math.round(Math.sqrt(doc.sites.length) / 2));
  return ok({ ...doc, layout: gridLayout(doc, 2, perRow) });
}
