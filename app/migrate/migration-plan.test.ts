import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOSTILE_NAMES } from '../model/arbitrary-test-kit';
import { pair2019AlwaysOn } from '../model/samples';
import { REFERENCE_MIGRATIONS, referenceMigration } from '../model/samples/migrations';
import type { Topology } from '../model/schema';
import { runRules } from '../rules/engine';
import { arbScenarioShape, sameIds, scenario } from './migrate-test-kit';
import { planMigration, planMigrationOf } from './migration-plan';
import { PROCEDURE_STEPS } from './procedures';
import { migrationToJson, migrationToMarkdown, migrationToPowerShell } from './render';
import { replay } from './replay';
import { transitionDocument } from './transition-document';
import { MIGRATION_PHASES, type MigrationPlan } from './types';

const plan = (current: Topology, target: Topology, procedure?: 'M1' | 'M2' | 'M3') =>
  planMigration(current, target, sameIds(current, target), procedure ? { procedure } : {});
const fabrikam = referenceMigration('fabrikam-2015-to-subscription-edition')!;
const northwind = referenceMigration('northwind-2019-to-subscription-edition')!;

/** Index of the first step with a command matching `re`. */
const firstCommand = (p: MigrationPlan, re: RegExp) => p.steps.findIndex((s) => s.commands.some((c) => re.test(c)));
const lastCommand = (p: MigrationPlan, re: RegExp) => p.steps.map((s) => s.commands.some((c) => re.test(c))).lastIndexOf(true);

