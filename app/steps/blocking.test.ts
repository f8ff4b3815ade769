/**
 * The runbook never tells anyone to build what the validator calls an error: every
 * error of runRules is a blocking note (Markdown top, a guard at the top of the .ps1,
 * the JSON), and every step that builds a node an error names says so (blockedBy).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology } from '../model/arbitrary-test-kit';
import { REFERENCE_DESIGNS, pair2019AlwaysOn } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { runRules } from '../rules/engine';
import { generateSteps } from './deployment';
import { toMarkdown } from './markdown';
import { toPowerShell } from './powershell';
import { clone, node, pos, ps1Problems } from './steps-test-kit';
import type { StepPlan } from './types';

/** Pool A with two Front End servers on 2019 (FE-2019-NOT-TWO). */
function twoServerPool(): Topology {
  const doc = clone(pair2019AlwaysOn());
  node(doc, 'pool-a', 'frontEndPool').frontEndServers = 2;
  return doc;
}

/** The Back End of Pool A as a three-node cluster on SQL Server Standard (BE-CLUSTER-NODE-LIMIT). */
function standardClusterOfThree(): Topology {
  const doc = clone(pair2019AlwaysOn());
  const s = node(doc, 'sql-a', 'sqlStore');
  s.haMode = 'sqlFailoverCluster';
  delete s.ag;
  s.sqlEdition = 'standard';
  s.clusterNodes = 3;
  return doc;
}

/** What must hold between the validator's errors and the plan. */
function contradictions(doc: Topology, plan: StepPlan): string[] {
  const out: string[] = [];
  const errors = runRules(doc).filter((f) => f.severity === 'error');
  for (const f of errors) {
    const note = plan.notes.find(
      (n) => n.severity === 'blocking' && n.ruleIds.includes(f.ruleId) && f.nodeIds.every((id) => n.nodeIds.includes(id)),
    );
    if (!note) out.push(`no blocking note for ${f.ruleId} on ${f.nodeIds.join(',')}`);
    for (const s of plan.steps) {
      if (s.phase === 'verification') continue;
      if (s.nodeIds.some((id) => f.nodeIds.includes(id)) && !s.blockedBy.includes(f.ruleId))
        out.push(`step ${s.id} builds a node of ${f.ruleId} but is not blocked by it`);
    }
  }
  for (const s of plan.steps)
    for (const r of s.blockedBy)
      if (!errors.some((f) => f.ruleId === r && f.nodeIds.some((id) => s.nodeIds.includes(id))))
        out.push(`step ${s.id} is blocked by ${r}, which names none of its nodes`);
  return out;
}

