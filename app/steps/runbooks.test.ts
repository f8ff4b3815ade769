/**
 * Failover and failback runbooks (hadr-steps.md §6–§8): the CMS fails over before the
 * pool when it lived in the lost site, Edge next hops are re-pointed before
 * Invoke-CsPoolFailOver, federation and media routes follow, failback reverses them
 * around Invoke-CsPoolFailback. `failoverRunbook` returns tagged errors.
 */
import { describe, expect, it } from 'vitest';
import { defaultSite } from '../model/defaults';
import { globalMultiSite, pair2015Mirroring, pair2019AlwaysOn, pairStandardEdition } from '../model/samples/index';
import { plain } from './text';
import { failoverRunbook, siteLossRunbook } from './runbooks';
import { generateSteps } from './deployment';
import type { Runbook } from './types';
import { clone, node, pos, withPersistentChat } from './steps-test-kit';

function rb(doc: Parameters<typeof failoverRunbook>[0], pool: string): Runbook {
  const r = failoverRunbook(doc, pool);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('failoverRunbook', () => {
  it('returns a tagged error for an unknown pool, a non-pool node and an unpaired pool', () => {
    const doc = pair2019AlwaysOn();
    const unknown = failoverRunbook(doc, 'nope');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('unknownPool');
    const edge = failoverRunbook(doc, 'edge-a');
    expect(!edge.ok && edge.error.code).toBe('unknownPool');
    const d2 = clone(doc);
    d2.links = d2.links.filter((l) => l.kind !== 'pairing');
    const unpaired = failoverRunbook(d2, 'pool-a');
    expect(!unpaired.ok && unpaired.error.code).toBe('notPaired');
  });

  it('equals the runbook in the plan', () => {
    const doc = pair2019AlwaysOn();
    expect(generateSteps(doc).runbooks.find((r) => r.poolId === 'pool-a')).toEqual(rb(doc, 'pool-a'));
  });

  it('CMS failover before pool failover when the CMS lived in the lost site (CMS-FAILOVER-FIRST)', () => {
    const r = rb(pair2019AlwaysOn(), 'pool-a');
    const fo = r.failover;
    expect(r.siteId).toBe('dc1');
    expect(r.partnerId).toBe('pool-b');
    expect(pos(fo, 'failover-find-cms:pool-a')).toBeLessThan(pos(fo, 'failover-cms:pool-a'));
    expect(pos(fo, 'failover-cms:pool-a')).toBeLessThan(pos(fo, 'failover-pool:pool-a'));
    const cms = fo[pos(fo, 'failover-cms:pool-a')]!;
    expect(cms.commands).toEqual(["Invoke-CsManagementServerFailover -BackupSqlServerFqdn 'sqlag-b.contoso.com' -Force"]);
    expect(cms.runOn).toBe('a Front End server of Pool B');
    expect(fo[pos(fo, 'failover-pool:pool-a')]!.commands).toEqual([
      "Invoke-CsPoolFailOver -PoolFqdn 'pool-a.contoso.com' -DisasterMode -Verbose",
    ]);
  });

  it('no CMS failover when the CMS survives; the check for it stays', () => {
    const fo = rb(pair2019AlwaysOn(), 'pool-b').failover;
    expect(fo.filter((s) => s.id.startsWith('failover-cms'))).toEqual([]);
    expect(fo[pos(fo, 'failover-find-cms:pool-b')]!.commands).toContain('Invoke-CsManagementServerFailover -WhatIf');
  });

  it('a mirrored backup pool: mirror state first, then the failover with primary and mirror (reference parameter names)', () => {
    const fo = rb(pair2015Mirroring(), 'pool-ny').failover;
    const cms = fo[pos(fo, 'failover-cms:pool-ny')]!;
    expect(cms.commands).toEqual([
      "Get-CsDatabaseMirrorState -DatabaseType CentralMgmt -PoolFqdn 'pool-ch.fabrikam.com'",
      "Invoke-CsManagementServerFailover -BackupSqlServerFqdn 'sql-ch.fabrikam.com' -BackupMirrorSqlServerFqdn 'sql-ch-m.fabrikam.com' -Force",
    ]);
    expect(cms.inferred).toBe(true);
  });

  it("a Standard Edition pair fails the CMS over to the partner's RTC instance", () => {
    const fo = rb(pairStandardEdition(), 'se-hq').failover;
    expect(fo[pos(fo, 'failover-cms:se-hq')]!.commands).toEqual([
      "Invoke-CsManagementServerFailover -BackupSqlServerFqdn 'se-dr.northwind.com' -BackupSqlInstanceName 'rtc' -Force",
    ]);
  });

  it('an unpaired CMS pool in the lost site: rebuild the CMS in the backup pool', () => {
    const doc = clone(globalMultiSite());
    doc.deployment.cmsHost = 'na3';
    doc.links = doc.links.filter((l) => !(l.kind === 'pairing' && (l.from === 'na3' || l.to === 'na3')));
    const fo = rb(doc, 'na1').failover;
    const rebuild = fo[pos(fo, 'failover-cms-rebuild:na3')]!;
    expect(rebuild.commands[0]).toBe("Install-CsDatabase -CentralManagementDatabase -Clean -SqlServerFqdn 'na2-be.tailspin.com'");
    expect(rebuild.commands[1]).toMatch(/^Move-CsManagementServer -ConfigurationFileName .* -Force$/);
    expect(pos(fo, 'failover-cms-rebuild:na3')).toBeLessThan(pos(fo, 'failover-pool:na1'));
  });

  it('Edge next hop into the lost site is re-pointed before the pool failover: TB in the same site, Set-CsEdgeServer across sites', () => {
    const doc = clone(pair2019AlwaysOn());
    // Edge B now uses Pool A as next hop; Pool A's site is lost, Edge B survives in Pool B's site.
    doc.links = doc.links.map((l) => (l.kind === 'nextHop' && l.from === 'edge-b' ? { ...l, to: 'pool-a' } : l));
    const fo = rb(doc, 'pool-a').failover;
    const hop = fo[pos(fo, 'failover-edge-nexthop:edge-b')]!;
    expect(hop.tool).toBe('TB');
    expect(plain(hop.detail[0]!)).toContain('"Next hop pool" = Pool B (pool-b.contoso.com)');
    expect(pos(fo, 'failover-cms:pool-a')).toBeLessThan(pos(fo, 'failover-edge-nexthop:edge-b'));
    expect(pos(fo, 'failover-edge-nexthop:edge-b')).toBeLessThan(pos(fo, 'failover-pool:pool-a'));
    // Across sites: put Edge B in a third site.
    doc.sites.push(defaultSite('dc3', 'Paris', 'central', 'EU'));
    node(doc, 'edge-b', 'edgePool').siteId = 'dc3';
    const fo2 = rb(doc, 'pool-a').failover;
    expect(fo2[pos(fo2, 'failover-edge-nexthop:edge-b')]!.commands).toEqual([
      "Set-CsEdgeServer -Identity 'EdgeServer:edge-b.contoso.com' -Registrar 'Registrar:pool-b.contoso.com'",
    ]);
    // and back after the failback
    const fb = rb(doc, 'pool-a').failback;
    expect(fb[pos(fb, 'failback-edge-nexthop:edge-b')]!.commands).toEqual([
      "Set-CsEdgeServer -Identity 'EdgeServer:edge-b.contoso.com' -Registrar 'Registrar:pool-a.contoso.com'",
    ]);
    expect(pos(fb, 'failback-pool:pool-a')).toBeLessThan(pos(fb, 'failback-edge-nexthop:edge-b'));
  });

  it('federation moves to a surviving Edge pool after the pool failover, and back before the failback', () => {
    const r = rb(pair2019AlwaysOn(), 'pool-a');
    const fed = r.failover[pos(r.failover, 'failover-federation:edge-a')]!;
    expect(plain(fed.detail[0]!)).toContain('clear "Enable federation for this Edge pool (Port 5061)"');
    expect(plain(fed.detail[1]!)).toContain('Edge B → "Edit Properties"');
    expect(pos(r.failover, 'failover-pool:pool-a')).toBeLessThan(pos(r.failover, 'failover-federation:edge-a'));
    expect(pos(r.failback, 'failback-federation:edge-a')).toBeLessThan(pos(r.failback, 'failback-pool:pool-a'));
    // No federation step when the federation Edge pool survives.
    expect(rb(pair2019AlwaysOn(), 'pool-b').failover.filter((s) => s.id.includes('federation'))).toEqual([]);
  });

  it('no surviving Edge pool: a warning instead of a federation or media step (EDGE-FEDERATION-STANDBY)', () => {
    const r = rb(pairStandardEdition(), 'se-hq');
    expect(r.failover.filter((s) => /federation|media-edge/.test(s.id))).toEqual([]);
    expect(r.notes.some((n) => n.ruleIds.includes('EDGE-FEDERATION-STANDBY'))).toBe(true);
    expect(r.notes.some((n) => n.nodeIds.includes('se-dr') && plain(n.message).includes('for media'))).toBe(true);
  });

  it("XMPP (2015 only) moves with Set-CsSite on the surviving Edge pool's site", () => {
    const doc = clone(pair2015Mirroring());
    node(doc, 'edge-ny', 'edgePool').xmpp = true;
    const fo = rb(doc, 'pool-ny').failover;
    const x = fo[pos(fo, 'failover-xmpp:edge-ny')]!;
    expect(plain(x.detail[1]!)).toContain("Set-CsSite -Identity 'Chicago' -XmppExternalFederationRoute");
    expect(plain(x.detail[2]!)).toContain('_xmpp-server._tcp');
  });

  it('a surviving pool whose media Edge was in the lost site is re-associated', () => {
    const doc = clone(pair2019AlwaysOn());
    doc.links = doc.links.map((l) => (l.kind === 'mediaEdge' && l.from === 'pool-b' ? { ...l, to: 'edge-a' } : l));
    const r = rb(doc, 'pool-a');
    const m = r.failover[pos(r.failover, 'failover-media-edge:pool-b')]!;
    expect(plain(m.detail[1]!)).toContain('"Associate Edge pool (for media components)" = Edge B (edge-b.contoso.com)');
    expect(pos(r.failback, 'failback-media-edge:pool-b')).toBeGreaterThan(pos(r.failback, 'failback-pool:pool-a'));
  });

  it('failback: check, Invoke-CsPoolFailback with the same FQDN, conference content from the partner, optional CMS move', () => {
    const fb = rb(pair2019AlwaysOn(), 'pool-a').failback;
    expect(pos(fb, 'failback-ready:pool-a')).toBe(0);
    expect(fb[pos(fb, 'failback-pool:pool-a')]!.commands).toEqual([
      "Invoke-CsPoolFailback -PoolFqdn 'pool-a.contoso.com' -Verbose",
    ]);
    expect(fb[pos(fb, 'failback-conference-content:pool-a')]!.commands).toEqual([
      "Invoke-CsBackupServiceSync -PoolFqdn 'pool-b.contoso.com' -BackupModule ConfServices.DataConf",
    ]);
    const cms = fb[pos(fb, 'failback-cms:pool-a')]!;
    expect(cms.title).toMatch(/^Optional/);
    expect(cms.ruleIds).toContain('CMS-NO-FAILBACK');
    expect(fb.filter((s) => s.phase !== 'failback')).toEqual([]);
  });

  it('Persistent Chat (2015): next hop re-pointed, backup database brought online and the pool failed over', () => {
    const doc = withPersistentChat();
    const fo = rb(doc, 'pool-ny').failover;
    expect(pos(fo, 'failover-pchat-nexthop:pc')).toBeGreaterThan(pos(fo, 'failover-pool:pool-ny'));
    expect(pos(fo, 'failover-pchat-db:pc')).toBeLessThan(pos(fo, 'failover-pchat-state:pc'));
    expect(fo[pos(fo, 'failover-pchat-state:pc')]!.commands).toEqual([
      "Set-CsPersistentChatState -Identity 'service:pc.fabrikam.com' -PoolState FailedOver",
    ]);
    const fb = rb(doc, 'pool-ny').failback;
    expect(fb[pos(fb, 'failback-pchat:pc')]!.commands[1]).toBe(
      "Set-CsPersistentChatState -Identity 'service:pc.fabrikam.com' -PoolState Normal",
    );
    // Losing Chicago loses only the log-shipping secondary: no Persistent Chat failover.
    expect(rb(doc, 'pool-ch').failover.filter((s) => s.id.includes('pchat'))).toEqual([]);
  });

  it('notes: partner capacity, branch users without DR, the mixed-case order, and a partner in the same data center', () => {
    const g = rb(globalMultiSite(), 'na1');
    const cap = g.notes.find((n) => n.ruleIds.includes('PAIR-CAPACITY-MAX'))!;
    // NA2's own 20,000 users plus NA1's 20,000; NA1's branch users (SBA Boston) do not move.
    expect(plain(cap.message)).toContain('NA2 carries 40,000 users on 7 Front End servers');
    expect(g.notes.some((n) => n.ruleIds.includes('PAIR-SBA-NO-DR') && n.nodeIds.includes('sba-bos'))).toBe(true);
    expect(g.notes.some((n) => plain(n.message).includes('also holds NA3'))).toBe(true);
    expect(g.notes.some((n) => plain(n.message).includes("fail back NA1's users first"))).toBe(true);
    const doc = clone(pair2019AlwaysOn());
    node(doc, 'pool-b', 'frontEndPool').siteId = 'dc1';
    expect(rb(doc, 'pool-a').notes.find((n) => n.ruleIds.includes('PAIR-DIFFERENT-DATACENTER'))?.severity).toBe('blocking');
  });

  it('step ids name the node acted on, so two pools of one site share the site-level steps (CMS, federation, media Edge, remote access, Office Online Server)', () => {
    const doc = globalMultiSite();
    const a = rb(doc, 'na1').failover.map((s) => s.id);
    const b = rb(doc, 'na3').failover.map((s) => s.id);
    expect(a.filter((id) => b.includes(id))).toEqual([
      'failover-cms:na1',
      'failover-federation:edge-na',
      'failover-media-edge:na2',
      'failover-media-edge:na4',
      'failover-remote-access:edge-na',
      'failover-oos:na2',
      'failover-oos:na4',
    ]);
    expect(b).toContain('failover-pool:na3');
    expect(b).not.toContain('failover-pool:na1');
  });

  it('every temporary change of a failover (routes, federation, remote-access DNS, Office Online Server) is undone by the failback, for every reference design', () => {
    const temporary = /^failover-(federation|xmpp|remote-access|media-edge|edge-nexthop|oos|pchat-nexthop):/;
    let seen = 0;
    for (const doc of [pair2019AlwaysOn(), pair2015Mirroring(), pairStandardEdition(), globalMultiSite()]) {
      for (const runbook of generateSteps(doc).runbooks) {
        const back = runbook.failback.map((s) => s.id);
        for (const s of runbook.failover.filter((f) => temporary.test(f.id))) {
          seen++;
          expect(back, `${doc.name}: ${runbook.title}`).toContain(s.id.replace(/^failover-/, 'failback-'));
        }
        // DNS and federation go back once the repaired Edge pool runs, before the users return.
        const start = back.findIndex((id) => id.startsWith('failback-edge-start:'));
        for (const id of back.filter((i) => /^failback-(remote-access|federation):/.test(i))) {
          expect(start, id).toBeGreaterThanOrEqual(0);
          expect(back.indexOf(id), id).toBeGreaterThan(start);
          expect(back.indexOf(id), id).toBeLessThan(back.findIndex((i) => i.startsWith('failback-pool:')));
        }
      }
    }
    expect(seen).toBeGreaterThan(4);
  });

  it('cites the mirror-state cmdlet on the CMS failover only when the standby Back End is mirrored', () => {
    const ag = rb(pair2019AlwaysOn(), 'pool-a').failover;
    expect(ag[pos(ag, 'failover-cms:pool-a')]!.docs).not.toContain('ps:Get-CsDatabaseMirrorState.md');
    const mirror = rb(pair2015Mirroring(), 'pool-ny').failover;
    expect(mirror[pos(mirror, 'failover-cms:pool-ny')]!.docs).toContain('ps:Get-CsDatabaseMirrorState.md');
  });

  it('failback points the external DNS names, and the federation SRV record, at the repaired Edge pool again', () => {
    const fb = rb(pair2019AlwaysOn(), 'pool-a').failback;
    const dns = fb[pos(fb, 'failback-remote-access:edge-a')]!;
    const text = dns.detail.map(plain).join('\n');
    expect(text).toContain('_sip._tls.<SIP domain>');
    expect(text).toContain('Access Edge FQDN of edge-a.contoso.com');
    expect(text).toContain('_sipfederationtls._tcp.<SIP domain>');
    expect(dns.title).toBe('Send remote users and federation back to Edge A (external DNS)');
  });

  it('siteLossRunbook merges the runbooks of every paired pool in the site, shared steps once', () => {
    const r = siteLossRunbook(globalMultiSite(), 'na-east');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.poolIds).toEqual(['na1', 'na3']);
    const ids = r.value.failover.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((i) => i === 'failover-cms:na1')).toHaveLength(1);
    expect(ids.indexOf('failover-cms:na1')).toBeLessThan(ids.indexOf('failover-pool:na1'));
    expect(ids.indexOf('failover-cms:na1')).toBeLessThan(ids.indexOf('failover-pool:na3'));
    const bad = siteLossRunbook(globalMultiSite(), 'mars');
    expect(!bad.ok && bad.error.code).toBe('unknownSite');
    const branch = siteLossRunbook(globalMultiSite(), 'br-boston');
    expect(branch.ok && branch.value.failover).toEqual([]);
  });
});
