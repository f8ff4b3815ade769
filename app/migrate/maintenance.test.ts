import { describe, expect, it } from 'vitest';
import { emptyTopology } from '../model/defaults';
import { pair2015Mirroring } from '../model/samples';
import { fabrikamSubscriptionEdition } from '../model/samples/migrations';
import { planCumulativeUpdate } from './migration-plan';
import { migrationToMarkdown, migrationToPowerShell } from './render';

const text = (rt: { value: string }[]) => rt.map((s) => s.value).join('');

describe('the maintenance runbook "Apply a cumulative update" (M3)', () => {
  it('a Subscription Edition pair: each pool by upgrade domain, the partner only after the Backup Service settled, AlwaysOn secondaries first', () => {
    const p = planCumulativeUpdate(fabrikamSubscriptionEdition());
    expect(p.maintenance).toBe(true);
    expect(p.title).toBe('Cumulative update runbook: Fabrikam Subscription Edition: paired pools with AlwaysOn');
    expect(p.procedures).toEqual(['M3']);
    expect(p.steps.every((s) => s.procedure === 'M3' && s.phase === 'cumulativeUpdates')).toBe(true);
    expect(p.notes.filter((n) => n.severity === 'blocking')).toEqual([]);
    const ids = p.steps.map((s) => s.id);
    const order = [
      'M3.1:readiness:sepool-ny',
      'M3.2:servers:sepool-ny',
      'M3.3:databases:sepool-ny',
      'M3.5:ag-replicas:sqlag-ny',
      'M3.4:between:sepool-ny:sepool-ch',
      'M3.1:readiness:sepool-ch',
      'M3.2:servers:sepool-ch',
      'M3.3:databases:sepool-ch',
      'M3.5:ag-replicas:sqlag-ch',
    ].map((id) => ids.indexOf(id));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Other roles (Edge) after the Front End pools.
    const edge = ids.findIndex((id) => id.startsWith('M3.6:role:'));
    expect(edge).toBeGreaterThan(ids.indexOf('M3.3:databases:sepool-ch'));
    const replicas = p.steps.find((s) => s.id === 'M3.5:ag-replicas:sqlag-ny')!;
    expect(replicas.detail.map(text).join(' ')).toMatch(/secondaries, never the primary first/);
    // The databases update goes to the availability group listener.
    expect(p.steps.find((s) => s.id === 'M3.3:databases:sepool-ny')!.commands).toEqual([
      "Install-CsDatabase -Update -ConfiguredDatabases -SqlServerFqdn 'sqlag-ny.fabrikam.com' -Verbose",
    ]);
  });

  it('Markdown and PowerShell say cumulative update, not migration', () => {
    const p = planCumulativeUpdate(fabrikamSubscriptionEdition());
    const md = migrationToMarkdown(p);
    expect(md).toMatch(/^# Cumulative update runbook: /);
    expect(md).not.toMatch(/^From /m);
    expect(md).toContain('## Cumulative updates');
    expect(md).toContain('Invoke-CsComputerFailOver');
    const ps1 = migrationToPowerShell(p);
    expect(ps1).toContain('# Design: Fabrikam Subscription Edition');
    expect(ps1).not.toContain('# Target design:');
    expect(ps1).toContain('function Invoke-PartCumulativeUpdates {');
    expect(ps1).toContain("Write-Host 'Cumulative update runbook finished.'");
    expect(/^[\x00-\x7f]*$/.test(ps1)).toBe(true);
  });

  it('a 2015 pair on SQL mirroring: the mirror is removed before the databases update, and no mirror is ever installed', () => {
    const p = planCumulativeUpdate(pair2015Mirroring());
    const all = p.steps.flatMap((s) => s.commands);
    const uninstall = all.findIndex((c) => c.startsWith('Uninstall-CsMirrorDatabase'));
    const update = all.findIndex((c) => c.startsWith('Install-CsDatabase -Update -ConfiguredDatabases'));
    expect(uninstall).toBeGreaterThanOrEqual(0);
    expect(uninstall).toBeLessThan(update);
    expect(all.some((c) => c.startsWith('Install-CsMirrorDatabase'))).toBe(false);
    expect(p.steps.some((s) => s.commands.includes('Get-CsPoolUpgradeReadinessState'))).toBe(true);
  });

  it('a design without server roles has no step and says so', () => {
    const p = planCumulativeUpdate(emptyTopology('Empty'));
    expect(p.steps).toEqual([]);
    expect(p.notes.map((n) => text(n.message)).join(' ')).toMatch(/Nothing/);
  });
});
