/**
 * Real Topology Builder documents through import then export: every identity the importer
 * maps (site names, the FQDN of each cluster it turns into a node, SQL instances with their
 * AlwaysOn primary, file shares, the roles on each cluster and the dependencies that become
 * links) is in the exported document again. Compared on a canonical form of both documents,
 * read by the importer's own reader. The project's fixtures always; the team's shared
 * samples when that folder is beside the repository (reported as skipped otherwise).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importTopologyXml } from '../../import/index';
import { hostName } from '../../import/names';
import { isRtcNs, readTopologyDocument, type TbDocument } from '../../import/read-topology';
import { attr, childNamed, decodeXmlBytes, parseXml, type XmlElement } from '../../import/xml';
import { exportTopologyBuilder, TB_SHAPES } from './export-topology-builder';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(HERE, '../../import/fixtures');
const SHARED = path.resolve(HERE, '../../../../shared/samples/topology-xml');

const list = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => /\.(xml|tbxml)$/i.test(f))
        .map((f) => path.join(dir, f))
    : [];

/** Roles the importer turns into nodes or parts of nodes. */
const MAPPED_ROLES = new Set([
  'UserServices',
  'Registrar',
  'WebServices',
  'ConfServices',
  'MediationServer',
  'EdgeServer',
  'WacService',
  'FileStore',
  'CentralMgmt',
  'UserStore',
  'ArchivingStore',
  'MonitoringStore',
  'CentralMgmtStore',
]);
/** Dependencies the importer turns into links (by the target's role). */
const LINK_TARGETS = new Set([
  'UserStore',
  'ArchivingStore',
  'MonitoringStore',
  'FileStore',
  'WacService',
  'EdgeServer',
  'Registrar',
]);

const host = (raw: string) => hostName(raw, '?').fqdn.toLowerCase();

function readDoc(bytes: Uint8Array | string): TbDocument {
  const text =
    typeof bytes === 'string'
      ? bytes
      : (() => {
          const d = decodeXmlBytes(bytes);
          if (!d.ok) throw new Error(d.error.message);
          return d.value.text;
        })();
  const tree = parseXml(text);
  if (!tree.ok) throw new Error(tree.error.message);
  const doc = readTopologyDocument(tree.value);
  if (!doc.ok) throw new Error(doc.error.message);
  return doc.value;
}

/** The identities of a document the importer maps, as sorted strings. */
function canonical(doc: TbDocument, keep: (fqdn: string) => boolean) {
  const clusterFqdn = new Map(doc.clusters.map((c) => [c.key, host(c.fqdn)]));
  const instance = new Map(doc.sqlInstances.map((i) => [i.key, i]));
  const serviceHost = (s: TbDocument['services'][number]): string | undefined => {
    const on = s.installedOn;
    if (!on) return undefined;
    if ('cluster' in on) return clusterFqdn.get(on.cluster);
    const i = instance.get(on.sqlInstance);
    return i && `${clusterFqdn.get(i.clusterKey)}\\${i.name.toLowerCase()}`;
  };
  const byKey = new Map(doc.services.map((s) => [s.key, s]));
  const roles = new Set<string>();
  const deps = new Set<string>();
  for (const s of doc.services) {
    const h = serviceHost(s);
    if (!h || !MAPPED_ROLES.has(s.role) || !keep(h.split('\\')[0]!)) continue;
    roles.add(`${s.role}@${h}`);
    for (const d of s.dependsOn) {
      const t = byKey.get(d.serviceKey);
      const th = t && serviceHost(t);
      if (!t || !th || !LINK_TARGETS.has(t.role) || th.split('\\')[0] === h.split('\\')[0]) continue;
      deps.add(`${h.split('\\')[0]} -> ${t.role}@${th}`);
    }
  }
  return {
    // A script placeholder in a site name is imported without its "$" (the template warning says so).
    sites: doc.sites.map((s) => `${s.kind}:${s.name.trim().replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, '$1')}`).sort(),
    clusters: [...new Set(doc.clusters.map((c) => host(c.fqdn)).filter(keep))].sort(),
    sql: doc.sqlInstances
      .filter((i) => keep(clusterFqdn.get(i.clusterKey)!))
      .map(
        (i) =>
          `${clusterFqdn.get(i.clusterKey)}\\${i.name.toLowerCase()} primary=${i.alwaysOnPrimaryNodeFqdn ? host(i.alwaysOnPrimaryNodeFqdn) : '-'}`,
      )
      .sort(),
    shares: doc.services
      .filter((s) => s.role === 'FileStore')
      .map((s) => `${serviceHost(s)}\\${attr(childNamed(s.el, 'FileStoreService', isRtcNs) ?? s.el, 'ShareName') ?? ''}`)
      .sort(),
    roles: [...roles].sort(),
    deps: [...deps].sort(),
  };
}

