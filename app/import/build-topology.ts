/**
 * From the neutral reading of a Topology Builder document (read-topology.ts) to a
 * topology document plus warnings. The mapping is described in docs/architecture.md, "Importing Topology Builder documents":
 * a cluster becomes a node according to the services installed on it, SQL instances
 * become SQL stores, FileStore services file stores, and DependsOn edges become links.
 * What the XML does not hold gets a default listed in a `confirm` warning; what the format
 * cannot hold (trusted applications, Persistent Chat roles, ...) is named in a warning.
 */
import { gridLayout } from '../model/grid-layout';
import { LIMITS } from '../model/limits';
import { nodeKindLabel } from '../model/link-kinds';
import {
  CURRENT_VERSION,
  FORMAT_NAME,
  INSTANCE_PATTERN,
  FQDN_PATTERN,
  type Link,
  type LinkKind,
  type SimpleUrl,
  type NodeKind,
  type NodeOfKind,
  type OsVersion,
  type ProductVersion,
  type Site,
  type SqlEdition,
  type SqlVersion,
  type StoreRole,
  type Topology,
  type TopologyNode,
} from '../model/schema';
import { dnsSuffix, firstLabel, hostName, IdAllocator, quote } from './names';
import { isRtcNs, type TbCluster, type TbDocument, type TbService, type TbSqlInstance } from './read-topology';
import type { ImportWarning } from './types';
import { attr, childNamed, type XmlElement } from './xml';
import { num } from '../lib/text';

/** A hostile document could otherwise produce one warning per element. */
export const MAX_WARNINGS = 500;

/** ServiceVersion → product (7 in the Skype for Business Server 2015 documents seen, 8 in 2019). */
// Looked up by values read from the XML: no prototype, so "__proto__" or "constructor" find nothing.
// 5 and 6 (Lync Server 2010 and 2013) are inferred from the sequence, never seen in a sample: a confirm warning says so.
const SERVICE_VERSIONS: Record<string, ProductVersion> = Object.assign(Object.create(null), {
  '5': 'lync2010',
  '6': 'lync2013',
  '7': '2015',
  '8': '2019',
});
const INFERRED_VERSIONS: Record<string, string> = Object.assign(Object.create(null), {
  '5': 'Lync Server 2010',
  '6': 'Lync Server 2013',
});
const DEFAULT_PRODUCT: ProductVersion = '2015';

/**
 * Defaults for values no Topology Builder document holds. Each one is listed in a
 * `confirm` warning. The OS is the newest one each product supports without a
 * cumulative-update condition (SUPPORTED.osMinCu), SQL Server 2019 is supported by both
 * products with no update-level condition (rules BE-SQL-VERSION-*).
 */
const DEFAULT_OS: Record<ProductVersion, OsVersion> = {
  lync2010: 'WS2008R2',
  lync2013: 'WS2012R2',
  '2015': 'WS2012R2',
  '2019': 'WS2019',
  SE: 'WS2019',
};
const DEFAULT_SQL_VERSION: SqlVersion = '2019';
const DEFAULT_SQL_EDITION: SqlEdition = 'enterprise';

/**
 * Elements whose content the importer reads into the design (or that only frame what it
 * reads). Any other element is named once in a warning: nothing is dropped silently.
 */
export const MAPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'Topology',
  'TopologyBuilder',
  'NewTopology',
  'PartialTopology',
  'InternalDomains',
  'InternalDomain',
  'Sites',
  'CentralSites',
  'CentralSite',
  'RemoteSites',
  'BranchSite',
  'Name',
  'Clusters',
  'Cluster',
  'ClusterId',
  'Machines',
  'Machine',
  'NetInterface',
  'SqlInstances',
  'SqlInstance',
  'SqlInstanceId',
  'Services',
  'Service',
  'ServiceId',
  'DependsOn',
  'Dependency',
  'InstalledOn',
  'Ports',
  'Port',
  'RegistrarService',
  'FileStoreService',
  'WebService',
  'ExternalSettings',
  'WacService',
  'PstnGatewayService',
  'SimpleUrlConfiguration',
  'SimpleUrl',
  'SimpleUrlEntry',
]);

/** What the elements the designer does not keep hold, in the architect's words. */
const DROPPED_ELEMENTS: Record<string, string> = Object.assign(Object.create(null), {
  Location: 'site locations (city, state, country)',
  OverrideUrls: 'overridden web services URLs',
  WebComponents: 'the list of web components',
  Component: 'the list of web components',
  UpaSeparator: 'the user photo (UPA) separator setting',
  ConfService: 'conferencing MCU settings',
  MCUs: 'conferencing MCU settings',
  MCU: 'conferencing MCU settings',
  CentralMgmtService: 'which Central Management service is active',
  ApplicationServerService: 'application server settings',
});

/** Services that are parts of a node the importer builds (no warning for them). */
const POOL_PART_ROLES = new Set([
  'UserServices',
  'Registrar',
  'WebServices',
  'ConfServices',
  'ApplicationServer',
  'CentralMgmt',
  'MediationServer',
  'EdgeServer',
  'ManagementServices',
  'WacService',
  'FileStore',
  'PstnGateway',
]);
const STORE_ROLES_KNOWN = new Set(['UserStore', 'ApplicationStore', 'CentralMgmtStore', 'ArchivingStore', 'MonitoringStore']);
const STORE_LINK_ROLE: Record<string, StoreRole> = Object.assign(Object.create(null), {
  ArchivingStore: 'archiving',
  MonitoringStore: 'monitoring',
});

type ClusterKind =
  | 'frontEndPool'
  | 'standardEditionServer'
  | 'directorPool'
  | 'survivableBranch'
  | 'edgePool'
  | 'mediationPool'
  | 'officeOnlineServer'
  | 'gatewayPeer';

/** The kind in words; the importer only ever makes branch appliances (SBA). */
const kindWords = (k: NodeKind): string => (k === 'survivableBranch' ? 'survivable branch appliance' : nodeKindLabel(k));

export interface BuildResult {
  topology: Topology;
  warnings: ImportWarning[];
}

export function buildTopology(doc: TbDocument): BuildResult {
  return new Builder(doc).build();
}

class Builder {
  private readonly ids = new IdAllocator();
  private readonly warnings: ImportWarning[] = [];
  private warningsDropped = 0;
  private readonly sites: Site[] = [];
  private readonly siteIdByKey = new Map<string, string>();
  private readonly nodes: TopologyNode[] = [];
  private readonly links: Link[] = [];
  private readonly linkKeys = new Set<string>();

