import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import layers, { ALLOWED, PURE } from './eslint-layers.mjs';

const root = path.resolve('/repo/app');
const linter = new Linter({ configType: 'flat', cwd: '/repo' });

/** The layer rule's messages for `code` as the file `file` (relative to app/). */
function problems(file: string, code: string): string[] {
  const config = [
    { files: ['**/*.ts', '**/*.tsx'], plugins: { layers }, rules: { 'layers/direction': ['error', { appRoot: root }] } },
  ] as Linter.Config[];
  return linter.verify(code, config, { filename: path.join(root, file) }).map((m) => m.message);
}

describe('layer rule', () => {
  it('reports a core module importing the store, and React in the core', () => {
    expect(problems('model/a.ts', "import { x } from '../store/store';")).toEqual([
      expect.stringContaining('model must not import store'),
    ]);
    expect(problems('rules/b.ts', "import { useState } from 'react';")).toEqual([
      expect.stringContaining('must not import "react"'),
    ]);
    expect(problems('store/store.ts', "import { x } from '../model/a';")).toEqual([]);
  });

  it('sees re-exports and dynamic imports too', () => {
    expect(problems('rules/a.ts', "export { x } from '../steps/plan';")).toHaveLength(1);
    expect(problems('steps/a.ts', "export * from '../canvas/x';")).toHaveLength(1);
    expect(problems('model/a.ts', "const m = await import('../panels/x');")).toHaveLength(1);
  });

  it('treats export and cli as pure: no UI package; node: modules only in cli', () => {
    expect(problems('export/png.ts', "import { toPng } from 'html-to-image';")).toHaveLength(1);
    expect(problems('cli/main.ts', "import { create } from 'zustand';")).toHaveLength(1);
    expect(problems('cli/input.ts', "import fs from 'node:fs';")).toEqual([]);
    expect(problems('export/open.ts', "import fs from 'node:fs';")).toEqual([expect.stringContaining('runs in the browser')]);
    expect(problems('export/open.test.ts', "import fs from 'node:fs';")).toEqual([]);
  });

  it('keeps test support out of production code, and lets tests and test kits use it', () => {
    expect(problems('model/generate.ts', "import fc from 'fast-check';")).toEqual([expect.stringContaining('test support')]);
    expect(problems('store/x.ts', "import { it } from 'vitest';")).toHaveLength(1);
    expect(problems('rules/engine.ts', "import { ruleKit } from './rule-test-kit';")).toHaveLength(1);
    expect(problems('panels/x.tsx', "import { arbTopology } from '../model/arbitrary-test-kit';")).toHaveLength(1);
    expect(problems('model/parse.test.ts', "import fc from 'fast-check';\nimport { a } from './arbitrary-test-kit';")).toEqual(
      [],
    );
    expect(problems('model/arbitrary-test-kit.ts', "import fc from 'fast-check';")).toEqual([]);
  });

  it('refuses an unknown folder and production imports from outside app/', () => {
    expect(problems('widgets/a.ts', "import { x } from '../model/a';")).toEqual([expect.stringContaining('not a known layer')]);
    expect(problems('model/a.ts', "import { x } from '../../scripts/bench';")).toEqual([expect.stringContaining('outside app/')]);
  });

  it('keeps the core below the store and the UI', () => {
    for (const core of PURE) {
      expect(ALLOWED[core as keyof typeof ALLOWED]).not.toContain('store');
      expect(ALLOWED[core as keyof typeof ALLOWED]).not.toContain('canvas');
    }
    expect(ALLOWED.store).not.toContain('canvas');
    expect(ALLOWED.model).toEqual(['lib']);
  });
});
