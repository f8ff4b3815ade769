import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology } from '../model/arbitrary-test-kit';
import { defaultNode } from '../model/defaults';
import { pair2015Mirroring, pair2019AlwaysOn, globalMultiSite } from '../model/samples';
import { NODE_KINDS, PRODUCT_VERSIONS, schemas, type Link, type Topology, type TopologyNode } from '../model/schema';
import { applyNodeChanges, diffTopologies, isEmptyDiff, matchKey, type NodeDiff } from './diff';
import { FIELD_LABELS } from './diff-words';

const RUNS = Number(process.env.FAST_CHECK_RUNS ?? 60);
const clone = <T>(x: T): T => structuredClone(x);

/** The 2015 mirrored pair as it should end: new Subscription Edition pools (new FQDNs) on AlwaysOn, the 2015 pools gone. */
function fabrikamOnSubscriptionEdition(): Topology {
  const doc = clone(pair2015Mirroring());
  doc.nodes = doc.nodes.filter((n) => !/^pool-|^sql-|^edge-/.test(n.id));
  doc.links = doc.links.filter((l) => !/^pool-|^sql-|^edge-/.test(l.from));
  for (const [s, site] of [
    ['ny', 'nyc'],
    ['ch', 'chi'],
  ] as const) {
    doc.nodes.push(
      {
        ...defaultNode('frontEndPool', {
          id: `se-pool-${s}`,
          siteId: site,
          name: `Pool ${s.toUpperCase()} (Subscription Edition)`,
          fqdn: `sepool-${s}.fabrikam.com`,
        }),
        productVersion: 'SE',
        os: 'WS2022',
        cumulativeUpdate: 'RTM',
        frontEndServers: 4,
        users: 8_000,
      },
      {
        ...defaultNode('sqlStore', {
          id: `se-sql-${s}`,
          siteId: site,
          name: `Back End ${s.toUpperCase()} (AlwaysOn)`,
          fqdn: `seag-${s}.fabrikam.com`,
        }),
      },
      {
        ...defaultNode('edgePool', {
          id: `se-edge-${s}`,
          siteId: site,
          name: `Edge ${s.toUpperCase()} (Subscription Edition)`,
          fqdn: `seedge-${s}.fabrikam.com`,
        }),
        productVersion: 'SE',
        federation: s === 'ny',
      },
    );
    doc.links.push(
      { id: `se-be-${s}`, kind: 'backEnd', from: `se-pool-${s}`, to: `se-sql-${s}` },
      { id: `se-nh-${s}`, kind: 'nextHop', from: `se-edge-${s}`, to: `se-pool-${s}` },
      { id: `se-me-${s}`, kind: 'mediaEdge', from: `se-pool-${s}`, to: `se-edge-${s}` },
      { id: `se-fs-${s}`, kind: 'fileStore', from: `se-pool-${s}`, to: `fs-${s}` },
      { id: `se-oos-${s}`, kind: 'officeOnline', from: `se-pool-${s}`, to: `oos-${s}` },
    );
  }
  doc.links.push({ id: 'se-pair', kind: 'pairing', from: 'se-pool-ny', to: 'se-pool-ch' });
  doc.deployment.cmsHost = 'se-pool-ny';
  return doc;
}

/** The 2019 AlwaysOn pair upgraded in place: same servers, Subscription Edition RTM. */
function contosoInPlace(): Topology {
  const doc = clone(pair2019AlwaysOn());
  for (const n of doc.nodes)
    if ('productVersion' in n && n.productVersion === '2019')
      Object.assign(
        n,
        { productVersion: 'SE' },
        'cumulativeUpdate' in n && n.cumulativeUpdate ? { cumulativeUpdate: 'RTM' } : {},
      );
  return doc;
}

const entry = (nodes: NodeDiff[], name: string) => nodes.find((n) => n.name === name);

