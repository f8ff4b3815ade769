/**
 * The step exporter's obligations from the catalogue's "Rules without an engine check
 * (structural in v1)" (docs/rules.md), one test per rule id, plus the
 * preconditions the catalogue says the exporter states. Every rule id a step cites
 * exists in the catalogue.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultNode, standaloneSqlStore } from '../model/defaults';
import {
  REFERENCE_DESIGNS,
  globalMultiSite,
  pair2015Mirroring,
  pair2019AlwaysOn,
  pairStandardEdition,
} from '../model/samples/index';
import type { Topology } from '../model/schema';
import { generateSteps } from './deployment';
import { plain } from './text';
import type { Step } from './types';
import { allSteps, clone, node, pos, withPersistentChat } from './steps-test-kit';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Read as text: the steps layer does not import the rules layer (scripts/eslint-layers.mjs). */
const CATALOGUE_TS = path.resolve(here, '../rules/catalogue.generated.ts');
const text = (s: Step) => [...s.detail, ...s.preconditions, ...s.verify.map((v) => v.text)].map(plain).join('\n');
const stepsFor = (doc: Topology) => generateSteps(doc).steps;
const get = (st: Step[], id: string) => {
  const s = st[pos(st, id)];
  if (!s) throw new Error(`no step ${id}`);
  return s;
};

