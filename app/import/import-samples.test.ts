/**
 * Optional suite: real Topology Builder documents published by other people, kept outside
 * this repository (no licence allows copying them in) in ../shared/samples/topology-xml
 * beside the clone. When that folder exists (the team's machines, CI) every file in it is
 * imported and checked; when it does not (anybody else's clone) the suite is reported as
 * skipped with the reason "no ../shared", never as passed. The project's own documents
 * are app/import/fixtures (import-fixtures.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse';
import type { NodeKind, NodeOfKind, Topology } from '../model/schema';
import { importTopologyXml, type ImportResult } from './index';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/samples/topology-xml');
const HAS_SAMPLES = fs.existsSync(SAMPLES);
/** In the suite names, so that the reporter says why nothing ran. */
const SKIPPED = HAS_SAMPLES ? '' : ' (skipped: no ../shared)';
const sampleBytes = (name: string) => fs.readFileSync(path.join(SAMPLES, name));

const cache = new Map<string, ImportResult>();
/** Read when a test runs, never while collecting: a skipped suite reads nothing. */
function imported(name: string): ImportResult {
  const known = cache.get(name);
  if (known) return known;
  const r = importTopologyXml(sampleBytes(name));
  if (!r.ok) throw new Error(`${name}: ${r.error.tag}: ${r.error.message}`);
  cache.set(name, r.value);
  return r.value;
}
const fresh = (name: string): ImportResult => {
  const r = importTopologyXml(sampleBytes(name));
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
};

const ofKind = <K extends NodeKind>(doc: Topology, kind: K): NodeOfKind<K>[] =>
  doc.nodes.filter((n): n is NodeOfKind<K> => n.kind === kind);
const linksOf = (doc: Topology, kind: string) =>
  doc.links
    .filter((l) => l.kind === kind)
    .map((l) => `${l.from}->${l.to}${'role' in l ? `:${l.role}` : ''}`)
    .sort();

describe.skipIf(!HAS_SAMPLES)(
  `optional: sample 01: SfBAutomatedLab Contoso.tbxml (Topology Builder file, UTF-8 with BOM)${SKIPPED}`,
  () => {
    const load = () => imported('01-sfbautomatedlab-Contoso.tbxml');

    it('has one central site and an Enterprise pool of 4 Front Ends with collocated Mediation', () => {
      const { topology: doc } = load();
      expect(doc.sites).toEqual([{ id: 'site-contoso', name: 'Contoso', kind: 'central' }]);
      const pools = ofKind(doc, 'frontEndPool');
      expect(pools).toHaveLength(1);
      expect(pools[0]).toMatchObject({
        id: 'frontendpool',
        name: 'frontendpool',
        fqdn: 'frontendpool.contoso.com',
        frontEndServers: 4,
        mediationCollocated: true,
        conferencing: true,
        productVersion: '2015',
        deployed: false,
      });
      expect(ofKind(doc, 'standardEditionServer')).toHaveLength(0);
      expect(ofKind(doc, 'mediationPool')).toHaveLength(0);
    });

    it('has an Edge pool of 3 servers as the pool next hop and media Edge', () => {
      const { topology: doc } = load();
      const edges = ofKind(doc, 'edgePool');
      expect(edges).toHaveLength(1);
      expect(edges[0]).toMatchObject({ fqdn: 'edgepool.contoso.com', servers: 3, productVersion: '2015', federation: true });
      expect(linksOf(doc, 'nextHop')).toEqual(['edgepool->frontendpool']);
      expect(linksOf(doc, 'mediaEdge')).toEqual(['frontendpool->edgepool']);
    });

    it('has one SQL instance holding Back End, Archiving and Monitoring, without HA', () => {
      const { topology: doc } = load();
      const stores = ofKind(doc, 'sqlStore');
      expect(stores).toHaveLength(1);
      expect(stores[0]).toMatchObject({ id: 'xsql1', fqdn: 'xSQL1.contoso.com', instance: '', haMode: 'none' });
      expect(linksOf(doc, 'backEnd')).toEqual(['frontendpool->xsql1']);
      expect(linksOf(doc, 'store')).toEqual(['frontendpool->xsql1:archiving', 'frontendpool->xsql1:monitoring']);
    });

    it('has Office Online Server and two file shares, one of them unused', () => {
      const { topology: doc, warnings } = load();
      expect(ofKind(doc, 'officeOnlineServer')).toEqual([
        expect.objectContaining({ fqdn: 'xOffice1.contoso.com', servers: 1, zone: 'internal' }),
      ]);
      expect(linksOf(doc, 'officeOnline')).toEqual(['frontendpool->xoffice1']);
      const shares = ofKind(doc, 'fileStore');
      expect(shares.map((s) => [s.fqdn, s.share])).toEqual([
        ['xFile1.contoso.com', 'Data1'],
        ['xFile2.contoso.com', 'Data2'],
      ]);
      expect(linksOf(doc, 'fileStore')).toEqual(['frontendpool->xfile1']);
      expect(warnings.some((w) => w.message.includes('"xfile2"') && w.message.includes('used by no pool'))).toBe(true);
    });

    it('has no CMS yet (not published) and says so', () => {
      const { topology: doc, warnings } = load();
      expect(doc.deployment.cmsHost).toBeNull();
      expect(warnings.some((w) => /not published/.test(w.message) && w.confirm)).toBe(true);
    });
  },
);

