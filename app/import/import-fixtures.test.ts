/**
 * The project's own Topology Builder documents (app/import/fixtures): both shapes, the
 * three encodings, AlwaysOn, Standard Edition with collocated Mediation, Edge behind NAT,
 * script placeholders and a truncated file. What each holds must come out of the importer.
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse';
import type { NodeKind, NodeOfKind, Topology } from '../model/schema';
import { FIXTURE, FIXTURE_FILES, fixtureBytes, fixtureText, TRUNCATED } from './fixture-test-kit';
import { importTopologyXml, type ImportResult } from './index';

function imported(input: string | Uint8Array, what: string): ImportResult {
  const r = importTopologyXml(input);
  if (!r.ok) throw new Error(`${what}: ${r.error.tag}: ${r.error.message}`);
  return r.value;
}
const importedFixture = (name: string) => imported(fixtureBytes(name), name);

const ofKind = <K extends NodeKind>(doc: Topology, kind: K): NodeOfKind<K>[] =>
  doc.nodes.filter((n): n is NodeOfKind<K> => n.kind === kind);
const linksOf = (doc: Topology, kind: string) =>
  doc.links
    .filter((l) => l.kind === kind)
    .map((l) => `${l.from}->${l.to}${'role' in l ? `:${l.role}` : ''}`)
    .sort();

describe('the fixtures are the encodings they claim', () => {
  it('published-enterprise-ag.xml: UTF-8 without BOM or declaration, LF only', () => {
    const b = fixtureBytes(FIXTURE.enterpriseAg);
    expect([...b.subarray(0, 9)]).toEqual([...new TextEncoder().encode('<Topology')]);
    expect(fixtureText(FIXTURE.enterpriseAg)).not.toContain('\r');
  });

  it('builder-file.tbxml: UTF-8 with BOM and an XML declaration', () => {
    const b = fixtureBytes(FIXTURE.builderFile);
    expect([...b.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(fixtureText(FIXTURE.builderFile).startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  });

  it('published-standard-edition.utf16.xml: UTF-16 LE with BOM, every line ending CRLF', () => {
    const b = fixtureBytes(FIXTURE.standardEditionUtf16);
    expect([...b.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x3c, 0x00]);
    const text = fixtureText(FIXTURE.standardEditionUtf16);
    expect(text.split('\n').length).toBeGreaterThan(100);
    expect(text.match(/\r\n/g)?.length).toBe(text.match(/\n/g)?.length);
  });
});

describe('published topology: Enterprise pool on an AlwaysOn Back End (2019)', () => {
  const load = () => importedFixture(FIXTURE.enterpriseAg);

  it('has one site and an Enterprise pool of 3 Front End servers, deployed, 2019', () => {
    const { topology: doc } = load();
    expect(doc.sites).toEqual([{ id: 'site-amsterdam', name: 'Amsterdam', kind: 'central' }]);
    expect(ofKind(doc, 'frontEndPool')).toEqual([
      expect.objectContaining({
        id: 'pool01',
        fqdn: 'pool01.fabrikam.com',
        frontEndServers: 3,
        productVersion: '2019',
        deployed: true,
        mediationCollocated: false,
        conferencing: true,
        domain: 'fabrikam.com',
      }),
    ]);
    expect(doc.description).toMatch(/Get-CsTopology -AsXml/);
  });

  it('reads the Back End as an AlwaysOn availability group: the cluster FQDN is the listener, the primary a replica', () => {
    const { topology: doc, warnings } = load();
    const ag = ofKind(doc, 'sqlStore').find((s) => s.id === 'sqlag01');
    expect(ag).toMatchObject({
      fqdn: 'sqlag01.fabrikam.com',
      instance: '',
      haMode: 'alwaysOnAg',
      // Published: the group runs today, so a transition plan does not convert it again.
      currentHaMode: 'alwaysOnAg',
      ag: {
        listenerFqdn: 'sqlag01.fabrikam.com',
        listenerPort: 1433,
        replicas: [{ fqdn: 'sql01.fabrikam.com', commitMode: 'synchronous', failoverMode: 'automatic', readable: false }],
      },
    });
    expect(linksOf(doc, 'backEnd')).toEqual(['pool01->sqlag01']);
    expect(warnings.some((w) => w.confirm && /add the secondary replicas/.test(w.message))).toBe(true);
  });

  it('has Monitoring on a named instance, a file share, Office Online Server and the CMS on the pool', () => {
    const { topology: doc } = load();
    expect(ofKind(doc, 'sqlStore').find((s) => s.id === 'sqlmon01-mon')).toMatchObject({ instance: 'MON', haMode: 'none' });
    expect(linksOf(doc, 'store')).toEqual(['pool01->sqlmon01-mon:monitoring']);
    expect(ofKind(doc, 'fileStore')).toEqual([
      expect.objectContaining({ fqdn: 'fs01.fabrikam.com', share: 'sfbshare', storage: 'singleServer' }),
    ]);
    expect(linksOf(doc, 'fileStore')).toEqual(['pool01->fs01']);
    expect(ofKind(doc, 'officeOnlineServer')).toEqual([
      expect.objectContaining({ fqdn: 'oos01.fabrikam.com', zone: 'internal' }),
    ]);
    expect(linksOf(doc, 'officeOnline')).toEqual(['pool01->oos01']);
    expect(doc.deployment.cmsHost).toBe('pool01');
  });

  it('has an Edge pool of 2 behind NAT with federation, as next hop and media Edge of the pool', () => {
    const { topology: doc } = load();
    expect(ofKind(doc, 'edgePool')).toEqual([
      expect.objectContaining({
        fqdn: 'edgepool01.fabrikam.com',
        servers: 2,
        productVersion: '2019',
        federation: true,
        xmpp: false,
      }),
    ]);
    expect(linksOf(doc, 'nextHop')).toEqual(['edgepool01->pool01']);
    expect(linksOf(doc, 'mediaEdge')).toEqual(['pool01->edgepool01']);
  });
});

describe('saved Topology Builder file (.tbxml): not published, GUID references (2015)', () => {
  const load = () => importedFixture(FIXTURE.builderFile);

  it('has an Enterprise pool of 2, not deployed, on a named Back End instance', () => {
    const { topology: doc } = load();
    expect(doc.sites.map((s) => [s.name, s.kind])).toEqual([['Dublin', 'central']]);
    expect(ofKind(doc, 'frontEndPool')).toEqual([
      expect.objectContaining({ id: 'eepool', frontEndServers: 2, productVersion: '2015', deployed: false }),
    ]);
    expect(ofKind(doc, 'sqlStore')).toEqual([
      expect.objectContaining({ id: 'dub-sql1-sfbbe', fqdn: 'dub-sql1.litware.com', instance: 'SFBBE', haMode: 'none' }),
    ]);
    expect(linksOf(doc, 'backEnd')).toEqual(['eepool->dub-sql1-sfbbe']);
    expect(doc.description).toMatch(/\.tbxml\) that was not published/);
  });

  it('has an Edge pool of 3 behind NAT with federation and XMPP', () => {
    const { topology: doc } = load();
    expect(ofKind(doc, 'edgePool')).toEqual([
      expect.objectContaining({ fqdn: 'edgepool.litware.com', servers: 3, federation: true, xmpp: true }),
    ]);
    expect(linksOf(doc, 'nextHop')).toEqual(['edgepool->eepool']);
    expect(linksOf(doc, 'mediaEdge')).toEqual(['eepool->edgepool']);
  });

  it('keeps the unused file share and says so; no CMS yet, and says so', () => {
    const { topology: doc, warnings } = load();
    expect(ofKind(doc, 'fileStore').map((f) => [f.fqdn, f.share])).toEqual([
      ['dub-fs1.litware.com', 'sfbshare'],
      ['dub-fs2.litware.com', 'archive'],
    ]);
    expect(linksOf(doc, 'fileStore')).toEqual(['eepool->dub-fs1']);
    expect(warnings.some((w) => w.message.includes('"dub-fs2"') && w.message.includes('used by no pool'))).toBe(true);
    expect(doc.deployment.cmsHost).toBeNull();
    expect(warnings.some((w) => w.confirm && /not published/.test(w.message))).toBe(true);
  });
});

describe('published topology in UTF-16 LE with CRLF: Standard Edition server with collocated Mediation', () => {
  const load = () => importedFixture(FIXTURE.standardEditionUtf16);

  it('has the Standard Edition server with collocated Mediation, its own SQL and the CMS', () => {
    const { topology: doc } = load();
    expect(ofKind(doc, 'frontEndPool')).toHaveLength(0);
    expect(ofKind(doc, 'standardEditionServer')).toEqual([
      expect.objectContaining({
        id: 'lyo-se01',
        fqdn: 'lyo-se01.tailspintoys.com',
        mediationCollocated: true,
        productVersion: '2015',
      }),
    ]);
    // The server's own SQL Express is part of the server: no SQL store node, no Back End link.
    expect(ofKind(doc, 'sqlStore')).toHaveLength(0);
    expect(linksOf(doc, 'backEnd')).toEqual([]);
    expect(doc.deployment.cmsHost).toBe('lyo-se01');
  });

  it('has its own file share, one Edge server behind NAT, Office Online Server by a short name, and a gateway with its trunk', () => {
    const { topology: doc, warnings } = load();
    expect(ofKind(doc, 'fileStore')).toEqual([expect.objectContaining({ fqdn: 'lyo-se01.tailspintoys.com', share: 'SfBShare' })]);
    expect(linksOf(doc, 'fileStore')).toEqual(['lyo-se01->lyo-se01-sfbshare']);
    expect(ofKind(doc, 'edgePool')).toEqual([
      expect.objectContaining({
        servers: 1,
        federation: false,
        natAddresses: ['203.0.113.130'],
        externalSipFqdn: 'sip.tailspintoys.com',
        externalAvFqdn: 'av.tailspintoys.com',
      }),
    ]);
    expect(warnings.filter((w) => w.confirm && /translated by NAT/.test(w.message))).toHaveLength(1);
    expect(linksOf(doc, 'nextHop')).toEqual(['lyo-edge01->lyo-se01']);
    // The discovery URL is kept as written, short name and all.
    expect(ofKind(doc, 'officeOnlineServer')).toEqual([
      expect.objectContaining({ fqdn: 'LYOOOS01', discoveryUrl: 'https://LYOOOS01/hosting/discovery' }),
    ]);
    expect(ofKind(doc, 'standardEditionServer')).toEqual([
      expect.objectContaining({ externalWebFqdn: 'webext-lyo.tailspintoys.com' }),
    ]);
    expect(ofKind(doc, 'gatewayPeer')).toEqual([
      expect.objectContaining({ fqdn: 'lyo-sbc01.tailspintoys.com', peerType: 'pstnGateway' }),
    ]);
    expect(doc.links.filter((l) => l.kind === 'trunk')).toEqual([
      expect.objectContaining({ from: 'lyo-se01', mediationPort: 5067, peerPort: 5067, transport: 'tls' }),
    ]);
  });

  it('reads the same document from its bytes, from decoded text, from LF text and from UTF-8 with and without BOM', () => {
    const { topology: doc } = load();
    const text = fixtureText(FIXTURE.standardEditionUtf16);
    const utf8 = new TextEncoder().encode(text);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    for (const [what, input] of [
      ['text', text],
      ['LF text', text.replace(/\r\n/g, '\n')],
      ['UTF-8 bytes', utf8],
      ['UTF-8 bytes with BOM', withBom],
    ] as const)
      expect(imported(input, what).topology, what).toEqual(doc);
  });
});

describe('a script template with $Variables', () => {
  it('imports, with one "this is a template" warning naming every placeholder once (site name and SIP domain included)', () => {
    const { topology: doc, warnings } = importedFixture(FIXTURE.scriptTemplate);
    expect(ofKind(doc, 'frontEndPool')).toEqual([
      expect.objectContaining({ fqdn: 'PoolFqdn', frontEndServers: 2, productVersion: '2019' }),
    ]);
    const template = warnings.filter((w) => /script template/.test(w.message));
    expect(template).toHaveLength(1);
    expect(template[0]!.confirm).toBe(true);
    const placeholders = [
      '$SiteName',
      '$PoolFqdn',
      '$SqlListenerFqdn',
      '$SqlInstance',
      '$SqlPrimaryFqdn',
      '$FileServerFqdn',
      '$ShareName',
      '$SipDomain',
    ];
    for (const p of placeholders) {
      expect(template[0]!.message, p).toContain(`"${p}"`);
      // Named once: in the template warning, nowhere else as a message of its own.
      expect(
        warnings.filter((w) => w.message.includes(`"${p}"`)),
        p,
      ).toHaveLength(1);
    }
  });

  it('gives FQDN and display name the same spelling of a placeholder', () => {
    const { topology: doc } = importedFixture(FIXTURE.scriptTemplate);
    const pool = ofKind(doc, 'frontEndPool')[0]!;
    expect(pool.name).toBe(pool.fqdn);
    expect(ofKind(doc, 'sqlStore')[0]!.name.startsWith(ofKind(doc, 'sqlStore')[0]!.fqdn)).toBe(true);
    expect(ofKind(doc, 'fileStore')[0]!.name).toBe(`\\\\${ofKind(doc, 'fileStore')[0]!.fqdn}\\$ShareName`);
    expect(doc.sites.map((s) => s.name)).toEqual(['SiteName']);
    expect(doc.name).toBe('Imported: SipDomain');
  });
});

describe('a truncated file', () => {
  it('is refused as XML cut short, with the line and column', () => {
    const r = importTopologyXml(fixtureBytes(TRUNCATED));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.tag).toBe('notXml');
    expect(r.error.message).toMatch(/cut short \(line 41, column \d+\)/);
  });

  it('is the start of published-enterprise-ag.xml', () => {
    const whole = fixtureText(FIXTURE.enterpriseAg);
    const cut = fixtureText(TRUNCATED);
    expect(cut.length).toBeLessThan(whole.length);
    expect(whole.startsWith(cut)).toBe(true);
  });
});

describe('every fixture', () => {
  it.each(FIXTURE_FILES)('%s: parses as a topology, laid out, readable ids, one-line warnings, defaults to confirm', (name) => {
    const { topology, warnings } = importedFixture(name);
    expect(parseTopology(topology).ok).toBe(true);
    expect(parseTopology(JSON.stringify(topology)).ok).toBe(true);
    for (const n of topology.nodes) expect(topology.layout?.[n.id], n.id).toBeDefined();
    for (const n of topology.nodes) expect(n.id).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(warnings.filter((w) => w.confirm).length).toBeGreaterThan(0);
    for (const w of warnings) expect(`${w.where ?? ''}${w.message}`).not.toMatch(/[\n\r]/);
  });

  it.each(FIXTURE_FILES)('%s: is imported the same way twice (deterministic)', (name) => {
    expect(importedFixture(name)).toEqual(importedFixture(name));
  });
});