describe('structural rules guaranteed by the step exporter', () => {
  it('BE-AG-ENDPOINT-PORT: the AG wizard step sets the replica endpoints to 5022', () => {
    const s = get(stepsFor(pair2019AlwaysOn()), 'ag-create:sql-a');
    expect(text(s)).toMatch(/"Endpoints" tab: "Port Number" = 5022 on every replica/);
    expect(s.ruleIds).toContain('BE-AG-ENDPOINT-PORT');
  });

  it('BE-AG-EXCLUDED-DATABASES: never ReportServer, ReportServerTempDB or Persistent Chat databases in the AG, even with Monitoring and Persistent Chat on the store', () => {
    const doc = clone(pair2019AlwaysOn());
    node(doc, 'pool-a', 'frontEndPool').productVersion = '2015';
    doc.links.push({ id: 'x1', kind: 'store', from: 'pool-a', to: 'sql-a', role: 'monitoring' });
    const pc = { ...defaultNode('persistentChatPool', { id: 'pc', siteId: 'dc1', fqdn: 'pc.contoso.com' }) };
    doc.nodes.push(pc);
    doc.links.push(
      { id: 'x2', kind: 'store', from: 'pc', to: 'sql-a', role: 'persistentChat' },
      { id: 'x3', kind: 'store', from: 'pc', to: 'sql-a', role: 'persistentChatCompliance' },
    );
    const plan = generateSteps(doc);
    const s = get(plan.steps, 'ag-create:sql-a');
    const select = plain(s.detail.find((d) => plain(d).startsWith('"Select Databases"'))!);
    const included = select.slice(select.indexOf('(') + 1, select.indexOf(')')).split(', ');
    expect(included).toContain('LcsCDR');
    expect(included).toContain('rtcxds');
    for (const bad of ['ReportServer', 'ReportServerTempDB', 'mgc', 'mgccomp']) expect(included).not.toContain(bad);
    expect(select).toMatch(/Never ReportServer, ReportServerTempDB, mgc, mgccomp/);
    expect(plan.notes.some((n) => n.ruleIds.includes('PCHAT-NO-AG'))).toBe(true);
  });

  it('BE-AG-INSTANCE-NAMES: one instance name, written for every replica', () => {
    const doc = clone(pair2019AlwaysOn());
    node(doc, 'sql-a', 'sqlStore').instance = 'SFBBE';
    const st = stepsFor(doc);
    const install = text(get(st, 'sql-install:sql-a'));
    expect(install).toContain('sql-a1.contoso.com\\SFBBE');
    expect(install).toContain('sql-a2.contoso.com\\SFBBE');
    expect(install).toMatch(/instance name SFBBE on every replica/);
    const enable = text(get(st, 'ag-enable-alwayson:sql-a'));
    expect(enable).toContain('sql-a1.contoso.com\\SFBBE');
    expect(enable).toContain('sql-a2.contoso.com\\SFBBE');
    expect(text(get(st, 'ag-create:sql-a'))).toMatch(/sql-a1\.contoso\.com\\SFBBE, sql-a2\.contoso\.com\\SFBBE/);
    expect(get(st, 'install-databases:sql-a').commands[0]).toBe(
      "Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sql-a1.contoso.com' -ForInstance 'SFBBE'",
    );
  });

  it('BE-AG-QUORUM-WITNESS: always a file share witness step for the AG cluster', () => {
    for (const d of [pair2019AlwaysOn(), globalMultiSite()]) {
      const st = stepsFor(d);
      const ags = d.nodes.filter((n) => n.kind === 'sqlStore' && n.haMode === 'alwaysOnAg');
      expect(ags.length).toBeGreaterThan(0);
      for (const s of ags) {
        const w = get(st, `ag-quorum-witness:${s.id}`);
        expect(text(w)).toMatch(/Configure a file share witness/);
        expect(w.ruleIds).toContain('BE-AG-QUORUM-WITNESS');
        expect(pos(st, `ag-quorum-witness:${s.id}`)).toBeGreaterThan(pos(st, `ag-wsfc:${s.id}`));
      }
    }
  });

  it('BE-CLUSTER-ACTIVE-PASSIVE: active/passive and a dedicated passive node are preconditions of the cluster build', () => {
    for (const mode of ['alwaysOnFci', 'sqlFailoverCluster'] as const) {
      const doc = clone(pair2019AlwaysOn());
      const s = node(doc, 'sql-a', 'sqlStore');
      s.haMode = mode;
      s.clusterNodes = 2;
      delete s.ag;
      const c = get(stepsFor(doc), 'sql-cluster:sql-a');
      const pre = c.preconditions.map(plain).join('\n');
      expect(pre).toMatch(/active\/passive/);
      expect(pre).toMatch(/passive node is dedicated: no other SQL Server instance uses it/);
      expect(c.ruleIds).toContain('BE-CLUSTER-ACTIVE-PASSIVE');
    }
  });

  it('EDGE-TWO-NICS: two interfaces on separate networks is a precondition of every Edge pool', () => {
    for (const d of REFERENCE_DESIGNS) {
      const doc = d.build();
      const st = stepsFor(doc);
      for (const e of doc.nodes.filter((n) => n.kind === 'edgePool')) {
        const s = get(st, `servers:${e.id}`);
        expect(s.preconditions.map(plain).join('\n')).toMatch(/two network interfaces on separate networks/);
        expect(s.ruleIds).toContain('EDGE-TWO-NICS');
      }
    }
  });

  it('GEN-NO-MULTIHOMED: a single teamed interface for Front End, Back End, Standard Edition, Director and Persistent Chat servers', () => {
    const check = (st: Step[], id: string) => {
      const s = get(st, id);
      expect(s.preconditions.map(plain).join('\n'), id).toMatch(/single network interface: team several adapters/);
      expect(s.ruleIds, id).toContain('GEN-NO-MULTIHOMED');
    };
    check(stepsFor(pair2019AlwaysOn()), 'servers:pool-a');
    check(stepsFor(pair2019AlwaysOn()), 'sql-install:sql-a');
    check(stepsFor(pairStandardEdition()), 'servers:se-hq');
    check(stepsFor(globalMultiSite()), 'servers:dir-na');
    check(stepsFor(withPersistentChat()), 'servers:pc');
    // Not required of Edge servers (they have two interfaces) or Mediation servers.
    expect(get(stepsFor(pair2019AlwaysOn()), 'servers:edge-a').ruleIds).not.toContain('GEN-NO-MULTIHOMED');
  });

  it('MED-STANDALONE-LB: DNS records for every member of a stand-alone Mediation pool', () => {
    const doc = clone(pair2019AlwaysOn());
    doc.nodes.push({ ...defaultNode('mediationPool', { id: 'med', siteId: 'dc1', fqdn: 'med.contoso.com' }), servers: 4 });
    const s = get(stepsFor(doc), 'dns:med');
    const rows = s.detail.map(plain).filter((l) => l.startsWith('med.contoso.com A'));
    expect(rows).toEqual([1, 2, 3, 4].map((i) => `med.contoso.com A -> IP address of Mediation Server ${i}`.replace('->', '→')));
    expect(s.ruleIds).toContain('MED-STANDALONE-LB');
  });

  it('OWAS-EXTERNAL-FLAG: the external-network check box follows zone', () => {
    const box = '"Office Web Apps Server is deployed in an external network (that is, perimeter/Internet)"';
    for (const zone of ['internal', 'perimeter', 'external'] as const) {
      const doc = clone(pair2019AlwaysOn());
      node(doc, 'oos-a', 'officeOnlineServer').zone = zone;
      const s = get(stepsFor(doc), 'tb-oos:oos-a');
      const t = text(s);
      if (zone === 'internal') expect(t).toContain(`Leave ${box} clear`);
      else expect(t).toContain(`Tick ${box}`);
      expect(s.ruleIds).toContain('OWAS-EXTERNAL-FLAG');
    }
  });

  it('PAIR-SYNC-INTERVAL: never Set-CsBackupServiceConfiguration -SyncInterval, anywhere', () => {
    for (const d of REFERENCE_DESIGNS) {
      const plan = generateSteps(d.build());
      for (const s of allSteps(plan)) {
        for (const c of [...s.commands, ...s.verify.flatMap((v) => (v.command ? [v.command] : []))])
          expect(c).not.toMatch(/Set-CsBackupServiceConfiguration|-SyncInterval/i);
        expect(JSON.stringify(s.detail)).not.toMatch(/Set-CsBackupServiceConfiguration/);
      }
      const pairing = plan.steps.filter((s) => s.id.startsWith('tb-pairing:'));
      for (const p of pairing) expect(p.ruleIds).toContain('PAIR-SYNC-INTERVAL');
    }
  });

  it('PCHAT-MSMQ: Message Queuing on every Persistent Chat server', () => {
    const s = get(stepsFor(withPersistentChat()), 'pchat-msmq:pc');
    expect(s.commands).toEqual(['Install-WindowsFeature -Name MSMQ-Server']);
    expect(s.runOn).toBe('each of the 2 Persistent Chat servers of Chat');
    expect(s.mode).toBe('manual');
    expect(s.ruleIds).toContain('PCHAT-MSMQ');
  });

  it('PCHAT-SINGLE-COMPUTER: every Persistent Chat pool is defined as a multiple-computer pool, even with one server', () => {
    const doc = withPersistentChat();
    node(doc, 'pc', 'persistentChatPool').servers = [{ siteId: 'nyc', active: true }];
    const s = get(stepsFor(doc), 'tb-pool:pc');
    expect(text(s)).toMatch(/"Multiple computer pool" \(a single-computer pool can never get more servers\)/);
    expect(text(s)).not.toMatch(/"Single computer pool"/);
    expect(s.ruleIds).toContain('PCHAT-SINGLE-COMPUTER');
  });

  it('SQL-MON-SSRS: SQL Server Reporting Services on every store with a Monitoring role, and none elsewhere', () => {
    const st = stepsFor(globalMultiSite());
    const ssrs = st.filter((s) => s.id.startsWith('sql-ssrs:'));
    expect(ssrs.map((s) => s.id)).toEqual(['sql-ssrs:sql-mon']);
    expect(ssrs[0]!.ruleIds).toContain('SQL-MON-SSRS');
    expect(pos(st, 'sql-ssrs:sql-mon')).toBeLessThan(pos(st, 'publish'));
    expect(stepsFor(pair2019AlwaysOn()).filter((s) => s.id.startsWith('sql-ssrs:'))).toEqual([]);
  });
});

