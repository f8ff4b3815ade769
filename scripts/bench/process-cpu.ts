/**
 * CPU time used by Chromium's processes, by thread, read from Linux's /proc. Wall-clock
 * frame times grow with whatever else the machine runs; the CPU time a gesture costs the
 * browser barely does, so the browser benches report it beside the frame times (on a
 * shared machine it is the steadier ratio). Empty where there is no /proc.
 */
import fs from 'node:fs';

/**
 * Where the time goes: the page's main thread (script, style, layout, paint records), the
 * rest of its renderer (compositor, raster workers), the GPU process (which composites
 * and draws the frames in software with --disable-gpu), the browser process (input,
 * DevTools protocol) and anything else.
 */
export type ThreadGroup = 'main' | 'renderer' | 'gpu' | 'browser' | 'other';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** A process's role, by its threads (Debian's Chromium leaves --type out of some command lines). */
function roleOf(threadNames: readonly string[]): 'renderer' | 'gpu' | 'browser' | 'other' {
  if (threadNames.includes('Chrome_IOThread')) return 'browser';
  if (threadNames.some((n) => n.startsWith('VizCompositor'))) return 'gpu';
  if (threadNames.includes('Compositor')) return 'renderer';
  return 'other';
}

function readStat(file: string): { name: string; ppid: number; ticks: number } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined; // the thread or process ended
  }
  // "pid (name) state ppid … utime stime …": the name may hold spaces and parentheses.
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const rest = text
    .slice(close + 2)
    .trim()
    .split(' ');
  return { name: text.slice(open + 1, close), ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
}

/** The process `root` and every process under it. */
function processTree(root: number): number[] {
  let pids: number[];
  try {
    pids = fs
      .readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const s = readStat(`/proc/${pid}/stat`);
    if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length) {
    const p = todo.pop()!;
    out.push(p);
    todo.push(...(children.get(p) ?? []));
  }
  return out;
}

/**
 * CPU time so far (ms) of every thread of the processes under `root` (not `root` itself:
 * the bench's own process, which drives both pages alike), keyed by process and thread id.
 */
export function cpuSnapshot(root: number = process.pid): Map<string, { group: ThreadGroup; ms: number }> {
  const snap = new Map<string, { group: ThreadGroup; ms: number }>();
  for (const pid of processTree(root)) {
    if (pid === root) continue;
    let tids: string[];
    try {
      tids = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    const threads = tids.flatMap((tid) => {
      const s = readStat(`/proc/${pid}/task/${tid}/stat`);
      return s ? [{ tid, ...s }] : [];
    });
    const role = roleOf(threads.map((t) => t.name));
    for (const t of threads) {
      const group: ThreadGroup = role === 'renderer' && t.tid === String(pid) ? 'main' : role;
      snap.set(`${pid}/${t.tid}`, { group, ms: t.ticks * TICK_MS });
    }
  }
  return snap;
}

/** CPU time (ms) spent between two snapshots, by thread group, and in all. */
export function cpuSpent(
  before: ReadonlyMap<string, { ms: number }>,
  after: ReadonlyMap<string, { group: ThreadGroup; ms: number }>,
): Record<ThreadGroup | 'all', number> {
  const out: Record<ThreadGroup | 'all', number> = { main: 0, renderer: 0, gpu: 0, browser: 0, other: 0, all: 0 };
  for (const [key, { group, ms }] of after) {
    const spent = ms - (before.get(key)?.ms ?? 0);
    out[group] += spent;
    out.all += spent;
  }
  return out;
}
