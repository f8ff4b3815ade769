/**
 * Remote access through the reverse proxy: a lost reverse proxy stops publishing the
 * external web services of the pools and Directors behind it (meeting join from outside,
 * address book, mobile and web clients through lyncdiscover), and the Meet and Dial-in
 * simple URLs that led to it. Microsoft's disaster recovery option for simple URLs
 * (simple-urls.md) resolves them through GeoDNS to the external web services of both pools
 * of a pair; without it, external DNS has to lead to a reverse proxy that survives.
 *
 * The document does not link a reverse proxy to what it publishes: a reverse proxy is
 * taken to publish the pools and Directors of its own site, and a site without one is
 * published by the nearest (inferred).
 */
import type { ReverseProxy, TopologyNode } from '../model/schema';
import type { SimContext } from './context';
import { PRIORITY } from './plan';
import { label, listing } from './text';
import type { WebPublishingOutcome } from './types';

const WEB_DOCS = {
  simpleUrls: 'Skype/SfbServer/plan-your-deployment/network-requirements/simple-urls.md',
  reverseProxy: 'Skype/SfbServer/plan-your-deployment/edge-server-deployments/system-requirements.md',
} as const;

type WebHost = Extract<TopologyNode, { kind: 'frontEndPool' | 'standardEditionServer' | 'directorPool' }>;

export function analyseWebPublishing(ctx: SimContext): WebPublishingOutcome {
  const { ix } = ctx;
  const proxies = ix.ofKind('reverseProxy');
  const lost = proxies.filter((r) => ctx.isLost(r.id));
  const out: WebPublishingOutcome = { reverseProxiesLost: lost.map((r) => r.id), to: null, unpublished: [], simpleUrls: [] };
  if (lost.length === 0) return out;

  const publisherOf = (n: WebHost): ReverseProxy | undefined =>
    proxies.find((r) => r.siteId === n.siteId) ?? ctx.rank(proxies, n.siteId)[0];
  const hosts: WebHost[] = [...ix.registrars(), ...ix.ofKind('directorPool')];
  const lostIds = new Set(out.reverseProxiesLost);
  for (const n of hosts) {
    const via = publisherOf(n);
    if (via && lostIds.has(via.id))
      out.unpublished.push({ pool: n.id, externalWebFqdn: n.externalWebFqdn ?? null, via: via.id, poolLost: ctx.isLost(n.id) });
  }
  const survivor = ctx.rank(
    proxies.filter((r) => !ctx.isLost(r.id)),
    lost[0]!.siteId,
  )[0];
  out.to = survivor?.id ?? null;
  for (const u of ix.doc.deployment.simpleUrls ?? [])
    if (u.component === 'meet' || u.component === 'dialIn')
      out.simpleUrls.push({ component: u.component, domain: u.domain, url: u.url });

  const webName = (u: WebPublishingOutcome['unpublished'][number]) =>
    u.externalWebFqdn ? `${label(ix.node(u.pool), u.pool)} (${u.externalWebFqdn})` : label(ix.node(u.pool), u.pool);
  const urls = out.simpleUrls.length ? listing(out.simpleUrls.map((u) => u.url)) : 'the Meet and Dial-in simple URLs';
  const stillUp = out.unpublished.filter((u) => !u.poolLost);
  ctx.plan.note(
    PRIORITY.remoteAccess,
    `${listing(lost.map((r) => label(r)))} ${lost.length === 1 ? 'is' : 'are'} lost: the external web services ${lost.length === 1 ? 'it' : 'they'} published${out.unpublished.length ? ` (${listing(out.unpublished.map(webName))})` : ''} are out of reach from the internet: meeting join from outside, address book download, and mobile and web clients (lyncdiscover). ` +
      (survivor
        ? `External DNS for ${urls} and for lyncdiscover has to lead to ${label(survivor)}, which publishes the pools that take the users; the simple URLs fail over by themselves only where they resolve through GeoDNS to both pools of each pair, as Microsoft's disaster recovery option for simple URLs describes.${stillUp.length ? ` ${label(survivor)} must also publish the external web services of ${listing(stillUp.map(webName))}, which are still running.` : ''}`
        : `No reverse proxy survives: external users cannot join meetings, download the address book or sign in from mobile clients until one is rebuilt.`),
  );
  if (survivor) {
    ctx.plan.step(PRIORITY.remoteAccess, {
      title: `Lead ${urls} and lyncdiscover to the reverse proxy ${label(survivor)}`,
      tool: 'DNS',
      commands: [
        `External DNS: resolve ${urls} and lyncdiscover.<SIP domain> to the public address of ${survivor.fqdn}, or check that the GeoDNS monitoring took the lost pools out of the simple URLs' answers`,
      ],
      docs: [WEB_DOCS.simpleUrls, WEB_DOCS.reverseProxy],
      nodeIds: [...out.reverseProxiesLost, survivor.id],
    });
    if (stillUp.length)
      ctx.plan.step(PRIORITY.remoteAccess, {
        title: `Publish the external web services of ${listing(stillUp.map((u) => label(ix.node(u.pool), u.pool)))} on ${label(survivor)}`,
        tool: 'DNS',
        commands: stillUp.map(
          (u) =>
            `Reverse proxy ${survivor.fqdn}: a publishing rule for ${u.externalWebFqdn ?? `the external web services FQDN of ${u.pool}`} (external 443 to 4443, 80 to 8080 on the pool), and external DNS for that name to ${survivor.fqdn}`,
        ),
        docs: [WEB_DOCS.reverseProxy, WEB_DOCS.simpleUrls],
        nodeIds: [...stillUp.map((u) => u.pool), survivor.id],
      });
  }
  return out;
}
