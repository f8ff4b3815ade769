/** What the page and the rule worker (rules-worker.ts) say to each other. */
import type { Topology } from '../model/schema';
import type { Finding, Severity } from '../rules/types';
import type { ElementBadge } from './finding-index';

export interface RulesRequest {
  /** Which request this is: the page keeps only the answer to its latest one. */
  generation: number;
  doc: Topology;
}

export type RulesAnswer =
  | {
      generation: number;
      ok: true;
      findings: Finding[];
      byElement: Map<string, ElementBadge>;
      summary: Record<Severity, number>;
    }
  | { generation: number; ok: false; message: string };

/** The worker as the page uses it (tests give a stand-in). */
export interface RulesWorker {
  postMessage(request: RulesRequest): void;
  onmessage: ((e: MessageEvent<RulesAnswer>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}
