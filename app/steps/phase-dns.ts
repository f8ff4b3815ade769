/** The DNS records of the prepare phase: pools, Directors, Mediation pools, Edge pools and Office Online Server farms. */
import { PORTS } from '../model/reference-numbers';
import type { TopologyNode } from '../model/schema';
import { DOC } from './docs';
import type { PlanBuilder } from './plan-builder';
import { makeStep } from './step';
import { code, joinRich, rt } from './text';
import type { RichText } from './types';

/** §9: client web traffic on Front End and Director pools. */
const WEB_HLB: RichText = rt`Hardware load balancer for web traffic: ports 80 and 443 (and 4443 from the reverse proxy), source-address persistence for internal traffic, TCP idle timeout 1800 seconds.`;

export function dnsSteps(plan: PlanBuilder): void {
  const { ctx } = plan;
  const perServer = (fqdn: string, count: number, what: string): RichText[] =>
    Array.from({ length: count }, (_, i) => rt`${code(fqdn)} A → IP address of ${what} ${String(i + 1)}`);
  const add = (
    n: TopologyNode & { fqdn: string },
    detail: RichText[],
    ruleIds: string[] = [],
    docs: string[] = [DOC.dnsRecords, DOC.loadBalancing],
  ) =>
    plan.add(
      makeStep({
        id: `dns:${n.id}`,
        phase: 'prepare',
        title: `Create the DNS records for ${ctx.label(n)}`,
        tool: 'DNS',
        detail,
        nodeIds: [n.id],
        docs,
        ruleIds,
      }),
    );
  for (const p of plan.registrars) {
    if (ctx.existing(p)) continue;
    if (p.kind === 'standardEditionServer') add(p, [rt`${code(p.fqdn)} A → the server's IP address.`]);
    else
      add(p, [
        ...(p.sipLoadBalancing === 'dns'
          ? [
              rt`DNS load balancing: one A record per Front End server for the pool FQDN (only servers that are deployed):`,
              ...perServer(p.fqdn, p.frontEndServers, 'Front End server'),
            ]
          : [rt`${code(p.fqdn)} A → the hardware load balancer's virtual IP.`]),
        p.sipLoadBalancing === 'dns'
          ? rt`Web services: override the internal web services FQDN in Topology Builder and point it, and the external web services FQDN, at the hardware load balancer's virtual IP (DNS load balancing cannot carry web traffic).`
          : rt`Web services FQDNs → the hardware load balancer's virtual IP.`,
        WEB_HLB,
      ]);
  }
  for (const d of ctx.ix.ofKind('directorPool'))
    add(d, [
      ...(d.sipLoadBalancing === 'dns'
        ? [rt`DNS load balancing: one A record per Director:`, ...perServer(d.fqdn, d.servers, 'Director')]
        : [rt`${code(d.fqdn)} A → the hardware load balancer's virtual IP.`]),
      rt`Web services FQDNs → the hardware load balancer's virtual IP.`,
      WEB_HLB,
    ]);
  for (const m of ctx.ix.ofKind('mediationPool'))
    add(
      m,
      [
        rt`DNS load balancing for the stand-alone Mediation pool: one A record per member.`,
        ...perServer(m.fqdn, m.servers, 'Mediation Server'),
      ],
      ['MED-STANDALONE-LB'],
    );
  for (const e of ctx.ix.ofKind('edgePool')) {
    const rows: RichText[] = [];
    if (e.internalLoadBalancing === 'dns')
      rows.push(
        rt`Internal: one A record per Edge server's internal interface:`,
        ...perServer(e.fqdn, e.servers, 'Edge server (internal)'),
      );
    else rows.push(rt`Internal: ${code(e.fqdn)} A → the internal hardware load balancer's virtual IP.`);
    rows.push(
      e.externalLoadBalancing === 'dns'
        ? rt`External: for each of the Access Edge, Web Conferencing Edge and A/V Edge FQDNs, one A record per Edge server (${String(e.servers)} each).`
        : rt`External: the Access Edge, Web Conferencing Edge and A/V Edge FQDNs → the external hardware load balancer's virtual IPs.`,
    );
    rows.push(
      e.internalLoadBalancing === e.externalLoadBalancing
        ? rt`Both interfaces use the same load-balancing type${e.internalLoadBalancing === 'hlb' ? '; the hardware load balancer must not use direct server return NAT' : ''}.`
        : rt`The design mixes DNS and hardware load balancing on the two interfaces: use the same type on both.`,
    );
    if (e.federation)
      rows.push(
        rt`Federation: SRV ${code('_sipfederationtls._tcp.<SIP domain>')} port ${code(String(PORTS.sipFederation))} → the Access Edge FQDN.`,
      );
    if (e.xmpp && e.productVersion === '2015')
      rows.push(
        rt`XMPP: SRV ${code('_xmpp-server._tcp.<SIP domain>')} port ${code(String(PORTS.xmppFederation))} → this pool; give every Edge pool such a record with a different priority so XMPP federation can move.`,
      );
    add(e, rows, e.xmpp ? ['EDGE-XMPP-SRV'] : [], [DOC.dnsRecords, DOC.loadBalancing, DOC.edgeDeploy]);
  }
  for (const o of ctx.ix.ofKind('officeOnlineServer'))
    add(
      o,
      [
        o.servers > 1
          ? rt`${code(o.fqdn)} A → the load balancer in front of the ${String(o.servers)} farm servers.`
          : rt`${code(o.fqdn)} A → the Office Online Server.`,
      ],
      [],
      [DOC.owas],
    );
  clientDiscovery(plan);
}

