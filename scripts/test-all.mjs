#!/usr/bin/env node
// `npm test`: typecheck, lint, unit tests, build, Playwright — every check, in order,
// then one summary line `N passed, N failed` summed from the vitest and Playwright JSON
// reports (plus one check each for typecheck, lint and build). Exits 1 on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
fs.mkdirSync('reports', { recursive: true });
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Chromium is missing at ${CHROMIUM}. Install it with:\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium fonts-liberation fonts-dejavu-core\n(or set CHROMIUM_PATH to a Chromium binary).`);
    return false;
  }
  return run('install Chromium', 'sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation fonts-dejavu-core']);
}

const checks = { passed: 0, failed: 0 };
const count = (ok) => (ok ? checks.passed++ : checks.failed++);

count(run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']));
count(run('lint', 'npx', ['eslint', '--max-warnings', '0', '.']));

for (const f of ['reports/vitest.json', 'reports/playwright.json']) fs.rmSync(f, { force: true });
const unitOk = run('unit tests', 'npx', ['vitest', 'run', '--project', 'unit', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest.json']);
const built = run('build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
count(built);
let e2eOk = false;
if (built && ensureChromium()) e2eOk = run('e2e (Playwright, Chromium)', 'npx', ['playwright', 'test']);
else console.error('e2e skipped: the build or Chromium is missing');

const unit = readJson('reports/vitest.json');
const e2e = readJson('reports/playwright.json');
let passed = checks.passed;
let failed = checks.failed;
if (unit) {
  passed += unit.numPassedTests ?? 0;
  failed += (unit.numFailedTests ?? 0) + (unit.numRuntimeErrorTestSuites ?? 0 ? 1 : 0);
} else failed += 1;
if (e2e?.stats) {
  passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
  failed += e2e.stats.unexpected ?? 0;
  if ((e2e.errors ?? []).length) failed += 1;
} else failed += 1;
if (!unitOk && unit && (unit.numFailedTests ?? 0) === 0 && !(unit.numRuntimeErrorTestSuites ?? 0)) failed += 1; // a suite that failed to load
if (!e2eOk && e2e?.stats && (e2e.stats.unexpected ?? 0) === 0 && !(e2e.errors ?? []).length) failed += 1;

console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;

function readJson(f) {
  try {
    return JSON.parse(fs.readFileSync(f, 'utf8'));
  } catch {
    return undefined;
  }
}