describe('diffTopologies on the reference designs', () => {
  it('finds nothing between a design and itself, or a copy with every id renamed', () => {
    for (const doc of [pair2015Mirroring(), pair2019AlwaysOn(), globalMultiSite()]) {
      expect(isEmptyDiff(diffTopologies(doc, clone(doc)))).toBe(true);
      const renamed = renameNodeIds(doc, 'x-');
      const d = diffTopologies(doc, renamed);
      expect(isEmptyDiff(d)).toBe(true);
      expect(d.matches.every((m) => m.by === 'key')).toBe(true);
      expect(d.headline).toEqual(['The two designs describe the same deployment.']);
    }
  });

  it('reads 2015 mirroring → Subscription Edition AlwaysOn as new pools added, legacy ones removed, the pairing and the CMS moved', () => {
    const d = diffTopologies(pair2015Mirroring(), fabrikamOnSubscriptionEdition());
    const added = d.nodes
      .filter((n) => n.status === 'added')
      .map((n) => n.targetId)
      .sort();
    const removed = d.nodes
      .filter((n) => n.status === 'removed')
      .map((n) => n.currentId)
      .sort();
    expect(added).toEqual(['se-edge-ch', 'se-edge-ny', 'se-pool-ch', 'se-pool-ny', 'se-sql-ch', 'se-sql-ny']);
    expect(removed).toEqual([
      'edge-ch',
      'edge-ny',
      'pool-ch',
      'pool-ny',
      'sql-ch',
      'sql-ch-m',
      'sql-ch-w',
      'sql-ny',
      'sql-ny-m',
      'sql-ny-w',
    ]);
    expect(d.nodes.filter((n) => n.status === 'changed')).toEqual([]);
    // The file stores and Office Online farms stay; their links move from the 2015 pool to the new one.
    const retargets = d.links.filter((l) => l.status === 'retargeted');
    expect(retargets).toEqual([]); // the links start at the pool, which is replaced: removed and added, not retargeted
    const pairing = d.links.filter((l) => l.kind === 'pairing').map((l) => [l.status, l.summary]);
    expect(pairing).toEqual([
      ['removed', '\u201cPool NY\u201d and \u201cPool CH\u201d are no longer paired.'],
      [
        'added',
        '\u201cPool NY (Subscription Edition)\u201d and \u201cPool CH (Subscription Edition)\u201d are paired (each is the other\u2019s backup pool).',
      ],
    ]);
    expect(d.cmsMove?.summary).toBe(
      'The Central Management store moves from \u201cPool NY\u201d to \u201cPool NY (Subscription Edition)\u201d.',
    );
    expect(entry(d.nodes, 'Pool NY (Subscription Edition)')?.summary).toBe(
      'Front End pool \u201cPool NY (Subscription Edition)\u201d (sepool-ny.fabrikam.com, Skype for Business Server Subscription Edition) added in New York.',
    );
    expect(d.headline).toContain('4 new server roles on Subscription Edition.');
  });

  it('reads 2019 → Subscription Edition on the same FQDNs as in-place upgrades', () => {
    const d = diffTopologies(pair2019AlwaysOn(), contosoInPlace());
    const upgraded = d.nodes.filter((n) => n.version);
    expect(upgraded.map((n) => n.currentId).sort()).toEqual(['edge-a', 'edge-b', 'pool-a', 'pool-b']);
    for (const n of upgraded) {
      expect(n.version).toEqual({ from: '2019', to: 'SE', path: 'in-place', ruleId: 'UPG-INPLACE-2019-SE' });
      expect(n.replacement).toBe(false);
      expect(n.classes).toEqual(['version-changed']);
    }
    expect(entry(d.nodes, 'Pool A')?.summary).toBe(
      'Front End pool \u201cPool A\u201d: Skype for Business Server 2019 \u2192 Skype for Business Server Subscription Edition (an in-place upgrade); cumulative update CU8 \u2192 RTM.',
    );
    expect(d.links).toEqual([]);
    expect(d.cmsMove).toBeUndefined();
    expect(d.headline[1]).toBe(
      '4 server roles from Skype for Business Server 2019 to Skype for Business Server Subscription Edition: an in-place upgrade.',
    );
  });

  it('refuses 2015 → Subscription Edition on one FQDN: side by side only', () => {
    const target = clone(pair2015Mirroring());
    const pool = target.nodes.find((n) => n.id === 'pool-ny')!;
    Object.assign(pool, { productVersion: 'SE' });
    const d = diffTopologies(pair2015Mirroring(), target);
    const e = d.nodes.find((n) => n.currentId === 'pool-ny')!;
    expect(e.version).toEqual({ from: '2015', to: 'SE', path: 'side-by-side-only', ruleId: 'UPG-INPLACE-2015-SE' });
    expect(e.replacement).toBe(true);
    expect(e.summary).toContain('no in-place upgrade exists');
  });

  it('names a Back End\u2019s change from mirroring to AlwaysOn, and the mirror and witness it loses', () => {
    const target = clone(pair2015Mirroring());
    const sql = target.nodes.find((n) => n.id === 'sql-ny')!;
    Object.assign(sql, {
      haMode: 'alwaysOnAg',
      ag: {
        listenerFqdn: 'sql-ny.fabrikam.com',
        replicas: [
          { fqdn: 'sqlnode1.fabrikam.com', siteId: 'nyc', commitMode: 'synchronous', failoverMode: 'automatic', readable: false },
        ],
      },
    });
    target.links = target.links.filter((l) => !(l.from === 'sql-ny' && (l.kind === 'mirror' || l.kind === 'witness')));
    const d = diffTopologies(pair2015Mirroring(), target);
    const e = d.nodes.find((n) => n.currentId === 'sql-ny')!;
    expect(e.ha).toEqual({ from: 'mirroring', to: 'alwaysOnAg' });
    expect(e.classes).toEqual(['ha-changed']);
    expect(e.summary).toMatch(
      /^SQL store \u201cBack End NY \(principal\)\u201d: high availability SQL Server mirroring \u2192 AlwaysOn availability group; availability group not set \u2192 listener sql-ny.fabrikam.com, 1 replica \(1 synchronous\) in New York; its SQL Server mirroring or witness changes\.$/,
    );
    expect(d.links.map((l) => l.summary)).toEqual([
      '\u201cBack End NY (principal)\u201d is no longer mirrored to \u201cBack End NY (mirror)\u201d.',
      '\u201cWitness NY\u201d is no longer the mirroring witness of \u201cBack End NY (principal)\u201d.',
    ]);
    // The former mirror and witness change role too (no field of theirs changed).
    expect(d.nodes.map((n) => n.currentId)).toEqual(['sql-ny-m', 'sql-ny', 'sql-ny-w']);
    expect(d.nodes.find((n) => n.currentId === 'sql-ny-w')!.summary).toBe(
      'SQL store \u201cWitness NY\u201d: its SQL Server mirroring or witness changes.',
    );
  });

  it('moves a single-valued association as one retarget', () => {
    const target = clone(pair2019AlwaysOn());
    const nh = target.links.find((l) => l.kind === 'nextHop' && l.from === 'edge-b')!;
    nh.to = 'pool-a';
    const d = diffTopologies(pair2019AlwaysOn(), target);
    expect(d.links).toHaveLength(1);
    expect(d.links[0]).toMatchObject({
      status: 'retargeted',
      kind: 'nextHop',
      from: 'edge-b',
      to: 'pool-a',
      retarget: { currentToId: 'pool-b', targetToId: 'pool-a' },
    });
    expect(d.links[0]!.summary).toBe('Next hop of \u201cEdge B\u201d moves from \u201cPool B\u201d to \u201cPool A\u201d.');
  });

  it('matches by FQDN without case, and lets a duplicated FQDN match nothing', () => {
    const current = pair2019AlwaysOn();
    const target = renameNodeIds(current, 'r-');
    const pool = target.nodes.find((n) => n.id === 'r-pool-a')!;
    Object.assign(pool, { fqdn: 'POOL-A.Contoso.COM' });
    expect(isEmptyDiff(diffTopologies(current, target))).toBe(true);
    // A second pool with the same FQDN and name: neither copy can be told apart.
    const twice = clone(target);
    twice.nodes.push({ ...(clone(pool) as TopologyNode), id: 'r-pool-a2' });
    const d = diffTopologies(current, twice);
    expect(d.matches.some((m) => m.currentId === 'pool-a')).toBe(false);
    expect(
      d.nodes
        .filter((n) => n.status === 'added')
        .map((n) => n.targetId)
        .sort(),
    ).toEqual(['r-pool-a', 'r-pool-a2']);
    expect(d.nodes.filter((n) => n.status === 'removed').map((n) => n.currentId)).toEqual(['pool-a']);
  });

  it('falls back to kind and name, and reports a new FQDN as a rebuild', () => {
    const current = pair2019AlwaysOn();
    const target = renameNodeIds(current, 'r-');
    Object.assign(
      target.nodes.find((n) => n.id === 'r-pool-b')!,
      { fqdn: 'pool-b2.contoso.com' },
    );
    const d = diffTopologies(current, target);
    expect(d.matches.find((m) => m.currentId === 'pool-b')).toEqual({ currentId: 'pool-b', targetId: 'r-pool-b', by: 'name' });
    const e = d.nodes.find((n) => n.currentId === 'pool-b')!;
    expect(e.classes).toEqual(['renamed']);
    expect(e.replacement).toBe(true);
    expect(e.summary).toBe(
      'Front End pool \u201cPool B\u201d: FQDN pool-b.contoso.com \u2192 pool-b2.contoso.com (not possible in place: new servers are built and the current ones retired).',
    );
  });

  it('classifies a pool moved to another site, resized and patched', () => {
    const target = clone(pair2019AlwaysOn());
    Object.assign(
      target.nodes.find((n) => n.id === 'pool-b')!,
      { siteId: 'dc1', frontEndServers: 8, cumulativeUpdate: 'CU8 Hotfix 2' },
    );
    const d = diffTopologies(pair2019AlwaysOn(), target);
    const e = d.nodes.find((n) => n.currentId === 'pool-b')!;
    expect(e.classes).toEqual(['moved-site', 'resized', 'patched']);
    expect(e.site).toEqual({ currentSiteId: 'dc2', targetSiteId: 'dc1' });
    expect(e.replacement).toBe(true);
    expect(e.summary).toBe(
      'Front End pool \u201cPool B\u201d: moves from Dublin to Amsterdam; cumulative update CU8 \u2192 CU8 Hotfix 2; Front End servers 6 \u2192 8 (not possible in place: new servers are built and the current ones retired).',
    );
  });

  it('never shows a field name to the user: every field of every node kind has words', () => {
    const nodeSchemas = schemas().node.options;
    expect(nodeSchemas).toHaveLength(NODE_KINDS.length);
    const missing = nodeSchemas
      .flatMap((s) => Object.keys(s.shape))
      .filter((k) => !['id', 'kind'].includes(k) && FIELD_LABELS[k] === undefined);
    expect([...new Set(missing)]).toEqual([]);
    for (const v of PRODUCT_VERSIONS)
      expect(
        diffTopologies(withPoolVersion('2015'), withPoolVersion(v))
          .nodes.map((n) => n.summary)
          .join(' '),
      ).not.toMatch(/\bSE\b|productVersion|frontEndServers/);
  });
});

