import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { generateTopology, type GenerateSize } from './generate';
import { parseTopology } from './parse';
import type { NodeKind, Topology } from './schema';
import { TopologyIndex } from './topology-index';
import { LIMITS } from './limits';
import { REF } from './reference-numbers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

function generated(size: GenerateSize, seed = 1): Topology {
  const r = generateTopology(size, seed);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function count(doc: Topology, kind: NodeKind): number {
  return doc.nodes.filter((n) => n.kind === kind).length;
}

/** The structural facts every generated document must have, whatever its size. */
function expectRealistic(doc: Topology): void {
  const ix = new TopologyIndex(doc);
  const central = doc.sites.filter((s) => s.kind === 'central');
  const branches = doc.sites.filter((s) => s.kind === 'branch');
  expect(central.length % 2).toBe(0);

  // Every central site: its pools with AG Back Ends in the same site, one Edge, file store, Office Online.
  for (const site of central) {
    const members = ix.nodesInSite(site.id);
    for (const kind of ['edgePool', 'reverseProxy', 'fileStore', 'officeOnlineServer'] as const)
      expect(
        members.filter((n) => n.kind === kind),
        `${kind} in ${site.id}`,
      ).toHaveLength(1);
    expect(members.some((n) => n.kind === 'frontEndPool')).toBe(true);
  }

  for (const pool of ix.ofKind('frontEndPool')) {
    expect(pool.productVersion).toBe('SE');
    const be = ix.backEnd(pool.id);
    expect(be?.kind).toBe('sqlStore');
    expect(be?.haMode).toBe('alwaysOnAg');
    expect(be?.siteId).toBe(pool.siteId);
    // Paired once, with a pool in the other data center of the same region, and sized for a failover.
    expect(ix.partners(pool.id)).toHaveLength(1);
    const partner = ix.partner(pool.id)!;
    expect(partner.kind).toBe('frontEndPool');
    expect(partner.siteId).not.toBe(pool.siteId);
    expect(ix.region(partner.siteId)).toBe(ix.region(pool.siteId));
    expect(pool.frontEndServers).toBeGreaterThanOrEqual(REF.minFeRecommended);
    expect(pool.frontEndServers).toBeLessThanOrEqual(REF.maxFe.SE);
    expect(ix.failoverLoad(pool, partner)).toBeLessThanOrEqual(REF.maxPoolUsers.SE);
    expect(partner.kind === 'frontEndPool' && partner.cumulativeUpdate).toBe(pool.cumulativeUpdate);
    expect(ix.stores(pool.id, 'monitoring')).toHaveLength(1);
    expect(ix.out(pool.id, 'mediaEdge')).toHaveLength(1);
    expect(ix.out(pool.id, 'fileStore')).toHaveLength(1);
    expect(ix.out(pool.id, 'officeOnline')).toHaveLength(1);
  }

  // Standard Edition servers come in pairs across the two data centers.
  for (const se of ix.ofKind('standardEditionServer')) {
    const partner = ix.partner(se.id);
    expect(partner?.kind).toBe('standardEditionServer');
    expect(partner?.siteId).not.toBe(se.siteId);
  }

  // Format v2: DFS shares are backed up within the catalogue's interval; every pair of
  // data centers has a site link, and every branch one to each data center it registers with.
  for (const fs of ix.ofKind('fileStore')) if (fs.storage === 'dfs') expect(fs.backupIntervalHours).toBeLessThanOrEqual(8);
  const wan = new Set((doc.siteLinks ?? []).map((l) => [l.from, l.to].sort().join(' ')));
  for (const pool of ix.ofKind('frontEndPool'))
    expect(wan.has([pool.siteId, ix.partner(pool.id)!.siteId].sort().join(' '))).toBe(true);

  // One SBA per branch (two in the largest documents), each backed up by a pool of the same region.
  for (const site of branches) {
    expect(ix.site(site.parentSiteId!)?.kind).toBe('central');
    const members = ix.nodesInSite(site.id);
    expect(members.length).toBeGreaterThanOrEqual(1);
    expect(members.length).toBeLessThanOrEqual(REF.maxSbaPerBranch);
    for (const sba of members) {
      expect(sba.kind).toBe('survivableBranch');
      const backup = ix.out(sba.id, 'backupRegistrar');
      expect(backup).toHaveLength(1);
      const pool = ix.node(backup[0]!.to);
      expect(pool?.kind).toBe('frontEndPool');
      expect(ix.region(pool!.siteId)).toBe(site.region);
      expect(wan.has([site.id, pool!.siteId].sort().join(' '))).toBe(true);
    }
  }

  // A monitoring store per site pair; the CMS on a pool.
  expect(count(doc, 'sqlStore')).toBe(count(doc, 'frontEndPool') + central.length / 2);
  expect(doc.deployment.cmsHost && ix.node(doc.deployment.cmsHost)?.kind).toBe('frontEndPool');

  // Every node placed, no two on the same spot.
  const layout = doc.layout ?? {};
  const spots = new Set(doc.nodes.map((n) => `${layout[n.id]?.x},${layout[n.id]?.y}`));
  expect(doc.nodes.every((n) => layout[n.id] !== undefined)).toBe(true);
  expect(spots.size).toBe(doc.nodes.length);
}

describe('generateTopology by node count', () => {
  for (const target of [500, 5_000]) {
    it(`builds a valid, realistic ${target}-node document`, () => {
      const doc = generated({ nodes: target }, 42);
      expect(Math.abs(doc.nodes.length - target)).toBeLessThanOrEqual(target * 0.05);
      expect(doc.nodes.length).toBe(target);

      const text = JSON.stringify(doc);
      expect(text.length).toBeLessThanOrEqual(LIMITS.maxDocumentChars);
      const parsed = parseTopology(text);
      expect(parsed.ok ? 'ok' : parsed.error.message).toBe('ok');
      if (parsed.ok) expect(parsed.value).toEqual(doc);

      expectRealistic(doc);

      // Proportions of a real estate: pools and Back Ends one to one, more branches than
      // data centers, a few SE pairs and Directors, infrastructure per data center.
      const central = doc.sites.filter((s) => s.kind === 'central').length;
      const branches = doc.sites.length - central;
      const pools = count(doc, 'frontEndPool');
      expect(branches).toBeGreaterThan(central);
      expect(branches).toBeLessThan(central * 6);
      expect(pools).toBeGreaterThanOrEqual(central * 2);
      expect(count(doc, 'edgePool')).toBe(central);
      expect(count(doc, 'fileStore')).toBe(central);
      expect(count(doc, 'officeOnlineServer')).toBe(central);
      expect(count(doc, 'survivableBranch')).toBe(branches);
      expect(count(doc, 'standardEditionServer')).toBeGreaterThan(0);
      expect(count(doc, 'standardEditionServer')).toBeLessThan(pools / 2);
      expect(count(doc, 'directorPool')).toBeGreaterThan(0);
      expect(count(doc, 'directorPool')).toBeLessThan(central / 2);
      expect(doc.links.filter((l) => l.kind === 'pairing')).toHaveLength((pools + count(doc, 'standardEditionServer')) / 2);
      // Regions mix: the estate spans more than one.
      expect(new Set(doc.sites.map((s) => s.region)).size).toBeGreaterThan(1);
    });
  }

  it('stays within the document limits at the largest size', () => {
    const doc = generated({ nodes: LIMITS.maxNodes }, 3);
    expect(doc.nodes).toHaveLength(LIMITS.maxNodes);
    expect(doc.sites.length).toBeLessThanOrEqual(LIMITS.maxSites);
    expect(doc.links.length).toBeLessThanOrEqual(LIMITS.maxLinks);
    // Accepted, and so is the file Save writes for it (the one limit holds for both).
    const parsed = parseTopology(doc);
    expect(parsed.ok ? 'ok' : parsed.error.message).toBe('ok');
    expectRealistic(doc);
  }, 120_000);

  it('gives the same document for the same seed and another for another seed', () => {
    const a = JSON.stringify(generated({ nodes: 300 }, 7));
    expect(JSON.stringify(generated({ nodes: 300 }, 7))).toBe(a);
    expect(JSON.stringify(generated({ nodes: 300 }, 8))).not.toBe(a);
  });

  it('hits any node count from 20 to 700 exactly, valid for every seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 700 }), fc.integer({ min: -1_000_000, max: 1_000_000 }), (target, seed) => {
        const r = generateTopology({ nodes: target }, seed);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value.nodes).toHaveLength(target);
        const parsed = parseTopology(r.value);
        expect(parsed.ok ? 'ok' : parsed.error.message).toBe('ok');
      }),
      { numRuns: Math.max(10, Math.floor(RUNS / 10)) },
    );
  });
});

