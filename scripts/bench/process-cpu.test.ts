import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuSnapshot, cpuSpent } from './process-cpu';

describe('process CPU time', () => {
  it('sums what each thread spent between two snapshots, by group, threads new since the first counted whole', () => {
    const before = new Map([
      ['1/1', { group: 'main' as const, ms: 100 }],
      ['1/2', { group: 'renderer' as const, ms: 50 }],
    ]);
    const after = new Map([
      ['1/1', { group: 'main' as const, ms: 130 }],
      ['1/2', { group: 'renderer' as const, ms: 50 }],
      ['2/9', { group: 'gpu' as const, ms: 20 }],
    ]);
    expect(cpuSpent(before, after)).toEqual({ main: 30, renderer: 0, gpu: 20, browser: 0, other: 0, all: 50 });
  });

  it.runIf(fs.existsSync('/proc/self/stat'))('sees the CPU time of a child process, not its own', async () => {
    const child = spawn(process.execPath, ['-e', 'const t = Date.now(); while (Date.now() - t < 400);']);
    const before = cpuSnapshot();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const during = cpuSnapshot();
    await new Promise((resolve) => child.on('exit', resolve));
    expect([...during.keys()].some((k) => k.startsWith(`${child.pid}/`))).toBe(true);
    expect([...during.keys()].some((k) => k.startsWith(`${process.pid}/`))).toBe(false);
    expect(cpuSpent(before, during).all).toBeGreaterThanOrEqual(0);
  });
});