describe.skipIf(!HAS_SAMPLES)(
  `optional: sample 02: rlevchenko DefaultTopology.xml (published, AlwaysOn Back End)${SKIPPED}`,
  () => {
    const load = () => imported('02-rlevchenko-powershell-skype-DefaultTopology.xml');

    it('has one site and an Enterprise pool of one Front End (pool FQDN ≠ machine FQDN)', () => {
      const { topology: doc } = load();
      expect(doc.sites.map((s) => [s.name, s.kind])).toEqual([['Tenant', 'central']]);
      const pools = ofKind(doc, 'frontEndPool');
      expect(pools).toHaveLength(1);
      expect(pools[0]).toMatchObject({
        id: 'poolfe',
        fqdn: 'poolfe.tenant.rlevchenko.com',
        frontEndServers: 1,
        mediationCollocated: false,
        productVersion: '2015',
        deployed: true,
      });
      expect(ofKind(doc, 'standardEditionServer')).toHaveLength(0);
      expect(ofKind(doc, 'edgePool')).toHaveLength(0);
    });

    it('reads the Back End as an AlwaysOn availability group whose listener is the store FQDN', () => {
      const { topology: doc, warnings } = load();
      const stores = ofKind(doc, 'sqlStore');
      expect(stores).toHaveLength(1);
      expect(stores[0]).toMatchObject({
        fqdn: 'srv-sql-01.tenant.rlevchenko.com',
        haMode: 'alwaysOnAg',
        ag: { listenerFqdn: 'srv-sql-01.tenant.rlevchenko.com', listenerPort: 1433 },
      });
      expect(linksOf(doc, 'backEnd')).toEqual(['poolfe->srv-sql-01']);
      // The primary node equals the listener name here, so the replicas are unknown and the user is told.
      expect(warnings.some((w) => w.confirm && /AlwaysOn/.test(w.message) && /replica/.test(w.message))).toBe(true);
    });

    it('has a DFS file share, Office Web Apps and the CMS on the pool', () => {
      const { topology: doc } = load();
      expect(ofKind(doc, 'fileStore')).toEqual([
        expect.objectContaining({ fqdn: 'tenant.rlevchenko.com', share: 'skype', storage: 'dfs' }),
      ]);
      expect(ofKind(doc, 'officeOnlineServer')).toEqual([
        expect.objectContaining({ fqdn: 'srv-owa-01.tenant.rlevchenko.com', zone: 'internal' }),
      ]);
      expect(linksOf(doc, 'fileStore')).toEqual(['poolfe->tenant']);
      expect(linksOf(doc, 'officeOnline')).toEqual(['poolfe->srv-owa-01']);
      expect(doc.deployment.cmsHost).toBe('poolfe');
    });
  },
);

