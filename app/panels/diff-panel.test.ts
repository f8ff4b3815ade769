import { describe, expect, it } from 'vitest';
import { diffTopologies } from '../migrate/diff';
import { referenceMigration } from '../model/samples/migrations';
import { changesBySite } from './diff-panel';

describe('the change list by site', () => {
  it('Fabrikam 2015 → Subscription Edition: New York and Chicago, each with its new and removed servers counted, every change once', () => {
    const m = referenceMigration('fabrikam-2015-to-subscription-edition')!;
    const current = m.current();
    const target = m.target();
    const diff = diffTopologies(current, target);
    const nodes = diff.nodes.filter((n) => n.status !== 'changed' || n.classes.length > 0);
    const groups = changesBySite(nodes, current, target);
    expect(groups.map((g) => g.site).sort()).toEqual(['Chicago', 'New York']);
    const ny = groups.find((g) => g.site === 'New York')!;
    expect(ny.counts).toEqual({ added: 3, removed: 5, changed: 0 });
    expect(ny.nodes.some((n) => n.targetId === 'sepool-ny')).toBe(true);
    expect(ny.nodes.some((n) => n.currentId === 'pool-ny' && n.status === 'removed')).toBe(true);
    expect(groups.flatMap((g) => g.nodes)).toHaveLength(nodes.length);
    // A removed node is counted in its site of today even when the target has no such site.
    const noChicago = {
      ...target,
      sites: target.sites.filter((s) => s.id !== 'chi'),
      nodes: target.nodes.filter((n) => n.siteId !== 'chi'),
    };
    const d2 = diffTopologies(current, noChicago);
    const g2 = changesBySite(d2.nodes, current, noChicago);
    expect(g2.find((g) => g.site === 'Chicago')?.counts.removed).toBeGreaterThan(0);
  });
});
