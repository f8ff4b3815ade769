import { describe, expect, it } from 'vitest';
import { longestCpu, mainThreadTasks, type TraceEvent } from './task-cpu';

const thread = (pid: number, tid: number, name: string): TraceEvent => ({
  name: 'thread_name',
  ph: 'M',
  pid,
  tid,
  ts: 0,
  args: { name },
});
const task = (pid: number, tid: number, ts: number, durMs: number, cpuMs?: number): TraceEvent => ({
  name: 'RunTask',
  ph: 'X',
  pid,
  tid,
  ts,
  dur: durMs * 1000,
  ...(cpuMs === undefined ? {} : { tdur: cpuMs * 1000 }),
});

describe('main-thread task CPU from a trace', () => {
  it("takes the busiest renderer main thread's tasks, in order, with their wall and CPU time", () => {
    const events = [
      thread(1, 1, 'CrRendererMain'),
      thread(2, 7, 'CrRendererMain'),
      thread(1, 3, 'DedicatedWorker thread'),
      task(1, 1, 300, 150, 60),
      task(1, 1, 100, 40, 38),
      task(1, 1, 200, 80, 20),
      // A worker's long task, and another renderer's single task: not the page's main thread.
      task(1, 3, 150, 500, 490),
      task(2, 7, 120, 300, 290),
    ];
    const tasks = mainThreadTasks(events);
    expect(tasks.map((t) => [t.start, t.wallMs, t.cpuMs])).toEqual([
      [100, 40, 38],
      [200, 80, 20],
      [300, 150, 60],
    ]);
    // The longest in CPU is not the longest in wall time here (near miss: 80 ms wall, 20 CPU).
    expect(longestCpu(tasks)).toEqual({ cpuMs: 60, wallMs: 150, topCpu: [60, 38, 20] });
  });

  it('a task without thread time counts its wall time; no trace gives zeros', () => {
    expect(mainThreadTasks([thread(1, 1, 'CrRendererMain'), task(1, 1, 0, 70)])[0]?.cpuMs).toBe(70);
    expect(longestCpu(mainThreadTasks([]))).toEqual({ cpuMs: 0, wallMs: 0, topCpu: [] });
  });
});
