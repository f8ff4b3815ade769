/**
 * The design as a Topology Builder document: the `<Topology>` that `Get-CsTopology -AsXml`
 * writes and `Publish-CsTopology -FileName` reads, or the `.tbxml` that Topology Builder
 * saves (File → Open Topology → From a local file). Everything the importer maps, the
 * exporter writes with the same markup, so `import(export(design))` gives the design back
 * (up to positions, generated ids and the values no topology document holds), and the
 * same design always gives the same bytes.
 *
 * What a topology document holds but the design does not (server names of pool members,
 * IP addresses, the SIP domain) is filled with stated defaults, listed in `notes` and in
 * the comment at the top of the file: the document is generated, so an architect reviews
 * it in Topology Builder before publishing.
 *
 * Pure; never throws for a valid design.
 */
import { dnsSuffix } from '../../import/names';
import { nodeKindLabel } from '../../model/link-kinds';
import {
  hasProductVersion,
  productVersionOf,
  type Link,
  type LinkOfKind,
  type NodeOfKind,
  type ProductVersion,
  type Site,
  type Topology,
  type TopologyNode,
} from '../../model/schema';
import { edgePorts, portsFor, SERVICE_ROLES_NS } from './ports';
import { commentText, el, serialise, textEl, type XmlNode } from './xml-writer';

export const TB_NS = {
  topology: 'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008',
  builder: 'urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008',
  writable: 'urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008',
} as const;

export const TB_SHAPES = ['published', 'tbxml'] as const;
export type TbShape = (typeof TB_SHAPES)[number];

export interface TbExportOptions {
  shape?: TbShape;
  /**
   * Error findings of the design, when the user chose to export it anyway: listed in the
   * comment at the top so nobody publishes it unaware.
   */
  errors?: readonly { ruleId: string; message: string }[];
  /** Generator line of the header comment (the CLI and the designer name themselves). */
  generator?: string;
}

export interface TbExportNote {
  /** What the note is about (a node id), when it is about one thing. */
  nodeId?: string;
  message: string;
}

export interface TbExportResult {
  xml: string;
  notes: TbExportNote[];
}

/** ServiceVersion per product: 7 in Skype for Business Server 2015 documents, 8 in 2019 (and Subscription Edition, the same code base); 5 and 6 for Lync Server 2010 and 2013 (inferred from the sequence). */
const SERVICE_VERSION: Record<ProductVersion, number> = { lync2010: 5, lync2013: 6, '2015': 7, '2019': 8, SE: 8 };

type RegistrarNode = NodeOfKind<'frontEndPool'> | NodeOfKind<'standardEditionServer'>;

interface ClusterRef {
  site: number;
  number: number;
  /** tbxml key. */
  guid: string;
}

interface ServiceRef {
  site: number;
  role: string;
  instance: number;
  guid: string;
}

interface ServiceDef {
  ref: ServiceRef;
  roleVersion: number;
  serviceVersion: number;
  type?: string;
  installedOn: { cluster: ClusterRef } | { sql: SqlRef };
  dependsOn: { service: ServiceRef; usage: string }[];
  ports: XmlNode;
  extra?: XmlNode;
}

interface SqlRef {
  cluster: ClusterRef;
  name: string;
  guid: string;
}

interface ClusterDef {
  ref: ClusterRef;
  fqdn: string;
  siteId: string;
  machines: { fqdn: string | undefined; faultDomain?: string; upgradeDomain?: string; interfaces: XmlNode[] }[];
  requiresReplication: boolean;
  requiresSetup: boolean;
  singleMachine: boolean;
  sqlInstances: SqlInstanceDef[];
}

interface SqlInstanceDef {
  ref: SqlRef;
  alwaysOnPrimary?: string;
}

const TYPE_PREFIX = 'Microsoft.Rtc.Management.Deploy.Internal.ServiceRoles.';

export function exportTopologyBuilder(design: Topology, options: TbExportOptions = {}): TbExportResult {
  return new TbWriter(design, options).write();
}

class TbWriter {
  private readonly notes: TbExportNote[] = [];
  private readonly siteNumber = new Map<string, number>();
  private readonly clusters: ClusterDef[] = [];
  private readonly clusterByKey = new Map<string, ClusterDef>();
  private readonly services: ServiceDef[] = [];
  private readonly instanceCounter = new Map<string, number>();
  private readonly nodeById = new Map<string, TopologyNode>();
  /** Per node: its services by role. */
  private readonly servicesOf = new Map<string, Map<string, ServiceDef>>();
  /** Per SQL store node: its instance; per Standard Edition server: its own `rtc` instance. */
  private readonly sqlOf = new Map<string, SqlInstanceDef>();
  /** Store services on an instance, by role (one per role per instance). */
  private readonly storeServices = new Map<string, ServiceDef>();
  private readonly sipDomain: string;

  constructor(
    private readonly design: Topology,
    private readonly options: TbExportOptions,
  ) {
    for (const n of design.nodes) this.nodeById.set(n.id, n);
    this.sipDomain = this.pickSipDomain();
  }

  write(): TbExportResult {
    const d = this.design;
    let n = 0;
    for (const s of d.sites) this.siteNumber.set(s.id, ++n);

    // Clusters and SQL instances first, in document order, so numbers are stable.
    for (const node of d.nodes) this.defineHosts(node);
    for (const node of d.nodes) this.defineServices(node);
    this.defineCms();
    // Mirror and witness pair up store services, so every store must exist first.
    for (const link of d.links) if (link.kind !== 'mirror' && link.kind !== 'witness') this.defineLink(link);
    for (const link of d.links) if (link.kind === 'mirror' || link.kind === 'witness') this.defineLink(link);

    const shape = this.options.shape ?? 'published';
    const body = shape === 'published' ? this.published() : this.builderFile();
    const xml = `<?xml version="1.0" encoding="utf-8"?>\n${this.header()}${serialise(body)}`;
    return { xml, notes: this.notes };
  }

  // ------------------------------------------------------------ notes and header