  private readonly clusterByKey = new Map<string, TbCluster>();
  private readonly instanceByKey = new Map<string, TbSqlInstance>();
  private readonly serviceByKey = new Map<string, TbService>();
  private readonly servicesOnCluster = new Map<string, TbService[]>();
  private readonly servicesOnInstance = new Map<string, TbService[]>();
  private readonly instancesOnCluster = new Map<string, TbSqlInstance[]>();
  private readonly siteKindByKey = new Map<string, Site['kind']>();

  /** Node built for a cluster (pools, Edge, Mediation, OOS). */
  private readonly nodeOfCluster = new Map<string, TopologyNode>();
  private readonly nodeOfInstance = new Map<string, NodeOfKind<'sqlStore'>>();
  private readonly nodeOfFileService = new Map<string, NodeOfKind<'fileStore'>>();
  /** SQL instances that are a Standard Edition server's own local store → that server. */
  private readonly seLocalInstance = new Map<string, NodeOfKind<'standardEditionServer'>>();

  /** All machine domain suffixes: a file share host equal to one of them is a DFS namespace. */
  private readonly machineDomains = new Set<string>();
  private readonly productsSeen = new Set<ProductVersion>();
  /** Warnings given once per document. */
  private readonly onceSaid = new Set<string>();

  constructor(private readonly doc: TbDocument) {}

  build(): BuildResult {
    const doc = this.doc;
    for (const n of doc.notes) this.warn(n.message, n.where);
    this.index();
    for (const s of doc.sites) this.siteFor(s.key, s.name, s.kind);

    const clusters = [...this.clusterByKey.values()];
    const kinds = new Map<string, ClusterKind | undefined>();
    for (const c of clusters) kinds.set(c.key, this.classify(c));
    // Standard Edition servers first, so their local SQL instances are known before stores are built.
    for (const c of clusters) if (kinds.get(c.key) === 'standardEditionServer') this.buildClusterNode(c, 'standardEditionServer');
    for (const c of clusters) {
      const k = kinds.get(c.key);
      if (k && k !== 'standardEditionServer') this.buildClusterNode(c, k);
    }
    for (const i of doc.sqlInstances) this.buildSqlStore(i);
    for (const s of doc.services) if (s.role === 'FileStore') this.buildFileStore(s);
    this.warnUnmappedServices(kinds);
    this.warnDroppedElements();
    this.buildLinks();
    this.warnUnusedFileStores();
    const cmsHost = this.cmsHost();

    if (this.productsSeen.size > 1)
      this.warn(
        'the document holds pools of more than one product version (coexistence during a migration): the design is marked as a transition',
      );
    if (!doc.sites.length) this.warn('the document defines no site');
    const siteNames = this.sites.filter((s) => s.kind === 'central').map((s) => s.name);
    const title = this.unplaceholder(doc.defaultDomain?.trim() ?? '') || siteNames[0] || 'Topology Builder document';
    if (this.placeholders.size)
      this.warn(
        `this is a script template, not an exported topology: its placeholders ${[...this.placeholders].map((p) => quote(p, 60)).join(', ')} were imported without the "$" in FQDNs, display names, site names and the SIP domain (SQL instance and share names keep it); replace each with the real name before using the design`,
        undefined,
        true,
      );
    if (this.warningsDropped > 0) this.warnings.push({ message: `${num(this.warningsDropped)} more warnings were left out` });

    const topology: Topology = {
      format: FORMAT_NAME,
      version: CURRENT_VERSION,
      name: `Imported: ${title}`.slice(0, LIMITS.maxNameChars),
      description:
        doc.shape === 'published'
          ? 'Imported from a published topology (Get-CsTopology -AsXml).'
          : `Imported from a Topology Builder file (.tbxml)${doc.published ? '' : ' that was not published'}.`,
      // A published topology is a deployment that exists: changing it is a transition.
      deployment: {
        cmsHost,
        mode: this.productsSeen.size > 1 || doc.published ? 'transition' : 'greenfield',
        ...this.simpleUrls(),
      },
      sites: this.sites,
      nodes: this.nodes,
      links: this.links,
    };
    topology.layout = gridLayout(topology);
    return { topology, warnings: this.warnings };
  }

  // ------------------------------------------------------------ bookkeeping

  /** One warning per element name the designer does not keep, with how many there were. */
  private warnDroppedElements(): void {
    const byWhat = new Map<string, string[]>();
    for (const [name, count] of this.doc.elementCounts) {
      if (MAPPED_ELEMENTS.has(name)) continue;
      const what = DROPPED_ELEMENTS[name] ?? 'markup the designer does not model';
      const list = byWhat.get(what) ?? [];
      list.push(`<${quote(name, 60).slice(1, -1)}>${count > 1 ? ` ×${count}` : ''}`);
      byWhat.set(what, list);
    }
    for (const [what, names] of byWhat) this.warn(`not kept: ${what} (${names.join(', ')})`);
  }

  /** Meet, Dial-in and Admin simple URLs as the document writes them. */
  private simpleUrls(): { simpleUrls?: SimpleUrl[] } {
    const out: SimpleUrl[] = [];
    const components: Record<string, SimpleUrl['component']> = Object.assign(Object.create(null), {
      meet: 'meet',
      dialin: 'dialIn',
      cscp: 'admin',
      admin: 'admin',
    });
    for (const u of this.doc.simpleUrls) {
      const component = components[u.component.trim().toLowerCase()];
      if (!component || !u.url.trim() || u.url.length > 2_048 || u.domain.length > LIMITS.maxTextChars) {
        this.warn(
          `simple URL ${quote(u.component, 40)} ${quote(u.url, 80)} is not a Meet, Dial-in or Admin URL the designer reads; not imported`,
          u.where,
        );
        continue;
      }
      if (out.length < LIMITS.maxListItems) out.push({ component, domain: u.domain, url: u.url });
    }
    return out.length ? { simpleUrls: out } : {};
  }

  /** Script placeholders met (`$PoolFqdn`), each once, in the order met: one warning names them all. */
  private readonly placeholders = new Set<string>();

  /** `s` with every `$Name` placeholder noted and written without its `$`, the spelling its FQDN gets too. */
  private unplaceholder(s: string): string {
    return s.replace(PLACEHOLDER, (m) => {
      this.placeholders.add(m);
      return m.slice(1);
    });
  }

  private warn(message: string, where?: string, confirm = false): void {
    if (this.warnings.length >= MAX_WARNINGS) {
      this.warningsDropped++;
      return;
    }
    const w: ImportWarning = { message };
    if (where) w.where = where;
    if (confirm) w.confirm = true;
    this.warnings.push(w);
  }

