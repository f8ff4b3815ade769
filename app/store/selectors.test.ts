import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateTopology } from '../model/generate';
import { parseTopology } from '../model/parse';
import { checklistItem } from '../rules/checklist';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { runRules, summarize } from '../rules/engine';
import { answerRules } from './rules-answer';
import type { RulesAnswer, RulesCheck, RulesWorker } from './rules-check';
import { answerParts, RequestAssembler } from './rules-transfer';
import { nextTask } from '../lib/json-text-warm';
import {
  findingsNow,
  findingsPending,
  loadRuleEngine,
  OFF_THREAD_NODES,
  selectFindingIndex,
  selectFindings,
  setRulesWorkerFactory,
  severityCounts,
} from './selectors';

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

/** Findings as the page receives them from the worker: plain data. */
const plain = (findings: readonly unknown[]): unknown[] => JSON.parse(JSON.stringify(findings));

describe('a large design is checked in the worker', () => {
  /** A stand-in for the rule worker: answers as the worker does, when the test lets it. */
  function fakeWorker() {
    const asked: RulesCheck[] = [];
    const parts = new RequestAssembler();
    const w: RulesWorker & { asked: RulesCheck[]; answer(i?: number): void } = {
      asked,
      onmessage: null,
      onerror: null,
      postMessage: (m) => {
        const check = parts.take(m);
        if (check) asked.push(check);
      },
      terminate: () => undefined,
      answer(i = asked.length - 1) {
        const [r] = asked.splice(i, 1);
        for (const part of answerParts(answerRules(r!))) w.onmessage!({ data: part } as MessageEvent<RulesAnswer>);
      },
    };
    return w;
  }
  const sized = (nodes: number, seed: number): Topology => {
    const r = generateTopology({ nodes }, seed);
    if (!r.ok) throw new Error(r.error.message);
    // Read back as the page holds it (flat strings: the generator's are slow to look up).
    const parsed = parseTopology(JSON.stringify(r.value));
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value;
  };
  const large = (): Topology => sized(OFF_THREAD_NODES + 200, 7);
  /** A fresh page (nothing checked yet: this module's other tests have checked designs) with the worker `w`. */
  const freshPage = async (w: ReturnType<typeof fakeWorker>) => {
    vi.resetModules();
    const fresh = await import('./selectors');
    await fresh.loadRuleEngine();
    fresh.setRulesWorkerFactory(() => w);
    vi.stubGlobal('Worker', class {});
    return fresh;
  };
  let worker: ReturnType<typeof fakeWorker>;
  const stubWorker = () => {
    worker = fakeWorker();
    setRulesWorkerFactory(() => worker);
    vi.stubGlobal('Worker', class {});
  };
  afterEach(() => {
    vi.unstubAllGlobals();
    setRulesWorkerFactory(undefined);
  });

  it('shows "being checked" until the answer, then the same findings the engine gives here', async () => {
    stubWorker();
    const doc = large();
    expect(selectFindings(doc)).toEqual([]);
    expect(findingsPending(doc)).toBe(true);
    // The design is copied to the worker from the next task, not in the one that asked (an
    // edit's input event); a small design's first check goes at once (the test below).
    expect(worker.asked).toHaveLength(0);
    await nextTask();
    expect(worker.asked).toHaveLength(1);
    // Asking again for the same design sends nothing more.
    selectFindingIndex(doc);
    expect(worker.asked).toHaveLength(1);
    worker.answer();
    expect(findingsPending(doc)).toBe(false);
    expect(selectFindings(doc)).toEqual(plain(runRules(doc)));
    expect(selectFindingIndex(doc).summary).toEqual(summarize(runRules(doc)));
  });

  it('drops the answer to an edit the user has already replaced, and shows the last check of the design meanwhile', async () => {
    stubWorker();
    const doc = large();
    selectFindings(doc);
    await nextTask();
    worker.answer();
    const first = selectFindings(doc);
    const pool = doc.nodes.find((n) => n.kind === 'frontEndPool')!;
    const rename = (name: string): Topology => ({
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === pool.id ? { ...n, name } : n)),
    });
    const a = rename('Pool edit A');
    const b = rename('Pool edit B');
    // While the edit is checked, the design's last findings stay shown.
    expect(selectFindings(a)).toBe(first);
    expect(findingsPending(a)).toBe(true);
    // A second edit while the first is checked: one request in flight, the newest waits.
    expect(selectFindings(b)).toBe(first);
    await nextTask();
    expect(worker.asked).toHaveLength(1);
    worker.answer(); // the answer for A: no longer wanted
    expect(findingsPending(b)).toBe(true);
    expect(selectFindings(b)).toBe(first);
    await nextTask();
    expect(worker.asked).toHaveLength(1); // B sent now
    expect(worker.asked[0]!.doc).toEqual({ ...b, layout: undefined });
    worker.answer();
    expect(findingsPending(b)).toBe(false);
    expect(selectFindings(b)).toEqual(plain(runRules(b)));
    expect(selectFindings(b).some((f) => f.message.includes('Pool edit B'))).toBe(
      runRules(b).some((f) => f.message.includes('Pool edit B')),
    );
  });

  it('gives the exact findings at once where a report needs them, and checks here when the worker cannot start', async () => {
    stubWorker();
    const doc = large();
    selectFindings(doc);
    expect(findingsNow(doc)).toEqual(runRules(doc));
    expect(findingsPending(doc)).toBe(false);
    setRulesWorkerFactory(() => {
      throw new Error('no workers here');
    });
    const other = large();
    const edited = { ...other, name: 'Another large design' };
    expect(selectFindings(edited)).toEqual([]);
    // The worker starts in the next task, and fails there.
    await nextTask();
    // The failed start is remembered: the next read checks here.
    expect(selectFindings(edited)).toEqual(runRules(edited));
    expect(findingsPending(edited)).toBe(false);
  });

  it("checks the page's first design in the worker, whatever its size, then edits of a small one here", async () => {
    const first = fakeWorker();
    const fresh = await freshPage(first);
    let started = 0;
    fresh.setRulesWorkerFactory(() => {
      started += 1;
      return first;
    });
    const doc = design();
    expect(fresh.selectFindings(doc)).toEqual([]);
    expect(fresh.findingsPending(doc)).toBe(true);
    // The worker starts in the task after the one that asked (the page's first render), and is sent the design at once.
    expect(started).toBe(0);
    await nextTask();
    expect(started).toBe(1);
    expect(first.asked).toHaveLength(1);
    first.answer();
    expect(fresh.findingsPending(doc)).toBe(false);
    expect(fresh.selectFindings(doc)).toEqual(plain(runRules(doc)));
    const renamed: Topology = { ...doc, name: `${doc.name} (2)` };
    expect(fresh.selectFindings(renamed)).toEqual(runRules(renamed));
    expect(first.asked).toHaveLength(0);
    fresh.setRulesWorkerFactory(undefined);
  });

  it('checks a mid-size design just opened in the worker, then its edits here; a smaller one opened is checked here', async () => {
    const w = fakeWorker();
    const fresh = await freshPage(w);
    // The page's first design (in the worker, as ever).
    fresh.selectFindings(design());
    await nextTask();
    w.answer();
    const opened = sized(fresh.OPENED_OFF_THREAD_NODES + 100, 3);
    expect(opened.nodes.length).toBeGreaterThan(fresh.OPENED_OFF_THREAD_NODES);
    expect(opened.nodes.length).toBeLessThanOrEqual(fresh.OFF_THREAD_NODES);
    expect(fresh.selectFindings(opened)).toEqual([]);
    expect(fresh.findingsPending(opened)).toBe(true);
    expect(w.asked).toHaveLength(1);
    w.answer();
    expect(fresh.selectFindings(opened)).toEqual(plain(runRules(opened)));
    // An edit: checked here, at once, the counts never saying "Checking…" between two key presses.
    const pool = opened.nodes.find((n) => n.kind === 'frontEndPool')!;
    const edited: Topology = {
      ...opened,
      nodes: opened.nodes.map((n) => (n.id === pool.id ? { ...n, name: 'Renamed pool' } : n)),
    };
    expect(fresh.findingsPending(edited)).toBe(false);
    expect(fresh.selectFindings(edited)).toEqual(runRules(edited));
    expect(w.asked).toHaveLength(0);
    // Near miss: a design opened at or under the size is checked here.
    const smaller = sized(fresh.OPENED_OFF_THREAD_NODES - 100, 4);
    expect(smaller.nodes.length).toBeLessThanOrEqual(fresh.OPENED_OFF_THREAD_NODES);
    expect(fresh.selectFindings(smaller)).toEqual(runRules(smaller));
    expect(w.asked).toHaveLength(0);
    fresh.setRulesWorkerFactory(undefined);
  });

  it('keeps checking a small design here, at once', () => {
    stubWorker();
    const doc = design();
    expect(selectFindings(doc)).toEqual(runRules(doc));
    expect(worker.asked).toHaveLength(0);
  });
});

describe('the rule worker', () => {
  it('answers with findings that survive the copy to the page (messages worded, not getters)', () => {
    const doc = design();
    const answer = answerRules({ generation: 3, doc });
    expect(answer.generation).toBe(3);
    if (!answer.ok) throw new Error(answer.message);
    const copied = structuredClone(answer.findings);
    expect(copied).toEqual(plain(runRules(doc)));
    expect(copied.every((f) => typeof f.message === 'string' && f.message.length > 0)).toBe(true);
    expect(structuredClone(answer.byElement)).toEqual(selectFindingIndex(doc).byElement);
  });
});