  private note(message: string, nodeId?: string): void {
    this.notes.push(nodeId === undefined ? { message } : { nodeId, message });
  }

  private header(): string {
    const lines = [
      this.options.generator ?? 'Generated by the Skype for Business HA/DR designer.',
      `Design: ${this.design.name}`,
      'Review this document in Topology Builder before publishing it (File > Open Topology > From a local file),',
      'or publish it from the Skype for Business Server Management Shell: Publish-CsTopology -FileName <this file>.',
    ];
    const errors = this.options.errors ?? [];
    if (errors.length) {
      lines.push(
        '',
        `WARNING: the design has ${errors.length} error finding${errors.length === 1 ? '' : 's'}; it was exported on request, do not publish it as it is:`,
      );
      for (const e of errors) lines.push(`  ${e.ruleId}: ${e.message}`);
    }
    if (this.notes.length) {
      lines.push('', 'Values a topology document needs that the design does not hold (please check):');
      for (const x of this.notes) lines.push(`  - ${x.message}`);
    }
    return `<!--\n${lines.map((l) => `  ${commentText(l)}`).join('\n')}\n-->\n`;
  }

  // ------------------------------------------------------------ naming

  private pickSipDomain(): string {
    // The most common DNS suffix of the registrar pools (ties: the first in the document).
    const counts = new Map<string, number>();
    for (const n of this.design.nodes) {
      if (n.kind !== 'frontEndPool' && n.kind !== 'standardEditionServer' && n.kind !== 'directorPool') continue;
      const s = dnsSuffix(n.fqdn);
      if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    let best: string | undefined;
    for (const [s, c] of counts) if (best === undefined || c > counts.get(best)!) best = s;
    const domain = best ?? 'contoso.com';
    this.note(
      `SIP domain ${domain} (${best ? 'the DNS suffix of the pools' : 'no pool has a DNS suffix; a placeholder'}); add every SIP domain in Topology Builder`,
    );
    return domain;
  }

  private siteOf(node: { siteId: string }): number {
    return this.siteNumber.get(node.siteId) ?? 1;
  }

  private clusterFor(
    fqdn: string,
    siteId: string,
    init: () => Omit<ClusterDef, 'ref' | 'fqdn' | 'siteId' | 'sqlInstances'>,
  ): ClusterDef {
    const key = `${siteId}|${fqdn.toLowerCase()}`;
    const known = this.clusterByKey.get(key);
    if (known) return known;
    const site = this.siteNumber.get(siteId) ?? 1;
    const number = this.clusters.filter((c) => c.ref.site === site).length + 1;
    const def: ClusterDef = { ref: { site, number, guid: guid(`cluster|${key}`) }, fqdn, siteId, sqlInstances: [], ...init() };
    this.clusters.push(def);
    this.clusterByKey.set(key, def);
    return def;
  }

  private service(
    node: TopologyNode,
    role: string,
    site: number,
    installedOn: ServiceDef['installedOn'],
    opts: { roleVersion?: number; serviceVersion?: number; type?: string; ports?: XmlNode; extra?: XmlNode } = {},
  ): ServiceDef {
    const counterKey = `${site}|${role}`;
    const instance = (this.instanceCounter.get(counterKey) ?? 0) + 1;
    this.instanceCounter.set(counterKey, instance);
    const def: ServiceDef = {
      ref: { site, role, instance, guid: guid(`service|${site}|${role}|${instance}`) },
      roleVersion: opts.roleVersion ?? 1,
      serviceVersion: opts.serviceVersion ?? versionOf(node),
      ...(opts.type ? { type: opts.type } : {}),
      installedOn,
      dependsOn: [],
      ports: opts.ports ?? portsFor(role),
      ...(opts.extra ? { extra: opts.extra } : {}),
    };
    this.services.push(def);
    let byRole = this.servicesOf.get(node.id);
    if (!byRole) this.servicesOf.set(node.id, (byRole = new Map()));
    if (!byRole.has(role)) byRole.set(role, def);
    return def;
  }

  private depend(from: ServiceDef | undefined, to: ServiceDef | undefined, usage = 'Default'): void {
    if (!from || !to || from === to) return;
    if (from.dependsOn.some((d) => d.service === to.ref && d.usage === usage)) return;
    from.dependsOn.push({ service: to.ref, usage });
  }

  private svc(nodeId: string, role: string): ServiceDef | undefined {
    return this.servicesOf.get(nodeId)?.get(role);
  }

  /** A branch appliance runs the version of the pool that backs it up, else the design's main one. */
  private branchVersion(branch: TopologyNode): number {
    const own = productVersionOf(branch);
    if (own) return SERVICE_VERSION[own];
    const backup = this.design.links.find((l) => l.kind === 'backupRegistrar' && l.from === branch.id);
    const pool = backup && this.nodeById.get(backup.to);
    if (pool && hasProductVersion(pool)) return SERVICE_VERSION[pool.productVersion];
    const counts = new Map<number, number>();
    for (const n of this.design.nodes)
      if (hasProductVersion(n))
        counts.set(SERVICE_VERSION[n.productVersion], (counts.get(SERVICE_VERSION[n.productVersion]) ?? 0) + 1);
    let best = SERVICE_VERSION['2015'];
    for (const [v, c] of counts) if (c > (counts.get(best) ?? 0)) best = v;
    return best;
  }

  // ------------------------------------------------------------ hosts (clusters, SQL instances)

  private defineHosts(node: TopologyNode): void {
    switch (node.kind) {
      case 'frontEndPool': {
        const c = this.clusterFor(node.fqdn, node.siteId, () => ({
          machines: memberNames(node.fqdn, 'fe', node.frontEndServers).map((fqdn, i) => ({
            fqdn,
            faultDomain: `FaultDomain${i + 1}`,
            upgradeDomain: `UpgradeDomain${i + 1}`,
            interfaces: poolInterfaces(node.mediationCollocated),
          })),
          requiresReplication: true,
          requiresSetup: true,
          singleMachine: false,
        }));
        this.noteMembers(node, c, 'Front End server');
        return;
      }
      case 'standardEditionServer': {
        const c = this.clusterFor(node.fqdn, node.siteId, () => ({
          machines: [
            {
              fqdn: node.fqdn,
              faultDomain: node.fqdn,
              upgradeDomain: node.fqdn,
              interfaces: poolInterfaces(node.mediationCollocated),
            },
          ],
          requiresReplication: true,
          requiresSetup: true,
          singleMachine: true,
        }));
        // The Standard Edition server's own SQL Server Express instance holds its databases.
        const inst: SqlInstanceDef = { ref: { cluster: c.ref, name: 'rtc', guid: guid(`sql|${c.ref.guid}|rtc`) } };
        c.sqlInstances.push(inst);
        this.sqlOf.set(node.id, inst);
        return;
      }
      case 'directorPool':
      case 'edgePool':
      case 'mediationPool':
      case 'officeOnlineServer': {
        const count = node.servers;
        const edge = node.kind === 'edgePool';
        const c = this.clusterFor(node.fqdn, node.siteId, () => ({
          machines:
            count === 1 && node.kind === 'officeOnlineServer'
              ? [{ fqdn: node.fqdn, interfaces: [] }]
              : memberNames(node.fqdn, MEMBER_PREFIX[node.kind], count).map((fqdn, i) => ({
                  fqdn,
                  ...(node.kind === 'directorPool'
                    ? { faultDomain: `FaultDomain${i + 1}`, upgradeDomain: `UpgradeDomain${i + 1}` }
                    : {}),
                  interfaces: edge
                    ? [netInterface('Internal', '0.0.0.0'), netInterface('External', '0.0.0.0', node.natAddresses?.[i])]
                    : node.kind === 'officeOnlineServer'
                      ? []
                      : [
                          netInterface('Primary', '0.0.0.0'),
                          ...(node.kind === 'mediationPool' ? [netInterface('Pstn', '0.0.0.0')] : []),
                        ],
                })),
          requiresReplication: node.kind !== 'officeOnlineServer',
          requiresSetup: node.kind !== 'officeOnlineServer',
          singleMachine: false,
        }));
        if (!(count === 1 && node.kind === 'officeOnlineServer')) this.noteMembers(node, c, MEMBER_WORD[node.kind]);
        if (edge)
          this.note(
            `Edge pool ${node.name}: internal and external IP addresses 0.0.0.0 (set them${node.natAddresses?.length ? '' : ', and the NAT address if any,'} in Topology Builder)`,
            node.id,
          );
        return;
      }
      case 'survivableBranch': {
        this.clusterFor(node.fqdn, node.siteId, () => ({
          machines: [{ fqdn: node.fqdn, interfaces: [netInterface('Primary', '0.0.0.0'), netInterface('Pstn', '0.0.0.0')] }],
          requiresReplication: true,
          requiresSetup: true,
          singleMachine: true,
        }));
        return;
      }
      case 'sqlStore': {
        const c = this.clusterFor(node.fqdn, node.siteId, () => ({
          machines: [{ fqdn: node.fqdn, faultDomain: node.fqdn, upgradeDomain: node.fqdn, interfaces: [] }],
          requiresReplication: false,
          requiresSetup: false,
          singleMachine: true,
        }));
        const existing = c.sqlInstances.find((i) => i.ref.name.toLowerCase() === node.instance.toLowerCase());
        if (existing) {
          this.sqlOf.set(node.id, existing);
          this.note(
            `SQL store ${node.name} is the same instance as another store of the design (${node.fqdn}${node.instance ? `\\${node.instance}` : ''}): written once`,
            node.id,
          );
          return;
        }
        const inst: SqlInstanceDef = {
          ref: { cluster: c.ref, name: node.instance, guid: guid(`sql|${c.ref.guid}|${node.instance.toLowerCase()}`) },
        };
        if (node.haMode === 'alwaysOnAg') {
          // Topology Builder records the listener as the SQL Server FQDN and the primary replica in
          // AlwaysOnPrimaryNodeFqdn; the secondary replicas are not in a topology document.
          const primary = node.ag?.replicas[0]?.fqdn;
          inst.alwaysOnPrimary = primary ?? node.fqdn;
          const secondaries = (node.ag?.replicas.length ?? 1) - 1;
          if (secondaries > 0)
            this.note(
              `AlwaysOn availability group ${node.name}: ${secondaries} secondary replica${secondaries === 1 ? ' is' : 's are'} not part of a topology document (they are configured in SQL Server)`,
              node.id,
            );
        } else if (node.haMode === 'alwaysOnFci' || node.haMode === 'sqlFailoverCluster') {
          this.note(
            `SQL store ${node.name}: a failover cluster instance is written by its virtual network name ${node.fqdn}; the cluster nodes are not part of a topology document`,
            node.id,
          );
        }
        c.sqlInstances.push(inst);
        this.sqlOf.set(node.id, inst);
        return;
      }
      case 'fileStore': {
        this.clusterFor(node.fqdn, node.siteId, () => ({
          machines: [{ fqdn: undefined, interfaces: [] }],
          requiresReplication: false,
          requiresSetup: false,
          singleMachine: true,
        }));
        return;
      }
      case 'persistentChatPool':
        this.note(
          `Persistent Chat pool ${node.name} is not written: define it in Topology Builder (New Persistent Chat Pool)`,
          node.id,
        );
        return;
      case 'gatewayPeer':
        this.clusterFor(node.fqdn, node.siteId, () => ({
          machines: [{ fqdn: node.fqdn, interfaces: [netInterface('Pstn', '0.0.0.0')] }],
          requiresReplication: false,
          requiresSetup: false,
          singleMachine: true,
        }));
        return;
      case 'reverseProxy':
        this.note(
          `reverse proxy ${node.name} is not part of a topology document (publish the external web services and the Office Online Server farm on it)`,
          node.id,
        );
        return;
      case 'videoInteropPool':
        this.note(
          `Video Interop Server pool ${node.name} is not written: define it in Topology Builder (New Video Interop Server pool) with its video gateway trunk`,
          node.id,
        );
        return;
    }
  }

  private noteMembers(node: TopologyNode, c: ClusterDef, word: string): void {
    const names = c.machines.map((m) => m.fqdn).filter((f): f is string => !!f);
    if (names.length && !(names.length === 1 && names[0] === node.fqdn))
      this.note(
        `${nodeKindLabel(node.kind)} ${node.name}: ${word} names ${names.length > 2 ? `${names[0]} … ${names[names.length - 1]}` : names.join(', ')} are placeholders; use the real computer FQDNs`,
        node.id,
      );
  }

  // ------------------------------------------------------------ services

  private defineServices(node: TopologyNode): void {
    const site = this.siteOf(node);
    switch (node.kind) {
      case 'frontEndPool':
      case 'standardEditionServer': {
        const on = { cluster: this.clusterByKey.get(`${node.siteId}|${node.fqdn.toLowerCase()}`)!.ref };
        const user = this.service(node, 'UserServices', site, on, { roleVersion: 2 });
        const registrar = this.service(node, 'Registrar', site, on, {
          roleVersion: 2,
          type: `${TYPE_PREFIX}RegistrarService`,
          extra: el('RegistrarService', [
            ['xmlns', SERVICE_ROLES_NS],
            ['IsDirector', false],
          ]),
        });
        const web = this.service(node, 'WebServices', site, on, {
          type: `${TYPE_PREFIX}WebService`,
          extra: this.webServices(node),
        });
        const conferencing = node.kind === 'standardEditionServer' || node.conferencing;
        const conf = conferencing
          ? this.service(node, 'ConfServices', site, on, { type: `${TYPE_PREFIX}ConfService`, extra: confServiceExtra() })
          : undefined;
        const apps = this.service(node, 'ApplicationServer', site, on, {
          type: `${TYPE_PREFIX}ApplicationServerService`,
          extra: el('ApplicationServerService', [['xmlns', SERVICE_ROLES_NS]]),
        });
        const med = node.mediationCollocated
          ? this.service(node, 'MediationServer', site, on, { type: `${TYPE_PREFIX}MediationService` })
          : undefined;
        this.depend(user, conf);
        this.depend(registrar, user);
        this.depend(registrar, web);
        this.depend(web, user);
        this.depend(conf, web);
        this.depend(conf, user);
        this.depend(apps, registrar);
        this.depend(med, registrar);
        if (node.kind === 'standardEditionServer') {
          // Its databases live on its own SQL Server Express instance.
          const inst = this.sqlOf.get(node.id)!;
          this.depend(user, this.storeOn(node, inst, 'UserStore'));
          this.depend(apps, this.storeOn(node, inst, 'ApplicationStore'));
        }
        return;
      }
      case 'directorPool': {
        const on = { cluster: this.clusterByKey.get(`${node.siteId}|${node.fqdn.toLowerCase()}`)!.ref };
        const registrar = this.service(node, 'Registrar', site, on, {
          roleVersion: 2,
          type: `${TYPE_PREFIX}RegistrarService`,
          ports: portsFor('DirectorRegistrar'),
          extra: el('RegistrarService', [
            ['xmlns', SERVICE_ROLES_NS],
            ['IsDirector', true],
          ]),
        });
        const web = this.service(node, 'WebServices', site, on, {
          type: `${TYPE_PREFIX}WebService`,
          extra: this.webServices(node),
        });
        this.depend(registrar, web);
        return;
      }
      case 'survivableBranch': {
        const on = { cluster: this.clusterByKey.get(`${node.siteId}|${node.fqdn.toLowerCase()}`)!.ref };
        this.service(node, 'Registrar', site, on, {
          roleVersion: 2,
          serviceVersion: this.branchVersion(node),
          type: `${TYPE_PREFIX}RegistrarService`,
          ports: portsFor('DirectorRegistrar'),
          extra: el('RegistrarService', [
            ['xmlns', SERVICE_ROLES_NS],
            ['IsDirector', false],
          ]),
        });
        this.service(node, 'MediationServer', site, on, {
          serviceVersion: this.branchVersion(node),
          type: `${TYPE_PREFIX}MediationService`,
        });
        if (node.variant === 'sbs')
          this.note(
            `survivable branch ${node.name} is a survivable branch server; Topology Builder defines it like an appliance (check the version)`,
            node.id,
          );
        return;
      }
      case 'edgePool': {
        const on = { cluster: this.clusterByKey.get(`${node.siteId}|${node.fqdn.toLowerCase()}`)!.ref };
        const external = {
          access: node.externalSipFqdn ?? `sip.${this.sipDomain}`,
          webConferencing: node.externalWebConfFqdn ?? `webconf.${this.sipDomain}`,
          av: node.externalAvFqdn ?? `av.${this.sipDomain}`,
        };
        if (!node.externalSipFqdn || !node.externalWebConfFqdn || !node.externalAvFqdn)
          this.note(
            `Edge pool ${node.name}: external FQDNs ${external.access}, ${external.webConferencing}, ${external.av} (the design names ${[node.externalSipFqdn, node.externalWebConfFqdn, node.externalAvFqdn].filter(Boolean).length} of 3; the others are the usual names, change them in Topology Builder if yours differ)`,
            node.id,
          );
        this.service(node, 'EdgeServer', site, on, { roleVersion: 2, ports: edgePorts(external, node.federation, node.xmpp) });
        return;
      }
      case 'mediationPool': {
        const on = { cluster: this.clusterByKey.get(`${node.siteId}|${node.fqdn.toLowerCase()}`)!.ref };
        this.service(node, 'MediationServer', site, on, { type: `${TYPE_PREFIX}MediationService` });
        return;
      }
      case 'officeOnlineServer': {
        const on = { cluster: this.clusterByKey.get(`${node.siteId}|${node.fqdn.toLowerCase()}`)!.ref };
        this.service(node, 'WacService', site, on, {
          serviceVersion: 7,
          type: `${TYPE_PREFIX}WacService`,
          extra: el('WacService', [
            ['xmlns', SERVICE_ROLES_NS],
            ['DiscoveryUrl', node.discoveryUrl ?? `https://${node.fqdn}/hosting/discovery`],
            // Topology Builder's "deployed in an external network (that is, perimeter/Internet)".
            ['IsExternal', node.zone !== 'internal'],
          ]),
        });
        if (!node.discoveryUrl)
          this.note(
            `Office Online Server farm ${node.name}: discovery URL https://${node.fqdn}/hosting/discovery (the usual path)`,
            node.id,
          );
        return;
      }
      case 'fileStore': {
        const on = { cluster: this.clusterByKey.get(`${node.siteId}|${node.fqdn.toLowerCase()}`)!.ref };
        this.service(node, 'FileStore', site, on, {
          serviceVersion: 7,
          type: `${TYPE_PREFIX}FileStoreService`,
          extra: el('FileStoreService', [
            ['xmlns', SERVICE_ROLES_NS],
            ['ShareName', node.share],
          ]),
        });
        return;
      }
      case 'gatewayPeer': {
        const on = { cluster: this.clusterByKey.get(`${node.siteId}|${node.fqdn.toLowerCase()}`)!.ref };
        // A gateway has one port in a topology document: that of its first trunk.
        const trunk = this.design.links.find(
          (l): l is LinkOfKind<'trunk'> => l.kind === 'trunk' && (l.to === node.id || l.from === node.id),
        );
        const peerPort = trunk?.peerPort ?? 5067;
        const mediationPort = trunk?.mediationPort ?? 5067;
        const protocol = trunk?.transport === 'tcp' ? 'Tcp' : 'Tls';
        this.service(node, 'PstnGateway', site, on, {
          serviceVersion: this.branchVersion(node),
          type: `${TYPE_PREFIX}PstnGatewayService`,
          ports: el(
            'Ports',
            [['xmlns', SERVICE_ROLES_NS]],
            [
              el('Port', [
                ['Owner', 'urn:component:PstnGateway'],
                ['Usage', 'SipServer'],
                ['InterfaceSide', 'Pstn'],
                ['InterfaceNumber', 1],
                ['Port', peerPort],
                ['Protocol', protocol],
                ['UrlPath', '/'],
                ['AuthorizesRequests', false],
              ]),
            ],
          ),
          extra: el('PstnGatewayService', [
            ['xmlns', SERVICE_ROLES_NS],
            ['AlternativeBypassId', ''],
            ['MediationServerPort', mediationPort],
            ['Default', true],
          ]),
        });
        return;
      }
      case 'sqlStore':
      case 'persistentChatPool':
      case 'reverseProxy':
      case 'videoInteropPool':
        return;
    }
  }

  private webServices(node: TopologyNode & { fqdn: string; externalWebFqdn?: string }): XmlNode {
    if (node.externalWebFqdn) return webServiceExtra(node.externalWebFqdn);
    const host = externalWebHost(node.fqdn, this.sipDomain);
    this.note(
      `${nodeKindLabel(node.kind)} ${node.name}: external web services FQDN ${host} (a placeholder; set the published name in Topology Builder)`,
      node.id,
    );
    return webServiceExtra(host);
  }

  /** The store service of a role on an SQL instance (created once per instance and role). */
  private storeOn(owner: TopologyNode, inst: SqlInstanceDef, role: string): ServiceDef {
    const key = `${inst.ref.guid}|${role}`;
    const known = this.storeServices.get(key);
    if (known) return known;
    const site = inst.ref.cluster.site;
    const def = this.service(owner, role, site, { sql: inst.ref }, { serviceVersion: versionOf(owner) });
    this.storeServices.set(key, def);
    return def;
  }

  private defineLink(link: Link): void {
    const from = this.nodeById.get(link.from);
    const to = this.nodeById.get(link.to);
    if (!from || !to) return;
    switch (link.kind) {
      case 'backEnd': {
        const inst = this.sqlOf.get(to.id);
        if (!inst || from.kind !== 'frontEndPool') return;
        this.depend(this.svc(from.id, 'UserServices'), this.storeOn(from, inst, 'UserStore'));
        this.depend(this.svc(from.id, 'ApplicationServer'), this.storeOn(from, inst, 'ApplicationStore'));
        return;
      }
      case 'store': {
        const inst = this.sqlOf.get(to.id);
        if (!inst) return;
        if (link.role === 'archiving' || link.role === 'monitoring') {
          const role = link.role === 'archiving' ? 'ArchivingStore' : 'MonitoringStore';
          this.depend(this.svc(from.id, 'Registrar'), this.storeOn(from, inst, role));
        } else
          this.note(
            `the Persistent Chat ${link.role === 'persistentChat' ? '' : 'compliance '}store on ${to.name} is not written (its pool is not in the document)`,
            to.id,
          );
        return;
      }
      case 'fileStore': {
        const fs = this.svc(to.id, 'FileStore');
        if (from.kind === 'directorPool') this.depend(this.svc(from.id, 'WebServices'), fs);
        else {
          this.depend(this.svc(from.id, 'UserServices'), fs);
          this.depend(this.svc(from.id, 'WebServices'), fs);
          this.depend(this.svc(from.id, 'ConfServices'), fs);
        }
        return;
      }
      case 'officeOnline': {
        const wac = this.svc(to.id, 'WacService');
        this.depend(this.svc(from.id, 'ConfServices') ?? this.svc(from.id, 'Registrar'), wac);
        return;
      }
      case 'mediaEdge': {
        const edge = this.svc(to.id, 'EdgeServer');
        this.depend(this.svc(from.id, 'Registrar'), edge);
        this.depend(this.svc(from.id, 'ConfServices'), edge);
        this.depend(this.svc(from.id, 'MediationServer'), edge);
        return;
      }
      case 'nextHop': {
        if (from.kind === 'edgePool') this.depend(this.svc(from.id, 'EdgeServer'), this.svc(to.id, 'Registrar'));
        else
          this.note(
            `the next hop of ${nodeKindLabel(from.kind)} ${from.name} is not written (its pool is not in the document)`,
            from.id,
          );
        return;
      }
      case 'backupRegistrar':
        // The branch's registrar depends on the registrar of its backup pool.
        this.depend(this.svc(from.id, 'Registrar'), this.svc(to.id, 'Registrar'));
        return;
      case 'pairing':
        this.depend(this.svc(from.id, 'Registrar'), this.svc(to.id, 'Registrar'));
        this.note(
          `pool pairing ${from.name} ↔ ${to.name}: written as a dependency of one registrar on the other (the form this designer reads); check "Associated backup pool" in Topology Builder`,
        );
        return;
      case 'mirror':
      case 'witness': {
        const a = this.sqlOf.get(from.id);
        const b = this.sqlOf.get(to.id);
        if (!a || !b) return;
        const usage = link.kind === 'mirror' ? 'Mirror' : 'Witness';
        let wrote = false;
        for (const role of ['UserStore', 'ApplicationStore', 'CentralMgmtStore', 'ArchivingStore', 'MonitoringStore']) {
          const mine = this.storeServices.get(`${a.ref.guid}|${role}`);
          if (!mine) continue;
          this.depend(mine, this.storeOn(from, b, role), usage);
          wrote = true;
        }
        if (wrote)
          this.note(
            `SQL ${link.kind === 'mirror' ? 'mirroring' : 'mirroring witness'} ${from.name} → ${to.name}: written as a "${usage}" dependency between the stores (the form this designer reads); check the store's high availability settings in Topology Builder`,
          );
        return;
      }
      case 'logShipping':
        this.note(`log shipping ${from.name} → ${to.name} (Persistent Chat) is not part of a topology document`);
        return;
      case 'trunk': {
        // The gateway's service depends on the Mediation role at the other end of the trunk.
        const [peer, mediation] = from.kind === 'gatewayPeer' ? [from, to] : [to, from];
        const gw = this.svc(peer.id, 'PstnGateway');
        const med = this.svc(mediation.id, 'MediationServer');
        if (gw && med) this.depend(gw, med);
        else
          this.note(
            `trunk ${from.name} ↔ ${to.name} is not written (${med ? 'the peer' : `${mediation.name} runs no Mediation Server`} is not in the document)`,
          );
        return;
      }
    }
  }

  private defineCms(): void {
    const host = this.design.deployment.cmsHost ? this.nodeById.get(this.design.deployment.cmsHost) : undefined;
    if (!host || (host.kind !== 'frontEndPool' && host.kind !== 'standardEditionServer')) return;
    const reg = host as RegistrarNode;
    const on = { cluster: this.clusterByKey.get(`${reg.siteId}|${reg.fqdn.toLowerCase()}`)!.ref };
    const cms = this.service(reg, 'CentralMgmt', this.siteOf(reg), on, {
      type: `${TYPE_PREFIX}CentralMgmtService`,
      extra: el('CentralMgmtService', [
        ['xmlns', SERVICE_ROLES_NS],
        ['IsActive', true],
      ]),
    });
    const inst =
      reg.kind === 'standardEditionServer'
        ? this.sqlOf.get(reg.id)
        : this.design.links
            .filter((l) => l.kind === 'backEnd' && l.from === reg.id)
            .map((l) => this.sqlOf.get(l.to))
            .find((i) => i);
    if (inst) this.depend(cms, this.storeOn(reg, inst, 'CentralMgmtStore'));
    const fileStore = this.design.links.find((l) => l.kind === 'fileStore' && l.from === reg.id);
    if (fileStore) this.depend(cms, this.svc(fileStore.to, 'FileStore'));
  }

  // ------------------------------------------------------------ published <Topology>

  private published(): XmlNode {
    const d = this.design;
    const siteEl = (s: Site): XmlNode =>
      el(
        s.kind === 'central' ? 'CentralSite' : 'BranchSite',
        [['SiteId', this.siteNumber.get(s.id)!]],
        [textEl('Name', s.name), locationOf(s)],
      );
    const clusterId = (r: ClusterRef): XmlNode =>
      el('ClusterId', [
        ['SiteId', r.site],
        ['Number', r.number],
      ]);
    const serviceId = (r: ServiceRef): XmlNode =>
      el('ServiceId', [
        ['SiteId', r.site],
        ['RoleName', r.role],
        ['Instance', r.instance],
      ]);
    const sqlId = (r: SqlRef): XmlNode => el('SqlInstanceId', [['Name', r.name]], [clusterId(r.cluster)]);
    return el(
      'Topology',
      [
        ['xmlns', TB_NS.topology],
        ['Signature', ZERO_GUID],
      ],
      [
        this.internalDomains(),
        el('Sites', [], d.sites.map(siteEl)),
        el(
          'Clusters',
          [],
          this.clusters.map((c) =>
            el(
              'Cluster',
              [
                ['RequiresReplication', c.requiresReplication],
                ['RequiresSetup', c.requiresSetup],
                ['Fqdn', c.fqdn],
              ],
              [
                clusterId(c.ref),
                ...c.machines.map((m, i) =>
                  el(
                    'Machine',
                    [
                      ['OrdinalInCluster', i + 1],
                      ['Fqdn', m.fqdn ?? c.fqdn],
                      ['FaultDomain', m.faultDomain],
                      ['UpgradeDomain', m.upgradeDomain],
                    ],
                    m.interfaces,
                  ),
                ),
              ],
            ),
          ),
        ),
        el(
          'SqlInstances',
          [],
          this.clusters.flatMap((c) =>
            c.sqlInstances.map((i) => el('SqlInstance', [['AlwaysOnPrimaryNodeFqdn', i.alwaysOnPrimary]], [sqlId(i.ref)])),
          ),
        ),
        el(
          'Services',
          [],
          this.services.map((s) =>
            el(
              'Service',
              [
                ['RoleVersion', s.roleVersion],
                ['ServiceVersion', s.serviceVersion],
                ['Type', s.type],
              ],
              [
                serviceId(s.ref),
                el(
                  'DependsOn',
                  [],
                  s.dependsOn.map((dep) => el('Dependency', [['Usage', dep.usage]], [serviceId(dep.service)])),
                ),
                el('InstalledOn', [], ['cluster' in s.installedOn ? clusterId(s.installedOn.cluster) : sqlId(s.installedOn.sql)]),
                s.ports,
                ...(s.extra ? [s.extra] : []),
              ],
            ),
          ),
        ),
      ],
    );
  }

  private internalDomains(xmlns?: string): XmlNode {
    return el(
      'InternalDomains',
      [
        ['AllowAllDomains', false],
        ['DefaultDomain', this.sipDomain],
        ['xmlns', xmlns],
      ],
      [
        el('InternalDomain', [
          ['Name', this.sipDomain],
          ['Authoritative', false],
          ['AllowSubDomains', false],
        ]),
      ],
    );
  }

  // ------------------------------------------------------------ saved .tbxml

  /** Meeting and dial-in simple URLs: a saved topology carries them, a published one does not. */
  private simpleUrls(): XmlNode {
    const given = this.design.deployment.simpleUrls ?? [];
    if (given.length)
      return el(
        'SimpleUrlConfiguration',
        [
          ['UseBackendDatabase', false],
          ['xmlns', 'urn:schema:Microsoft.Rtc.Management.Settings.SimpleUrl.2008'],
        ],
        given.map((u) =>
          el(
            'SimpleUrl',
            [
              ['Component', SIMPLE_URL_COMPONENT[u.component] ?? u.component],
              ['Domain', u.domain],
              ['ActiveUrl', u.url],
            ],
            [el('SimpleUrlEntry', [['Url', u.url]])],
          ),
        ),
      );
    const url = (c: string) => `https://${c}.${this.sipDomain}`;
    this.note(`simple URLs ${url('meet')} and ${url('dialin')} (the usual names; set yours in Topology Builder)`);
    return el(
      'SimpleUrlConfiguration',
      [
        ['UseBackendDatabase', false],
        ['xmlns', 'urn:schema:Microsoft.Rtc.Management.Settings.SimpleUrl.2008'],
      ],
      [
        el(
          'SimpleUrl',
          [
            ['Component', 'Dialin'],
            ['Domain', '*'],
            ['ActiveUrl', url('dialin')],
          ],
          [el('SimpleUrlEntry', [['Url', url('dialin')]])],
        ),
        el(
          'SimpleUrl',
          [
            ['Component', 'Meet'],
            ['Domain', this.sipDomain],
            ['ActiveUrl', url('meet')],
          ],
          [el('SimpleUrlEntry', [['Url', url('meet')]])],
        ),
      ],
    );
  }

  private builderFile(): XmlNode {
    const d = this.design;
    const clustersOf = (siteId: string) =>
      this.clusters
        .filter((c) => c.siteId === siteId)
        .map((c) =>
          el(
            'Cluster',
            [
              ['IsSingleMachineOnly', c.singleMachine],
              ['UniqueId', c.ref.guid],
              ['RequiresReplication', c.requiresReplication],
              ['RequiresSetup', c.requiresSetup],
              ['Fqdn', c.fqdn],
            ],
            [
              el(
                'Machines',
                [],
                c.machines.map((m) =>
                  el(
                    'Machine',
                    [
                      ['Fqdn', m.fqdn],
                      ['FaultDomain', m.faultDomain],
                      ['UpgradeDomain', m.upgradeDomain],
                    ],
                    m.interfaces.map((x) => ({ ...x, attrs: [...(x.attrs ?? []), ['xmlns', TB_NS.topology]] })),
                  ),
                ),
              ),
              ...(c.sqlInstances.length
                ? [
                    el(
                      'SqlInstances',
                      [],
                      c.sqlInstances.map((i) =>
                        el('SqlInstance', [
                          ['UniqueId', i.ref.guid],
                          ['Name', i.ref.name],
                          ['AlwaysOnPrimaryNodeFqdn', i.alwaysOnPrimary],
                        ]),
                      ),
                    ),
                  ]
                : []),
            ],
          ),
        );
    const central = d.sites.filter((s) => s.kind === 'central');
    const branches = d.sites.filter((s) => s.kind === 'branch');
    const siteHead = (s: Site): XmlNode[] => [textEl('Name', s.name, [['xmlns', TB_NS.topology]]), locationOf(s, TB_NS.topology)];
    const centralEls = central.map((s, i) =>
      el(
        'CentralSite',
        [['SiteId', this.siteNumber.get(s.id)!]],
        [
          ...siteHead(s),
          el('Clusters', [], clustersOf(s.id)),
          // Branch sites hang under a central site; without a parent in the design, under the first.
          ...(i === 0 && branches.length
            ? [
                el(
                  'RemoteSites',
                  [],
                  branches.map((b) =>
                    el(
                      'BranchSite',
                      [['SiteId', this.siteNumber.get(b.id)!]],
                      [...siteHead(b), el('Clusters', [], clustersOf(b.id))],
                    ),
                  ),
                ),
              ]
            : []),
        ],
      ),
    );
    if (branches.length && !central.length)
      this.note('branch sites need a central site in Topology Builder; none is in the design');
    const services = this.services.map((s) =>
      el(
        'Service',
        [
          ['UniqueId', s.ref.guid],
          ['RoleName', s.ref.role],
          ['RoleVersion', s.roleVersion],
          ['InstalledOn', 'cluster' in s.installedOn ? s.installedOn.cluster.guid : s.installedOn.sql.guid],
          ['ServiceVersion', s.serviceVersion],
          ['Type', s.type],
        ],
        [
          el(
            'DependsOn',
            [],
            s.dependsOn.map((dep) =>
              el('Dependency', [
                ['ServiceUniqueId', dep.service.guid],
                ['Usage', dep.usage],
              ]),
            ),
          ),
          s.ports,
          ...(s.extra ? [s.extra] : []),
        ],
      ),
    );
    return el(
      'TopologyBuilder',
      [
        ['IsFreeFromChanges', true],
        ['FileName', ''],
        ['xmlns', TB_NS.builder],
      ],
      [
        el(
          'NewTopology',
          [],
          [
            el(
              'PartialTopology',
              [
                ['IsPublished', false],
                ['Signature', ZERO_GUID],
                ['xmlns', TB_NS.writable],
              ],
              [
                this.internalDomains(TB_NS.topology),
                this.simpleUrls(),
                el('CentralSites', [], centralEls),
                el('Services', [], services),
              ],
            ),
          ],
        ),
      ],
    );
  }
}

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

const MEMBER_PREFIX = { directorPool: 'dir', edgePool: 'edge', mediationPool: 'med', officeOnlineServer: 'oos' } as const;
const MEMBER_WORD = {
  directorPool: 'Director',
  edgePool: 'Edge Server',
  mediationPool: 'Mediation Server',
  officeOnlineServer: 'Office Online Server',
} as const;

function versionOf(node: TopologyNode): number {
  const v = productVersionOf(node);
  return v === undefined ? 7 : SERVICE_VERSION[v];
}

/** `pool01.contoso.com`, 3 → pool01-fe01.contoso.com … pool01-fe03.contoso.com (labels kept within 63 characters). */
function memberNames(poolFqdn: string, prefix: string, count: number): string[] {
  const dot = poolFqdn.indexOf('.');
  const first = dot < 0 ? poolFqdn : poolFqdn.slice(0, dot);
  const rest = dot < 0 ? '' : poolFqdn.slice(dot);
  const width = String(count).length < 2 ? 2 : String(count).length;
  const out: string[] = [];
  for (let i = 1; i <= count; i++) {
    const suffix = `-${prefix}${String(i).padStart(width, '0')}`;
    const label = `${first.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
    out.push(`${label}${rest}`.slice(0, 253));
  }
  return out;
}

function netInterface(side: string, ip: string, natAddress?: string): XmlNode {
  return el('NetInterface', [
    ['InterfaceSide', side],
    ['InterfaceNumber', 1],
    ['IPAddress', ip],
    ['ConfiguredIPAddress', natAddress],
  ]);
}

function poolInterfaces(mediation: boolean): XmlNode[] {
  return [
    netInterface('Primary', '0.0.0.0'),
    netInterface('External', '0.0.0.0'),
    ...(mediation ? [netInterface('Pstn', '0.0.0.0')] : []),
  ];
}

function locationOf(s: Site, xmlns?: string): XmlNode {
  return el('Location', [
    ['City', s.datacenter],
    ['State', undefined],
    ['CountryCode', undefined],
    ['xmlns', xmlns],
  ]);
}

/** The web components Topology Builder lists for a pool's web services (its defaults). */
const WEB_COMPONENTS = [
  'ABHandler',
  'ABFiles',
  'AutodiscoverService',
  'CAHandler',
  'CAHandlerAnon',
  'CollabContent',
  'Cscp',
  'DataCollabWeb',
  'DeviceUpdateDownload',
  'DeviceUpdateStore',
  'Dialin',
  'DLExpansion',
  'LIService',
  'Lwa',
  'McxService',
  'Meet',
  'OnlineAuth',
  'PowerShell',
  'Reach',
  'RgsAgentService',
  'StoreWeb',
  'UcwaService',
  'WebScheduler',
  'WebTicket',
];

function webServiceExtra(externalHost: string): XmlNode {
  return el(
    'WebService',
    [['xmlns', SERVICE_ROLES_NS]],
    [
      el('ExternalSettings', [['Host', externalHost]], [el('OverrideUrls')]),
      el(
        'WebComponents',
        [['xmlns', 'urn:schema:Microsoft.Rtc.Management.Deploy.WebServices.2011']],
        WEB_COMPONENTS.map((c) => el('Component', [['ComponentName', c]])),
      ),
      el('UpaSeparator', [['xmlns', 'urn:schema:Microsoft.Rtc.Management.BaseTypes.2008']]),
    ],
  );
}

/** `pool01.contoso.com` → `pool01-ext.contoso.com`: a placeholder for the external web services FQDN. */
function externalWebHost(poolFqdn: string, sipDomain: string): string {
  const dot = poolFqdn.indexOf('.');
  return `${(dot < 0 ? poolFqdn : poolFqdn.slice(0, dot)).slice(0, 59)}-ext${dot < 0 ? `.${sipDomain}` : poolFqdn.slice(dot)}`;
}

function confServiceExtra(): XmlNode {
  return el(
    'ConfService',
    [['xmlns', SERVICE_ROLES_NS]],
    [
      el(
        'MCUs',
        [],
        [
          el('MCU', [
            ['ComponentName', 'IMConf'],
            ['Vendor', 'Microsoft'],
          ]),
          el('MCU', [
            ['ComponentName', 'DataConf'],
            ['Vendor', 'Microsoft'],
            ['MinSupportedMode', 14],
          ]),
          el('MCU', [
            ['ComponentName', 'AppSharingConf'],
            ['Vendor', 'Microsoft'],
          ]),
          el('MCU', [
            ['ComponentName', 'AVConf'],
            ['Vendor', 'Microsoft'],
          ]),
        ],
      ),
    ],
  );
}

/**
 * A GUID that depends only on `key` (two FNV-1a passes, 64 bits each), in the version 4
 * layout: the same design always writes the same UniqueIds.
 */
export function guid(key: string): string {
  const h = (seed: number): string => {
    let a = 0x811c9dc5 ^ seed;
    let b = 0x01000193 ^ (seed * 31);
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193) >>> 0;
      b = Math.imul(b ^ (c + seed), 0x5bd1e995) >>> 0;
    }
    return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  };
  const hex = h(1) + h(2);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16]!, 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The designer's simple URL components as Topology Builder names them. */
const SIMPLE_URL_COMPONENT: Record<string, string> = { meet: 'Meet', dialIn: 'Dialin', admin: 'Cscp' };
