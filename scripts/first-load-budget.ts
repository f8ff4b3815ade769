/**
 * The first-load budget (issue 22): what a browser must fetch before the designer can
 * paint — the entry script, every script it imports statically (the modulepreload list
 * of index.html), and their style sheets — read from the build manifest
 * (dist/.vite/manifest.json, `build.manifest` in vite.config.ts), gzipped at level 9.
 * Everything loaded with a dynamic import() is a lazy chunk and is listed apart.
 *
 * `npx tsx scripts/first-load-budget.ts [distDir]`: prints the sizes and exits 1 when the
 * first load's JavaScript is over the budget (npm test runs it after the build). The
 * bench (`npm run bench -- --only size/`) reports the same numbers as JSON lines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Issue 22's target, and what the check enforces: at most 200 KB of gzipped JavaScript before the first paint. */
export const FIRST_LOAD_JS_BUDGET_GZIP = 200 * 1024;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

export interface BuildSizes {
  /** The entry script and its static imports, then their CSS. */
  firstLoad: { js: FileSize[]; css: FileSize[]; jsRaw: number; jsGzip: number; cssRaw: number; cssGzip: number };
  /** Every other script of the build (loaded on first use), largest first. */
  lazy: FileSize[];
  budgetGzip: number;
  withinBudget: boolean;
}

export function readManifest(dist: string): Manifest {
  const file = path.join(dist, '.vite', 'manifest.json');
  if (!fs.existsSync(file))
    throw new Error(`${file} is missing: build first (npx vite build), with build.manifest on in vite.config.ts`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

/** The manifest keys the entry loads before it runs: itself and its static imports, transitively. */
export function firstLoadKeys(manifest: Manifest): string[] {
  const entries = Object.keys(manifest).filter((k) => manifest[k]!.isEntry);
  if (entries.length !== 1)
    throw new Error(`the build has ${entries.length} entry chunks; the budget expects exactly one (index.html)`);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest names "${key}" but has no entry for it`);
    seen.add(key);
    for (const i of chunk.imports ?? []) visit(i);
  };
  visit(entries[0]!);
  return [...seen];
}

function sizeOf(dist: string, file: string): FileSize {
  const bytes = fs.readFileSync(path.join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export function measureBuild(dist: string, budgetGzip = FIRST_LOAD_JS_BUDGET_GZIP): BuildSizes {
  const manifest = readManifest(dist);
  const keys = firstLoadKeys(manifest);
  const jsFiles = keys.map((k) => manifest[k]!.file);
  const cssFiles = [...new Set(keys.flatMap((k) => manifest[k]!.css ?? []))];
  const js = jsFiles.map((f) => sizeOf(dist, f));
  const css = cssFiles.map((f) => sizeOf(dist, f));
  const first = new Set(jsFiles);
  // Every script of the build that the first load does not fetch (workers included).
  const assets = path.join(dist, 'assets');
  const lazy = fs
    .readdirSync(assets)
    .map((f) => `assets/${f}`)
    .filter((f) => f.endsWith('.js') && !first.has(f))
    .map((f) => sizeOf(dist, f))
    .sort((a, b) => b.gzip - a.gzip);
  const sum = (xs: FileSize[], k: 'raw' | 'gzip') => xs.reduce((s, x) => s + x[k], 0);
  const jsGzip = sum(js, 'gzip');
  return {
    firstLoad: { js, css, jsRaw: sum(js, 'raw'), jsGzip, cssRaw: sum(css, 'raw'), cssGzip: sum(css, 'gzip') },
    lazy,
    budgetGzip,
    withinBudget: jsGzip <= budgetGzip,
  };
}

export const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

export function report(s: BuildSizes): string {
  const f = s.firstLoad;
  const lines = [
    `First load: ${kb(f.jsGzip)} of JavaScript gzipped (${kb(f.jsRaw)} raw) in ${f.js.length} file(s), ${kb(f.cssGzip)} of CSS gzipped (${kb(f.cssRaw)} raw); budget ${kb(s.budgetGzip)} of JavaScript gzipped.`,
    ...f.js
      .sort((a, b) => b.gzip - a.gzip)
      .map((x) => `  ${x.file.padEnd(52)} ${kb(x.gzip).padStart(10)} gzip ${kb(x.raw).padStart(11)} raw`),
    `Loaded on first use (${s.lazy.length} scripts):`,
    ...s.lazy.map((x) => `  ${x.file.padEnd(52)} ${kb(x.gzip).padStart(10)} gzip ${kb(x.raw).padStart(11)} raw`),
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dist = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist'));
  try {
    const sizes = measureBuild(dist);
    console.log(report(sizes));
    if (sizes.withinBudget) {
      console.log(`first-load budget: OK (${kb(sizes.firstLoad.jsGzip)} ≤ ${kb(sizes.budgetGzip)})`);
    } else
      console.error(
        `first-load budget: OVER by ${kb(sizes.firstLoad.jsGzip - sizes.budgetGzip)} (${kb(sizes.firstLoad.jsGzip)} > ${kb(sizes.budgetGzip)}): load what the first paint does not need with import() (see app/lazy.tsx)`,
      );
    process.exitCode = sizes.withinBudget ? 0 : 1;
  } catch (e) {
    console.error(`first-load budget: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