describe('preconditions the catalogue makes the exporter state', () => {
  it('BE-SQL-EDITION: 64-bit SQL Server for 2012 and 2014 stores only', () => {
    const doc = clone(pair2015Mirroring());
    for (const id of ['sql-ny', 'sql-ny-m', 'sql-ny-w']) node(doc, id, 'sqlStore').sqlVersion = '2014';
    const st = stepsFor(doc);
    expect(get(st, 'sql-install:sql-ny').preconditions.map(plain).join('\n')).toMatch(/A 64-bit edition of SQL Server 2014/);
    expect(get(st, 'sql-install:sql-ny').ruleIds).toContain('BE-SQL-EDITION');
    expect(get(st, 'sql-install:sql-ch').preconditions.map(plain).join('\n')).not.toMatch(/64-bit/);
  });

  it('GEN-OS-SUPPORTED: a 2019 pool on WS2022 lists build 2046.524 and the compatibility script', () => {
    const doc = clone(pair2019AlwaysOn());
    node(doc, 'pool-a', 'frontEndPool').os = 'WS2022';
    const pre = get(stepsFor(doc), 'servers:pool-a').preconditions.map(plain).join('\n');
    expect(pre).toMatch(/build 2046\.524 \(CU7 Hotfix 1\) or later/);
    expect(pre).toMatch(/compatibility script for Windows Server 2022/);
    const other = get(stepsFor(doc), 'servers:pool-b').preconditions.map(plain).join('\n');
    expect(other).not.toMatch(/2046\.524/);
  });

  it('GEN-OS-SUPPORTED: a 2015 pool on WS2022 is told it is unsupported', () => {
    const doc = clone(pair2015Mirroring());
    node(doc, 'pool-ny', 'frontEndPool').os = 'WS2022';
    expect(get(stepsFor(doc), 'servers:pool-ny').preconditions.map(plain).join('\n')).toMatch(
      /Windows Server 2022 is not supported for Skype for Business Server 2015/,
    );
  });

  it('FE-FIRST-USER-MOVE: three Front End servers running before the first users move', () => {
    const s = get(stepsFor(pair2019AlwaysOn()), 'verify-pool:pool-a');
    expect(s.preconditions.map(plain).join('\n')).toMatch(/at least three Front End servers/);
    expect(s.ruleIds).toContain('FE-FIRST-USER-MOVE');
  });

  it('BE-CLUSTER-DB-PATHS: database install on a cluster passes -UseDefaultSqlPaths', () => {
    const doc = clone(pair2019AlwaysOn());
    const s = node(doc, 'sql-b', 'sqlStore');
    s.haMode = 'sqlFailoverCluster';
    delete s.ag;
    const st = stepsFor(doc);
    expect(get(st, 'install-databases:sql-b').commands).toEqual([
      "Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlag-b.contoso.com' -UseDefaultSqlPaths",
    ]);
    expect(get(st, 'install-databases:sql-a').commands[0]).not.toContain('UseDefaultSqlPaths');
  });
});

