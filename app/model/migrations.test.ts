/**
 * Every migration has a describe block named after it here; the first test fails when
 * one is added without. With format version 1 there is nothing to migrate yet, but the
 * table must stay consistent with CURRENT_VERSION.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, VERSIONS } from './migrations';
import { CURRENT_VERSION } from './schema';

describe('format versions and migrations', () => {
  it('has a test for every migration', () => {
    const text = fs.readFileSync(new URL(import.meta.url), 'utf8');
    for (const m of MIGRATIONS) expect(text, `no describe('${m.name}') in migrations.test.ts`).toContain(`describe('${m.name}'`);
  });

  it('lists versions 1..CURRENT_VERSION and one migration between each pair', () => {
    expect(VERSIONS.map((v) => v.version)).toEqual(Array.from({ length: CURRENT_VERSION }, (_, i) => i + 1));
    expect(MIGRATIONS.length).toBe(CURRENT_VERSION - 1);
    MIGRATIONS.forEach((m, i) => {
      expect(m.from).toBe(i + 1);
      expect(m.to).toBe(i + 2);
    });
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });

  it('leaves a current document as it is', () => {
    const doc = { format: 'sfb-topology', version: CURRENT_VERSION, name: 'x' };
    const r = migrate(doc, CURRENT_VERSION);
    expect(r).toEqual({ ok: true, value: doc });
  });
});
