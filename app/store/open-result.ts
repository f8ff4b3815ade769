/** What opening a design takes and gives (open-job.ts, open-work.ts and the worker), and the small readers both use. */
import type { OpenWarning } from '../export/index';
import { parseTopology } from '../model/parse';
import type { Position, Topology } from '../model/schema';

export type OpenJob =
  { kind: 'link'; link: string } | { kind: 'file'; name: string; bytes: Uint8Array } | { kind: 'design'; text: string };

export type OpenJobResult =
  { ok: true; topology: Topology; warnings: OpenWarning[]; opened: string } | { ok: false; message: string };

export interface OpenProgress {
  label: string;
  /** 0 to 1. */
  fraction: number;
}

/** A stored design's text: parsed and validated against the schema. Never throws. */
export function openDesignText(text: string): OpenJobResult {
  try {
    const r = parseTopology(text);
    return r.ok ? { ok: true, topology: r.value, warnings: [], opened: 'design' } : { ok: false, message: r.error.message };
  } catch (e) {
    return { ok: false, message: `could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}

export const withoutName = (name: string, message: string): string =>
  message.startsWith(name) ? message.slice(name.length).replace(/^[:\s]+/, '') : message;

/** The importer's warnings as lines, the ones to confirm first. */
export function warningLines(warnings: readonly OpenWarning[]): string[] {
  const line = (w: { where?: string; message: string }) => (w.where ? `${w.where}: ${w.message}` : w.message);
  return [
    ...warnings.filter((w) => w.confirm).map((w) => `Please confirm: ${line(w)}`),
    ...warnings.filter((w) => !w.confirm).map(line),
  ];
}

/**
 * What the worker says to the page. A large design crosses in parts: the page takes each
 * message in its own task, so copying a 10,000-node design into the page (a second or
 * more in one piece) never stops it for long. The parts come first, then `done` with the
 * design's other fields (its lists empty).
 */
export type OpenMessage =
  | { type: 'progress'; progress: OpenProgress }
  | { type: 'part'; nodes?: Topology['nodes']; links?: Topology['links']; layout?: [string, Position][] }
  | { type: 'done'; result: OpenJobResult };

/** Nodes, links or layout entries per part: a few milliseconds of copying each. */
export const PART_SIZE = 500;

/** The messages that carry `result` to the page: its large lists in parts, then the rest. */
export function* resultMessages(result: OpenJobResult, size = PART_SIZE): Generator<OpenMessage> {
  if (!result.ok) {
    yield { type: 'done', result };
    return;
  }
  const { nodes, links, layout } = result.topology;
  for (let i = 0; i < nodes.length; i += size) yield { type: 'part', nodes: nodes.slice(i, i + size) };
  for (let i = 0; i < links.length; i += size) yield { type: 'part', links: links.slice(i, i + size) };
  const entries = layout ? Object.entries(layout) : [];
  for (let i = 0; i < entries.length; i += size) yield { type: 'part', layout: entries.slice(i, i + size) };
  const rest: Topology = { ...result.topology, nodes: [], links: [], ...(layout ? { layout: {} } : {}) };
  yield { type: 'done', result: { ...result, topology: rest } };
}

/** The page's side: the parts gathered, then the result whole again. */
export class ResultAssembler {
  private nodes: Topology['nodes'] = [];
  private links: Topology['links'] = [];
  private layout: Record<string, Position> = {};

  add(part: Extract<OpenMessage, { type: 'part' }>): void {
    if (part.nodes) for (const n of part.nodes) this.nodes.push(n);
    if (part.links) for (const l of part.links) this.links.push(l);
    if (part.layout) for (const [id, p] of part.layout) this.layout[id] = p;
  }

  result(done: OpenJobResult): OpenJobResult {
    if (!done.ok) return done;
    const t = done.topology;
    // The parts are this assembler's own: taken as they are when the rest holds none (as the
    // worker sends it). Spreading 10,000 layout entries into a new object took 30–70 ms.
    const join = <T>(a: T[], b: T[]): T[] => (a.length ? [...a, ...b] : b);
    const topology: Topology = {
      ...t,
      nodes: join(t.nodes, this.nodes),
      links: join(t.links, this.links),
      ...(t.layout ? { layout: Object.keys(t.layout).length ? { ...t.layout, ...this.layout } : this.layout } : {}),
    };
    return { ...done, topology };
  }
}
