/**
 * Derived data, computed once per document version (documents are immutable, so the
 * object identity is the cache key). Findings are recomputed only when the document's
 * content changes, not on a drag that only moves the layout.
 *
 * The rule engine (its rules and their catalogue text) is not part of the first load: it
 * is fetched as the page starts (`loadRuleEngine`), and until it is there a design has
 * no findings yet (`rulesReady()` is false, and the panels say the design is being checked).
 *
 * A large design (more than OFF_THREAD_NODES nodes) is checked in a worker (rules-worker.ts)
 * so the page never freezes on it: `selectFindings` then gives the findings of the last
 * check while the new one runs (`findingsPending`), and whatever shows findings re-renders
 * when the answer arrives (`useRulesReady` subscribes to that). Each request carries a
 * generation; an answer to an older request than the latest is dropped. Where the exact
 * findings of a document are needed at once (a report, an export), `findingsNow` checks it
 * here if the worker has not answered yet.
 */
import { useSyncExternalStore } from 'react';
import type { Topology } from '../model/schema';
import type { Finding } from '../rules/types';
import { LARGE_DESIGN_NODES } from '../model/large-design';
import { buildFindingIndex, keepSameBadges, type ElementBadge, type FindingIndex } from './finding-index';
import type { RulesAnswer, RulesWorker } from './rules-check';
import type { AnswerAssembler } from './rules-transfer';

export { severityCounts, type ElementBadge, type FindingIndex } from './finding-index';

type RuleEngine = typeof import('../rules/engine');
let engine: RuleEngine | undefined;
/** How a check goes to the worker and back in parts: loaded with the engine. */
let transfer: typeof import('./rules-transfer') | undefined;
let loading: Promise<RuleEngine> | undefined;
const waiting = new Set<() => void>();
/** Bumped when the engine arrives and when a worker's answer is taken: what shows findings re-renders. */
let version = 0;
function changed(): void {
  version += 1;
  for (const f of waiting) f();
}

