/**
 * `npm run bench`: speed and size measurements (issues 2, 3, 4, 6). One JSON line per
 * measurement on stdout, human notes on stderr. `npm run bench -- --only <prefix>` runs
 * the measurements whose names start with the prefix (e.g. `--only runRules`,
 * `--only browser/`). A failing measurement prints `{"name", "error"}` and the others
 * still run; the exit code is 0 unless the harness itself breaks.
 *
 * Options: --only <prefix>, --skip-build (reuse the last browser build), --runs <n>
 * (browser page loads per page, default 5).
 */
import { runBrowser } from './bench/browser';
import { runGenerate, runLinks, runParse, runRulesBench, runSimulate, runSteps } from './bench/core';
import { createContext, groupSelected, type BenchContext } from './bench/measure';

interface Options {
  only: string | undefined;
  skipBuild: boolean;
  browserRuns: number;
}

function parseArgs(argv: readonly string[]): Options | string {
  const opts: Options = { only: undefined, skipBuild: false, browserRuns: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--only' || a.startsWith('--only=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!v) return '--only needs a prefix, e.g. --only runRules';
      opts.only = v;
    } else if (a === '--skip-build') opts.skipBuild = true;
    else if (a === '--runs' || a.startsWith('--runs=')) {
      const v = Number(a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]);
      if (!Number.isInteger(v) || v < 1 || v > 50) return '--runs needs a whole number from 1 to 50';
      opts.browserRuns = v;
    } else if (a === '--help' || a === '-h') return 'usage: npm run bench -- [--only <prefix>] [--skip-build] [--runs <n>]';
    else return `unknown option ${JSON.stringify(a)}; usage: npm run bench -- [--only <prefix>] [--skip-build] [--runs <n>]`;
  }
  return opts;
}

const GROUPS: { prefix: string; run: (ctx: BenchContext, o: Options) => Promise<void> }[] = [
  { prefix: 'generate/', run: runGenerate },
  { prefix: 'parseTopology/', run: runParse },
  { prefix: 'runRules/', run: runRulesBench },
  { prefix: 'link-size', run: runLinks },
  { prefix: 'steps/', run: runSteps },
  { prefix: 'simulate/', run: runSimulate },
  { prefix: 'browser/', run: (ctx, o) => runBrowser(ctx, { skipBuild: o.skipBuild, runs: o.browserRuns }) },
];

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if (typeof parsed === 'string') {
    console.error(parsed);
    return parsed.startsWith('usage') ? 0 : 2;
  }
  const ctx = createContext(parsed.only);
  const started = performance.now();
  ctx.note(`bench: node ${process.version}, ${(await import('node:os')).cpus().length} CPU(s)${parsed.only ? `, only "${parsed.only}"` : ''}`);
  for (const g of GROUPS) {
    if (!groupSelected(parsed.only, g.prefix)) continue;
    const t = performance.now();
    try {
      await g.run(ctx, parsed);
    } catch (e) {
      // A group's own failure (not one measurement's) is still reported as a line.
      ctx.emit({ name: g.prefix, error: e instanceof Error ? e.message.split('\n')[0]! : String(e) });
    }
    ctx.note(`bench: ${g.prefix} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  if (ctx.lines.length === 0) ctx.note(`bench: nothing matches --only "${parsed.only}"`);
  const missed = ctx.lines.filter((l) => l.met === false).map((l) => l.name);
  const failed = ctx.lines.filter((l) => 'error' in l).map((l) => l.name);
  ctx.note(`bench: ${ctx.lines.length} line(s) in ${((performance.now() - started) / 1000).toFixed(1)} s; targets missed: ${missed.length ? missed.join(', ') : 'none'}; errors: ${failed.length ? failed.join(', ') : 'none'}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error('bench: the harness failed:', e);
    process.exitCode = 1;
  },
);