  private index(): void {
    for (const c of this.doc.clusters) {
      if (this.clusterByKey.has(c.key)) {
        this.warn(`a second cluster with the key ${quote(c.key)}; skipped`, c.where);
        continue;
      }
      this.clusterByKey.set(c.key, c);
      for (const m of c.machines) {
        const suffix = dnsSuffix(m.trim());
        if (suffix) this.machineDomains.add(suffix);
      }
    }
    for (const i of this.doc.sqlInstances) {
      if (this.instanceByKey.has(i.key)) {
        this.warn('a second SQL instance with the same key; skipped', i.where);
        continue;
      }
      this.instanceByKey.set(i.key, i);
      push(this.instancesOnCluster, i.clusterKey, i);
    }
    for (const s of this.doc.sites) if (!this.siteKindByKey.has(s.key)) this.siteKindByKey.set(s.key, s.kind);
    for (const s of this.doc.services) {
      if (this.serviceByKey.has(s.key)) {
        this.warn('a second service with the same key; skipped', s.where);
        continue;
      }
      this.serviceByKey.set(s.key, s);
      const on = s.installedOn;
      if (!on) this.warn(`service ${quote(s.role)} is not installed on any cluster; skipped`, s.where);
      else if ('cluster' in on) {
        if (!this.clusterByKey.has(on.cluster))
          this.warn(`service ${quote(s.role)} is installed on a cluster the document does not define; skipped`, s.where);
        else push(this.servicesOnCluster, on.cluster, s);
      } else if (!this.instanceByKey.has(on.sqlInstance))
        this.warn(`store ${quote(s.role)} is installed on a SQL instance the document does not define; skipped`, s.where);
      else push(this.servicesOnInstance, on.sqlInstance, s);
    }
  }

  private siteFor(key: string, name?: string, kind: Site['kind'] = 'central'): string {
    const known = this.siteIdByKey.get(key);
    if (known) return known;
    const siteName = (name === undefined ? `Site ${key}` : this.unplaceholder(name)).slice(0, LIMITS.maxNameChars);
    const id = this.ids.take(`site-${siteName}`, 'site');
    this.sites.push({ id, name: siteName, kind });
    this.siteIdByKey.set(key, id);
    if (name === undefined) this.warn(`site ${quote(key)} is used by a cluster but not defined; a central site was added for it`);
    return id;
  }

  private addLink(kind: LinkKind, from: TopologyNode, to: TopologyNode, extra: Partial<Link> = {}): void {
    if (from.id === to.id) return;
    const undirected = kind === 'pairing';
    const role = 'role' in extra && extra.role ? `${extra.role}` : '';
    const key = undirected ? `${kind}|${[from.id, to.id].sort().join('|')}` : `${kind}|${role}|${from.id}|${to.id}`;
    if (this.linkKeys.has(key)) return;
    this.linkKeys.add(key);
    const id = this.ids.take(`${kind}${role ? `-${role}` : ''}-${from.id}-${to.id}`, 'link');
    this.links.push({ ...extra, id, kind, from: from.id, to: to.id } as Link);
  }

  // ------------------------------------------------------------ clusters

  private registrarServiceOf(clusterKey: string): XmlElement | undefined {
    const reg = this.servicesOnCluster.get(clusterKey)?.find((s) => s.role === 'Registrar');
    return reg && childNamed(reg.el, 'RegistrarService', isRtcNs);
  }

  /** What node a cluster is, from the services installed on it. */
  private classify(c: TbCluster): ClusterKind | undefined {
    const services = this.servicesOnCluster.get(c.key) ?? [];
    const roles = new Set(services.map((s) => s.role));
    if (roles.has('Registrar')) {
      const isDirector =
        attr(this.registrarServiceOf(c.key) ?? EMPTY_ELEMENT, 'IsDirector')
          ?.trim()
          .toLowerCase() === 'true';
      if (isDirector) return 'directorPool';
      const userStores = this.userStoresOf(c.key);
      if (userStores.some((i) => i.clusterKey === c.key)) return 'standardEditionServer';
      // A registrar with no user services of its own is a branch appliance's registrar (inferred).
      if (!roles.has('UserServices') && (this.siteKindByKey.get(c.siteKey) === 'branch' || userStores.length === 0))
        return 'survivableBranch';
      return 'frontEndPool';
    }
    if (roles.has('EdgeServer')) return 'edgePool';
    if (roles.has('MediationServer')) return 'mediationPool';
    if (roles.has('WacService')) return 'officeOnlineServer';
    if (roles.has('PstnGateway')) return 'gatewayPeer';
    return undefined;
  }

  /** SQL instances holding the UserStore that this cluster's services depend on. */
  private userStoresOf(clusterKey: string): TbSqlInstance[] {
    const out: TbSqlInstance[] = [];
    for (const s of this.servicesOnCluster.get(clusterKey) ?? [])
      for (const d of s.dependsOn) {
        const target = this.serviceByKey.get(d.serviceKey);
        if (target?.role !== 'UserStore' || !target.installedOn || !('sqlInstance' in target.installedOn)) continue;
        const inst = this.instanceByKey.get(target.installedOn.sqlInstance);
        if (inst && !out.includes(inst)) out.push(inst);
      }
    return out;
  }

  private productOf(c: TbCluster, mainRoles: readonly string[]): ProductVersion {
    const services = this.servicesOnCluster.get(c.key) ?? [];
    const main = mainRoles.map((r) => services.find((s) => s.role === r)).find((s) => s) ?? services[0];
    return this.productOfService(main, c.where);
  }

  private productOfService(s: TbService | undefined, where: string): ProductVersion {
    const raw = s?.serviceVersion?.trim();
    const product = raw === undefined ? undefined : SERVICE_VERSIONS[raw];
    if (product) {
      this.productsSeen.add(product);
      if (raw !== undefined && INFERRED_VERSIONS[raw] && !this.onceSaid.has(`v${raw}`)) {
        this.onceSaid.add(`v${raw}`);
        this.warn(
          `ServiceVersion ${raw} read as ${INFERRED_VERSIONS[raw]} (inferred from the version sequence; no sample of that version was available to check it)`,
          where,
          true,
        );
      }
      if (product === '2019' && !this.onceSaid.has('v8')) {
        this.onceSaid.add('v8');
        this.warn(
          'ServiceVersion 8 is Skype for Business Server 2019 or Subscription Edition (one code base; the topology does not tell them apart): imported as 2019. Set Subscription Edition on the pools that run it',
          where,
          true,
        );
      }
      return product;
    }
    this.warn(
      raw === undefined
        ? `no ServiceVersion: imported as Skype for Business Server ${DEFAULT_PRODUCT}`
        : `unknown ServiceVersion ${quote(raw, 20)} (5 is Lync Server 2010, 6 Lync Server 2013, 7 Skype for Business Server 2015, 8 2019 or Subscription Edition): imported as ${DEFAULT_PRODUCT}`,
      where,
      true,
    );
    this.productsSeen.add(DEFAULT_PRODUCT);
    return DEFAULT_PRODUCT;
  }

