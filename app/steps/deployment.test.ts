/**
 * The deployment runbook of each reference design is complete and in dependency
 * order, and steps appear only when the topology needs them (no AG steps without an
 * AG, no mirroring for 2019, no Persistent Chat without a 2015 pool).
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse';
import {
  globalMultiSite,
  pair2015Mirroring,
  pair2019AlwaysOn,
  pairStandardEdition,
  REFERENCE_DESIGNS,
} from '../model/samples/index';
import type { Topology } from '../model/schema';
import { generateSteps } from './deployment';
import { DEPLOYMENT_PHASES } from './types';
import { allSteps, clone, node, pos, withPersistentChat } from './steps-test-kit';

const valid = (doc: Topology): Topology => {
  const r = parseTopology(JSON.parse(JSON.stringify(doc)));
  if (!r.ok) throw new Error(`test document invalid: ${r.error.message}`);
  return r.value;
};

const ids = (doc: Topology) => generateSteps(doc).steps.map((s) => s.id);

describe('generateSteps: every reference design', () => {
  for (const d of REFERENCE_DESIGNS) {
    const plan = generateSteps(d.build());
    it(`${d.id}: phases appear in order and every id is unique`, () => {
      const phaseIndex = plan.steps.map((s) => DEPLOYMENT_PHASES.indexOf(s.phase as (typeof DEPLOYMENT_PHASES)[number]));
      expect(phaseIndex.every((p) => p >= 0)).toBe(true);
      expect([...phaseIndex].sort((a, b) => a - b)).toEqual(phaseIndex);
      const all = allSteps(plan).map((s) => s.id);
      expect(new Set(plan.steps.map((s) => s.id)).size).toBe(plan.steps.length);
      for (const rb of plan.runbooks)
        expect(new Set([...rb.failover, ...rb.failback].map((s) => s.id)).size).toBe(rb.failover.length + rb.failback.length);
      expect(all.length).toBeGreaterThan(10);
    });
    it(`${d.id}: every step names a tool, a title and its sources, and no blocking note`, () => {
      for (const s of allSteps(plan)) {
        expect(s.title.length, s.id).toBeGreaterThan(5);
        expect(s.docs.length, s.id).toBeGreaterThan(0);
        if (s.mode === 'script') expect(s.commands.length, s.id).toBeGreaterThan(0);
      }
      expect(plan.notes.filter((n) => n.severity === 'blocking')).toEqual([]);
    });
    it(`${d.id}: prepare before Topology Builder before publish before installing servers`, () => {
      const st = plan.steps;
      expect(pos(st, 'tb-start')).toBeGreaterThan(pos(st, 'dns:*'));
      expect(pos(st, 'publish')).toBeGreaterThan(pos(st, 'tb-pairing:*'));
      expect(pos(st, 'install-servers:*')).toBeGreaterThan(pos(st, 'publish'));
      expect(pos(st, 'pairing-sync:*')).toBeGreaterThan(
        Math.max(...st.filter((s) => s.id.startsWith('start-pool:')).map((s) => st.indexOf(s))),
      );
    });
  }
});

describe('AlwaysOn availability group (2019 reference design)', () => {
  const doc = pair2019AlwaysOn();
  const st = generateSteps(doc).steps;
  it('builds the Windows cluster and enables AlwaysOn before Topology Builder', () => {
    for (const sql of ['sql-a', 'sql-b']) {
      const order = [
        `sql-install:${sql}`,
        `ag-failover-clustering:${sql}`,
        `ag-validate-cluster:${sql}`,
        `ag-wsfc:${sql}`,
        `ag-quorum-witness:${sql}`,
        `ag-enable-alwayson:${sql}`,
      ].map((id) => pos(st, id));
      expect(order.every((p) => p >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(order[order.length - 1]).toBeLessThan(pos(st, 'tb-start'));
    }
  });
  it('defines the store on the primary replica, publishes, installs the databases, then creates the AG and listener (alwayson-availability-group.md §new pool)', () => {
    expect(pos(st, 'tb-sql-store:sql-a')).toBeLessThan(pos(st, 'publish'));
    expect(pos(st, 'publish')).toBeLessThan(pos(st, 'install-databases:sql-a'));
    expect(pos(st, 'install-databases:sql-a')).toBeLessThan(pos(st, 'ag-create:sql-a'));
    const tbStore = st[pos(st, 'tb-sql-store:sql-a')]!;
    const txt = JSON.stringify(tbStore.detail);
    expect(txt).toContain('sqlag-a.contoso.com');
    expect(txt).toContain('sql-a1.contoso.com');
    expect(st[pos(st, 'install-databases:sql-a')]!.commands[0]).toBe(
      "Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sql-a1.contoso.com'",
    );
  });
  it('AG listener before the Topology Builder listener switch before Install-CsDatabase -Update on every replica', () => {
    const listener = pos(st, 'ag-create:sql-a');
    const tb = pos(st, 'ag-listener-tb:sql-a');
    const sync1 = pos(st, 'ag-login-sync:sql-a:1');
    const sync2 = pos(st, 'ag-login-sync:sql-a:2');
    expect(listener).toBeLessThan(tb);
    expect(tb).toBeLessThan(sync1);
    expect(sync1).toBeLessThan(sync2);
    // The documented form for databases in an availability group, then a publish (patch-or-update-sql-server.md).
    expect(st[sync2]!.commands).toEqual([
      "Install-CsDatabase -Update -ConfiguredDatabases -SqlServerFqdn 'sqlag-a.contoso.com' -Verbose",
    ]);
    expect(pos(st, 'ag-republish:sql-a')).toBe(sync2 + 1);
    // The pool is deployed before the login sync (step 8 says "after the pool and the AG are deployed").
    expect(pos(st, 'start-pool:pool-a')).toBeLessThan(tb);
  });
  it('has no mirroring, cluster or Persistent Chat steps', () => {
    expect(st.filter((s) => /mirror|sql-cluster|pchat/.test(s.id))).toEqual([]);
  });
  it('pairs in Topology Builder before the single publish, then synchronises the Backup Service in both directions', () => {
    const sync = st[pos(st, 'pairing-sync:*')]!;
    expect(sync.commands).toEqual([
      "Invoke-CsBackupServiceSync -PoolFqdn 'pool-a.contoso.com'",
      "Invoke-CsBackupServiceSync -PoolFqdn 'pool-b.contoso.com'",
    ]);
    expect(sync.verify.map((v) => v.command)).toContain("Get-CsBackupServiceStatus -PoolFqdn 'pool-b.contoso.com'");
    expect(sync.supportsWhatIf).toBe(false);
    // Pools deployed together: no Bootstrapper, CU or LYNCBACKUP start (front-end-pools-for-disaster-recovery.md step 7).
    expect(st.filter((s) => /pairing-(bootstrapper|cu|start-backup)/.test(s.id))).toEqual([]);
  });
  it('starts the CMS pool first and picks it in the publish wizard', () => {
    expect(pos(st, 'start-pool:pool-a')).toBeLessThan(pos(st, 'start-pool:pool-b'));
    expect(JSON.stringify(st[pos(st, 'publish')]!.detail)).toContain('Select Central Management Server');
  });
  it('starts Enterprise pools with Start-CsPool and states the first-start quorum', () => {
    const start = st[pos(st, 'start-pool:pool-a')]!;
    expect(start.commands).toEqual(["Start-CsPool -PoolFqdn 'pool-a.contoso.com'"]);
    expect(start.supportsWhatIf).toBe(true);
    expect(JSON.stringify(start.preconditions)).toContain('At least 5 of the 6 servers');
  });
  it('installs the Edge servers last, from an exported configuration', () => {
    expect(pos(st, 'edge-export-config')).toBeGreaterThan(pos(st, 'start-pool:pool-b'));
    expect(pos(st, 'install-servers:edge-a')).toBeGreaterThan(pos(st, 'edge-export-config'));
  });
});

describe('SQL mirroring (2015 reference design)', () => {
  const st = generateSteps(pair2015Mirroring()).steps;
  it('prepares the SQL side, defines mirroring in Topology Builder, and publishes (mirroring is built at publish time)', () => {
    expect(pos(st, 'mirror-prepare:sql-ny')).toBeLessThan(pos(st, 'tb-sql-mirroring:sql-ny'));
    expect(pos(st, 'tb-sql-mirroring:sql-ny')).toBeLessThan(pos(st, 'publish'));
    const tb = JSON.stringify(st[pos(st, 'tb-sql-mirroring:sql-ny')]!.detail);
    expect(tb).toContain('sql-ny-m.fabrikam.com');
    expect(tb).toContain('sql-ny-w.fabrikam.com');
    expect(tb).toContain('"5022"');
    expect(tb).toContain('"7022"');
    expect(JSON.stringify(st[pos(st, 'publish')]!.detail)).toContain('file share for the mirroring backup files');
  });
  it('installs SQL Server on principal, mirror and witness together, and checks the mirror state at the end', () => {
    const install = st[pos(st, 'sql-install:sql-ny')]!;
    expect(install.nodeIds).toEqual(['sql-ny', 'sql-ny-m', 'sql-ny-w']);
    expect(pos(st, 'sql-install:sql-ny-m')).toBe(-1);
    expect(st[pos(st, 'verify-mirror:pool-ny')]!.commands).toEqual([
      "Get-CsDatabaseMirrorState -PoolFqdn 'pool-ny.fabrikam.com' -DatabaseType User",
    ]);
  });
  it('has no availability group steps', () => {
    expect(st.filter((s) => s.id.startsWith('ag-'))).toEqual([]);
  });
});

describe('Standard Edition pair', () => {
  const st = generateSteps(pairStandardEdition()).steps;
  it('prepares the first Standard Edition server (the CMS) before publishing, and has no SQL store steps', () => {
    expect(pos(st, 'cms-prepare-se:se-hq')).toBeGreaterThanOrEqual(0);
    expect(pos(st, 'cms-prepare-se:se-hq')).toBeLessThan(pos(st, 'publish'));
    expect(st.filter((s) => /^(sql-|ag-|tb-sql|install-databases)/.test(s.id))).toEqual([]);
  });
  it('starts Standard Edition services with Start-CsWindowsService, not Start-CsPool', () => {
    expect(st[pos(st, 'start-pool:se-hq')]!.commands).toEqual(["Start-CsWindowsService -ComputerName 'se-hq.northwind.com'"]);
  });
});

describe('global design', () => {
  const plan = generateSteps(globalMultiSite());
  const st = plan.steps;
  it('has three pairings, one Director, two branch appliances and SSRS for the Monitoring store', () => {
    expect(st.filter((s) => s.id.startsWith('pairing-sync:')).length).toBe(3);
    expect(pos(st, 'tb-pool:dir-na')).toBeGreaterThanOrEqual(0);
    expect(st.filter((s) => s.id.startsWith('tb-pool:sba-')).length).toBe(2);
    expect(pos(st, 'sql-ssrs:sql-mon')).toBeLessThan(pos(st, 'monitoring-reports:sql-mon'));
    expect(plan.runbooks.length).toBe(6);
  });
});

describe('Topology Builder wording', () => {
  it('a one-server Edge pool is still defined as a multiple-computer pool, and says why', () => {
    const doc = clone(pairStandardEdition());
    node(doc, 'edge-hq', 'edgePool').servers = 1;
    const st = generateSteps(valid(doc)).steps;
    const text = st[pos(st, 'tb-pool:edge-hq')]!.detail[0]!.map((x) => x.value).join('');
    expect(text).toContain('Multiple computer pool (a single-computer pool can never get a second server) → 1 Edge server');
  });
});

describe('DNS records clients need (create-dns-records.md, DNS and simple URL planning)', () => {
  const dns = (doc: Topology) => {
    const st = generateSteps(doc).steps;
    const i = pos(st, 'dns-clients');
    return { st, i, text: i < 0 ? '' : st[i]!.detail.map((r) => r.map((x) => x.value).join('')).join('\n') };
  };
  it('a new deployment gets Autodiscover, automatic sign-in, the simple URLs and, with an Edge pool, remote sign-in, before Topology Builder', () => {
    for (const d of REFERENCE_DESIGNS) {
      const { st, i, text } = dns(d.build());
      expect(i, d.id).toBeGreaterThanOrEqual(0);
      expect(i, d.id).toBeLessThan(pos(st, 'tb-start'));
      for (const name of [
        'lyncdiscoverinternal.<SIP domain>',
        '_sipinternaltls._tcp.<SIP domain>',
        'meet.<SIP domain>',
        'dialin.<SIP domain>',
        '_sip._tls.<SIP domain>',
        'lyncdiscover.<SIP domain>',
      ])
        expect(text, `${d.id}: ${name}`).toContain(name);
    }
  });
  it('names the simple URLs the design records, and a Standard Edition server by its own address', () => {
    const doc = clone(pairStandardEdition());
    doc.deployment.simpleUrls = [
      { component: 'meet', domain: 'northwind.com', url: 'https://meet.northwind.com' },
      { component: 'dialIn', domain: '*', url: 'https://dialin.northwind.com' },
    ];
    const { text } = dns(valid(doc));
    expect(text).toContain('meet.northwind.com, dialin.northwind.com');
    expect(text).not.toContain('meet.<SIP domain>');
    expect(text).toContain('the IP address of SE Seattle');
  });
  it('with several Edge pools, a lower-priority remote sign-in record for each of the others', () => {
    const { text } = dns(globalMultiSite());
    expect(text).toContain('a record with a lower priority for edge-eu.tailspin.com');
  });
  it('no such step for a change to an existing deployment (the records exist), and no remote sign-in records without an Edge pool', () => {
    const t = clone(pair2019AlwaysOn());
    t.deployment.mode = 'transition';
    node(t, 'pool-a', 'frontEndPool').deployed = true;
    expect(dns(valid(t)).i).toBe(-1);
    const noEdge = clone(pair2019AlwaysOn());
    noEdge.nodes = noEdge.nodes.filter((n) => n.kind !== 'edgePool');
    noEdge.links = noEdge.links.filter(
      (l) => noEdge.nodes.some((n) => n.id === l.from) && noEdge.nodes.some((n) => n.id === l.to),
    );
    const { text } = dns(noEdge);
    expect(text).toContain('lyncdiscoverinternal.<SIP domain>');
    expect(text).not.toContain('_sip._tls');
  });
});

describe('steps only when the topology needs them', () => {
  it('no AG steps for a store without an AG; a stand-alone store is simply defined', () => {
    const doc = clone(pair2019AlwaysOn());
    const s = node(doc, 'sql-a', 'sqlStore');
    s.haMode = 'none';
    delete s.ag;
    const st = generateSteps(valid(doc)).steps;
    expect(st.filter((x) => x.id.endsWith(':sql-a') && x.id.startsWith('ag-'))).toEqual([]);
    expect(pos(st, 'ag-create:sql-b')).toBeGreaterThanOrEqual(0);
  });
  it('a SQL failover cluster is built before Topology Builder and installed with -UseDefaultSqlPaths', () => {
    const doc = clone(pair2019AlwaysOn());
    const s = node(doc, 'sql-a', 'sqlStore');
    s.haMode = 'alwaysOnFci';
    s.clusterNodes = 2;
    delete s.ag;
    const st = generateSteps(valid(doc)).steps;
    expect(pos(st, 'sql-cluster:sql-a')).toBeLessThan(pos(st, 'tb-start'));
    expect(st[pos(st, 'install-databases:sql-a')]!.commands[0]).toContain('-UseDefaultSqlPaths');
    expect(JSON.stringify(st[pos(st, 'publish')]!.detail)).toContain('Use SQL Server instance defaults');
  });
  it('never mirroring steps for a store a 2019 pool uses: a blocking note instead (BE-MIRROR-2019)', () => {
    const doc = clone(pair2015Mirroring());
    node(doc, 'pool-ny', 'frontEndPool').productVersion = '2019';
    const plan = generateSteps(doc);
    const all = allSteps(plan);
    expect(all.filter((s) => s.id.includes('sql-ny') && /mirror/.test(s.id))).toEqual([]);
    expect(all.some((s) => s.commands.some((c) => /Install-CsMirrorDatabase/.test(c)) && s.nodeIds.includes('sql-ny'))).toBe(
      false,
    );
    expect(JSON.stringify(all.filter((s) => s.nodeIds.includes('sql-ny')).map((s) => s.detail))).not.toMatch(
      /Enable SQL Store mirroring/,
    );
    const note = plan.notes.find((n) => n.ruleIds.includes('BE-MIRROR-2019'));
    expect(note?.severity).toBe('blocking');
    expect(note?.nodeIds).toContain('sql-ny');
    // The 2015 pool's mirroring is still built.
    expect(pos(plan.steps, 'tb-sql-mirroring:sql-ch')).toBeGreaterThanOrEqual(0);
  });
  it('no Persistent Chat steps without a Persistent Chat pool; a 2015 pool gets MSMQ, a multiple-computer pool and log shipping', () => {
    expect(ids(pair2015Mirroring()).filter((i) => i.includes('pchat'))).toEqual([]);
    const doc = withPersistentChat();
    const st = generateSteps(valid(doc)).steps;
    for (const id of [
      'servers:pc',
      'pchat-msmq:pc',
      'tb-pool:pc',
      'install-servers:pc',
      'pchat-logship:sql-pc',
      'pchat-logship-share:pc',
    ])
      expect(pos(st, id), id).toBeGreaterThanOrEqual(0);
    expect(pos(st, 'sql-install:sql-pc-bak')).toBeGreaterThanOrEqual(0);
    expect(pos(st, 'pchat-logship:sql-pc')).toBeGreaterThan(pos(st, 'install-servers:pc'));
  });
  it('no Persistent Chat steps for a 2019 Persistent Chat pool: a blocking note instead (PCHAT-2019)', () => {
    const doc = withPersistentChat();
    node(doc, 'pc', 'persistentChatPool').productVersion = '2019';
    const plan = generateSteps(doc);
    expect(allSteps(plan).filter((s) => s.id.includes(':pc'))).toEqual([]);
    expect(plan.notes.find((n) => n.ruleIds.includes('PCHAT-2019'))?.severity).toBe('blocking');
  });
  it('no XMPP on a 2019 Edge pool: a blocking note instead (EDGE-XMPP-2019)', () => {
    const doc = clone(pair2019AlwaysOn());
    node(doc, 'edge-a', 'edgePool').xmpp = true;
    const plan = generateSteps(doc);
    expect(JSON.stringify(allSteps(plan))).not.toMatch(/XMPP federation'|Enable XMPP federation|_xmpp-server/);
    expect(plan.notes.find((n) => n.ruleIds.includes('EDGE-XMPP-2019'))?.severity).toBe('blocking');
  });
  it('an AG without replicas gets a blocking note and no AG steps (BE-HA-INCOMPLETE)', () => {
    const doc = clone(pair2019AlwaysOn());
    delete node(doc, 'sql-a', 'sqlStore').ag;
    const plan = generateSteps(doc);
    expect(plan.steps.filter((s) => s.id.startsWith('ag-') && s.id.includes('sql-a'))).toEqual([]);
    expect(plan.notes.some((n) => n.severity === 'blocking' && n.nodeIds.includes('sql-a'))).toBe(true);
  });
  it('pairing already deployed pools adds Bootstrapper, the CU again and the Backup Service start (PAIR-EXISTING-POOLS)', () => {
    const doc = clone(pair2015Mirroring());
    node(doc, 'pool-ny', 'frontEndPool').deployed = true;
    node(doc, 'pool-ch', 'frontEndPool').deployed = true;
    const st = generateSteps(valid(doc)).steps;
    const boot = st[pos(st, 'pairing-bootstrapper:*')]!;
    expect(boot.commands[0]).toContain('Skype for Business Server 2015\\Deployment\\Bootstrapper.exe');
    expect(boot.mode).toBe('manual');
    expect(pos(st, 'pairing-bootstrapper:*')).toBeLessThan(pos(st, 'pairing-cu:*'));
    expect(pos(st, 'pairing-cu:*')).toBeLessThan(pos(st, 'pairing-start-backup:*'));
    expect(pos(st, 'pairing-start-backup:*')).toBeLessThan(pos(st, 'pairing-sync:*'));
    expect(st[pos(st, 'pairing-start-backup:*')]!.commands).toEqual(['Start-CsWindowsService -Name LYNCBACKUP']);
    // Existing pools are not rebuilt.
    expect(pos(st, 'servers:pool-ny')).toBe(-1);
    expect(pos(st, 'install-servers:pool-ny')).toBe(-1);
  });
  it('2019 pairs use the 2019 Bootstrapper path', () => {
    const doc = clone(pair2019AlwaysOn());
    node(doc, 'pool-a', 'frontEndPool').deployed = true;
    const st = generateSteps(doc).steps;
    expect(st[pos(st, 'pairing-bootstrapper:*')]!.commands[0]).toContain(
      'Skype for Business Server 2019\\Deployment\\Bootstrapper.exe',
    );
  });
  it('adding mirroring to an existing 2015 pool (transition): SQL side, Topology Builder, publish, then restart every Front End server', () => {
    const doc = clone(pair2015Mirroring());
    doc.deployment.mode = 'transition';
    node(doc, 'pool-ny', 'frontEndPool').deployed = true;
    const st = generateSteps(valid(doc)).steps;
    const order = ['mirror-prepare:sql-ny', 'tb-add-mirroring:sql-ny', 'mirror-restart-fe:pool-ny', 'tb-start', 'publish'].map(
      (id) => pos(st, id),
    );
    expect(
      order.every((p) => p >= 0),
      JSON.stringify(order),
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(pos(st, 'tb-sql-mirroring:sql-ny')).toBe(-1);
    expect(pos(st, 'tb-sql-mirroring:sql-ch')).toBeGreaterThan(pos(st, 'tb-pool:pool-ch'));
  });
  it('converting an existing CMS pool to an AG (transition) moves the CMS first, builds the AG, then the store (alwayson-availability-group.md, existing pool)', () => {
    const doc = clone(pair2019AlwaysOn());
    doc.deployment.mode = 'transition';
    node(doc, 'pool-a', 'frontEndPool').deployed = true;
    node(doc, 'pool-b', 'frontEndPool').deployed = true;
    const st = generateSteps(valid(doc)).steps;
    // Pool B (the target) is converted first, so the CMS never sits in a pool about to be converted.
    const order = [
      'ag-create:sql-b',
      'ag-republish:sql-b',
      'cms-move-install:pool-b',
      'cms-move-enable:pool-b',
      'cms-move:pool-b',
      'cms-move-cleanup:pool-a',
      'ag-failover-clustering:sql-a',
      'ag-full-recovery:sql-a',
      'ag-create:sql-a',
      'tb-ag-store:sql-a',
      'ag-listener-tb:sql-a',
      'ag-login-sync:sql-a:1',
      'ag-republish:sql-a',
      'tb-start',
      'publish',
    ].map((id) => pos(st, id));
    expect(
      order.every((p) => p >= 0),
      JSON.stringify(order),
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(st[pos(st, 'cms-move:pool-b')]!.commands).toEqual(['Move-CsManagementServer']);
    expect(pos(st, 'tb-start')).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(st[pos(st, 'tb-start')]!.detail)).toContain('Download Topology from existing deployment');
  });
  it('converting a 2015 Back End to an AG removes mirroring only when it may run today: unconditional when the design says mirroring, absent when it says none', () => {
    const withAg = (current: 'mirroring' | 'none' | undefined) => {
      const doc = clone(pair2015Mirroring());
      doc.deployment.mode = 'transition';
      node(doc, 'pool-ny', 'frontEndPool').deployed = true;
      const s = node(doc, 'sql-ny', 'sqlStore');
      s.haMode = 'alwaysOnAg';
      s.ag = {
        listenerFqdn: 'sqlag-ny.fabrikam.com',
        listenerPort: 1433,
        replicas: [
          {
            fqdn: 'sql-ny.fabrikam.com',
            siteId: s.siteId,
            commitMode: 'synchronous',
            failoverMode: 'automatic',
            readable: false,
          },
          {
            fqdn: 'sql-ny2.fabrikam.com',
            siteId: s.siteId,
            commitMode: 'synchronous',
            failoverMode: 'automatic',
            readable: false,
          },
        ],
      };
      if (current) s.currentHaMode = current;
      doc.links = doc.links.filter((l) => !((l.kind === 'mirror' || l.kind === 'witness') && l.from === 'sql-ny'));
      return generateSteps(valid(doc)).steps;
    };
    const known = withAg('mirroring');
    expect(known[pos(known, 'ag-from-mirroring:pool-ny')]!.title).toBe(
      'Make the primary the principal and remove SQL mirroring from Pool NY',
    );
    expect(JSON.stringify(known[pos(known, 'ag-from-mirroring:pool-ny')]!.detail)).not.toContain('Skip this step');
    expect(pos(withAg('none'), 'ag-from-mirroring:pool-ny')).toBe(-1);
    expect(pos(withAg('none'), 'ag-create:sql-ny')).toBeGreaterThanOrEqual(0);
    const unknown = withAg(undefined);
    expect(unknown[pos(unknown, 'ag-from-mirroring:pool-ny')]!.title).toMatch(/^If Pool NY uses SQL mirroring today/);
  });
  it('a document the builder cannot read yields a plan with a blocking note, not an exception', () => {
    const broken = { ...pair2019AlwaysOn(), nodes: null } as unknown as Topology;
    const plan = generateSteps(broken);
    expect(plan.steps).toEqual([]);
    expect(plan.notes[0]?.severity).toBe('blocking');
  });
});
