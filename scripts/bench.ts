/**
 * `npm run bench`: speed and size measurements (issues 2, 3, 4, 6, 18, 22). One JSON line per
 * measurement on stdout, human notes on stderr. `npm run bench -- --only <prefix>` runs
 * the measurements whose names start with the prefix (e.g. `--only runRules`,
 * `--only browser/`). A failing measurement prints `{"name", "error"}` and the others
 * still run; the exit code is 0 unless the harness itself breaks.
 *
 * Options: --only <prefix>, --skip-build (reuse the last browser build), --runs <n>
 * (timed loads of each browser page, default 3).
 */
import { parseArgs, type Options } from './bench/args';
import { createContext, groupSelected, type BenchContext } from './bench/measure';

// Groups load their modules when they run: the app's modules are being changed by other
// people, and one that does not load must fail its own group only.
const core = () => import('./bench/core');
const GROUPS: { prefix: string; run: (ctx: BenchContext, o: Options) => Promise<void> }[] = [
  { prefix: 'generate/', run: async (ctx) => (await core()).runGenerate(ctx) },
  { prefix: 'parseTopology/', run: async (ctx) => (await core()).runParse(ctx) },
  { prefix: 'runRules/', run: async (ctx) => (await core()).runRulesBench(ctx) },
  { prefix: 'link-size', run: async (ctx) => (await core()).runLinks(ctx) },
  { prefix: 'steps/', run: async (ctx) => (await core()).runSteps(ctx) },
  { prefix: 'simulate/', run: async (ctx) => (await core()).runSimulate(ctx) },
  { prefix: 'export/', run: async (ctx) => (await core()).runExport(ctx) },
  {
    prefix: 'size/',
    run: async (ctx, o) => (await import('./bench/browser')).runSize(ctx, { skipBuild: o.skipBuild, runs: o.browserRuns }),
  },
  { prefix: 'limits/', run: async (ctx) => (await import('./bench/limits')).runLimits(ctx) },
  { prefix: 'xml/', run: async (ctx) => (await import('./bench/xml')).runXml(ctx) },
  {
    prefix: 'freeze/',
    run: async (ctx, o) => (await import('./bench/freeze')).runFreeze(ctx, { skipBuild: o.skipBuild, runs: o.browserRuns }),
  },
  {
    prefix: 'browser/',
    run: async (ctx, o) => (await import('./bench/browser')).runBrowser(ctx, { skipBuild: o.skipBuild, runs: o.browserRuns }),
  },
];

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if (typeof parsed === 'string') {
    console.error(parsed);
    return parsed.startsWith('usage') ? 0 : 2;
  }
  const ctx = createContext(parsed.only);
  const started = performance.now();
  ctx.note(
    `bench: node ${process.version}, ${(await import('node:os')).cpus().length} CPU(s)${parsed.only ? `, only "${parsed.only}"` : ''}`,
  );
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
  ctx.note(
    `bench: ${ctx.lines.length} line(s) in ${((performance.now() - started) / 1000).toFixed(1)} s; targets missed: ${missed.length ? missed.join(', ') : 'none'}; errors: ${failed.length ? failed.join(', ') : 'none'}`,
  );
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