describe('catalogue references', () => {
  it('every rule id a step or note cites is in the rule catalogue', () => {
    const known = new Set([...fs.readFileSync(CATALOGUE_TS, 'utf8').matchAll(/\{"id":"([A-Z0-9-]+)"/g)].map((m) => m[1]!));
    expect(known.size).toBeGreaterThanOrEqual(225);
    const cited = new Set<string>();
    const docs = [...REFERENCE_DESIGNS.map((d) => d.build()), withPersistentChat()];
    const transition = clone(pair2019AlwaysOn());
    transition.deployment.mode = 'transition';
    node(transition, 'pool-a', 'frontEndPool').deployed = true;
    docs.push(transition);
    for (const d of docs) {
      const plan = generateSteps(d);
      for (const s of allSteps(plan)) s.ruleIds.forEach((r) => cited.add(r));
      for (const n of [...plan.notes, ...plan.runbooks.flatMap((r) => r.notes)]) n.ruleIds.forEach((r) => cited.add(r));
    }
    expect(cited.size).toBeGreaterThan(30);
    expect([...cited].filter((r) => !known.has(r))).toEqual([]);
  });

  it('every doc path is a bare OfficeDocs path, a ps: cmdlet page or a sql-docs: page', () => {
    for (const d of [...REFERENCE_DESIGNS.map((x) => x.build()), withPersistentChat()])
      for (const s of allSteps(generateSteps(d)))
        for (const p of s.docs)
          expect(p, s.id).toMatch(
            /^(Skype\/(SfbServer|SfBServer2019)\/[a-z0-9/-]+\.md|Lync\/[A-Za-z0-9/-]+\.md|ps:[A-Za-z-]+\.md|sql-docs:docs\/[a-z0-9/-]+\.md)$/,
          );
  });

  it('a witness-less Standard Edition SQL store never claims -WhatIf support for steps without cmdlets', () => {
    const doc = clone(pairStandardEdition());
    doc.nodes.push(standaloneSqlStore({ id: 'mon', siteId: 'hq', fqdn: 'mon.northwind.com' }));
    doc.links.push({ id: 'm1', kind: 'store', from: 'se-hq', to: 'mon', role: 'monitoring' });
    for (const s of allSteps(generateSteps(doc))) if (s.commands.length === 0) expect(s.supportsWhatIf, s.id).toBe(false);
  });
});
