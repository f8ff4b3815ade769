/**
 * Reads the two Topology Builder document shapes (docs/architecture.md, "Importing Topology Builder documents") into
 * one neutral model: sites, clusters, SQL instances and services with their keys and
 * dependencies. The published `<Topology>` keys things by ClusterId / SqlInstanceId /
 * ServiceId elements; a saved `.tbxml` by GUID attributes. Everything after this step
 * is shape-independent (build-topology.ts).
 */
import { err, ok, type Result } from '../lib/result';
import { clean } from './names';
import { attr, childNamed, childrenNamed, type XmlElement } from './xml';

export const NS = {
  topology: 'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008',
  builder: 'urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008',
  writable: 'urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008',
  serviceRoles: 'urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008',
} as const;

/** Any of Topology Builder's namespaces: elements switch between them inside one subtree. */
const RTC_NS_PREFIX = 'urn:schema:Microsoft.Rtc.Management.';
export const isRtcNs = (ns: string): boolean => ns.startsWith(RTC_NS_PREFIX);

export type DocumentShape = 'published' | 'builderFile';

export interface TbSite {
  key: string;
  name: string;
  kind: 'central' | 'branch';
  where: string;
}

export interface TbCluster {
  key: string;
  siteKey: string;
  /** As written (may be a placeholder such as `$SkypeFQDN` or a NetBIOS name). */
  fqdn: string;
  /** Machine FQDNs; a bare `<Machine />` (tbxml) is the cluster FQDN itself. */
  machines: string[];
  /** `ConfiguredIPAddress` of the machines' External interfaces: the public addresses NAT translates to. */
  natAddresses: string[];
  where: string;
}

export interface TbSimpleUrl {
  component: string;
  domain: string;
  url: string;
  where: string;
}

export interface TbSqlInstance {
  key: string;
  clusterKey: string;
  /** '' = default instance. */
  name: string;
  alwaysOnPrimaryNodeFqdn?: string;
  /** Attributes and child elements the importer does not know, verbatim (HA markup never seen in a sample). */
  unknown: string[];
  where: string;
}

export type InstalledOn = { cluster: string } | { sqlInstance: string };

export interface TbDependency {
  serviceKey: string;
  usage: string;
}

export interface TbService {
  key: string;
  role: string;
  siteKey: string | undefined;
  installedOn: InstalledOn | undefined;
  serviceVersion: string | undefined;
  dependsOn: TbDependency[];
  /** The `<Service>` element, for role-specific children (RegistrarService, WacService, ...). */
  el: XmlElement;
  where: string;
}

export interface TbDocument {
  shape: DocumentShape;
  /** Published, or a .tbxml whose PartialTopology says IsPublished="true". */
  published: boolean;
  defaultDomain: string | undefined;
  sipDomains: string[];
  sites: TbSite[];
  clusters: TbCluster[];
  sqlInstances: TbSqlInstance[];
  services: TbService[];
  /** Simple URLs (a .tbxml's SimpleUrlConfiguration; published topologies keep them elsewhere). */
  simpleUrls: TbSimpleUrl[];
  /** Every element's local name with its count, so the importer can name what it does not keep. */
  elementCounts: Map<string, number>;
  /** Notes about the document itself (shape-specific oddities). */
  notes: { where?: string; message: string }[];
}

export interface ShapeError {
  tag: 'notTopologyBuilder';
  message: string;
}

