import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  OBSERVES_EVERY_MOUNT,
  OBSERVES_UNMEASURED,
  withoutMeasuringDeclared,
  xyflowDeclaredSizes,
  xyflowDeclaredSizesInDeps,
} from './xyflow-declared-sizes';

// The module the build takes (package.json's "module").
const installed = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@xyflow/react/package.json')),
  'dist',
  'esm',
  'index.js',
);

describe('React Flow without measuring nodes of a declared size', () => {
  it('patches the installed React Flow in exactly one place: the observation of a newly mounted node', () => {
    const code = fs.readFileSync(installed, 'utf8');
    const r = withoutMeasuringDeclared(code);
    if (!r.ok) throw new Error(r.message);
    expect(r.code).not.toContain(OBSERVES_EVERY_MOUNT);
    expect(r.code).toContain(`!node.hidden && ${OBSERVES_UNMEASURED})`);
    expect(r.code.length).toBe(code.length - OBSERVES_EVERY_MOUNT.length + OBSERVES_UNMEASURED.length);
  });

  it('stops the build, naming the file to update, when React Flow has changed (near miss: twice or not at all)', () => {
    for (const code of ['function useNodeObserver() {}', `${OBSERVES_EVERY_MOUNT};${OBSERVES_EVERY_MOUNT}`]) {
      const r = withoutMeasuringDeclared(code);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/scripts\/xyflow-declared-sizes\.ts/);
    }
  });

  it('applies to the React Flow module in the build and to nothing else', () => {
    const plugin = xyflowDeclaredSizes();
    const transform = plugin.transform as (
      this: { error: (m: string) => never },
      code: string,
      id: string,
    ) => { code: string } | null;
    const ctx = {
      error: (m: string): never => {
        throw new Error(m);
      },
    };
    expect(plugin.apply).toBe('build');
    expect(transform.call(ctx, OBSERVES_EVERY_MOUNT, '/x/node_modules/@xyflow/react/dist/esm/index.js')?.code).toBe(
      OBSERVES_UNMEASURED,
    );
    expect(transform.call(ctx, OBSERVES_EVERY_MOUNT, '/x/node_modules/@xyflow/react/dist/esm/index.mjs?v=1')?.code).toBe(
      OBSERVES_UNMEASURED,
    );
    expect(transform.call(ctx, OBSERVES_EVERY_MOUNT, '/x/app/canvas/to-flow.ts')).toBeNull();
    expect(() => transform.call(ctx, 'changed', '/x/node_modules/@xyflow/react/dist/esm/index.js')).toThrow(
      /xyflow-declared-sizes/,
    );
  });

  it('gives the dev server the same patch where it bundles React Flow, and stops it the same way', () => {
    const plugin = xyflowDeclaredSizesInDeps();
    const id = '/x/node_modules/@xyflow/react/dist/esm/index.js';
    expect(plugin.transform(`if (a && ${OBSERVES_EVERY_MOUNT}) {}`, id)?.code).toBe(`if (a && ${OBSERVES_UNMEASURED}) {}`);
    expect(plugin.transform(OBSERVES_EVERY_MOUNT, '/x/node_modules/zustand/esm/index.mjs')).toBeNull();
    expect(() => plugin.transform('changed', id)).toThrow(/xyflow-declared-sizes/);
  });
});
