/** The command line of `npm run bench` (see scripts/bench.ts). */

export interface Options {
  only: string | undefined;
  skipBuild: boolean;
  browserRuns: number;
}

export function parseArgs(argv: readonly string[]): Options | string {
  const opts: Options = { only: undefined, skipBuild: false, browserRuns: 3 };
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