describe.skipIf(!HAS_SAMPLES)(
  `optional: sample 03: JohanVeldhuis DefaultTopology.xml (published, UTF-16 LE with BOM, CRLF)${SKIPPED}`,
  () => {
    const load = () => imported('03-johanveldhuis-sfblab-DefaultTopology.utf16.xml');

    it('has a Standard Edition server with collocated Mediation and no SQL store of its own', () => {
      const { topology: doc } = load();
      expect(doc.sites.map((s) => s.name)).toEqual(['SiteA']);
      expect(ofKind(doc, 'frontEndPool')).toHaveLength(0);
      const se = ofKind(doc, 'standardEditionServer');
      expect(se).toHaveLength(1);
      expect(se[0]).toMatchObject({
        id: 's4blab92-fe1',
        fqdn: 'S4BLab92-FE1.contoso.com',
        mediationCollocated: true,
        productVersion: '2015',
      });
      expect(ofKind(doc, 'sqlStore')).toHaveLength(0);
      expect(linksOf(doc, 'backEnd')).toEqual([]);
      expect(doc.deployment.cmsHost).toBe('s4blab92-fe1');
    });

    it('has its own file share, one Edge server and Office Web Apps given by a short name (kept)', () => {
      const { topology: doc } = load();
      expect(ofKind(doc, 'fileStore')).toEqual([
        expect.objectContaining({ fqdn: 'S4BLab92-FE1.contoso.com', share: 'LyncShare' }),
      ]);
      expect(linksOf(doc, 'fileStore')).toEqual(['s4blab92-fe1->s4blab92-fe1-lyncshare']);
      expect(ofKind(doc, 'edgePool')).toEqual([expect.objectContaining({ servers: 1, productVersion: '2015' })]);
      expect(linksOf(doc, 'nextHop')).toEqual(['s4blab92-es1->s4blab92-fe1']);
      expect(ofKind(doc, 'officeOnlineServer')).toEqual([expect.objectContaining({ fqdn: 'S4BLab92-WAC1' })]);
    });

    it('reads the same document from its bytes, from decoded text and from CRLF-free text', () => {
      const { topology: doc } = load();
      const text = new TextDecoder('utf-16le').decode(sampleBytes('03-johanveldhuis-sfblab-DefaultTopology.utf16.xml'));
      for (const input of [text, text.replace(/\r\n/g, '\n')]) {
        const r = importTopologyXml(input);
        expect(r.ok && r.value.topology).toEqual(doc);
      }
    });
  },
);

describe.skipIf(!HAS_SAMPLES)(`optional: every file in ../shared/samples/topology-xml${SKIPPED}`, () => {
  const names = HAS_SAMPLES ? fs.readdirSync(SAMPLES).filter((f) => /\.(xml|tbxml)$/.test(f)) : [];

  it('are all here (the samples exist in CI too)', () => {
    expect(names).toHaveLength(3);
  });

  it.each(names)('%s: parses as a topology and lists defaults to confirm', (name) => {
    const { topology, warnings } = imported(name);
    expect(parseTopology(topology).ok).toBe(true);
    expect(parseTopology(JSON.stringify(topology)).ok).toBe(true);
    for (const n of topology.nodes) expect(topology.layout?.[n.id], n.id).toBeDefined();
    // Readable ids, never GUIDs.
    for (const n of topology.nodes) expect(n.id).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(warnings.filter((w) => w.confirm).length).toBeGreaterThan(0);
    for (const w of warnings) expect(`${w.where ?? ''}${w.message}`).not.toMatch(/[\n\r]/);
  });

  it.each(names)('%s: is imported the same way twice (deterministic)', (name) => {
    expect(fresh(name)).toEqual(fresh(name));
  });
});