  private hostOf(c: TbCluster): string {
    const h = hostName(c.fqdn, `host-${this.nodes.length + 1}`);
    if (this.unplaceholder(c.fqdn) !== c.fqdn) return h.fqdn; // named in the template warning
    if (h.changedFrom !== undefined)
      this.warn(
        `the FQDN ${quote(h.changedFrom)} is not a DNS name (a placeholder?): imported as ${quote(h.fqdn)}`,
        c.where,
        true,
      );
    return h.fqdn;
  }

  private serverCount(c: TbCluster, what: string): number {
    if (c.machines.length) return c.machines.length;
    this.warn(`the cluster lists no machine: imported as a ${what} of 1 server`, c.where, true);
    return 1;
  }

  private buildClusterNode(c: TbCluster, kind: ClusterKind): void {
    const services = this.servicesOnCluster.get(c.key) ?? [];
    const roles = new Set(services.map((s) => s.role));
    const fqdn = this.hostOf(c);
    const id = this.ids.take(firstLabel(fqdn), kind);
    const common = {
      id,
      name: firstLabel(this.unplaceholder(c.fqdn.trim()) || fqdn).slice(0, LIMITS.maxNameChars),
      siteId: this.siteFor(c.siteKey),
    };
    const defaults: string[] = [];
    const domain = this.domainOf(c);
    let node: TopologyNode;
    switch (kind) {
      case 'frontEndPool': {
        const productVersion = this.productOf(c, ['Registrar', 'UserServices']);
        const frontEndServers = this.serverCount(c, 'Front End pool');
        const webLoadBalancing = frontEndServers > 1 ? 'hlb' : 'none';
        node = {
          ...common,
          kind,
          productVersion,
          fqdn,
          frontEndServers,
          users: 0,
          hosting: 'physical',
          os: DEFAULT_OS[productVersion],
          sipLoadBalancing: 'dns',
          webLoadBalancing,
          mediationCollocated: roles.has('MediationServer'),
          conferencing: roles.has('ConfServices'),
          deployed: this.doc.published,
          ...(domain ? { domain } : {}),
          ...this.externalWebFqdn(services),
        };
        defaults.push(
          'users 0',
          'hosting physical',
          `OS ${DEFAULT_OS[productVersion]}`,
          'SIP load balancing DNS',
          `web load balancing ${webLoadBalancing === 'hlb' ? 'hardware load balancer' : 'none'}`,
        );
        if (domain) defaults.push(`AD domain ${quote(domain, 60)} (from the machine names)`);
        defaults.push(`deployed ${this.doc.published ? 'yes (the topology is published)' : 'no (the file is not published)'}`);
        break;
      }
      case 'standardEditionServer': {
        const productVersion = this.productOf(c, ['Registrar', 'UserServices']);
        node = {
          ...common,
          kind,
          productVersion,
          fqdn,
          users: 0,
          hosting: 'physical',
          os: DEFAULT_OS[productVersion],
          mediationCollocated: roles.has('MediationServer'),
          deployed: this.doc.published,
          ...(domain ? { domain } : {}),
          ...this.externalWebFqdn(services),
        };
        defaults.push(
          'users 0',
          'hosting physical',
          `OS ${DEFAULT_OS[productVersion]}`,
          `deployed ${this.doc.published ? 'yes (the topology is published)' : 'no (the file is not published)'}`,
        );
        if (domain) defaults.push(`AD domain ${quote(domain, 60)} (from the machine name)`);
        if (c.machines.length > 1)
          this.warn(`a Standard Edition server with ${c.machines.length} machines: only one is possible`, c.where);
        for (const i of this.instancesOnCluster.get(c.key) ?? []) this.seLocalInstance.set(i.key, node);
        break;
      }
      case 'directorPool': {
        const productVersion = this.productOf(c, ['Registrar']);
        const servers = this.serverCount(c, 'Director pool');
        const webLoadBalancing = servers > 1 ? 'hlb' : 'none';
        node = {
          ...common,
          kind,
          productVersion,
          fqdn,
          servers,
          sipLoadBalancing: 'dns',
          webLoadBalancing,
          ...this.externalWebFqdn(services),
        };
        defaults.push(
          'SIP load balancing DNS',
          `web load balancing ${webLoadBalancing === 'hlb' ? 'hardware load balancer' : 'none'}`,
        );
        if (roles.has('UserServices')) this.warn('a Director that also runs user services: imported as a Director pool', c.where);
        break;
      }
      case 'survivableBranch': {
        node = { ...common, kind, variant: 'sba', fqdn, users: 0 };
        this.productOf(c, ['Registrar']);
        defaults.push('variant survivable branch appliance (SBA)', 'users 0');
        this.warn(
          'a registrar without user services or user store of its own: imported as a survivable branch appliance (inferred; no real document with a branch was available to check this)',
          c.where,
          true,
        );
        break;
      }
      case 'edgePool': {
        const productVersion = this.productOf(c, ['EdgeServer']);
        const servers = this.serverCount(c, 'Edge pool');
        const edge = services.find((s) => s.role === 'EdgeServer')!;
        const ports = edgePorts(edge.el);
        // Only what the format can hold: a placeholder or a typo stays in a warning, not in the design.
        const natAddresses = c.natAddresses.filter((a) => IP_ADDRESS.test(a)).slice(0, LIMITS.maxListItems);
        const federation = ports.federation;
        const xmpp = productVersion === '2015' && ports.xmpp;
        const external = this.externalEdgeFqdns(ports.external, c.where);
        node = {
          ...common,
          kind,
          productVersion,
          fqdn,
          servers,
          internalLoadBalancing: 'dns',
          externalLoadBalancing: 'dns',
          federation,
          xmpp,
          ...external,
          ...(natAddresses.length ? { natAddresses } : {}),
        };
        if (natAddresses.length < c.natAddresses.length)
          this.warn(
            `Edge pool ${quote(id)}: NAT addresses that are not IP addresses were not imported: ${c.natAddresses
              .filter((a) => !IP_ADDRESS.test(a))
              .slice(0, 5)
              .map((a) => quote(a, 45))
              .join(', ')}`,
            c.where,
            true,
          );
        defaults.push('internal and external load balancing DNS');
        if (natAddresses.length)
          this.warn(
            `Edge pool ${quote(id)}: its external interfaces are translated by NAT (public ${natAddresses.map((a) => quote(a, 45)).join(', ')}); the topology does not say whether the NAT is symmetric: set the external addressing`,
            c.where,
            true,
          );
        defaults.push(
          `federation ${federation ? 'on' : 'off'} (read from the Access Edge external SIP server port 5061 ${federation ? 'being' : 'not being'} listed)`,
        );
        defaults.push(
          `XMPP federation ${xmpp ? 'on' : 'off'} (${productVersion === '2019' ? 'no XMPP gateway in 2019' : `the XMPP proxy port 5269 is ${ports.xmpp ? '' : 'not '}listed`})`,
        );
        break;
      }
      case 'mediationPool': {
        const productVersion = this.productOf(c, ['MediationServer']);
        node = { ...common, kind, productVersion, fqdn, servers: this.serverCount(c, 'Mediation pool') };
        break;
      }
      case 'officeOnlineServer': {
        const wac = services.find((s) => s.role === 'WacService')!;
        const wacEl = childNamed(wac.el, 'WacService', isRtcNs);
        const external =
          attr(wacEl ?? EMPTY_ELEMENT, 'IsExternal')
            ?.trim()
            .toLowerCase() === 'true';
        const discovery = wacEl && attr(wacEl, 'DiscoveryUrl');
        // Kept exactly as written, typos included: the rules report a wrong one.
        const discoveryUrl = discovery && discovery.length <= 2_048 && discovery.trim() ? { discoveryUrl: discovery } : {};
        node = {
          ...common,
          kind,
          fqdn,
          servers: this.serverCount(c, 'Office Online Server farm'),
          zone: external ? 'external' : 'internal',
          ...discoveryUrl,
        };
        const discoveryHost = discovery ? /^https?:\/\/([^/:]+)/i.exec(discovery.trim())?.[1] : undefined;
        if (discoveryHost && discoveryHost.toLowerCase() !== c.fqdn.trim().toLowerCase())
          this.warn(`the discovery URL ${quote(discovery!)} names another host than the farm ${quote(c.fqdn)}`, wac.where);
        break;
      }
      case 'gatewayPeer': {
        node = {
          ...common,
          kind,
          fqdn,
          peerType: 'pstnGateway',
          dnsLoadBalancing: false,
          acceptsAnyPoolMember: false,
          mediaBypass: false,
        };
        defaults.push(
          'type PSTN gateway (Topology Builder does not say gateway, SBC or IP-PBX)',
          'media bypass off',
          'no DNS load balancing',
          'accepts traffic from the named Mediation Server only',
        );
        break;
      }
    }
    this.addNode(node);
    this.nodeOfCluster.set(c.key, node);
    if (defaults.length)
      this.warn(
        `${kindWords(node.kind)} ${quote(node.id)}: not in the XML, defaulted (please confirm): ${defaults.join('; ')}`,
        c.where,
        true,
      );
  }

