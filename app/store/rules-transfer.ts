/**
 * A check and its result, cut into messages and put together again (rules-check.ts). The
 * page loads this with the rule engine (not part of the first load); the worker has it too.
 */
import { nextTask, SliceClock } from '../lib/json-text-warm';
import type { Topology } from '../model/schema';
import type { Finding } from '../rules/types';
import type { ElementBadge } from './finding-index';
import type { RulesAnswer, RulesCheck, RulesRequest, RulesResult } from './rules-check';

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

/** The worker's side: the parts of the latest request; the whole check once its last part came. */
export class RequestAssembler {
  private generation: number | undefined;
  private nodes: Topology['nodes'] = [];
  private links: Topology['links'] = [];

  take(m: RulesRequest): RulesCheck | undefined {
    if (m.generation !== this.generation) {
      // A newer request: the parts of an older one are dropped.
      this.generation = m.generation;
      this.nodes = [];
      this.links = [];
    }
    switch (m.kind) {
      case 'part':
        for (const n of m.nodes) this.nodes.push(n);
        for (const l of m.links) this.links.push(l);
        return undefined;
      case 'check': {
        const check = { generation: m.generation, doc: { ...m.doc, nodes: this.nodes, links: this.links } };
        this.generation = undefined;
        this.nodes = [];
        this.links = [];
        return check;
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
  private generation: number | undefined;
  private findings: Finding[] = [];
  private badges: [string, ElementBadge][] = [];

  take(m: RulesAnswer): RulesResult | undefined {
    if (m.generation !== this.generation) {
      this.generation = m.generation;
      this.findings = [];
      this.badges = [];
    }
    switch (m.kind) {
      case 'findings':
        for (const f of m.findings) this.findings.push(f);
        return undefined;
      case 'badges':
        for (const b of m.badges) this.badges.push(b);
        return undefined;
      case 'done':
      case 'failed': {
        const result: RulesResult =
          m.kind === 'done'
            ? { generation: m.generation, ok: true, findings: this.findings, byElement: new Map(this.badges), summary: m.summary }
            : { generation: m.generation, ok: false, message: m.message };
        this.generation = undefined;
        this.findings = [];
        this.badges = [];
        return result;
      }
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