/** Fetches the rule engine once; everything that shows findings re-renders when it arrives. */
export function loadRuleEngine(): Promise<RuleEngine> {
  loading ??= Promise.all([import('../rules/engine'), import('./rules-transfer')]).then(
    ([m, t]) => {
      engine = m;
      transfer = t;
      changed();
      return m;
    },
    (e: unknown) => {
      // Not there (offline before the first visit was cached): the next call tries again.
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

export const rulesReady = (): boolean => engine !== undefined;

/** True once the rule engine is loaded; a component that shows findings re-renders then, and when a worker's check arrives. */
export function useRulesReady(): boolean {
  useSyncExternalStore(
    (f) => {
      waiting.add(f);
      return () => waiting.delete(f);
    },
    () => version,
  );
  return rulesReady();
}

/** What the rules read of a design: everything but its layout. */
type ContentKey = readonly unknown[];
const contentKey = (doc: Topology): ContentKey => [
  doc.nodes,
  doc.links,
  doc.sites,
  doc.deployment,
  doc.name,
  // The WAN between sites: the checks that read it run again when a site link changes.
  doc.siteLinks,
  doc.description,
];
const sameContent = (a: ContentKey, b: ContentKey): boolean => a.every((k, i) => k === b[i]);

export function memoByContent<T>(f: (doc: Topology) => T): (doc: Topology) => T {
  let lastDoc: Topology | undefined;
  let lastKey: ContentKey | undefined;
  let last: T;
  return (doc) => {
    if (doc === lastDoc) return last;
    // Layout changes never change what the rules say: compare everything but layout.
    const key = contentKey(doc);
    if (lastKey && sameContent(key, lastKey)) {
      lastDoc = doc;
      return last;
    }
    lastDoc = doc;
    lastKey = key;
    last = f(doc);
    return last;
  };
}

// ------------------------------------------------------------------ the findings of the design shown

/**
 * Above this many nodes a design is checked in the worker, its edits too. The first edit of a
 * 1,000-node design opened from a link was checked here in 120 ms of one task (75 ms of rules,
 * cold, and 40 ms of indexing their findings; `npm run bench -- --only freeze/edit-1000`). The
 * same number as the canvas's windowing starts at (model/large-design.ts).
 */
export const OFF_THREAD_NODES = LARGE_DESIGN_NODES;

/**
 * A design just opened (no part of it the same as the design last checked) of more than this
 * many nodes is checked in the worker too: on the page its check fell in the task that opens
 * it, 80–180 ms at 1,000 nodes. Its edits are checked here, at once (no "Checking…" between
 * two key presses).
 */
export const OPENED_OFF_THREAD_NODES = 300;

interface Checked {
  key: ContentKey;
  findings: Finding[];
  index: FindingIndex;
}

let checked: Checked | undefined;
let lastBadges = new Map<string, ElementBadge>();
let generation = 0;
/** The latest document sent to (or waiting for) the worker. */
let wanted: { generation: number; doc: Topology; key: ContentKey; sent: boolean } | undefined;
let inFlight = false;
let worker: RulesWorker | undefined;
let answers: AnswerAssembler | undefined;
let workerFailed = false;
let makeWorker: (() => RulesWorker) | undefined = () =>
  new Worker(new URL('./rules-worker.ts', import.meta.url), { type: 'module' }) as unknown as RulesWorker;

/** Tests: a stand-in for the worker (or none: every design is checked on the main thread). */
export function setRulesWorkerFactory(factory: (() => RulesWorker) | undefined): void {
  worker?.terminate();
  worker = undefined;
  workerFailed = false;
  inFlight = false;
  wanted = undefined;
  starting = false;
  makeWorker = factory;
}

function keep(key: ContentKey, findings: Finding[], index: FindingIndex): Checked {
  keepSameBadges(index, lastBadges);
  lastBadges = index.byElement;
  checked = { key, findings, index };
  return checked;
}

/** Checks the design here, now. */
function checkHere(doc: Topology, key: ContentKey): Checked {
  const findings = engine!.runRules(doc);
  // Whatever the worker is doing for an older document is no longer wanted.
  generation += 1;
  if (wanted && !sameContent(wanted.key, key)) wanted = undefined;
  return keep(key, findings, buildFindingIndex(findings));
}

/** An edit of the design last checked (some part unchanged): its findings are shown until the new ones arrive. */
const sameDesign = (a: ContentKey, b: ContentKey): boolean => a.slice(0, 4).some((k, i) => k === b[i]);

/**
 * A large design, the page's first check of any design (the first run of every rule is its
 * slowest, nothing compiled yet, and it would fall in the seconds the page opens in), and a
 * mid-size design just opened.
 */
const offThread = (doc: Topology, key: ContentKey): boolean =>
  (doc.nodes.length > OFF_THREAD_NODES ||
    (checked === undefined && doc.nodes.length > 0) ||
    (doc.nodes.length > OPENED_OFF_THREAD_NODES && checked !== undefined && !sameDesign(checked.key, key))) &&
  makeWorker !== undefined &&
  !workerFailed &&
  typeof Worker !== 'undefined';

function ensureWorker(): RulesWorker | undefined {
  if (worker || workerFailed) return worker;
  try {
    worker = makeWorker!();
  } catch {
    workerFailed = true;
    return undefined;
  }
  answers = new transfer!.AnswerAssembler();
  worker.onmessage = (e) => answered(e.data);
  // A worker that cannot start (a strict policy, an old browser): the design is checked here instead.
  worker.onerror = (e) => {
    e.preventDefault?.();
    workerFailed = true;
    worker?.terminate();
    worker = undefined;
    inFlight = false;
    changed();
  };
  return worker;
}

/** The worker is being started (in the task after the one that first asked for a check). */
let starting = false;

/** Sends the latest wanted check to the worker; `inOwnTask`: called from a task of its own, not the one that asked. */
function send(inOwnTask = false): void {
  if (inFlight || !wanted || wanted.sent || starting) return;
  if (!worker) {
    if (!inOwnTask) {
      // Starting a worker is some 15 ms of the task that makes it, and the first check is asked
      // for while the page renders its design, one of its longest tasks: it starts in the next.
      starting = true;
      const factory = makeWorker;
      void transfer!.nextTask().then(() => {
        // Tests: a worker factory set meanwhile has its own start.
        if (makeWorker !== factory) return;
        starting = false;
        send(true);
      });
      return;
    }
    if (!ensureWorker()) {
      changed();
      return;
    }
  }
  const w = worker!;
  wanted.sent = true;
  inFlight = true;
  const parts = transfer!.requestParts(wanted);
  const post = () => void transfer!.postInSlices((m) => w.postMessage(m), parts);
  // A large design's messages are copied from the next task on, not in the one that asked
  // for the check (an edit's input event): its first slice was some 20 ms of that task.
  if (wanted.doc.nodes.length > OFF_THREAD_NODES && !inOwnTask) void transfer!.nextTask().then(post);
  else post();
}

function answered(part: RulesAnswer): void {
  const answer = answers?.take(part);
  if (!answer) return;
  inFlight = false;
  const request = wanted;
  if (request && answer.generation === request.generation) {
    wanted = undefined;
    if (answer.ok) keep(request.key, answer.findings, { byElement: answer.byElement, summary: answer.summary });
    else {
      // The engine failed there: check here, where its error handling reports the rule that failed.
      checkHere(request.doc, request.key);
    }
    changed();
  }
  // An answer to an older request is dropped; the latest is sent now if it waited.
  send();
}

/** Asks the worker for the design's findings (once per content). */
function request(doc: Topology, key: ContentKey): void {
  if (wanted && sameContent(wanted.key, key)) return;
  generation += 1;
  wanted = { generation, doc, key, sent: false };
  send();
}

function resultFor(doc: Topology): Checked | undefined {
  if (!engine) return undefined;
  const key = contentKey(doc);
  if (checked && sameContent(checked.key, key)) return checked;
  if (!offThread(doc, key)) return checkHere(doc, key);
  request(doc, key);
  return checked && sameDesign(checked.key, key) ? checked : undefined;
}

const NO_FINDINGS: Finding[] = [];
const EMPTY_INDEX: FindingIndex = { byElement: new Map(), summary: { error: 0, warning: 0, info: 0 } };

/**
 * The design's findings as the page shows them: none until the rule engine is loaded (see
 * `rulesReady`); for a large design being checked, those of the last check of it.
 */
export const selectFindings = (doc: Topology): Finding[] => resultFor(doc)?.findings ?? NO_FINDINGS;

/** Badges per element and the counts, for the findings of `selectFindings`. */
export const selectFindingIndex = (doc: Topology): FindingIndex => resultFor(doc)?.index ?? EMPTY_INDEX;

/** True while a large design's check runs in the worker (what is shown is not yet this version's findings). */
export function findingsPending(doc: Topology): boolean {
  if (!engine) return true;
  const key = contentKey(doc);
  return !(checked && sameContent(checked.key, key)) && offThread(doc, key);
}

/**
 * The exact findings of `doc`, now: the worker's if it has answered, else checked here
 * (a report or an export, which the user waits for). None until the rule engine is loaded.
 */
export function findingsNow(doc: Topology): Finding[] {
  if (!engine) return NO_FINDINGS;
  const key = contentKey(doc);
  if (checked && sameContent(checked.key, key)) return checked.findings;
  const r = checkHere(doc, key);
  // What shows findings re-renders (not now: this may run while React renders).
  queueMicrotask(changed);
  return r.findings;
}
