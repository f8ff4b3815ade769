import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED, lint } from './lint-imports';

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

describe('import-direction lint', () => {
  it('reports a core module importing the store, and React in the core', () => {
    const dir = tree({
      'model/a.ts': "import { useStore } from '../store/store';\n",
      'rules/b.ts': "import { useState } from 'react';\n",
      'store/store.ts': "import { x } from '../model/a';\n",
    });
    const problems = lint(dir);
    expect(problems.some((p) => p.includes('model must not import store'))).toBe(true);
    expect(problems.some((p) => p.includes('must not import "react"'))).toBe(true);
    expect(problems.some((p) => p.includes('store/store.ts'))).toBe(false);
  });
  it('keeps the core below the store and the UI', () => {
    for (const core of ['model', 'rules', 'steps', 'share']) {
      expect(ALLOWED[core]).not.toContain('store');
      expect(ALLOWED[core]).not.toContain('canvas');
    }
    expect(ALLOWED.store).not.toContain('canvas');
    expect(ALLOWED.model).toEqual(['lib']);
  });
});