function checkFile(file: string) {
  const original = fs.readFileSync(file);
  const imported = importTopologyXml(original);
  if (!imported.ok) throw new Error(imported.error.message);
  const fqdns = new Set(imported.value.topology.nodes.map((n) => n.fqdn.toLowerCase()));
  // Only what became part of the design: a cluster that maps to nothing is named in the import's warnings.
  const keep = (fqdn: string) => fqdns.has(fqdn);
  const before = canonical(readDoc(original), keep);
  // A comparison of empty lists would prove nothing.
  expect(before.clusters.length * before.roles.length * before.sites.length).toBeGreaterThan(0);
  for (const shape of TB_SHAPES) {
    const out = exportTopologyBuilder(imported.value.topology, { shape });
    const after = canonical(readDoc(out.xml), () => true);
    expect.soft(after.sites, `${shape}: sites`).toEqual(expect.arrayContaining(before.sites));
    expect.soft(after.clusters, `${shape}: clusters`).toEqual(expect.arrayContaining(before.clusters));
    expect.soft(after.sql, `${shape}: SQL instances`).toEqual(expect.arrayContaining(before.sql));
    expect.soft(after.shares, `${shape}: shares`).toEqual(expect.arrayContaining(before.shares));
    expect.soft(after.roles, `${shape}: roles`).toEqual(expect.arrayContaining(before.roles));
    expect.soft(after.deps, `${shape}: dependencies`).toEqual(expect.arrayContaining(before.deps));
  }
}

/** Every element and attribute path of a document (namespace declarations left out). */
function paths(el: XmlElement, prefix = '', out = new Set<string>()): Set<string> {
  const p = `${prefix}/${el.local}`;
  out.add(p);
  for (const a of el.attrs) if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) out.add(`${p}@${a.local}`);
  for (const c of el.children) paths(c, p, out);
  return out;
}

function treeOf(bytes: Uint8Array | string): XmlElement {
  const text =
    typeof bytes === 'string'
      ? bytes
      : (() => {
          const d = decodeXmlBytes(bytes);
          if (!d.ok) throw new Error(d.error.message);
          return d.value.text;
        })();
  const t = parseXml(text);
  if (!t.ok) throw new Error(t.error.message);
  return t.value;
}

/** The export writes nothing a real document of the same shape does not have: no invented element or attribute. */
function checkVocabulary(files: string[]) {
  for (const shape of TB_SHAPES) {
    const real = new Set<string>();
    const written = new Set<string>();
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      const root = treeOf(bytes);
      if ((root.local === 'TopologyBuilder') !== (shape === 'tbxml')) continue;
      paths(root, '', real);
      const imported = importTopologyXml(bytes);
      if (imported.ok) paths(treeOf(exportTopologyBuilder(imported.value.topology, { shape }).xml), '', written);
    }
    if (!real.size) continue;
    expect(
      [...written].filter((p) => !real.has(p)),
      `${shape}: paths the real documents never use`,
    ).toEqual([]);
  }
}

// The fixtures include damaged documents the importer must refuse: they have nothing to round-trip.
const fixtures = list(FIXTURES).filter((f) => importTopologyXml(fs.readFileSync(f)).ok);
const shared = list(SHARED);

describe('export(import(x)) keeps what the importer maps: the project fixtures', () => {
  it('has fixtures of both shapes to run on', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
    expect(fixtures.some((f) => f.endsWith('.tbxml'))).toBe(true);
  });
  it.each(fixtures.map((f) => [path.basename(f), f]))('%s', (_name, file) => checkFile(file));
});

describe.skipIf(!shared.length)(
  'export(import(x)) keeps what the importer maps: the shared real samples (skipped: no ../shared)',
  () => {
    it.each(shared.map((f) => [path.basename(f), f]))('%s', (_name, file) => checkFile(file));
    it('uses only elements and attributes that the real documents of its shape use', () => checkVocabulary(shared));
  },
);