  /** The external web services FQDN (WebService > ExternalSettings @Host), when it is a DNS name. */
  private externalWebFqdn(services: readonly TbService[]): { externalWebFqdn?: string } {
    const web = services.find((s) => s.role === 'WebServices');
    const ws = web && childNamed(web.el, 'WebService', isRtcNs);
    const host = ws && attr(childNamed(ws, 'ExternalSettings', isRtcNs) ?? EMPTY_ELEMENT, 'Host')?.trim();
    if (!host) return {};
    if (FQDN_PATTERN.test(host)) return { externalWebFqdn: host };
    this.warn(`the external web services FQDN ${quote(host)} is not a DNS name (a placeholder?); not imported`, web.where);
    return {};
  }

  /** Access, Web Conferencing and A/V Edge external FQDNs (Port @ConfiguredFqdn by owner). */
  private externalEdgeFqdns(
    external: ReadonlyMap<string, string>,
    where: string,
  ): { externalSipFqdn?: string; externalWebConfFqdn?: string; externalAvFqdn?: string } {
    const out: { externalSipFqdn?: string; externalWebConfFqdn?: string; externalAvFqdn?: string } = {};
    const fields = [
      ['urn:component:AccessEdge', 'externalSipFqdn'],
      ['urn:component:DataEdge', 'externalWebConfFqdn'],
      ['urn:component:MediaRelayEdge', 'externalAvFqdn'],
    ] as const;
    for (const [owner, key] of fields) {
      const v = external.get(owner);
      if (v === undefined) continue;
      if (FQDN_PATTERN.test(v)) out[key] = v;
      else this.warn(`the Edge external FQDN ${quote(v)} is not a DNS name (a placeholder?); not imported`, where);
    }
    return out;
  }

  /** The AD domain guessed from the machine names (all machines must agree). */
  private domainOf(c: TbCluster): string | undefined {
    const suffixes = new Set(c.machines.map((m) => dnsSuffix(m.trim())).filter((s): s is string => !!s));
    if (suffixes.size !== 1) return undefined;
    const d = [...suffixes][0]!;
    return d.length <= LIMITS.maxTextChars ? d : undefined;
  }

  // ------------------------------------------------------------ SQL stores