/**
 * The records clients need to find the deployment at all: automatic sign-in, the simple
 * URLs and, with an Edge pool, remote sign-in (create-dns-records.md, the DNS and simple
 * URL planning pages). Once per deployment, by the first new pool; an existing deployment has them.
 */
function clientDiscovery(plan: PlanBuilder): void {
  const { ctx } = plan;
  const fresh = ctx.registrarsInBuildOrder().filter((p) => !ctx.existing(p));
  if (!ctx.greenfield || !fresh.length || fresh.length < ctx.ix.registrars().length) return;
  const director = ctx.ix.ofKind('directorPool')[0];
  const home = fresh[0]!;
  const signIn = director ?? home;
  const web =
    signIn.kind === 'standardEditionServer'
      ? rt`the IP address of ${ctx.name(signIn)}`
      : rt`the internal web services virtual IP of ${ctx.name(signIn)}`;
  const urls = ctx.doc.deployment.simpleUrls ?? [];
  const hosts = [...new Set(urls.map((u) => urlHost(u.url)).filter((h): h is string => h !== undefined))];
  const edges = ctx.ix.ofKind('edgePool');
  const edge = edges[0];
  const proxy = ctx.ix.ofKind('reverseProxy')[0];
  const rows: RichText[] = [
    rt`Internal, for each SIP domain: ${code('lyncdiscoverinternal.<SIP domain>')} A → ${web}.`,
    rt`Internal, for each SIP domain: SRV ${code('_sipinternaltls._tcp.<SIP domain>')} port ${code('5061')} → ${code(signIn.fqdn)} (sign-in for clients that do not use Autodiscover).`,
    hosts.length
      ? rt`Simple URLs (internal) → ${web}: ${joinRich(
          hosts.map((h) => rt`${code(h)}`),
          ', ',
        )}.`
      : rt`Simple URLs (internal) → ${web}: ${code('meet.<SIP domain>')} for each SIP domain and ${code('dialin.<SIP domain>')} (both required), ${code('admin.<SIP domain>')} if you use the Admin URL; their names must not equal a SIP domain.`,
  ];
  if (edge)
    rows.push(
      rt`External, for each SIP domain: SRV ${code('_sip._tls.<SIP domain>')} port ${code('443')} → the Access Edge FQDN of ${code(edge.fqdn)} (for example ${code('sip.<SIP domain>')}), for remote sign-in${
        edges.length > 1
          ? rt`; a record with a lower priority for ${joinRich(
              edges.slice(1).map((e) => rt`${code(e.fqdn)}`),
              ', ',
            )} makes the failover runbooks' DNS step a check`
          : ''
      }.`,
      rt`External: ${code('lyncdiscover.<SIP domain>')} and the Meet and Dial-in simple URLs → the public address of the reverse proxy${proxy ? rt` (${code(proxy.fqdn)})` : rt``}, which publishes the external web services.`,
    );
  plan.add(
    makeStep({
      id: 'dns-clients',
      phase: 'prepare',
      title: 'Create the DNS records clients use to sign in and join meetings',
      tool: 'DNS',
      detail: rows,
      nodeIds: [signIn.id, ...(edge ? [edge.id] : []), ...(proxy ? [proxy.id] : [])],
      docs: [DOC.dnsRecords, DOC.dnsPlan, DOC.simpleUrls],
    }),
  );
}

/** The host of a simple URL as the document writes it, or undefined when it is not a URL. */
function urlHost(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}