describe('generateTopology by shape', () => {
  it('builds the requested sites and pools per site', () => {
    const doc = generated({
      sites: 4,
      poolsPerSite: 3,
      branchesPerPair: 2,
      standardEditionEvery: 2,
      directorEvery: 0,
      name: 'Shape test',
    });
    expect(doc.name).toBe('Shape test');
    expect(doc.sites.filter((s) => s.kind === 'central')).toHaveLength(4);
    expect(doc.sites.filter((s) => s.kind === 'branch')).toHaveLength(4);
    expect(count(doc, 'frontEndPool')).toBe(12);
    expect(count(doc, 'standardEditionServer')).toBe(2);
    expect(count(doc, 'directorPool')).toBe(0);
    expect(parseTopology(doc).ok).toBe(true);
    expectRealistic(doc);
  });

  it('rounds an odd number of central sites up to whole pairs', () => {
    const doc = generated({ sites: 3, poolsPerSite: 1 });
    expect(doc.sites.filter((s) => s.kind === 'central')).toHaveLength(4);
    expectRealistic(doc);
  });

  it('keeps a hostile name intact and the document valid', () => {
    const name = `"; $(rm -rf /) \`id\` <script>alert(1)</script> ]]> \u202e\nx`;
    const doc = generated({ sites: 2, poolsPerSite: 1, name });
    const parsed = parseTopology(JSON.stringify(doc));
    expect(parsed.ok && parsed.value.name).toBe(name);
  });

  it('refuses impossible sizes with a tagged error instead of throwing', () => {
    const bad: unknown[] = [
      { nodes: 0 },
      { nodes: 19 },
      { nodes: -5 },
      { nodes: 1.5 },
      { nodes: Number.NaN },
      { nodes: LIMITS.maxNodes + 1 },
      { sites: 0, poolsPerSite: 1 },
      { sites: 2, poolsPerSite: 0 },
      { sites: 2, poolsPerSite: 1, branchesPerPair: -1 },
      { sites: 1_000, poolsPerSite: 10 },
      { sites: 2, poolsPerSite: 1, name: 'x'.repeat(10_000) },
    ];
    for (const size of bad) {
      const r = generateTopology(size as GenerateSize);
      expect(r.ok, JSON.stringify(size).slice(0, 80)).toBe(false);
      if (!r.ok) expect(r.error.tag).toBe('invalidSize');
    }
    expect(generateTopology({ nodes: 100 }, 0.5).ok).toBe(false);
  });
});