  private buildSqlStore(i: TbSqlInstance): void {
    if (this.instanceByKey.get(i.key) !== i) return;
    const cluster = this.clusterByKey.get(i.clusterKey);
    if (!cluster) {
      this.warn('the SQL instance is on a cluster the document does not define; skipped', i.where);
      return;
    }
    const stores = this.servicesOnInstance.get(i.key) ?? [];
    const se = this.seLocalInstance.get(i.key);
    if (se) {
      // The Standard Edition server's own SQL Express: part of the server, no node.
      for (const s of stores)
        if (s.role === 'ArchivingStore' || s.role === 'MonitoringStore')
          this.warn(
            `the ${s.role} is on the Standard Edition server's own SQL instance; the designer has no separate store for it (not imported)`,
            s.where,
          );
      if (i.unknown.length) this.warnUnknownSql(i);
      return;
    }
    const fqdn = this.hostOf(cluster);
    let instance = i.name.trim();
    if (!INSTANCE_PATTERN.test(instance)) {
      const cleaned = instance.replace(/[^A-Za-z0-9_$#]/g, '').slice(0, 16);
      this.warn(
        `the SQL instance name ${quote(i.name, 40)} is not a valid instance name: imported as ${quote(cleaned)}`,
        i.where,
        true,
      );
      instance = cleaned;
    }
    const id = this.ids.take(instance ? `${firstLabel(fqdn)}-${instance}` : firstLabel(fqdn), 'sql');
    const host = firstLabel(this.unplaceholder(cluster.fqdn.trim()) || fqdn);
    this.unplaceholder(instance);
    const name = (instance ? `${host}\\${instance}` : host).slice(0, LIMITS.maxNameChars);
    const siteId = this.siteFor(cluster.siteKey);
    const domain = this.domainOf(cluster);
    const defaults = [`SQL Server ${DEFAULT_SQL_VERSION}`, `${DEFAULT_SQL_EDITION} edition`];
    let node: NodeOfKind<'sqlStore'>;
    const primaryRaw = i.alwaysOnPrimaryNodeFqdn?.trim();
    if (primaryRaw !== undefined && primaryRaw !== '') {
      // AlwaysOn: the cluster FQDN is the AG listener, the attribute names the primary
      // replica. Secondary replicas are not in the document.
      const primary = hostName(primaryRaw, `${firstLabel(fqdn)}-primary`);
      if (primary.changedFrom !== undefined && this.unplaceholder(primaryRaw) === primaryRaw)
        this.warn(
          `the AlwaysOn primary node ${quote(primary.changedFrom)} is not a DNS name: imported as ${quote(primary.fqdn)}`,
          i.where,
          true,
        );
      const primaryIsListener = primary.fqdn.toLowerCase() === fqdn.toLowerCase();
      const replicas = primaryIsListener
        ? []
        : [
            {
              fqdn: primary.fqdn,
              siteId,
              commitMode: 'synchronous' as const,
              failoverMode: 'automatic' as const,
              readable: false,
            },
          ];
      node = {
        id,
        name,
        siteId,
        kind: 'sqlStore',
        fqdn,
        instance,
        sqlVersion: DEFAULT_SQL_VERSION,
        sqlEdition: DEFAULT_SQL_EDITION,
        haMode: 'alwaysOnAg',
        ...(this.doc.published ? { currentHaMode: 'alwaysOnAg' as const } : {}),
        ag: { listenerFqdn: fqdn, listenerPort: 1433, replicas },
        ...(domain ? { domain } : {}),
      };
      defaults.push('listener port 1433');
      if (this.doc.published) defaults.push('deployed today as an availability group (the topology is published)');
      if (primaryIsListener) {
        defaults.push('no replica listed');
        this.warn(
          `AlwaysOn availability group: the primary node ${quote(primary.fqdn)} is the store (listener) FQDN, as after the last deployment step that sets the SQL Server FQDN to the listener, so the replicas are unknown; add every replica, the primary included`,
          i.where,
          true,
        );
      } else {
        defaults.push(`primary replica ${quote(primary.fqdn)} synchronous, automatic failover, not readable`);
        this.warn(
          'AlwaysOn availability group: Topology Builder records only the primary node; add the secondary replicas',
          i.where,
          true,
        );
      }
    } else {
      node = {
        id,
        name,
        siteId,
        kind: 'sqlStore',
        fqdn,
        instance,
        sqlVersion: DEFAULT_SQL_VERSION,
        sqlEdition: DEFAULT_SQL_EDITION,
        haMode: 'none',
        ...(domain ? { domain } : {}),
      };
      defaults.push('no high availability (mirroring, failover clustering and their partners are not read from the XML)');
    }
    if (domain) defaults.push(`AD domain ${quote(domain, 60)} (from the machine name)`);
    if (cluster.machines.length > 1)
      this.warn(
        `the SQL cluster lists ${cluster.machines.length} machines; clustering is not read from the XML`,
        cluster.where,
        true,
      );
    this.addNode(node);
    this.nodeOfInstance.set(i.key, node);
    this.warn(`SQL store ${quote(node.id)}: not in the XML, defaulted (please confirm): ${defaults.join('; ')}`, i.where, true);
    if (i.unknown.length) this.warnUnknownSql(i);
    if (!stores.length) this.warn(`SQL store ${quote(node.id)} holds no database the document names`, i.where);
  }

  private warnUnknownSql(i: TbSqlInstance): void {
    this.warn(
      `HA data present but not modelled: the SQL instance carries markup the importer does not know (mirroring, witness or clustering?), kept here verbatim: ${i.unknown
        .slice(0, 10)
        .map((u) => quote(u, 200))
        .join(', ')}${i.unknown.length > 10 ? ` and ${i.unknown.length - 10} more` : ''}`,
      i.where,
      true,
    );
  }

  // ------------------------------------------------------------ file stores

  private buildFileStore(s: TbService): void {
    if (this.serviceByKey.get(s.key) !== s || !s.installedOn || !('cluster' in s.installedOn)) return;
    const cluster = this.clusterByKey.get(s.installedOn.cluster);
    if (!cluster) return;
    const fqdn = this.hostOf(cluster);
    const fsEl = childNamed(s.el, 'FileStoreService', isRtcNs);
    let share = (fsEl ? attr(fsEl, 'ShareName') : undefined)?.trim() ?? '';
    if (!share) {
      share = 'share';
      this.warn('the file store names no share: imported as "share"', s.where, true);
    } else if (share.length > LIMITS.maxTextChars) {
      share = share.slice(0, LIMITS.maxTextChars);
      this.warn(`the share name is longer than ${LIMITS.maxTextChars} characters: cut`, s.where, true);
    }
    this.unplaceholder(share); // the share keeps its spelling ($ is legal in a share name); the template warning names it
    // A share host that is an AD domain name is a domain-based DFS namespace (sample 02).
    const lower = fqdn.toLowerCase();
    const dfs =
      this.machineDomains.has(lower) ||
      this.doc.sipDomains.some((d) => d.trim().toLowerCase() === lower) ||
      this.doc.defaultDomain?.trim().toLowerCase() === lower;
    const base = firstLabel(fqdn);
    const id = this.ids.take(this.ids.taken(base, 'share') ? `${base}-${share}` : base, 'share');
    const node: NodeOfKind<'fileStore'> = {
      id,
      name: `\\\\${this.unplaceholder(cluster.fqdn.trim()) || fqdn}\\${share}`.slice(0, LIMITS.maxNameChars),
      siteId: this.siteFor(cluster.siteKey),
      kind: 'fileStore',
      fqdn,
      share,
      storage: dfs ? 'dfs' : 'singleServer',
    };
    this.addNode(node);
    this.nodeOfFileService.set(s.key, node);
    this.warn(
      `file store ${quote(node.id)}: not in the XML, defaulted (please confirm): storage ${dfs ? 'DFS (the host name is a domain name)' : 'single file server'}`,
      s.where,
      true,
    );
  }

  private addNode(node: TopologyNode): void {
    this.nodes.push(node);
  }

  // ------------------------------------------------------------ services the format cannot hold

  private warnUnmappedServices(kinds: Map<string, ClusterKind | undefined>): void {
    for (const c of this.doc.clusters) {
      if (this.clusterByKey.get(c.key) !== c) continue;
      const services = this.servicesOnCluster.get(c.key) ?? [];
      const hasInstances = this.instancesOnCluster.has(c.key);
      for (const s of services) {
        if (POOL_PART_ROLES.has(s.role)) continue;
        this.warn(
          `service role ${quote(s.role, 60)} on ${quote(c.fqdn)} is not modelled by the designer (trusted application, Persistent Chat or another role); not imported`,
          s.where,
        );
      }
      if (
        !kinds.get(c.key) &&
        !hasInstances &&
        !services.some((s) => s.role === 'FileStore' || s.role === 'PstnGateway') &&
        services.length === 0
      )
        this.warn(`cluster ${quote(c.fqdn)} runs no service; not imported`, c.where);
    }
    for (const stores of this.servicesOnInstance.values()) {
      for (const s of stores)
        if (!STORE_ROLES_KNOWN.has(s.role))
          this.warn(`database role ${quote(s.role, 60)} is not modelled by the designer; not imported`, s.where);
    }
  }

  // ------------------------------------------------------------ links

  private nodeOfService(s: TbService): TopologyNode | undefined {
    const on = s.installedOn;
    if (!on) return undefined;
    if ('cluster' in on) return s.role === 'FileStore' ? this.nodeOfFileService.get(s.key) : this.nodeOfCluster.get(on.cluster);
    return this.nodeOfInstance.get(on.sqlInstance) ?? this.seLocalInstance.get(on.sqlInstance);
  }

  private buildLinks(): void {
    const haNotes = new Set<string>();
    for (const s of this.doc.services) {
      if (this.serviceByKey.get(s.key) !== s) continue;
      const from = this.nodeOfService(s);
      for (const d of s.dependsOn) {
        const target = this.serviceByKey.get(d.serviceKey);
        if (!target) {
          this.warn(`${s.role} depends on a service the document does not define (${quote(d.serviceKey, 60)}); ignored`, s.where);
          continue;
        }
        const to = this.nodeOfService(target);
        if (d.usage.trim().toLowerCase() !== 'default') {
          this.haDependency(s, target, from, to, d.usage, haNotes);
          continue;
        }
        if (!from || !to) continue;
        this.linkFor(s, target, from, to);
      }
    }
  }

  /** One DependsOn edge with Usage="Default" → the designer link it stands for, if any. */
  private linkFor(s: TbService, target: TbService, from: TopologyNode, to: TopologyNode): void {
    const registrar = from.kind === 'frontEndPool' || from.kind === 'standardEditionServer';
    switch (target.role) {
      case 'UserStore':
        if (from.kind === 'frontEndPool' && to.kind === 'sqlStore') this.addLink('backEnd', from, to);
        else if (from.kind === 'frontEndPool' && to.kind === 'standardEditionServer')
          this.warn(
            `Front End pool ${quote(from.id)} keeps its users on Standard Edition server ${quote(to.id)}'s own SQL instance; no Back End link is possible`,
            s.where,
          );
        else if (from.kind === 'standardEditionServer' && to.id !== from.id)
          this.warn(`Standard Edition server ${quote(from.id)} uses a user store on another server; not imported`, s.where);
        return;
      case 'ArchivingStore':
      case 'MonitoringStore':
        if ((registrar || from.kind === 'persistentChatPool') && to.kind === 'sqlStore')
          this.addLink('store', from, to, { role: STORE_LINK_ROLE[target.role]! } as Partial<Link>);
        else if (to.kind === 'sqlStore')
          this.warn(
            `the ${kindWords(from.kind)} ${quote(from.id)} uses the ${target.role} on ${quote(to.id)}; the designer has no such link`,
            s.where,
          );
        return;
      case 'FileStore':
        if ((registrar || from.kind === 'directorPool' || from.kind === 'persistentChatPool') && to.kind === 'fileStore')
          this.addLink('fileStore', from, to);
        return;
      case 'WacService':
        if (registrar && to.kind === 'officeOnlineServer') this.addLink('officeOnline', from, to);
        return;
      case 'EdgeServer':
        if (registrar && to.kind === 'edgePool') this.addLink('mediaEdge', from, to);
        else if (from.kind === 'mediationPool' && to.kind === 'edgePool')
          this.warn(
            `Mediation pool ${quote(from.id)} uses Edge pool ${quote(to.id)} for media; the designer has no link for it`,
            s.where,
          );
        return;
      case 'MediationServer':
        // PstnGateway → MediationServer: the trunk, drawn from the Mediation role to its peer.
        if (
          from.kind === 'gatewayPeer' &&
          (to.kind === 'mediationPool' ||
            to.kind === 'frontEndPool' ||
            to.kind === 'standardEditionServer' ||
            to.kind === 'survivableBranch')
        )
          this.addLink('trunk', to, from, trunkPorts(s.el));
        return;
      case 'Registrar':
        if (
          from.kind === 'edgePool' &&
          (to.kind === 'frontEndPool' || to.kind === 'standardEditionServer' || to.kind === 'directorPool')
        )
          this.addLink('nextHop', from, to);
        else if (from.kind === 'survivableBranch' && (to.kind === 'frontEndPool' || to.kind === 'standardEditionServer'))
          this.addLink('backupRegistrar', from, to);
        else if (s.role === 'Registrar' && registrar && (to.kind === 'frontEndPool' || to.kind === 'standardEditionServer')) {
          // A registrar depending on another pool's registrar: the backup pool (pairing).
          this.addLink('pairing', from, to);
          this.warn(
            `pool pairing ${quote(from.id)} ↔ ${quote(to.id)} read from a Registrar-to-Registrar dependency; no real export with a paired pool was available to check this markup (please confirm)`,
            s.where,
            true,
          );
        } else if (from.kind === 'mediationPool')
          this.warn(`Mediation pool ${quote(from.id)}'s next hop is ${quote(to.id)}; the designer has no link for it`, s.where);
        return;
      default:
        return;
    }
  }

  /**
   * A dependency whose Usage is not "Default": no real document seen has one.
   * Mirror and witness between stores of the same database and backup registrars are
   * read when the Usage says so; anything else is kept verbatim in a warning.
   */
  private haDependency(
    s: TbService,
    target: TbService,
    from: TopologyNode | undefined,
    to: TopologyNode | undefined,
    usage: string,
    seen: Set<string>,
  ): void {
    const u = usage.toLowerCase();
    const sameStore =
      STORE_ROLES_KNOWN.has(s.role) &&
      s.role === target.role &&
      from?.kind === 'sqlStore' &&
      to?.kind === 'sqlStore' &&
      from.id !== to.id;
    if (sameStore && u.includes('witness')) {
      this.addLink('witness', from, to);
      this.warn(
        `mirroring witness ${quote(from.id)} → ${quote(to.id)} read from Usage=${quote(usage, 40)}; this markup was not seen in a real export (please confirm)`,
        s.where,
        true,
      );
      return;
    }
    if (sameStore && u.includes('mirror')) {
      this.addLink('mirror', from, to);
      this.warn(
        `SQL mirror ${quote(from.id)} → ${quote(to.id)} read from Usage=${quote(usage, 40)}; this markup was not seen in a real export (please confirm)`,
        s.where,
        true,
      );
      return;
    }
    if (s.role === 'Registrar' && target.role === 'Registrar' && from && to && from.id !== to.id) {
      if (from.kind === 'survivableBranch' && (to.kind === 'frontEndPool' || to.kind === 'standardEditionServer')) {
        this.addLink('backupRegistrar', from, to);
        return;
      }
      if (
        (from.kind === 'frontEndPool' || from.kind === 'standardEditionServer') &&
        (to.kind === 'frontEndPool' || to.kind === 'standardEditionServer')
      ) {
        this.addLink('pairing', from, to);
        this.warn(
          `pool pairing ${quote(from.id)} ↔ ${quote(to.id)} read from a Registrar dependency with Usage=${quote(usage, 40)}; this markup was not seen in a real export (please confirm)`,
          s.where,
          true,
        );
        return;
      }
    }
    const key = `${s.key}|${target.key}|${usage}`;
    if (seen.has(key)) return;
    seen.add(key);
    this.warn(
      `HA data present but not modelled: ${s.role} depends on ${target.role}${to ? ` (${quote(to.id)})` : ''} with Usage=${quote(usage, 60)}`,
      s.where,
      true,
    );
  }

  private warnUnusedFileStores(): void {
    const used = new Set(this.links.filter((l) => l.kind === 'fileStore').map((l) => l.to));
    for (const n of this.nodes)
      if (n.kind === 'fileStore' && !used.has(n.id))
        this.warn(`file store ${quote(n.id)} (${quote(n.name)}) is used by no pool in the document`);
  }

  // ------------------------------------------------------------ CMS

  /** The pool whose CentralMgmt service is active; else the pool whose store holds CentralMgmtStore. */
  private cmsHost(): string | null {
    const active = this.doc.services.filter((s) => {
      if (s.role !== 'CentralMgmt') return false;
      const el = childNamed(s.el, 'CentralMgmtService', isRtcNs);
      return (
        attr(el ?? EMPTY_ELEMENT, 'IsActive')
          ?.trim()
          .toLowerCase() !== 'false'
      );
    });
    const hosts = active.map((s) => this.nodeOfService(s)).filter((n): n is TopologyNode => !!n);
    const registrarHosts = hosts.filter((n) => n.kind === 'frontEndPool' || n.kind === 'standardEditionServer');
    if (registrarHosts.length > 1)
      this.warn(
        `more than one active Central Management service (${registrarHosts.map((n) => quote(n.id)).join(', ')}): the first is taken as the CMS host`,
        undefined,
        true,
      );
    if (registrarHosts[0]) return registrarHosts[0].id;
    if (hosts[0])
      this.warn(
        `the Central Management service runs on ${kindWords(hosts[0].kind)} ${quote(hosts[0].id)}, which cannot hold it; no CMS host set`,
        active[0]?.where,
      );

    const store = this.doc.services.find((s) => s.role === 'CentralMgmtStore');
    const storeNode = store && this.nodeOfService(store);
    if (storeNode?.kind === 'standardEditionServer') return storeNode.id;
    if (storeNode?.kind === 'sqlStore') {
      const pool = this.links.find((l) => l.kind === 'backEnd' && l.to === storeNode.id);
      if (pool) return pool.from;
    }
    this.warn(
      this.doc.published
        ? 'the document names no Central Management store host; set the CMS host'
        : 'no Central Management store yet (the file is not published); set the CMS host',
      undefined,
      true,
    );
    return null;
  }
}

/** A script variable written where a name belongs (`$PoolFqdn`). */
const PLACEHOLDER = /\$[A-Za-z_][A-Za-z0-9_]*/g;
const EMPTY_ELEMENT: XmlElement = { name: '', local: '', ns: '', attrs: [], children: [], text: '', line: 0 };

/** What an Edge service's port list says about federation (inferred, see the report of issue 7). */
function edgePorts(service: XmlElement): { federation: boolean; xmpp: boolean; external: Map<string, string> } {
  let federation = false;
  let xmpp = false;
  const external = new Map<string, string>();
  const ports = childNamed(service, 'Ports', isRtcNs);
  for (const p of ports?.children ?? []) {
    if (p.local !== 'Port' || !isRtcNs(p.ns)) continue;
    const owner = attr(p, 'Owner')?.trim();
    const usage = attr(p, 'Usage')?.trim();
    const side = attr(p, 'InterfaceSide')?.trim();
    if (owner === 'urn:component:AccessEdge' && usage === 'SipServer' && side === 'External') federation = true;
    if (owner === 'urn:component:XmppFederationProxy' && usage === 'XmppServer' && side === 'External') xmpp = true;
    const configured = attr(p, 'ConfiguredFqdn')?.trim();
    if (owner && side === 'External' && configured && !external.has(owner)) external.set(owner, configured);
  }
  return { federation, xmpp, external };
}

/** PstnGatewayService @MediationServerPort and the gateway's listening Port (when they are ports). */
function trunkPorts(service: XmlElement): Partial<Link> {
  const out: { mediationPort?: number; peerPort?: number; transport?: 'tls' | 'tcp' } = {};
  const gw = childNamed(service, 'PstnGatewayService', isRtcNs);
  const asPort = (v: string | undefined) =>
    v !== undefined && /^\d{1,5}$/.test(v.trim()) && +v >= 1 && +v <= 65535 ? +v : undefined;
  const med = asPort(gw ? attr(gw, 'MediationServerPort') : undefined);
  if (med !== undefined) out.mediationPort = med;
  const port = childNamed(service, 'Ports', isRtcNs)?.children.find((p) => p.local === 'Port' && isRtcNs(p.ns));
  const peer = asPort(port ? attr(port, 'Port') : undefined);
  if (peer !== undefined) out.peerPort = peer;
  const protocol = port ? attr(port, 'Protocol')?.trim().toLowerCase() : undefined;
  if (protocol === 'tls' || protocol === 'tcp') out.transport = protocol;
  return out as Partial<Link>;
}

/** The format's IP address shape (schema.ts IpAddress). */
const IP_ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