function withPoolVersion(v: (typeof PRODUCT_VERSIONS)[number]): Topology {
  const doc = pair2015Mirroring();
  Object.assign(
    doc.nodes.find((n) => n.id === 'pool-ny')!,
    { productVersion: v },
  );
  return doc;
}

// ---------------------------------------------------------------- properties

/** The same design with every node id changed (links, CMS and layout follow). */
function renameNodeIds(doc: Topology, prefix: string): Topology {
  const map = (id: string) => `${prefix}${id}`.slice(0, 64);
  const out = clone(doc);
  out.nodes = out.nodes.map((n) => ({ ...n, id: map(n.id) }));
  out.links = out.links.map((l) => ({ ...l, from: map(l.from), to: map(l.to) }));
  out.deployment.cmsHost = out.deployment.cmsHost === null ? null : map(out.deployment.cmsHost);
  if (out.layout)
    out.layout = Object.fromEntries(
      Object.entries(out.layout).map(([k, v]) => [out.nodes.some((n) => n.id === map(k)) ? map(k) : k, v]),
    );
  return out;
}

/** Every node gets an FQDN of its own, so matching by key is unambiguous. */
function uniqueKeys(doc: Topology): Topology {
  const out = clone(doc);
  out.nodes = out.nodes.map((n, i) => ({ ...n, fqdn: `host${i}.example.com` }));
  return out;
}

