import { checklistItem } from '../rules/checklist';
import { beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { loadRuleEngine, selectFindingIndex, selectFindings, severityCounts } from './selectors';

// The page loads the rule engine as it starts; so do these tests.
beforeAll(() => loadRuleEngine());

const design = (): Topology => REFERENCE_DESIGNS[0]!.build();

describe('selectFindingIndex', () => {
  it('counts the worst severity only on a badge, and says every count in its tooltip', () => {
    // A Back End left without its pool link: errors on it, with info findings besides.
    const doc = design();
    const broken = { ...doc, links: doc.links.filter((l) => l.kind !== 'backEnd') };
    const findings = selectFindings(broken);
    const index = selectFindingIndex(broken);
    for (const [id, badge] of index.byElement) {
      const mine = findings.filter((f) => f.nodeIds.includes(id) || f.linkIds.includes(id) || f.siteIds.includes(id));
      const worst = mine.some((f) => f.severity === 'error')
        ? 'error'
        : mine.some((f) => f.severity === 'warning')
          ? 'warning'
          : 'info';
      expect(badge.worst).toBe(worst);
      expect(badge.count).toBe(mine.filter((f) => f.severity === worst).length);
      const todo = [...new Set(mine.map((f) => checklistItem(f, id)).filter((t) => t !== undefined))];
      expect(badge.messages[0]).toBe(todo.length ? `To finish: ${todo.join('; ')}.` : badge.messages[0]);
      // A to-do count only when every error says a part is missing.
      const errors = mine.filter((f) => f.severity === 'error');
      expect(badge.todo).toBe(todo.length && errors.every((f) => checklistItem(f, id)) ? todo.length : 0);
      expect(badge.messages[todo.length ? 1 : 0]).toBe(
        severityCounts({
          error: mine.filter((f) => f.severity === 'error').length,
          warning: mine.filter((f) => f.severity === 'warning').length,
          info: mine.filter((f) => f.severity === 'info').length,
        }),
      );
    }
    expect([...index.byElement.values()].some((b) => b.worst === 'error')).toBe(true);
    // The pool that lost its Back End is being built again: its badge counts what is left to do.
    const pool = broken.nodes.find((n) => n.kind === 'frontEndPool')!;
    expect(index.byElement.get(pool.id)?.todo).toBeGreaterThan(0);
  });
  it('words counts as an architect reads them', () => {
    expect(severityCounts({ error: 1, warning: 3, info: 5 })).toBe('1 error · 3 warnings · 5 advice');
    expect(severityCounts({ error: 0, warning: 0, info: 1 })).toBe('1 advice');
  });

  it('keeps the badge object of every element whose badge reads the same after an edit, and replaces the others', () => {
    const doc = design();
    const before = selectFindingIndex(doc);
    const badged = [...before.byElement.keys()].filter((id) => doc.nodes.some((n) => n.id === id));
    expect(badged.length).toBeGreaterThan(1);
    const [renamedId, ...others] = badged;
    // Renaming a node rewords its own findings only.
    const renamed: Topology = {
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === renamedId ? { ...n, name: `${n.name} renamed` } : n)),
    };
    const after = selectFindingIndex(renamed);
    expect(after).not.toBe(before);
    expect(after.byElement.get(renamedId!)).not.toBe(before.byElement.get(renamedId!));
    expect(after.byElement.get(renamedId!)!.messages.join('\n')).toContain('renamed');
    const kept = others.filter((id) => after.byElement.get(id) === before.byElement.get(id));
    // Every other node whose messages did not mention the renamed node keeps its object.
    const unchanged = others.filter(
      (id) => after.byElement.get(id)!.messages.join() === before.byElement.get(id)!.messages.join(),
    );
    expect(unchanged.length).toBeGreaterThan(0);
    expect(kept).toEqual(unchanged);
  });

  it('is recomputed for a change of content and reused for a change of layout alone', () => {
    const doc = design();
    const index = selectFindingIndex(doc);
    expect(selectFindingIndex({ ...doc, layout: { ...doc.layout } })).toBe(index);
    expect(selectFindingIndex({ ...doc, nodes: [...doc.nodes] })).not.toBe(index);
  });
});
