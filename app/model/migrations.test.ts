/**
 * Every migration has a describe block named after it here; the first test fails when
 * one is added without. The cross-module half of v1 → v2 (findings, share links,
 * exports) is in app/cli/format-v2-migration.test.ts, the one layer that sees them all.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbV1Document } from './arbitrary-test-kit';
import { migrate, MIGRATIONS, VERSIONS } from './migrations';
import { parseTopology } from './parse';
import { CURRENT_VERSION } from './schema';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

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

describe('v1-to-v2-additive', () => {
  it('takes any v1 document to a valid v2 document holding the same data', () => {
    fc.assert(
      fc.property(arbV1Document(), (v1) => {
        const r = parseTopology(JSON.stringify(v1));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value).toEqual(JSON.parse(JSON.stringify({ ...v1, version: 2 })));
        // A v2 document written from it reads back unchanged.
        expect(parseTopology(JSON.stringify(r.value))).toEqual(r);
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  it('changes nothing but the version, and does not touch its input', () => {
    const v1 = {
      format: 'sfb-topology',
      version: 1,
      name: 'x',
      deployment: { cmsHost: null, mode: 'greenfield' },
      sites: [],
      nodes: [],
      links: [],
    };
    const copy = structuredClone(v1);
    expect(migrate(v1, 1)).toEqual({ ok: true, value: { ...v1, version: 2 } });
    expect(v1).toEqual(copy);
  });

  it('refuses v2-only content in a document that says version 1 only where v2 would too (the schema is v2 after migration)', () => {
    // A v1 file with a Subscription Edition pool was never written by a v1 designer; read as v2 it is valid.
    const doc = {
      format: 'sfb-topology',
      version: 1,
      name: 'x',
      deployment: { cmsHost: null, mode: 'greenfield' },
      sites: [{ id: 's', name: 's', kind: 'central' }],
      nodes: [
        { id: 'm', kind: 'mediationPool', name: 'm', siteId: 's', productVersion: 'SE', fqdn: 'm.contoso.com', servers: 2 },
      ],
      links: [],
    };
    const r = parseTopology(doc);
    expect(r.ok && r.value.version).toBe(2);
  });
});
