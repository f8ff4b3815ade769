/** The budget counts the entry and its static imports, transitively, never a dynamic import. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstLoadKeys, measureBuild, type Manifest } from './first-load-budget';

const MANIFEST: Manifest = {
  'index.html': {
    file: 'assets/index.js',
    isEntry: true,
    imports: ['_shared.js'],
    dynamicImports: ['app/lazy-part.tsx'],
    css: ['assets/index.css'],
  },
  '_shared.js': { file: 'assets/shared.js', imports: ['_runtime.js'] },
  '_runtime.js': { file: 'assets/runtime.js', imports: ['_shared.js'] },
  'app/lazy-part.tsx': { file: 'assets/lazy-part.js', isDynamicEntry: true, imports: ['_shared.js'] },
};

function writeBuild(files: Record<string, string>): string {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-'));
  fs.mkdirSync(path.join(dist, '.vite'), { recursive: true });
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dist, f), text);
  return dist;
}

describe('first-load budget', () => {
  it('follows static imports (cycles included) and leaves dynamic imports out', () => {
    expect(firstLoadKeys(MANIFEST).sort()).toEqual(['_runtime.js', '_shared.js', 'index.html']);
  });

  it('fails a build whose first load is over the budget, and lists the lazy chunk apart', () => {
    const noise = (n: number) => Array.from({ length: n }, (_, i) => ((i * 7919) % 65_521).toString(36)).join('');
    const dist = writeBuild({
      'assets/index.js': noise(4_000),
      'assets/shared.js': 'x',
      'assets/runtime.js': 'y',
      'assets/lazy-part.js': noise(8_000),
      'assets/index.css': 'a{}',
    });
    const small = measureBuild(dist, 1_000_000);
    expect(small.withinBudget).toBe(true);
    expect(small.firstLoad.js.map((f) => f.file).sort()).toEqual(['assets/index.js', 'assets/runtime.js', 'assets/shared.js']);
    expect(small.lazy.map((f) => f.file)).toEqual(['assets/lazy-part.js']);
    expect(small.firstLoad.css.map((f) => f.file)).toEqual(['assets/index.css']);
    const tight = measureBuild(dist, small.firstLoad.jsGzip - 1);
    expect(tight.withinBudget).toBe(false);
  });
});
