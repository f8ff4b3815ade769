import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SliceClock } from '../lib/json-text-warm';
import { arbTopology } from '../model/arbitrary-test-kit';
import { generateTopology } from '../model/generate';
import { answerRules } from './rules-answer';
import type { RulesAnswer, RulesRequest } from './rules-check';
import { AnswerAssembler, answerParts, postInSlices, RequestAssembler, requestParts } from './rules-transfer';

const runs = Number(process.env.FUZZ_RUNS ?? 100);

describe('a check sent to the rule worker in parts', () => {
  it('arrives as the same design without its layout, whatever the part size', () => {
    fc.assert(
      fc.property(arbTopology(), fc.integer({ min: 1, max: 5 }), fc.nat(), (doc, size, generation) => {
        const assembler = new RequestAssembler();
        const parts = requestParts({ generation, doc }, size);
        const checks = parts.map((p) => assembler.take(p));
        // Only the last part completes the check.
        expect(checks.slice(0, -1).every((c) => c === undefined)).toBe(true);
        const { layout: _layout, ...content } = doc;
        expect(checks.at(-1)).toEqual({ generation, doc: content });
        expect(parts.every((p) => p.kind === 'check' || p.nodes.length + p.links.length <= 2 * size)).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('drops the parts of an older request when a newer one starts', () => {
    const r = generateTopology({ nodes: 40 }, 3);
    if (!r.ok) throw new Error(r.error.message);
    const doc = r.value;
    const older = requestParts({ generation: 1, doc: { ...doc, name: 'older' } }, 10);
    const newer = requestParts({ generation: 2, doc }, 10);
    const assembler = new RequestAssembler();
    // The older request is cut off after two parts (the page sent a newer one meanwhile).
    const got = [...older.slice(0, 2), ...newer].map((p) => assembler.take(p)).filter((c) => c !== undefined);
    expect(got).toHaveLength(1);
    expect(got[0]!.generation).toBe(2);
    expect(got[0]!.doc.nodes).toEqual(doc.nodes);
    expect(got[0]!.doc.links).toEqual(doc.links);
  });
});

describe('the findings sent back in parts', () => {
  it('arrive as the same result: findings in order, the badges of every element, the counts', () => {
    const r = generateTopology({ nodes: 300 }, 11);
    if (!r.ok) throw new Error(r.error.message);
    const result = answerRules({ generation: 5, doc: r.value });
    if (!result.ok) throw new Error(result.message);
    expect(result.findings.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (fs, bs) => {
        const parts = answerParts(result, fs, bs);
        // What the page receives is a copy.
        const assembler = new AnswerAssembler();
        const got = parts.map((p) => assembler.take(structuredClone(p)));
        expect(got.slice(0, -1).every((g) => g === undefined)).toBe(true);
        expect(got.at(-1)).toEqual(structuredClone(result));
        expect(parts.length).toBe(Math.ceil(result.findings.length / fs) + Math.ceil(result.byElement.size / bs) + 1);
      }),
      { numRuns: 20 },
    );
  });

  it('a failed check is one message, and the page gets the failure', () => {
    const parts = answerParts({ generation: 9, ok: false, message: 'rule X failed' });
    expect(parts).toEqual([{ kind: 'failed', generation: 9, message: 'rule X failed' }]);
    expect(new AnswerAssembler().take(parts[0]!)).toEqual({ generation: 9, ok: false, message: 'rule X failed' });
  });

  it('an answer cut off by a newer one keeps none of the older findings', () => {
    const r = generateTopology({ nodes: 200 }, 4);
    if (!r.ok) throw new Error(r.error.message);
    const a = answerRules({ generation: 1, doc: { ...r.value, name: 'A' } });
    const b = answerRules({ generation: 2, doc: r.value });
    const assembler = new AnswerAssembler();
    const msgs: RulesAnswer[] = [...answerParts(a, 5, 5).slice(0, 3), ...answerParts(b, 5, 5)];
    const got = msgs.map((m) => assembler.take(m)).filter((x) => x !== undefined);
    expect(got).toEqual([b]);
  });
});

describe('postInSlices', () => {
  it('posts every message in order, one slice per task when the slice is over', async () => {
    const r = generateTopology({ nodes: 50 }, 2);
    if (!r.ok) throw new Error(r.error.message);
    const parts = requestParts({ generation: 1, doc: r.value }, 5);
    const posted: RulesRequest[] = [];
    let tasks = 0;
    const counting = setInterval(() => (tasks += 1), 0);
    // A slice that is always over: one message per task.
    const done = postInSlices((m: RulesRequest) => posted.push(m), parts, new SliceClock(0));
    expect(posted).toHaveLength(1);
    await done;
    clearInterval(counting);
    expect(posted).toEqual(parts);
    expect(tasks).toBeGreaterThan(0);
  });

  it('posts a small request at once, in the same task', () => {
    const posted: number[] = [];
    void postInSlices((m: number) => posted.push(m), [1, 2, 3], new SliceClock(1_000));
    expect(posted).toEqual([1, 2, 3]);
  });
});
