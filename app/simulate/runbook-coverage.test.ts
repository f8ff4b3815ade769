/**
 * The failover runbooks do everything the simulation says must happen when a site is
 * lost, and nothing to what the simulation says is lost: for every reference design and
 * every site, each action of the outcome (CMS, pool failovers, Edge next hops, federation,
 * XMPP, remote access, media Edge, Office Online Server, Persistent Chat) has its step in
 * the site's runbook, and no re-pointing step acts on a lost node.
 */
import { describe, expect, it } from 'vitest';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { siteLossRunbook } from '../steps/index';
import type { Step } from '../steps/types';
import { withPersistentChat } from '../steps/steps-test-kit';
import { simulateFailure } from './simulate';

/** Steps whose id names the node they change (runbooks.ts keys them so): that node must survive. */
const REPOINTING = [
  'failover-edge-nexthop:',
  'failover-media-edge:',
  'failover-pchat-nexthop:',
  'failover-pchat-state:',
  'failover-pchat-db:',
  'failover-pchat-mirror:',
  'failover-oos:',
];

function gaps(doc: Topology, siteId: string): string[] {
  const sim = simulateFailure(doc, { siteId });
  if (!sim.ok) return [`simulate: ${sim.error.message}`];
  const o = sim.value;
  const lost = new Set(o.lostNodes);
  const rb = siteLossRunbook(doc, siteId);
  if (!rb.ok) return [`runbook: ${rb.error.message}`];
  const steps = rb.value.failover;
  const out: string[] = [];
  const has = (id: string, why: string, target?: string | null) => {
    const s = steps.find((x) => x.id === id);
    if (!s) out.push(`${siteId}: no step ${id} for ${why}`);
    else if (target && !s.nodeIds.includes(target))
      out.push(`${siteId}: ${id} does not go to ${target} (${why}), it names ${s.nodeIds.join(', ')}`);
  };
  // Only pairs whose pool has a runbook: a pool paired inside the lost site has none (its note says so).
  const withRunbook = new Set(rb.value.poolIds);
  for (const f of o.failovers)
    if (withRunbook.has(f.pool)) has(`failover-pool:${f.pool}`, `failing ${f.pool} over to ${f.to}`, f.to);
  if (o.cms && rb.value.poolIds.length)
    has(o.cms.how === 'failover' ? `failover-cms:${o.cms.from}` : `failover-cms-rebuild:${o.cms.from}`, 'the CMS');
  if (rb.value.poolIds.length) {
    for (const n of o.edge.nextHops) if (n.to) has(`failover-edge-nexthop:${n.edge}`, `the next hop of ${n.edge}`);
    const fed = o.edge.federation;
    // A surviving Edge pool that already carries federation needs no move (the simulation says so).
    const alreadyCarried =
      fed?.to !== null && fed !== null && doc.nodes.some((x) => x.id === fed.to && x.kind === 'edgePool' && x.federation);
    if (fed?.to && !alreadyCarried) has(`failover-federation:${fed.from}`, 'SIP federation', fed.to);
    if (o.edge.xmpp?.to) has(`failover-xmpp:${o.edge.xmpp.from}`, 'XMPP federation', o.edge.xmpp.to);
    for (const r of o.edge.remoteAccess) if (r.to) has(`failover-remote-access:${r.from}`, `remote access through ${r.from}`);
    for (const m of o.edge.mediaEdges) if (m.to) has(`failover-media-edge:${m.pool}`, `the media Edge of ${m.pool}`);
    for (const f of o.officeOnline) if (f.to) has(`failover-oos:${f.pool}`, `the Office Online Server farm of ${f.pool}`);
    for (const c of o.persistentChat) {
      if (c.status === 'lost') {
        if (steps.some((s) => s.id.includes(`pchat`) && s.nodeIds.includes(c.pool)))
          out.push(`${siteId}: a step acts on the lost Persistent Chat pool ${c.pool}`);
        if (!rb.value.notes.some((n) => n.nodeIds.includes(c.pool) && /down until/.test(n.message.map((x) => x.value).join(''))))
          out.push(`${siteId}: no note that ${c.pool} is down until rebuilt`);
        continue;
      }
      if (c.nextHop?.to) has(`failover-pchat-nexthop:${c.pool}`, `the next hop of ${c.pool}`);
      if (c.database === 'logShippingFailover')
        has(`failover-pchat-db:${c.pool}`, `the Persistent Chat database of ${c.pool}`, c.databaseTo);
      if (c.database === 'mirrorFailover')
        has(`failover-pchat-mirror:${c.pool}`, `the Persistent Chat mirror of ${c.pool}`, c.databaseTo);
    }
  }
  out.push(...actsOnLost(steps, lost, siteId));
  return out;
}

function actsOnLost(steps: readonly Step[], lost: ReadonlySet<string>, siteId: string): string[] {
  const out: string[] = [];
  for (const s of steps) {
    const prefix = REPOINTING.find((p) => s.id.startsWith(p));
    if (prefix && lost.has(s.id.slice(prefix.length))) out.push(`${siteId}: ${s.id} acts on a lost node`);
    // Where a step is run, and where a failover goes, must survive.
    const to = s.nodeIds[s.nodeIds.length - 1];
    if (
      /^failover-(pool|federation|xmpp|remote-access|media-edge|oos|edge-nexthop|pchat-nexthop):/.test(s.id) &&
      to &&
      lost.has(to)
    )
      out.push(`${siteId}: ${s.id} sends its users or route to the lost ${to}`);
  }
  return out;
}

describe('failover runbooks cover what the simulation says must happen', () => {
  const designs = [
    ...REFERENCE_DESIGNS.map((d) => ({ id: d.id, doc: d.build() })),
    { id: 'persistent-chat', doc: withPersistentChat() },
  ];
  for (const { id, doc } of designs)
    for (const site of doc.sites)
      it(`${id}: losing ${site.id}`, () => {
        expect(gaps(doc, site.id)).toEqual([]);
      });
});