describe('errors of the validator become blocking notes and blocked steps', () => {
  it('FE-2019-NOT-TWO: a blocking note, and the steps that build Pool A carry blockedBy', () => {
    const doc = twoServerPool();
    const plan = generateSteps(doc);
    expect(contradictions(doc, plan)).toEqual([]);
    const note = plan.notes.find((n) => n.ruleIds.includes('FE-2019-NOT-TWO'))!;
    expect(note.severity).toBe('blocking');
    expect(note.nodeIds).toContain('pool-a');
    expect(plan.steps[pos(plan.steps, 'tb-pool:pool-a')]!.blockedBy).toEqual(['FE-2019-NOT-TWO']);
    expect(plan.steps[pos(plan.steps, 'servers:pool-a')]!.blockedBy).toEqual(['FE-2019-NOT-TWO']);
    expect(plan.steps[pos(plan.steps, 'tb-pool:pool-b')]!.blockedBy).toEqual([]);
  });

  it('BE-CLUSTER-NODE-LIMIT: the cluster step is blocked instead of building three nodes under a "at most 2" precondition', () => {
    const doc = standardClusterOfThree();
    const plan = generateSteps(doc);
    expect(contradictions(doc, plan)).toEqual([]);
    const cluster = plan.steps[pos(plan.steps, 'sql-cluster:sql-a')]!;
    expect(cluster.blockedBy).toContain('BE-CLUSTER-NODE-LIMIT');
    expect(plan.notes.some((n) => n.severity === 'blocking' && n.ruleIds.includes('BE-CLUSTER-NODE-LIMIT'))).toBe(true);
  });

  it('the generator adds what it leaves out to the validator note of the same problem, not a second note', () => {
    const doc = clone(pair2019AlwaysOn());
    const s = node(doc, 'sql-a', 'sqlStore');
    s.haMode = 'mirroring';
    delete s.ag;
    doc.links.push({ id: 'm1', kind: 'mirror', from: 'sql-a', to: 'sql-b' });
    const plan = generateSteps(doc);
    const notes = plan.notes.filter((n) => n.ruleIds.includes('BE-MIRROR-2019') && n.nodeIds.includes('sql-a'));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message.map((x) => x.value).join('')).toMatch(/builds no mirroring/);
  });

  it('property: on any document, every error is a blocking note and blocks exactly the steps that build its nodes', () => {
    fc.assert(
      fc.property(arbTopology(), (doc) => {
        expect(contradictions(doc, generateSteps(doc))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('the reference designs have no error, so no blocked step and no guard', () => {
    for (const d of REFERENCE_DESIGNS) {
      const plan = generateSteps(d.build());
      expect(plan.steps.filter((s) => s.blockedBy.length)).toEqual([]);
      expect(toPowerShell(plan)).not.toContain('$Force');
    }
  });
});

describe('the blocking notes in each format', () => {
  const plan = generateSteps(twoServerPool());

  it('Markdown: the blocking notes come before the first step, and a blocked step says so', () => {
    const md = toMarkdown(plan);
    const blocking = md.indexOf('## Blocking: fix the design first');
    expect(blocking).toBeGreaterThan(0);
    expect(blocking).toBeLessThan(md.indexOf('## Prepare Windows and SQL Server'));
    expect(md.slice(blocking, md.indexOf('## Prepare Windows'))).toContain('FE-2019-NOT-TWO');
    const tb = md.indexOf('`tb-pool:pool-a`');
    expect(md.slice(tb, tb + 300)).toMatch(/\*\*Blocked\*\* by FE-2019-NOT-TWO/);
  });

  it('.ps1: a -Force switch and a throw before any step can run; the script still tokenizes', () => {
    const ps1 = toPowerShell(plan);
    expect(ps1).toMatch(/\[switch\]\$Force/);
    const guard = ps1.indexOf('if (-not $Force) {');
    expect(guard).toBeGreaterThan(0);
    expect(guard).toBeLessThan(ps1.indexOf('function Invoke-PartPrepare'));
    expect(ps1.slice(guard, guard + 2000)).toMatch(/^ {4}throw '/m);
    expect(ps1).toMatch(/# Blocked by: FE-2019-NOT-TWO/);
    expect(ps1Problems(ps1, [])).toEqual([]);
  });

  it('JSON: blockedBy on every step', () => {
    for (const s of plan.steps) expect(Array.isArray(s.blockedBy)).toBe(true);
  });

  it('a hostile name in a blocking note stays inside a single-quoted literal', () => {
    const doc = twoServerPool();
    node(doc, 'pool-a', 'frontEndPool').name = "Pool'; Remove-Item C:\\ -Recurse; $(evil) `n";
    const ps1 = toPowerShell(generateSteps(doc));
    expect(ps1Problems(ps1, ['$(evil)', 'Remove-Item C:\\ -Recurse'])).toEqual([]);
  });
});

describe('procedure facts', () => {
  const plan = generateSteps(pair2019AlwaysOn());
  const step = (id: string) => plan.steps[pos(plan.steps, id)]!;
  const words = (s: { detail: { value: string }[][] }) => s.detail.map((d) => d.map((x) => x.value).join('')).join('\n');

  it('FULL recovery and a full backup before the New Availability Group Wizard', () => {
    expect(pos(plan.steps, 'ag-full-recovery:sql-a')).toBe(pos(plan.steps, 'ag-create:sql-a') - 1);
    expect(words(step('ag-full-recovery:sql-a'))).toMatch(/SET RECOVERY FULL; BACKUP DATABASE/);
    expect(step('ag-full-recovery:sql-a').docs.some((d) => d.startsWith('sql-docs:'))).toBe(true);
  });

  it('xds and lis join only the availability group of the Back End that holds the CMS or its standby', () => {
    const doc = clone(pair2019AlwaysOn());
    // Unpair: only the CMS pool's Back End holds the CMS databases.
    doc.links = doc.links.filter((l) => l.kind !== 'pairing');
    const p = generateSteps(doc);
    const dbs = (id: string) => words(p.steps[pos(p.steps, `ag-create:${id}`)]!);
    expect(dbs('sql-a')).toMatch(/\bxds\b.*\blis\b/);
    expect(dbs('sql-b')).not.toMatch(/\bxds\b|\blis\b/);
  });

  it('the mirroring file-share placeholder is <\\\\server\\share>', () => {
    const doc = clone(pair2019AlwaysOn());
    for (const n of doc.nodes) if ('productVersion' in n) n.productVersion = '2015';
    const s = node(doc, 'sql-a', 'sqlStore');
    s.haMode = 'mirroring';
    delete s.ag;
    doc.links.push({ id: 'm1', kind: 'mirror', from: 'sql-a', to: 'sql-b' });
    const md = toMarkdown(generateSteps(doc));
    expect(md).toContain('-FileShare <\\\\server\\share>');
    expect(md).not.toContain('<\\servershare>');
  });

  it('the failover check verifies something the failover changes, on the surviving pool', () => {
    const rb = plan.runbooks[0]!;
    const s = rb.failover.find((x) => x.id.startsWith('failover-pool:'))!;
    expect(s.verify.map((v) => v.command)).toContain(`Get-CsPoolFabricState -PoolFqdn 'pool-b.contoso.com'`);
    expect(JSON.stringify(s.verify)).not.toMatch(/Get-CsUserPoolInfo/);
  });

  it('tools: cluster steps in Failover Cluster Manager, server preparation in Windows Server; Edge servers are not joined to the domain', () => {
    expect(step('ag-wsfc:sql-a').tool).toBe('Cluster');
    for (const id of ['servers:pool-a', 'file-share:fs-a', 'oos-farm:oos-a']) expect(step(id).tool, id).toBe('Win');
    expect(words(step('servers:edge-a'))).not.toMatch(/join the servers to the domain/);
    expect(words(step('servers:pool-a'))).toMatch(/join the servers to the domain/);
  });
});
