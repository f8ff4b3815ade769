/**
 * Import-direction lint: lib ← model ← (rules, steps, share, import, export, simulate, migrate)
 * ← store ← (canvas, panels) ← app; steps also read rules; migrate (current vs target) reads rules and steps (the runbook asks the rule
 * engine what is an error instead of deciding it again). The pure core imports no React, zustand,
 * @xyflow/react or DOM-only packages. Prints one line per violation; exits 1 on any.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'app');

/** Layer → the layers it may import (itself always allowed). */
export const ALLOWED: Record<string, readonly string[]> = {
  lib: [],
  model: ['lib'],
  rules: ['lib', 'model'],
  steps: ['lib', 'model', 'rules'],
  share: ['lib', 'model'],
  import: ['lib', 'model'],
  export: ['lib', 'model', 'share', 'import'],
  simulate: ['lib', 'model', 'rules', 'steps'],
  migrate: ['lib', 'model', 'rules', 'steps'],
  cli: ['lib', 'model', 'rules', 'steps', 'share', 'import', 'export', 'simulate', 'migrate'],
  store: ['lib', 'model', 'rules', 'steps', 'share', 'import', 'export', 'simulate', 'migrate'],
  ui: ['lib', 'model'],
  canvas: ['lib', 'model', 'rules', 'steps', 'share', 'import', 'export', 'simulate', 'migrate', 'store', 'ui'],
  panels: ['lib', 'model', 'rules', 'steps', 'share', 'import', 'export', 'simulate', 'migrate', 'store', 'ui'],
  app: ['lib', 'model', 'rules', 'steps', 'share', 'import', 'export', 'simulate', 'migrate', 'store', 'ui', 'canvas', 'panels'],
};

const PURE = new Set(['lib', 'model', 'rules', 'steps', 'share', 'import', 'simulate', 'migrate']);
const UI_PACKAGES = /^(react|react-dom|zustand|@xyflow\/react|html-to-image|elkjs)(\/|$)/;

function layerOf(root: string, file: string): string {
  const rel = path.relative(root, file).split(path.sep);
  return rel.length === 1 ? 'app' : rel[0]!;
}

function* walk(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (/\.tsx?$/.test(e.name)) yield p;
  }
}

export function lint(root = APP_ROOT): string[] {
  const problems: string[] = [];
  for (const file of walk(root)) {
    const layer = layerOf(root, file);
    const allowed = ALLOWED[layer];
    const rel = path.relative(path.dirname(root), file);
    if (!allowed) {
      problems.push(`${rel}: folder "${layer}" is not a known layer (add it to scripts/lint-imports.ts)`);
      continue;
    }
    const isTest = /\.test\.tsx?$/.test(file) || /-test-kit\.ts$/.test(file);
    const text = fs.readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
    for (const spec of specs) {
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(root)) continue; // scripts/, shared/ (tests only)
        const to = layerOf(root, target.endsWith('.ts') || target.endsWith('.tsx') ? target : `${target}.ts`);
        if (to !== layer && !allowed.includes(to)) problems.push(`${rel}: ${layer} must not import ${to} ("${spec}")`);
      } else if (PURE.has(layer) && UI_PACKAGES.test(spec)) {
        problems.push(`${rel}: the pure core (${layer}) must not import "${spec}"`);
      } else if (PURE.has(layer) && spec.startsWith('node:') && !isTest && layer !== 'cli') {
        problems.push(`${rel}: the pure core (${layer}) must not import "${spec}" (it runs in the browser)`);
      }
    }
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const problems = lint();
  for (const p of problems) console.error(p);
  console.log(problems.length ? `lint: ${problems.length} import problem(s)` : 'lint: import directions OK');
  process.exitCode = problems.length ? 1 : 0;
}