describe('reference migrations', () => {
  it('are valid targets: the rule engine finds no error in either design', () => {
    for (const r of REFERENCE_MIGRATIONS) {
      expect(
        runRules(r.target())
          .filter((f) => f.severity === 'error')
          .map((f) => f.ruleId),
        r.id,
      ).toEqual([]);
      expect(
        runRules(r.current())
          .filter((f) => f.severity === 'error')
          .map((f) => f.ruleId),
        r.id,
      ).toEqual([]);
    }
  });

  it('2015 → Subscription Edition: side by side only, the CMS sequence in order, users before the CMS, decommissioning last', () => {
    const p = plan(fabrikam.current(), fabrikam.target());
    expect(p.procedures).toEqual(['M1']);
    expect(p.notes.filter((n) => n.severity === 'blocking')).toEqual([]);
    const install = firstCommand(p, /^Install-CsDatabase -CentralManagementDatabase/);
    const enable = firstCommand(p, /^Enable-CsTopology$/);
    const move = firstCommand(p, /^Move-CsManagementServer$/);
    const check = firstCommand(
      p,
      /Get-CsManagementStoreReplicationStatus \| Where-Object \{\$_\.UpToDate -eq \$false\}\) \{ throw/,
    );
    const uninstall = firstCommand(p, /^Uninstall-CsDatabase -CentralManagementDatabase -SqlServerFqdn 'sql-ny\.fabrikam\.com'/);
    expect([install, enable, move, check, uninstall].every((i) => i >= 0)).toBe(true);
    expect(install).toBeLessThan(enable);
    expect(enable).toBeLessThan(move);
    expect(move).toBeLessThan(check);
    expect(check).toBeLessThan(uninstall);
    // The new CMS database goes to the primary replica of the new AlwaysOn Back End.
    expect(p.steps[install]!.commands[0]).toBe(
      "Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn 'sql-ny1.fabrikam.com'",
    );
    expect(lastCommand(p, /Move-CsUser/)).toBeLessThan(move);
    const firstDecommission = p.steps.findIndex((s) => s.effects.some((e) => e.kind === 'decommission'));
    expect(firstDecommission).toBeGreaterThan(uninstall);
    expect(p.steps.slice(firstDecommission).every((s) => s.phase === 'decommission')).toBe(true);
    // The legacy Edge pools go before the legacy pools they use as next hop (Topology Builder keeps a next hop in use).
    const deletes = p.steps.filter((s) => s.id.startsWith('M1.14:delete:')).map((s) => s.nodeIds[0]);
    expect(deletes).toEqual(['edge-ny', 'edge-ch', 'pool-ny', 'pool-ch']);
  });

  it('2015 → Subscription Edition: the new pools are paired with each other after both exist; the legacy pair is unpaired only once empty', () => {
    const p = plan(fabrikam.current(), fabrikam.target());
    const pair = p.steps.findIndex((s) => s.effects.some((e) => e.kind === 'pair'));
    const deployed = p.steps
      .map((s, i) =>
        s.effects.some((e) => e.kind === 'deploy' && (e.nodeId === 'sepool-ny' || e.nodeId === 'sepool-ch')) ? i : -1,
      )
      .filter((i) => i >= 0);
    expect(deployed).toHaveLength(2);
    expect(pair).toBeGreaterThan(Math.max(...deployed));
    expect(p.steps[pair]!.effects).toEqual([{ kind: 'pair', a: 'sepool-ny', b: 'sepool-ch' }]);
    const unpair = p.steps.findIndex((s) => s.effects.some((e) => e.kind === 'unpair'));
    expect(unpair).toBeGreaterThan(lastCommand(p, /Move-CsUser/));
    expect(p.steps[unpair]!.effects).toEqual([{ kind: 'unpair', a: 'pool-ny', b: 'pool-ch' }]);
  });

  it('never builds SQL mirroring for Subscription Edition: the new Back Ends get AlwaysOn, mirroring cmdlets touch only the legacy stores', () => {
    const p = plan(fabrikam.current(), fabrikam.target());
    const all = p.steps.flatMap((s) => s.commands);
    expect(all.some((c) => /Install-CsMirrorDatabase/.test(c))).toBe(false);
    const mirrorCommands = all.filter((c) => /MirrorDatabase|DatabaseFailover/.test(c));
    expect(mirrorCommands.length).toBeGreaterThan(0);
    for (const c of mirrorCommands) expect(c).toMatch(/'sql-(ny|ch)\.fabrikam\.com'/);
    expect(p.steps.some((s) => s.id === 'ag-create:sqlag-ny')).toBe(true);
    expect(p.steps.some((s) => s.id === 'ag-create:sqlag-ch')).toBe(true);
  });

  it('2019 Standard Edition pair → Subscription Edition: in place, Edge before the CMS server, the pair in one window', () => {
    const p = plan(northwind.current(), northwind.target());
    expect(p.procedures).toEqual(['M2']);
    const upgrades = p.steps.flatMap((s) =>
      s.effects.filter((e) => e.kind === 'upgrade').map((e) => (e.kind === 'upgrade' ? e.nodeId : '')),
    );
    expect(upgrades).toEqual(['edge-hq', 'se-dr', 'se-hq']);
    expect(p.steps.some((s) => s.procedure === 'M1')).toBe(false);
    expect(p.steps.every((s) => s.procedure !== 'M2' || s.inferred)).toBe(true);
    expect(p.steps.flatMap((s) => s.commands)).toContain('Install-CsDatabase -Update -LocalDatabases');
  });
});

