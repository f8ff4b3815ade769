import { describe, expect, it } from 'vitest';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import { generateSteps, toMarkdown } from './index';

describe('the runbook offers the generated Topology Builder document', () => {
  it.each(REFERENCE_DESIGNS.map((r) => r.id))(
    '%s: a review-first step to open it, with Publish-CsTopology -FileName as the scripted alternative, before the click-by-click steps',
    (id) => {
      const doc = REFERENCE_DESIGNS.find((r) => r.id === id)!.build();
      const plan = generateSteps(doc);
      const i = plan.steps.findIndex((s) => s.id === 'tb-open-generated');
      expect(i).toBeGreaterThan(plan.steps.findIndex((s) => s.id === 'tb-start'));
      const step = plan.steps[i]!;
      // A review step: nothing in it runs by itself from the .ps1.
      expect(step.commands).toEqual([]);
      expect(step.mode).toBe('manual');
      const text = JSON.stringify(step.detail);
      expect(text).toContain('Publish-CsTopology -FileName');
      expect(text).toMatch(/Review it before publishing/);
      expect(toMarkdown(plan)).toContain('Or open the generated topology document and review it');
    },
  );

  it('is not offered when the plan changes an existing deployment (the document would replace what is published)', () => {
    const doc = REFERENCE_DESIGNS[0]!.build();
    doc.deployment.mode = 'transition';
    doc.nodes = doc.nodes.map((n) => (n.kind === 'frontEndPool' ? { ...n, deployed: true } : n));
    expect(generateSteps(doc).steps.some((s) => s.id === 'tb-open-generated')).toBe(false);
  });
});
