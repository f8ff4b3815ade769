import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importTopologyXml } from '../../import/index';
import { parseXml } from '../../import/xml';
import { arbTopology, HOSTILE_NAMES, HOSTILE_STRINGS } from '../../model/arbitrary-test-kit';
import { defaultLink, defaultNode, defaultSite, emptyTopology, standaloneSqlStore } from '../../model/defaults';
import { parseTopology } from '../../model/parse';
import { REFERENCE_DESIGNS } from '../../model/samples/index';
import type { Link, Topology, TopologyNode } from '../../model/schema';
import { exportTopologyBuilder, guid, TB_SHAPES } from './export-topology-builder';
import { tbText, tbView } from './tb-test-kit';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

function roundTrip(d: Topology, shape: (typeof TB_SHAPES)[number]) {
  const out = exportTopologyBuilder(d, { shape });
  const back = importTopologyXml(out.xml);
  if (!back.ok) throw new Error(`${shape}: ${back.error.message}`);
  return { out, back: back.value.topology, warnings: back.value.warnings };
}

describe('Topology Builder export: round trip through the importer', () => {
  for (const r of REFERENCE_DESIGNS)
    for (const shape of TB_SHAPES)
      it(`${r.id} (${shape}): import(export(d)) holds every site, node, link and the CMS host of d`, () => {
        const d = r.build();
        const { back } = roundTrip(d, shape);
        expect(tbView(back)).toEqual(tbView(d));
      });

  it('any design a topology document can hold comes back the same (property)', () => {
    fc.assert(
      fc.property(arbTbDesign(), fc.constantFrom(...TB_SHAPES), (d, shape) => {
        expect(parseTopology(d).ok).toBe(true);
        const { back } = roundTrip(d, shape);
        expect(tbView(back)).toEqual(tbView(d));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('Topology Builder export: the document', () => {
  it('writes the published shape by default: <Topology> in the 2008 topology namespace', () => {
    const { xml } = exportTopologyBuilder(REFERENCE_DESIGNS[0]!.build());
    const tree = parseXml(xml);
    expect(tree.ok).toBe(true);
    if (!tree.ok) return;
    expect(tree.value.local).toBe('Topology');
    expect(tree.value.ns).toBe('urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008');
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<!--')).toBe(true);
  });

  it('writes the saved .tbxml shape on request: TopologyBuilder > NewTopology > PartialTopology', () => {
    const { xml } = exportTopologyBuilder(REFERENCE_DESIGNS[0]!.build(), { shape: 'tbxml' });
    const tree = parseXml(xml);
    expect(tree.ok && tree.value.local).toBe('TopologyBuilder');
    expect(xml).toContain('<PartialTopology IsPublished="false"');
  });

  it('is deterministic: the same design gives byte-identical files, a changed design a different one', () => {
    for (const r of REFERENCE_DESIGNS) {
      for (const shape of TB_SHAPES)
        expect(exportTopologyBuilder(r.build(), { shape }).xml).toBe(exportTopologyBuilder(r.build(), { shape }).xml);
      const d = r.build();
      const changed = { ...d, sites: d.sites.map((s, i) => (i === 0 ? { ...s, name: `${s.name} (renamed)` } : s)) };
      expect(exportTopologyBuilder(changed).xml).not.toBe(exportTopologyBuilder(d).xml);
    }
  });

  it('keeps the AlwaysOn listener as the SQL Server FQDN and the primary replica in AlwaysOnPrimaryNodeFqdn', () => {
    const d = REFERENCE_DESIGNS.find((r) => r.id === 'pair-2019-ag')!.build();
    const store = d.nodes.find((n) => n.kind === 'sqlStore' && n.haMode === 'alwaysOnAg');
    if (store?.kind !== 'sqlStore' || !store.ag) throw new Error('reference design without an AG');
    const { xml, notes } = exportTopologyBuilder(d);
    expect(xml).toContain(`<Cluster RequiresReplication="false" RequiresSetup="false" Fqdn="${store.ag.listenerFqdn}">`);
    expect(xml).toContain(`<SqlInstance AlwaysOnPrimaryNodeFqdn="${store.ag.replicas[0]!.fqdn}">`);
    expect(notes.some((n) => n.nodeId === store.id && /secondary replica/.test(n.message))).toBe(true);
  });

  it('gives every Front End server of a pool its own fault and upgrade domain and a placeholder name, and says so', () => {
    const d = REFERENCE_DESIGNS.find((r) => r.id === 'pair-2019-ag')!.build();
    const pool = d.nodes.find((n) => n.kind === 'frontEndPool')!;
    if (pool.kind !== 'frontEndPool') throw new Error();
    const { xml, notes } = exportTopologyBuilder(d);
    const label = pool.fqdn.split('.')[0]!;
    for (let i = 1; i <= pool.frontEndServers; i++) expect(xml).toContain(`Fqdn="${label}-fe0${i}.`);
    expect(xml).toContain(
      `FaultDomain="FaultDomain${pool.frontEndServers}" UpgradeDomain="UpgradeDomain${pool.frontEndServers}"`,
    );
    expect(notes.some((n) => n.nodeId === pool.id && /placeholders/.test(n.message))).toBe(true);
  });

  it('lists the error findings it was asked to export anyway at the top, inside one well-formed comment', () => {
    const { xml } = exportTopologyBuilder(REFERENCE_DESIGNS[0]!.build(), {
      errors: [{ ruleId: 'BE-MIRROR-2019', message: 'mirroring -- is not supported --> <x>' }],
    });
    const start = xml.indexOf('<!--');
    const comment = xml.slice(start + 4, xml.indexOf('-->'));
    expect(start).toBeGreaterThan(0);
    expect(comment).toContain('WARNING: the design has 1 error finding');
    expect(comment).toContain('BE-MIRROR-2019');
    expect(comment).not.toContain('--');
    expect(xml.indexOf('<Topology')).toBeGreaterThan(xml.indexOf('-->'));
    expect(parseXml(xml).ok).toBe(true);
  });

  it('stays well-formed XML for any name, share and site a user can type, and brings site names back', () => {
    fc.assert(
      fc.property(arbTbDesign({ hostileNames: true }), fc.constantFrom(...TB_SHAPES), (d, shape) => {
        expect(parseTopology(d).ok).toBe(true);
        const { out, back } = roundTrip(d, shape);
        expect(parseXml(out.xml).ok).toBe(true);
        const names = (t: Topology) => t.sites.map((s) => s.name).sort();
        expect(names(back)).toEqual(names(d).map(tbText).sort());
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws and always writes well-formed XML for any valid design, hostile text included (property)', () => {
    fc.assert(
      fc.property(arbTopology({ extraNames: HOSTILE_STRINGS }), fc.constantFrom(...TB_SHAPES), (d, shape) => {
        const out = exportTopologyBuilder(d, { shape, errors: [{ ruleId: 'X', message: d.name }] });
        const tree = parseXml(out.xml);
        expect(tree.ok).toBe(true);
        expect(exportTopologyBuilder(d, { shape, errors: [{ ruleId: 'X', message: d.name }] }).xml).toBe(out.xml);
        // The importer reads it (whatever it makes of a design that breaks the rules).
        expect(importTopologyXml(out.xml).ok).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('writes the same GUID for the same key and different ones for different keys, in the version 4 layout', () => {
    expect(guid('cluster|a')).toBe(guid('cluster|a'));
    expect(guid('cluster|a')).not.toBe(guid('cluster|b'));
    expect(guid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('says what it cannot write: Persistent Chat pools', () => {
    const d = emptyTopology('pchat');
    d.sites = [defaultSite('s1', 'Site', 'central')];
    d.nodes = [defaultNode('persistentChatPool', { id: 'pc', siteId: 's1' })];
    const { xml, notes } = exportTopologyBuilder(d);
    expect(notes.some((n) => n.nodeId === 'pc' && /Persistent Chat/.test(n.message))).toBe(true);
    expect(xml).not.toContain('pc.contoso.com');
  });
});

interface TbDesignOptions {
  hostileNames?: boolean;
}

/**
 * Valid designs that a topology document can hold: distinct FQDNs per server, at most one
 * Back End per pool, store links and mirrors on stores the pools use, a CMS on a registrar.
 */
function arbTbDesign(o: TbDesignOptions = {}): fc.Arbitrary<Topology> {
  const plainName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 -]{0,20}$/);
  const siteName = o.hostileNames
    ? fc.oneof(plainName, fc.constantFrom(...HOSTILE_NAMES.filter((n) => n.trim() !== '' && n.length <= 200)))
    : plainName;
  const poolSpec = fc.record({
    kind: fc.constantFrom('frontEndPool' as const, 'standardEditionServer' as const),
    version: fc.constantFrom('2015' as const, '2019' as const),
    servers: fc.integer({ min: 1, max: 12 }),
    mediation: fc.boolean(),
    conferencing: fc.boolean(),
    backEnd: fc.constantFrom('none', 'ag', 'plain', 'mirror'),
    instance: fc.constantFrom('', 'RTC', 'SFB1'),
    fileStore: fc.boolean(),
    archiving: fc.boolean(),
  });
  const siteSpec = fc.record({
    name: siteName,
    pools: fc.array(poolSpec, { minLength: 0, maxLength: 2 }),
    edge: fc.option(fc.record({ servers: fc.integer({ min: 1, max: 4 }), federation: fc.boolean(), xmpp: fc.boolean() }), {
      nil: undefined,
    }),
    director: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    oos: fc.option(
      fc.record({
        servers: fc.integer({ min: 1, max: 3 }),
        zone: fc.constantFrom('internal' as const, 'perimeter' as const, 'external' as const),
      }),
      { nil: undefined },
    ),
    mediationPool: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    gateway: fc.option(
      fc.record({
        peerPort: fc.integer({ min: 1024, max: 65535 }),
        mediationPort: fc.integer({ min: 1024, max: 65535 }),
        transport: fc.constantFrom('tls' as const, 'tcp' as const),
      }),
      { nil: undefined },
    ),
    branches: fc.array(siteName, { maxLength: 2 }),
  });
  return fc
    .record({
      sites: fc.array(siteSpec, { minLength: 1, maxLength: 3 }),
      pairing: fc.boolean(),
      cmsPick: fc.nat(),
      mediaEdge: fc.boolean(),
    })
    .map((r) => {
      const d = emptyTopology('Round trip');
      const nodes: TopologyNode[] = [];
      const links: Link[] = [];
      let seq = 0;
      const link = (kind: Link['kind'], from: string, to: string, extra: Record<string, unknown> = {}) =>
        links.push({ ...defaultLink(kind, `l${++seq}`, from, to), ...extra } as Link);
      const registrars: TopologyNode[] = [];
      const usedNames = new Set<string>();
      const unique = (name: string, i: number) => {
        let n = name;
        while (usedNames.has(tbText(n)) || tbText(n) === '') n = `${name.slice(0, 100)} ${i}${usedNames.size}`;
        usedNames.add(tbText(n));
        return n;
      };
      r.sites.forEach((s, si) => {
        const siteId = `site${si}`;
        d.sites.push(defaultSite(siteId, unique(s.name, si), 'central'));
        const dom = `s${si}.contoso.com`;
        const sitePools: TopologyNode[] = [];
        s.pools.forEach((p, pi) => {
          const id = `p${si}-${pi}`;
          const base = { id, siteId, fqdn: `${id}.${dom}` };
          const pool =
            p.kind === 'frontEndPool'
              ? {
                  ...defaultNode('frontEndPool', base),
                  productVersion: p.version,
                  frontEndServers: p.servers,
                  mediationCollocated: p.mediation,
                  conferencing: p.conferencing,
                }
              : { ...defaultNode('standardEditionServer', base), productVersion: p.version, mediationCollocated: p.mediation };
          nodes.push(pool);
          sitePools.push(pool);
          registrars.push(pool);
          if (p.kind === 'frontEndPool' && p.backEnd !== 'none') {
            const sqlId = `${id}-be`;
            const sql =
              p.backEnd === 'ag'
                ? defaultNode('sqlStore', { id: sqlId, siteId, fqdn: `${sqlId}.${dom}` })
                : { ...standaloneSqlStore({ id: sqlId, siteId, fqdn: `${sqlId}.${dom}` }), instance: p.instance };
            nodes.push(sql);
            link('backEnd', id, sqlId);
            if (p.backEnd === 'mirror') {
              nodes.push(
                { ...standaloneSqlStore({ id: `${sqlId}-m`, siteId, fqdn: `${sqlId}-m.${dom}` }), instance: p.instance },
                standaloneSqlStore({ id: `${sqlId}-w`, siteId, fqdn: `${sqlId}-w.${dom}` }),
              );
              link('mirror', sqlId, `${sqlId}-m`);
              link('witness', sqlId, `${sqlId}-w`);
            }
          }
          if (p.fileStore) {
            nodes.push({
              ...defaultNode('fileStore', { id: `${id}-fs`, siteId, fqdn: `${id}-fs.${dom}` }),
              storage: 'singleServer',
            });
            link('fileStore', id, `${id}-fs`);
          }
          if (p.archiving) {
            nodes.push(standaloneSqlStore({ id: `${id}-arch`, siteId, fqdn: `${id}-arch.${dom}` }));
            link('store', id, `${id}-arch`, { role: 'archiving' });
          }
        });
        if (s.edge && sitePools[0]) {
          const v =
            sitePools[0].kind !== 'survivableBranch' && 'productVersion' in sitePools[0] ? sitePools[0].productVersion : '2019';
          nodes.push({
            ...defaultNode('edgePool', { id: `edge${si}`, siteId, fqdn: `edge${si}.${dom}` }),
            productVersion: v,
            servers: s.edge.servers,
            federation: s.edge.federation,
            xmpp: s.edge.xmpp && v === '2015',
          });
          link('nextHop', `edge${si}`, sitePools[0].id);
          if (r.mediaEdge) link('mediaEdge', sitePools[0].id, `edge${si}`);
        }
        if (s.director)
          nodes.push({
            ...defaultNode('directorPool', { id: `dir${si}`, siteId, fqdn: `dir${si}.${dom}` }),
            servers: s.director,
          });
        if (s.mediationPool)
          nodes.push({
            ...defaultNode('mediationPool', { id: `med${si}`, siteId, fqdn: `med${si}.${dom}` }),
            servers: s.mediationPool,
          });
        if (s.gateway && s.mediationPool) {
          // An SBC on a trunk from the site's Mediation pool, with its ports and transport.
          nodes.push({
            ...defaultNode('gatewayPeer', { id: `gw${si}`, siteId, fqdn: `gw${si}.${dom}` }),
            peerType: 'pstnGateway',
            dnsLoadBalancing: false,
            acceptsAnyPoolMember: false,
            mediaBypass: false,
          });
          link('trunk', `med${si}`, `gw${si}`, s.gateway);
        }
        if (s.oos) {
          nodes.push({
            ...defaultNode('officeOnlineServer', { id: `oos${si}`, siteId, fqdn: `oos${si}.${dom}` }),
            servers: s.oos.servers,
            zone: s.oos.zone,
          });
          for (const p of sitePools) link('officeOnline', p.id, `oos${si}`);
        }
        s.branches.forEach((b, bi) => {
          const bid = `br${si}-${bi}`;
          d.sites.push(defaultSite(bid, unique(b, 10 + si * 3 + bi), 'branch'));
          nodes.push(defaultNode('survivableBranch', { id: `sba-${bid}`, siteId: bid, fqdn: `sba-${bid}.${dom}` }));
          if (sitePools[0]) link('backupRegistrar', `sba-${bid}`, sitePools[0].id);
        });
      });
      // Pairing: the first pool of two sites, same product, same kind.
      if (r.pairing) {
        const firsts = d.sites.map((s) => registrars.find((p) => p.siteId === s.id)).filter((p): p is TopologyNode => !!p);
        const [a, b] = firsts;
        if (
          a &&
          b &&
          a.kind === b.kind &&
          'productVersion' in a &&
          'productVersion' in b &&
          a.productVersion === b.productVersion
        )
          link('pairing', a.id, b.id);
      }
      const cms = registrars.length ? registrars[r.cmsPick % registrars.length]! : undefined;
      // The CMS lives on a Back End or a Standard Edition server: a pool without one cannot hold it.
      const cmsOk = cms && (cms.kind === 'standardEditionServer' || links.some((l) => l.kind === 'backEnd' && l.from === cms.id));
      d.deployment = { cmsHost: cmsOk ? cms.id : null, mode: 'greenfield' };
      d.nodes = nodes;
      d.links = links;
      return d;
    });
}