describe('procedure coverage', () => {
  it('every step id of M1, M2 and M3 appears in the plans of the reference changes', () => {
    const ag2019 = pair2019AlwaysOn();
    const agSe: Topology = {
      ...ag2019,
      nodes: ag2019.nodes.map((n) =>
        'productVersion' in n ? { ...n, productVersion: 'SE' as const, cumulativeUpdate: 'RTM' } : n,
      ),
    };
    const branchy = scenario({
      sites: 2,
      from: '2015',
      path: 'sideBySide',
      standardEdition: false,
      paired: true,
      mirrored: true,
      edge: true,
      branch: true,
      cmsSite: 0,
      users: [100, 200, 300],
    });
    const plans = [
      plan(fabrikam.current(), fabrikam.target()),
      plan(northwind.current(), northwind.target()),
      plan(ag2019, agSe),
      plan(fabrikam.target(), fabrikam.target(), 'M3'),
      plan(branchy.current, branchy.target),
    ];
    const seen = new Set(plans.flatMap((p) => p.steps.map((s) => s.procedureStep)));
    expect(PROCEDURE_STEPS.map((s) => s.id).filter((id) => !seen.has(id))).toEqual([]);
    // And nothing cites a procedure step that does not exist.
    const known = new Set(PROCEDURE_STEPS.map((s) => s.id));
    expect([...seen].filter((id) => !known.has(id))).toEqual([]);
  });

  it('--procedure keeps only that procedure; M3 on an unchanged design is a maintenance runbook for every pool, pairs one pool at a time', () => {
    const only = plan(fabrikam.current(), fabrikam.target(), 'M2');
    expect(only.steps).toEqual([]);
    expect(only.notes.some((n) => /Nothing in this change uses procedure M2/.test(n.message.map((s) => s.value).join('')))).toBe(
      true,
    );
    const m3 = plan(fabrikam.target(), fabrikam.target(), 'M3');
    expect(m3.procedures).toEqual(['M3']);
    const ids = m3.steps.map((s) => s.id);
    expect(ids.indexOf('M3.2:servers:sepool-ny')).toBeLessThan(ids.indexOf('M3.4:between:sepool-ny:sepool-ch'));
    expect(ids.indexOf('M3.4:between:sepool-ny:sepool-ch')).toBeLessThan(ids.indexOf('M3.1:readiness:sepool-ch'));
    expect(ids.findIndex((id) => id.startsWith('M3.6:'))).toBeGreaterThan(ids.indexOf('M3.3:databases:sepool-ch'));
  });
});

describe('blocking notes come from the rule engine', () => {
  it('a mirrored Back End for a Subscription Edition pool blocks its steps (BE-MIRROR-2019) and the step says to use AlwaysOn', () => {
    const t = fabrikam.target();
    t.nodes = t.nodes.map((n) =>
      n.id === 'sqlag-ny' && n.kind === 'sqlStore'
        ? (({ ag: _ag, ...rest }) => ({ ...rest, haMode: 'mirroring' as const }))(n)
        : n,
    );
    t.nodes.push({
      ...t.nodes.find((n) => n.id === 'sqlag-ny')!,
      id: 'sqlag-ny-m',
      fqdn: 'sqlag-ny-m.fabrikam.com',
      haMode: 'none',
    } as Topology['nodes'][number]);
    t.links.push({ id: 'mirror-ny', kind: 'mirror', from: 'sqlag-ny', to: 'sqlag-ny-m' });
    const p = plan(fabrikam.current(), t);
    expect(p.notes.some((n) => n.severity === 'blocking' && n.ruleIds.includes('BE-MIRROR-2019'))).toBe(true);
    const step = p.steps.find((s) => s.id === 'M1.2:back-end-ha:sqlag-ny')!;
    expect(step.title).toMatch(/AlwaysOn availability group, not with SQL mirroring/);
    expect(step.blockedBy).toContain('BE-MIRROR-2019');
    expect(p.steps.flatMap((s) => s.commands).some((c) => /Install-CsMirrorDatabase/.test(c))).toBe(false);
  });

  it('a 2015 pool turned Subscription Edition on the same FQDN is refused (UPG-INPLACE-2015-SE) and blocks its steps', () => {
    const c = fabrikam.current();
    const t: Topology = {
      ...c,
      nodes: c.nodes.map((n) =>
        n.id === 'pool-ny' && n.kind === 'frontEndPool' ? { ...n, productVersion: 'SE' as const, os: 'WS2022' as const } : n,
      ),
    };
    const p = plan(c, t);
    const note = p.notes.find((n) => n.severity === 'blocking' && n.ruleIds.includes('UPG-INPLACE-2015-SE'));
    expect(note?.nodeIds).toContain('pool-ny');
    expect(p.steps.some((s) => s.procedure === 'M2')).toBe(false);
  });

  it('a target that keeps the CMS on the emptied 2015 pool gets a warning (MIG-CMS-ON-LEGACY) and no CMS move', () => {
    const c = fabrikam.current();
    const t = fabrikam.target();
    const kept = c.nodes.find((n) => n.id === 'pool-ny')!;
    t.nodes.push({ ...kept, users: 0 } as Topology['nodes'][number]);
    t.deployment.cmsHost = 'pool-ny';
    const p = plan(c, t);
    const note = p.notes.find((n) => n.ruleIds.includes('MIG-CMS-ON-LEGACY'));
    expect(note?.severity).toBe('warning');
    expect(note?.nodeIds).toContain('pool-ny');
    expect(p.steps.some((s) => s.commands.some((x) => /Move-CsManagementServer/.test(x)))).toBe(false);
    // The reference target moves it: no such warning.
    expect(plan(c, fabrikam.target()).notes.some((n) => n.ruleIds.includes('MIG-CMS-ON-LEGACY'))).toBe(false);
  });

  it('errors the runbook resolves by its order (users and CMS on retired pools) are not blocking', () => {
    const p = plan(fabrikam.current(), fabrikam.target());
    const info = p.notes.find((n) => n.ruleIds.includes('MIG-USERS-ON-DECOMMISSION'))!;
    expect(info.severity).toBe('info');
    expect(p.steps.some((s) => s.blockedBy.length > 0)).toBe(false);
  });
});