/** Detects the shape from the root element's local name and namespace, never from a file name. */
export function readTopologyDocument(root: XmlElement): Result<TbDocument, ShapeError> {
  if (root.local === 'Topology' && root.ns === NS.topology)
    return ok({ ...readPublished(root), simpleUrls: readSimpleUrls(root), elementCounts: countElements(root) });
  if (root.local === 'TopologyBuilder' && root.ns === NS.builder) {
    const newTopology = childNamed(root, 'NewTopology', (ns) => ns === NS.builder);
    const partial = newTopology && childNamed(newTopology, 'PartialTopology', (ns) => ns === NS.writable);
    if (!partial)
      return err({
        tag: 'notTopologyBuilder',
        message: 'this Topology Builder file has no <NewTopology>/<PartialTopology> element: nothing to import',
      });
    return ok({ ...readBuilderFile(partial), simpleUrls: readSimpleUrls(root), elementCounts: countElements(root) });
  }
  if (root.local === 'PartialTopology' && root.ns === NS.writable)
    return ok({ ...readBuilderFile(root), simpleUrls: readSimpleUrls(root), elementCounts: countElements(root) });
  const known = ['Topology', 'TopologyBuilder', 'PartialTopology'];
  if (known.includes(root.local))
    return err({
      tag: 'notTopologyBuilder',
      message: `the root element <${short(root.name)}> is in the namespace ${JSON.stringify(short(root.ns))}, not a Skype for Business topology namespace (expected ${root.local === 'Topology' ? NS.topology : root.local === 'TopologyBuilder' ? NS.builder : NS.writable})`,
    });
  return err({
    tag: 'notTopologyBuilder',
    message: `the root element is <${short(root.name)}>: this is XML, but not a Skype for Business topology (expected <Topology> from Get-CsTopology -AsXml or <TopologyBuilder> from a .tbxml file)`,
  });
}

const short = (s: string): string => (s.length > 80 ? `${s.slice(0, 80)}…` : s);
const rtc = (el: XmlElement, local: string) => childNamed(el, local, isRtcNs);
const rtcAll = (el: XmlElement, local: string) => childrenNamed(el, local, isRtcNs);

// ---------------------------------------------------------------- common pieces

function readDomains(container: XmlElement): { defaultDomain: string | undefined; sipDomains: string[] } {
  const domains = rtc(container, 'InternalDomains');
  if (!domains) return { defaultDomain: undefined, sipDomains: [] };
  const sipDomains = rtcAll(domains, 'InternalDomain')
    .map((d) => attr(d, 'Name'))
    .filter((n): n is string => !!n);
  return { defaultDomain: attr(domains, 'DefaultDomain'), sipDomains };
}

function siteName(siteEl: XmlElement, fallback: string): string {
  const name = rtc(siteEl, 'Name')?.text.trim();
  return name ? name : fallback;
}

function readDependencies(serviceEl: XmlElement, keyOf: (dep: XmlElement) => string | undefined): TbDependency[] {
  const out: TbDependency[] = [];
  const dependsOn = rtc(serviceEl, 'DependsOn');
  if (!dependsOn) return out;
  for (const dep of rtcAll(dependsOn, 'Dependency')) {
    const key = keyOf(dep);
    if (key !== undefined) out.push({ serviceKey: key, usage: attr(dep, 'Usage') ?? 'Default' });
  }
  return out;
}

/** Local names of every element under `root` (itself included), counted; iterative (deep documents). */
export function countElements(root: XmlElement): Map<string, number> {
  const counts = new Map<string, number>();
  const stack: XmlElement[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    counts.set(el.local, (counts.get(el.local) ?? 0) + 1);
    for (const c of el.children) stack.push(c);
  }
  return counts;
}

/** Public addresses of External interfaces that Topology Builder records as translated by NAT. */
function natAddressesOf(machines: readonly XmlElement[]): string[] {
  const out: string[] = [];
  for (const m of machines)
    for (const ni of rtcAll(m, 'NetInterface')) {
      const configured = attr(ni, 'ConfiguredIPAddress')?.trim();
      if (configured && attr(ni, 'InterfaceSide')?.trim() === 'External') out.push(configured);
    }
  return out;
}

