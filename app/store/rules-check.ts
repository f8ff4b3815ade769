/**
 * What the page and the rule worker (rules-worker.ts) say to each other. A large design
 * goes over in parts, and its findings come back in parts (rules-transfer.ts): each
 * message is copied in one short task, where one message of a 10,000-node design (or of
 * its 24,000 findings) took 80 ms to send and 140 ms to receive on the page.
 */
import type { Topology } from '../model/schema';
import type { Finding, Severity } from '../rules/types';
import type { ElementBadge } from './finding-index';

/** One check: which request it is (the page keeps only the answer to its latest one) and the design. */
export interface RulesCheck {
  generation: number;
  doc: Topology;
}

/** The result of a check, whole: what the page keeps. */
export type RulesResult =
  | {
      generation: number;
      ok: true;
      findings: Finding[];
      byElement: Map<string, ElementBadge>;
      summary: Record<Severity, number>;
    }
  | { generation: number; ok: false; message: string };

/** Page to worker: the nodes and links a slice at a time, then the rest of the design (without its layout: no rule reads it). */
export type RulesRequest =
  | { kind: 'part'; generation: number; nodes: Topology['nodes']; links: Topology['links'] }
  | { kind: 'check'; generation: number; doc: Topology };

/** Worker to page: the findings and the badges a slice at a time, then the counts (or the failure). */
export type RulesAnswer =
  | { kind: 'findings'; generation: number; findings: Finding[] }
  | { kind: 'badges'; generation: number; badges: [string, ElementBadge][] }
  | { kind: 'done'; generation: number; summary: Record<Severity, number> }
  | { kind: 'failed'; generation: number; message: string };

/** The worker as the page uses it (tests give a stand-in). */
export interface RulesWorker {
  postMessage(request: RulesRequest): void;
  onmessage: ((e: MessageEvent<RulesAnswer>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}