interface Edit {
  op: 'keep' | 'remove' | 'modify';
  version: (typeof PRODUCT_VERSIONS)[number];
  site: number;
  users: number;
  ha: 'none' | 'mirroring' | 'alwaysOnAg';
  relabel: boolean;
}
const arbEdit: fc.Arbitrary<Edit> = fc.record({
  op: fc.constantFrom('keep', 'keep', 'remove', 'modify'),
  version: fc.constantFrom(...PRODUCT_VERSIONS),
  site: fc.nat(),
  users: fc.integer({ min: 0, max: 50_000 }),
  ha: fc.constantFrom('none', 'mirroring', 'alwaysOnAg'),
  relabel: fc.boolean(),
});

/** A target derived from `doc`: nodes removed, edited and added (keys of kept nodes unchanged), links dropped or added. */
const arbDerived = (doc: Topology) =>
  fc
    .record({
      edits: fc.array(arbEdit, { minLength: doc.nodes.length, maxLength: doc.nodes.length }),
      extra: arbTopology({ maxSites: 1, maxNodes: 4, maxLinks: 0, extremeCounts: false }),
      dropLinks: fc.array(fc.boolean(), { minLength: doc.links.length, maxLength: doc.links.length }),
      cms: fc.boolean(),
    })
    .map(({ edits, extra, dropLinks, cms }) => {
      const out = clone(doc);
      const sites = out.sites.map((s) => s.id);
      const nodes: TopologyNode[] = [];
      out.nodes.forEach((n, i) => {
        const e = edits[i]!;
        if (e.op === 'remove') return;
        if (e.op === 'modify') {
          const m = n as Record<string, unknown>;
          if ('productVersion' in m) m.productVersion = e.version;
          if (typeof m.users === 'number') m.users = e.users;
          if (n.kind === 'sqlStore') m.haMode = e.ha;
          m.siteId = sites[e.site % sites.length];
          if (e.relabel) m.name = `${n.name.slice(0, 100)} (new)`;
        }
        nodes.push(n);
      });
      const added = extra.nodes.map(
        (n, i) => ({ ...n, id: `added-${i}`, fqdn: `added${i}.example.net`, siteId: sites[i % sites.length]! }) as TopologyNode,
      );
      out.nodes = [...nodes, ...added];
      const ids = new Set(out.nodes.map((n) => n.id));
      out.links = out.links.filter((l, i) => !dropLinks[i] && ids.has(l.from) && ids.has(l.to));
      if (added.length >= 2) out.links.push({ id: 'added-link', kind: 'pairing', from: added[0]!.id, to: added[1]!.id } as Link);
      if (cms) out.deployment.cmsHost = out.nodes[0]?.id ?? null;
      else if (out.deployment.cmsHost !== null && !ids.has(out.deployment.cmsHost)) out.deployment.cmsHost = null;
      return out;
    });

