/**
 * The page's main-thread tasks as a Chromium trace records them (category
 * 'disabled-by-default-devtools.timeline'): for each, its wall time and the CPU time its
 * thread got. A long task is measured in wall time, and on a
 * two-core machine the page's main thread shares the processors with its workers (the rule
 * engine checking a large design), the service worker, the compositor, the GPU process and
 * the browser: a task of 60 ms of the page's own work then lasts 150 ms or more. The CPU time
 * tells the two apart: what the designer's code costs, and what the machine added.
 */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface TaskTime {
  /** µs on the trace's clock. */
  start: number;
  wallMs: number;
  cpuMs: number;
}

/**
 * The tasks of the page's main thread: of the renderer main threads in the trace (a service
 * worker or another page may have one), the one that ran the most tasks.
 */
export function mainThreadTasks(events: readonly TraceEvent[]): TaskTime[] {
  const mains = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }
  const main = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  return main
    .map((e) => ({ start: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? e.dur ?? 0) / 1000 }))
    .sort((a, b) => a.start - b.start);
}

/** The most CPU one task took, and that task's wall time; the five largest CPU times. */
export function longestCpu(tasks: readonly TaskTime[]): { cpuMs: number; wallMs: number; topCpu: number[] } {
  const sorted = [...tasks].sort((a, b) => b.cpuMs - a.cpuMs);
  const top = sorted[0];
  return {
    cpuMs: Math.round(top?.cpuMs ?? 0),
    wallMs: Math.round(top?.wallMs ?? 0),
    topCpu: sorted.slice(0, 5).map((t) => Math.round(t.cpuMs)),
  };
}