/** SimpleUrlConfiguration/SimpleUrl anywhere under `root` (the .tbxml keeps it beside the topology). */
export function readSimpleUrls(root: XmlElement): TbSimpleUrl[] {
  const out: TbSimpleUrl[] = [];
  const walk = (el: XmlElement, depth: number) => {
    if (depth > 6) return;
    for (const child of el.children) {
      if (child.local === 'SimpleUrlConfiguration' && isRtcNs(child.ns)) {
        for (const u of rtcAll(child, 'SimpleUrl'))
          out.push({
            component: attr(u, 'Component') ?? '',
            domain: attr(u, 'Domain') ?? '*',
            url: attr(u, 'ActiveUrl') ?? attr(rtc(u, 'SimpleUrlEntry') ?? u, 'Url') ?? '',
            where: `SimpleUrl (line ${u.line})`,
          });
      } else walk(child, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

const KNOWN_SQL_ATTRS = new Set(['UniqueId', 'Name', 'AlwaysOnPrimaryNodeFqdn']);
const KNOWN_SQL_CHILDREN = new Set(['SqlInstanceId']);

function unknownMarkup(el: XmlElement, knownAttrs: Set<string>, knownChildren: Set<string>): string[] {
  const out: string[] = [];
  for (const a of el.attrs) if (!knownAttrs.has(a.local) || a.ns !== '') out.push(`@${a.name}="${a.value}"`);
  for (const c of el.children)
    if (!knownChildren.has(c.local)) out.push(`<${c.name}${c.attrs.map((a) => ` ${a.name}="${a.value}"`).join('')}>`);
  return out;
}

// ---------------------------------------------------------------- published <Topology>

const clusterIdKey = (el: XmlElement | undefined): string | undefined => {
  if (!el) return undefined;
  const site = attr(el, 'SiteId');
  const number = attr(el, 'Number');
  return site !== undefined && number !== undefined ? JSON.stringify([site.trim(), number.trim()]) : undefined;
};
const sqlIdKey = (el: XmlElement | undefined): string | undefined => {
  if (!el) return undefined;
  const cluster = clusterIdKey(rtc(el, 'ClusterId'));
  return cluster === undefined ? undefined : JSON.stringify([cluster, (attr(el, 'Name') ?? '').toLowerCase()]);
};
const serviceIdKey = (el: XmlElement | undefined): string | undefined => {
  if (!el) return undefined;
  const site = attr(el, 'SiteId');
  const role = attr(el, 'RoleName');
  const instance = attr(el, 'Instance');
  return site !== undefined && role !== undefined && instance !== undefined
    ? JSON.stringify([site.trim(), role, instance.trim()])
    : undefined;
};

function readPublished(root: XmlElement): Omit<TbDocument, 'simpleUrls' | 'elementCounts'> {
  const notes: TbDocument['notes'] = [];
  const { defaultDomain, sipDomains } = readDomains(root);

  const sites: TbSite[] = [];
  const sitesEl = rtc(root, 'Sites');
  for (const s of sitesEl?.children ?? []) {
    if (!isRtcNs(s.ns)) continue;
    const id = attr(s, 'SiteId')?.trim();
    if (s.local === 'CentralSite' || s.local === 'BranchSite' || s.local === 'RemoteSite') {
      if (!id) {
        notes.push({ where: `line ${s.line}`, message: `<${clean(s.name, 60)}> has no SiteId; skipped` });
        continue;
      }
      sites.push({
        key: id,
        name: siteName(s, `Site ${id}`),
        kind: s.local === 'CentralSite' ? 'central' : 'branch',
        where: `${s.local} ${clean(id)} (line ${s.line})`,
      });
    } else notes.push({ where: `line ${s.line}`, message: `site element <${clean(s.name, 60)}> is not modelled; skipped` });
  }

  const clusters: TbCluster[] = [];
  for (const c of rtcAll(rtc(root, 'Clusters') ?? root, 'Cluster')) {
    const idEl = rtc(c, 'ClusterId');
    const key = clusterIdKey(idEl);
    const fqdn = attr(c, 'Fqdn') ?? '';
    if (key === undefined) {
      notes.push({ where: `line ${c.line}`, message: `cluster "${clean(fqdn)}" has no ClusterId; skipped` });
      continue;
    }
    const machineEls = rtcAll(c, 'Machine');
    const machines = machineEls.map((m) => attr(m, 'Fqdn') ?? fqdn);
    clusters.push({
      key,
      siteKey: attr(idEl!, 'SiteId')!.trim(),
      fqdn,
      machines,
      natAddresses: natAddressesOf(machineEls),
      where: `Cluster ${clean(fqdn || key)} (line ${c.line})`,
    });
  }

  const clusterFqdn = new Map(clusters.map((c) => [c.key, c.fqdn]));
  const sqlInstances: TbSqlInstance[] = [];
  for (const i of rtcAll(rtc(root, 'SqlInstances') ?? root, 'SqlInstance')) {
    const idEl = rtc(i, 'SqlInstanceId');
    const key = sqlIdKey(idEl);
    if (key === undefined || !idEl) {
      notes.push({ where: `line ${i.line}`, message: 'SQL instance without a complete SqlInstanceId; skipped' });
      continue;
    }
    const clusterKey = clusterIdKey(rtc(idEl, 'ClusterId'))!;
    const name = attr(idEl, 'Name') ?? '';
    sqlInstances.push({
      key,
      clusterKey,
      name,
      ...optional('alwaysOnPrimaryNodeFqdn', attr(i, 'AlwaysOnPrimaryNodeFqdn')),
      unknown: unknownMarkup(i, KNOWN_SQL_ATTRS, KNOWN_SQL_CHILDREN),
      where: `SqlInstance ${instanceLabel(clusterFqdn.get(clusterKey) ?? clusterKey, name)} (line ${i.line})`,
    });
  }

  const services: TbService[] = [];
  for (const s of rtcAll(rtc(root, 'Services') ?? root, 'Service')) {
    const idEl = rtc(s, 'ServiceId');
    const key = serviceIdKey(idEl);
    if (key === undefined || !idEl) {
      notes.push({ where: `line ${s.line}`, message: 'service without a complete ServiceId; skipped' });
      continue;
    }
    const installedEl = rtc(s, 'InstalledOn');
    let installedOn: InstalledOn | undefined;
    if (installedEl) {
      const onCluster = clusterIdKey(rtc(installedEl, 'ClusterId'));
      const onSql = sqlIdKey(rtc(installedEl, 'SqlInstanceId'));
      installedOn = onSql !== undefined ? { sqlInstance: onSql } : onCluster !== undefined ? { cluster: onCluster } : undefined;
    }
    services.push({
      key,
      role: attr(idEl, 'RoleName') ?? '',
      siteKey: attr(idEl, 'SiteId')?.trim(),
      installedOn,
      serviceVersion: attr(s, 'ServiceVersion'),
      dependsOn: readDependencies(s, (dep) => serviceIdKey(rtc(dep, 'ServiceId'))),
      el: s,
      where: `Service ${clean(attr(idEl, 'RoleName') ?? '', 60)} ${clean(attr(idEl, 'Instance') ?? '', 20)} in site ${clean(attr(idEl, 'SiteId') ?? '', 20)} (line ${s.line})`,
    });
  }

  return { shape: 'published', published: true, defaultDomain, sipDomains, sites, clusters, sqlInstances, services, notes };
}

// ---------------------------------------------------------------- saved .tbxml

function readBuilderFile(partial: XmlElement): Omit<TbDocument, 'simpleUrls' | 'elementCounts'> {
  const notes: TbDocument['notes'] = [];
  const { defaultDomain, sipDomains } = readDomains(partial);
  const sites: TbSite[] = [];
  const clusters: TbCluster[] = [];
  const sqlInstances: TbSqlInstance[] = [];
  const guid = (v: string | undefined) => v?.trim().toLowerCase();

  const readClusters = (siteEl: XmlElement, siteKey: string) => {
    for (const c of rtcAll(rtc(siteEl, 'Clusters') ?? siteEl, 'Cluster')) {
      const key = guid(attr(c, 'UniqueId'));
      const fqdn = attr(c, 'Fqdn') ?? '';
      if (!key) {
        notes.push({ where: `line ${c.line}`, message: `cluster "${clean(fqdn)}" has no UniqueId; skipped` });
        continue;
      }
      const machinesEl = rtc(c, 'Machines');
      const machineEls = machinesEl ? rtcAll(machinesEl, 'Machine') : rtcAll(c, 'Machine');
      const machines = machineEls.map((m) => attr(m, 'Fqdn') || fqdn);
      clusters.push({
        key,
        siteKey,
        fqdn,
        machines,
        natAddresses: natAddressesOf(machineEls),
        where: `Cluster ${clean(fqdn || key)} (line ${c.line})`,
      });
      for (const i of rtcAll(rtc(c, 'SqlInstances') ?? c, 'SqlInstance')) {
        const ikey = guid(attr(i, 'UniqueId'));
        if (!ikey) {
          notes.push({ where: `line ${i.line}`, message: 'SQL instance without a UniqueId; skipped' });
          continue;
        }
        sqlInstances.push({
          key: ikey,
          clusterKey: key,
          name: attr(i, 'Name') ?? '',
          ...optional('alwaysOnPrimaryNodeFqdn', attr(i, 'AlwaysOnPrimaryNodeFqdn')),
          unknown: unknownMarkup(i, KNOWN_SQL_ATTRS, KNOWN_SQL_CHILDREN),
          where: `SqlInstance ${instanceLabel(fqdn, attr(i, 'Name') ?? '')} (line ${i.line})`,
        });
      }
    }
  };

  const central = rtc(partial, 'CentralSites');
  for (const s of central ? rtcAll(central, 'CentralSite') : []) {
    const id = attr(s, 'SiteId')?.trim();
    if (!id) {
      notes.push({ where: `line ${s.line}`, message: 'a CentralSite without SiteId; skipped' });
      continue;
    }
    const key = `central:${id}`;
    sites.push({ key, name: siteName(s, `Site ${id}`), kind: 'central', where: `CentralSite ${clean(id)} (line ${s.line})` });
    readClusters(s, key);
    // Branch sites live in CentralSite/RemoteSites; no sample has one, so the entry's
    // shape is read as a site element with SiteId and Name, clusters like a central site.
    const remote = rtc(s, 'RemoteSites');
    for (const b of remote?.children ?? []) {
      if (!isRtcNs(b.ns)) continue;
      const bid = attr(b, 'SiteId')?.trim();
      if (!bid) {
        notes.push({ where: `line ${b.line}`, message: `branch site <${clean(b.name, 60)}> without SiteId; skipped` });
        continue;
      }
      const bkey = `branch:${bid}`;
      sites.push({
        key: bkey,
        name: siteName(b, `Branch ${bid}`),
        kind: 'branch',
        where: `${clean(b.local, 60)} ${clean(bid)} (line ${b.line})`,
      });
      notes.push({
        where: `${clean(b.local, 60)} ${clean(bid)} (line ${b.line})`,
        message:
          'branch site read from RemoteSites; no real Topology Builder file with a branch site was available to check this markup',
      });
      readClusters(b, bkey);
    }
  }

  const clusterSite = new Map(clusters.map((c) => [c.key, c.siteKey]));
  const instanceCluster = new Map(sqlInstances.map((i) => [i.key, i.clusterKey]));
  const services: TbService[] = [];
  for (const s of rtcAll(rtc(partial, 'Services') ?? partial, 'Service')) {
    const key = guid(attr(s, 'UniqueId'));
    const role = attr(s, 'RoleName') ?? '';
    if (!key) {
      notes.push({ where: `line ${s.line}`, message: `service ${clean(role, 60)} without a UniqueId; skipped` });
      continue;
    }
    const on = guid(attr(s, 'InstalledOn'));
    const installedOn: InstalledOn | undefined =
      on === undefined ? undefined : instanceCluster.has(on) ? { sqlInstance: on } : { cluster: on };
    const clusterKey =
      installedOn && 'sqlInstance' in installedOn ? instanceCluster.get(installedOn.sqlInstance) : installedOn?.cluster;
    services.push({
      key,
      role,
      siteKey: clusterKey === undefined ? undefined : clusterSite.get(clusterKey),
      installedOn,
      serviceVersion: attr(s, 'ServiceVersion'),
      dependsOn: readDependencies(s, (dep) => guid(attr(dep, 'ServiceUniqueId'))),
      el: s,
      where: `Service ${clean(role, 60)} ${clean(key)} (line ${s.line})`,
    });
  }

  const isPublished = attr(partial, 'IsPublished')?.trim().toLowerCase() === 'true';
  return {
    shape: 'builderFile',
    published: isPublished,
    defaultDomain,
    sipDomains,
    sites,
    clusters,
    sqlInstances,
    services,
    notes,
  };
}

const instanceLabel = (host: string, name: string): string =>
  name ? `${clean(host)}\\${clean(name, 40)}` : `${clean(host)} (default instance)`;

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
