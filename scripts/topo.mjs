#!/usr/bin/env node
// Launcher for `npm run topo`: runs a bundle of app/cli/main.ts, rebuilt with esbuild
// only when a source file is newer than it, so each call starts in well under a second.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'node_modules', '.cache', 'topo');
const out = path.join(outDir, 'topo.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

let builtAt = 0;
try {
  builtAt = fs.statSync(out).mtimeMs;
} catch {
  builtAt = 0; // not built yet
}
if (
  builtAt <
  Math.max(
    newestSource(path.join(root, 'app')),
    fs.statSync(fileURLToPath(import.meta.url)).mtimeMs,
    fs.statSync(path.join(root, 'package-lock.json')).mtimeMs,
  )
) {
  const esbuild = await import('esbuild');
  fs.mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(root, 'app/cli/main.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: false,
    logLevel: 'error',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
}
process.argv[1] = out;
await import(pathToFileURL(out).href);
