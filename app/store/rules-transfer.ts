/**
 * A check and its result, cut into messages and put together again (rules-check.ts). The
 * page loads this with the rule engine (not part of the first load); the worker has it too.
 */
import { nextTask, SliceClock } from '../lib/json-text-warm';
import type { Topology } from '../model/schema';
import type { Finding } from '../rules/types';
import type { ElementBadge } from './finding-index';
import type { RulesAnswer, RulesCheck, RulesRequest, RulesResult } from './rules-check';

/** The page waits a task with it before copying a large design to the worker (selectors.ts). */
export { nextTask };

/** Nodes and links per message (a 10,000-node design: 16 messages of a few ms each to copy). */
export const REQUEST_PART = 1_000;
/** Findings per message, and badges (each with up to eight messages) per message. */
export const FINDINGS_PART = 2_000;
export const BADGES_PART = 1_000;

export function requestParts({ generation, doc }: RulesCheck, size = REQUEST_PART): RulesRequest[] {
  const { nodes, links, layout: _layout, ...rest } = doc;
  const parts: RulesRequest[] = [];
  for (let i = 0; i < Math.max(nodes.length, links.length); i += size)
    parts.push({ kind: 'part', generation, nodes: nodes.slice(i, i + size), links: links.slice(i, i + size) });
  parts.push({ kind: 'check', generation, doc: { ...rest, nodes: [], links: [] } });
  return parts;
}

/**
 * The lists gathered from the parts of one message: a part of a newer generation drops what
 * an older one had gathered; `takeAll` hands the lists over and starts afresh.
 */
class PartLists<L extends Record<string, unknown[]>> {
  private generation: number | undefined;
  private lists: L;

  constructor(private readonly empty: () => L) {
    this.lists = empty();
  }

  of(generation: number): L {
    if (generation !== this.generation) {
      this.generation = generation;
      this.lists = this.empty();
    }
    return this.lists;
  }

  takeAll(): L {
    const lists = this.lists;
    this.generation = undefined;
    this.lists = this.empty();
    return lists;
  }
}

/** The worker's side: the parts of the latest request; the whole check once its last part came. */
export class RequestAssembler {
  private parts = new PartLists(() => ({ nodes: [] as Topology['nodes'], links: [] as Topology['links'] }));

  take(m: RulesRequest): RulesCheck | undefined {
    const lists = this.parts.of(m.generation);
    switch (m.kind) {
      case 'part':
        for (const n of m.nodes) lists.nodes.push(n);
        for (const l of m.links) lists.links.push(l);
        return undefined;
      case 'check': {
        const { nodes, links } = this.parts.takeAll();
        return { generation: m.generation, doc: { ...m.doc, nodes, links } };
      }
    }
  }
}

export function answerParts(result: RulesResult, findingsSize = FINDINGS_PART, badgesSize = BADGES_PART): RulesAnswer[] {
  const { generation } = result;
  if (!result.ok) return [{ kind: 'failed', generation, message: result.message }];
  const parts: RulesAnswer[] = [];
  for (let i = 0; i < result.findings.length; i += findingsSize)
    parts.push({ kind: 'findings', generation, findings: result.findings.slice(i, i + findingsSize) });
  const badges = [...result.byElement];
  for (let i = 0; i < badges.length; i += badgesSize)
    parts.push({ kind: 'badges', generation, badges: badges.slice(i, i + badgesSize) });
  parts.push({ kind: 'done', generation, summary: result.summary });
  return parts;
}

/** The page's side: the parts of one answer; the whole result once its last part came. */
export class AnswerAssembler {
  private parts = new PartLists(() => ({ findings: [] as Finding[], badges: [] as [string, ElementBadge][] }));

  take(m: RulesAnswer): RulesResult | undefined {
    const lists = this.parts.of(m.generation);
    switch (m.kind) {
      case 'findings':
        for (const f of m.findings) lists.findings.push(f);
        return undefined;
      case 'badges':
        for (const b of m.badges) lists.badges.push(b);
        return undefined;
      case 'done': {
        const { findings, badges } = this.parts.takeAll();
        return { generation: m.generation, ok: true, findings, byElement: new Map(badges), summary: m.summary };
      }
      case 'failed':
        this.parts.takeAll();
        return { generation: m.generation, ok: false, message: m.message };
    }
  }
}

/**
 * Posts the messages in order, at once while the slice lasts, then one slice per task
 * (copying a message is the page's work): a small design's request goes out at once.
 */
export function postInSlices<M>(post: (m: M) => void, messages: readonly M[], clock = new SliceClock()): Promise<void> {
  let i = 0;
  return new Promise((resolve) => {
    const slice = (): void => {
      while (i < messages.length) {
        post(messages[i++]!);
        if (i < messages.length && clock.due) {
          void nextTask().then(() => {
            clock.restart();
            slice();
          });
          return;
        }
      }
      resolve();
    };
    slice();
  });
}