const arbPair = arbTopology({ maxSites: 3, maxNodes: 10, maxLinks: 12 })
  .map(uniqueKeys)
  .chain((a) => arbDerived(a).map((b) => ({ a, b })));

const sortById = (nodes: readonly TopologyNode[]) => [...nodes].sort((x, y) => (x.id < y.id ? -1 : 1));

describe('diffTopologies properties', () => {
  it('diff(a, a) is empty, whatever the document (duplicate FQDNs and names included)', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 12, maxLinks: 16 }), (a) => {
        const d = diffTopologies(a, clone(a));
        expect(isEmptyDiff(d)).toBe(true);
        expect(d.nodes).toEqual([]);
        expect(d.matches).toHaveLength(a.nodes.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('what diff(a, b) adds, diff(b, a) removes, and the changed pairs are the same', () => {
    fc.assert(
      fc.property(
        fc.oneof(arbPair, fc.record({ a: arbTopology({ maxNodes: 8 }), b: arbTopology({ maxNodes: 8 }) })),
        ({ a, b }) => {
          const ab = diffTopologies(a, b);
          const ba = diffTopologies(b, a);
          const ids = (d: typeof ab, status: string, side: 'currentId' | 'targetId') =>
            d.nodes
              .filter((n) => n.status === status)
              .map((n) => n[side]!)
              .sort();
          expect(ids(ab, 'added', 'targetId')).toEqual(ids(ba, 'removed', 'currentId'));
          expect(ids(ab, 'removed', 'currentId')).toEqual(ids(ba, 'added', 'targetId'));
          expect(
            ab.nodes
              .filter((n) => n.status === 'changed')
              .map((n) => `${n.currentId}>${n.targetId}`)
              .sort(),
          ).toEqual(
            ba.nodes
              .filter((n) => n.status === 'changed')
              .map((n) => `${n.targetId}>${n.currentId}`)
              .sort(),
          );
          expect(ab.links.filter((l) => l.status === 'added').length).toBe(ba.links.filter((l) => l.status === 'removed').length);
          expect(ab.counts.linksChanged).toBe(ba.counts.linksChanged);
          expect(ab.sites.filter((s) => s.status === 'added').length).toBe(ba.sites.filter((s) => s.status === 'removed').length);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('renaming every node id changes nothing when the FQDNs match', () => {
    fc.assert(
      fc.property(arbPair, ({ a, b }) => {
        const renamed = renameNodeIds(a, 'z');
        const plain = diffTopologies(a, b);
        const viaKeys = diffTopologies(renamed, b);
        const said = (d: typeof plain) =>
          [
            ...d.nodes.map((n) => `${n.status} ${n.classes.join(',')} ${n.summary}`),
            ...d.links.map((l) => l.summary),
            d.cmsMove?.summary ?? '',
          ].sort();
        expect(said(viaKeys)).toEqual(said(plain));
        expect(isEmptyDiff(diffTopologies(a, renamed))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('applying the diff to a gives b\u2019s nodes', () => {
    fc.assert(
      fc.property(arbPair, ({ a, b }) => {
        const d = diffTopologies(a, b);
        expect(sortById(applyNodeChanges(a, d))).toEqual(sortById(b.nodes));
        for (const n of d.nodes) expect(n.summary).not.toMatch(/\[object|\bproductVersion\b|\bsiteId\b|\bhaMode\b/);
      }),
      { numRuns: RUNS },
    );
  });

  it('is deterministic and keys nodes the same on both sides', () => {
    fc.assert(
      fc.property(arbPair, ({ a, b }) => {
        expect(diffTopologies(a, b)).toEqual(diffTopologies(clone(a), clone(b)));
        for (const m of diffTopologies(a, b).matches) {
          const c = a.nodes.find((n) => n.id === m.currentId)!;
          const t = b.nodes.find((n) => n.id === m.targetId)!;
          expect(c.kind).toBe(t.kind);
          if (m.by === 'key') expect(matchKey(c)).toBe(matchKey(t));
        }
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});