describe("with the diff's matching", () => {
  it('the reference migrations plan the same as with their known matching', () => {
    for (const r of REFERENCE_MIGRATIONS)
      expect(planMigrationOf(r.current(), r.target()), r.id).toEqual(plan(r.current(), r.target()));
  });

  it('a pool moved to another site on its FQDN is a new pool beside a retired one, and the FQDN clash blocks (MIG-POOL-FQDN-UNIQUE)', () => {
    const c = fabrikam.target();
    const t: Topology = { ...c, nodes: c.nodes.map((n) => (n.id === 'sepool-ch' ? { ...n, siteId: 'nyc' } : n)) };
    const p = planMigrationOf(c, t);
    expect(p.notes.some((n) => n.severity === 'blocking' && n.ruleIds.includes('MIG-POOL-FQDN-UNIQUE'))).toBe(true);
    expect(p.steps.some((s) => s.id === 'M1.9:move-users:sepool-ch.current')).toBe(true);
  });
});

describe('renderers', () => {
  it('Markdown: phases in order, each step names its procedure step and links Microsoft Learn', () => {
    const md = migrationToMarkdown(plan(fabrikam.current(), fabrikam.target()));
    const headings = md
      .split('\n')
      .filter((l) => l.startsWith('## '))
      .map((l) => l.slice(3));
    expect(headings[0]).toBe('Notes');
    expect(md).toContain(
      '- Procedure M1.12: Move the Central Management store ([move-the-central-management-server](<https://learn.microsoft.com/skypeforbusiness/migration/move-the-central-management-server>)',
    );
    expect(md).toContain('https://learn.microsoft.com/powershell/module/skype/move-csmanagementserver');
    expect(md).toMatch(/Skype for Business Server 2015 and 2019 went out of support on 14 October 2025/);
    expect(md).not.toMatch(/\bSE\b(?! RTM)/);
  });

  it('PowerShell is ASCII, one function per phase, -WhatIf reaches the CMS move', () => {
    const ps = migrationToPowerShell(plan(fabrikam.current(), fabrikam.target()));
    expect(/^[\x00-\x7f]*$/.test(ps)).toBe(true);
    for (const part of ['Preconditions', 'NewPools', 'Edge', 'Users', 'CentralManagementStore', 'Decommission'])
      expect(ps).toContain(`function Invoke-Part${part} {`);
    expect(ps).toMatch(/Invoke-PlanStep -Id 'M1\.12\.2:enable-topology' -Title '\d+\. Enable the topology' -NativeWhatIf/);
  });

  it('JSON round-trips the plan', () => {
    const p = plan(northwind.current(), northwind.target());
    expect(JSON.parse(migrationToJson(p))).toEqual(JSON.parse(JSON.stringify(p)));
  });

  it('hostile names stay data in every format', () => {
    for (const name of HOSTILE_NAMES) {
      const c = fabrikam.current();
      const t = fabrikam.target();
      c.name = name;
      t.nodes = t.nodes.map((n) => (n.id === 'sepool-ny' ? { ...n, name } : n));
      const p = plan(c, t);
      const ps = migrationToPowerShell(p);
      expect(/^[\x00-\x7f]*$/.test(ps)).toBe(true);
      // Outside comments and single-quoted literals (where nothing expands) no trace of the name is left.
      const code = ps
        .split('\n')
        .filter((l) => !/^\s*#/.test(l))
        .map((l) => l.replace(/'(?:[^']|'')*'/g, "''"))
        .join('\n');
      expect(code).not.toContain('Remove-Item');
      expect(code).not.toContain('whoami');
      const md = migrationToMarkdown(p);
      expect(md).not.toMatch(/<script|<\/script|<!\[CDATA/i);
      expect(migrationToJson(p)).not.toMatch(/[<>&]/);
    }
  });
});

describe('property: any estate and its Subscription Edition target', () => {
  it('the replayed plan never removes the last copy of anything before its replacement exists, pairs only one version, and ends at the target', () => {
    fc.assert(
      fc.property(arbScenarioShape, (shape) => {
        const { current, target } = scenario(shape);
        const matching = sameIds(current, target);
        const p = planMigration(current, target, matching);
        const td = transitionDocument(current, target, matching);
        const { state, violations } = replay(p, current, td);
        expect(violations).toEqual([]);
        // Ends at the target: its pools exist at its versions, its pairs, its CMS host; every user is on a target pool.
        for (const n of target.nodes)
          if ('productVersion' in n && n.kind !== 'survivableBranch') expect(state.exists.has(n.id), n.id).toBe(true);
        for (const n of target.nodes)
          if ('productVersion' in n && n.productVersion && n.kind !== 'survivableBranch')
            expect(state.version.get(n.id), n.id).toBe(n.productVersion);
        for (const id of td.removed)
          if (
            current.nodes.some((c) => td.fromCurrent.get(c.id) === id && 'productVersion' in c && c.kind !== 'survivableBranch')
          )
            expect(state.exists.has(id), id).toBe(false);
        const pairs = target.links.filter((l) => l.kind === 'pairing').map((l) => [l.from, l.to].sort().join('|'));
        expect([...state.pairs].sort()).toEqual(pairs.sort());
        expect(state.cms).toBe(target.deployment.cmsHost);
        const homed = [...state.users].filter(([, u]) => u > 0).map(([id]) => id);
        for (const id of homed)
          expect(
            target.nodes.some((n) => n.id === id),
            id,
          ).toBe(true);
        // Phases in their order; no mirroring is ever built; procedures match the path.
        const phases = p.steps.map((s) => MIGRATION_PHASES.indexOf(s.phase));
        expect(phases).toEqual([...phases].sort((a, b) => a - b));
        expect(p.steps.flatMap((s) => s.commands).some((c) => /Install-CsMirrorDatabase/.test(c))).toBe(false);
        expect(p.procedures).toEqual(shape.path === 'inPlace' ? ['M2'] : ['M1']);
        expect(new Set(p.steps.map((s) => s.id)).size).toBe(p.steps.length);
      }),
      { numRuns: 60 },
    );
  });
});
