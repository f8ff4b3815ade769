/**
 * The registry against the rule catalogue and its migration addendum (docs/rules.md):
 * every engine check is implemented with the catalogue's
 * severity, no structural rule is registered, every implemented rule has a describeRule
 * test, and the generated catalogue data is current.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADDITIONS_MD, MIGRATION_MD, parseCatalogue, renderCatalogue, RULES_MD } from '../../scripts/gen-catalogue';
import { CATALOGUE } from './catalogue.generated';
import { RULES } from './registry';

const here = path.dirname(new URL(import.meta.url).pathname);
const hasShared = fs.existsSync(RULES_MD) && fs.existsSync(MIGRATION_MD);

describe('rule catalogue', () => {
  it.runIf(hasShared)(
    `catalogue.generated.ts matches the catalogue and its migration addendum (run npx tsx scripts/gen-catalogue.ts)${hasShared ? '' : ' (skipped: no ../shared)'}`,
    () => {
      const fresh = renderCatalogue(
        parseCatalogue(
          fs.readFileSync(RULES_MD, 'utf8'),
          fs.readFileSync(MIGRATION_MD, 'utf8'),
          fs.readFileSync(ADDITIONS_MD, 'utf8'),
        ),
      );
      expect(fs.readFileSync(path.join(here, 'catalogue.generated.ts'), 'utf8')).toBe(fresh);
    },
  );

  it('holds 257 entries with unique ids: 225 of the catalogue (8 replaced by the addendum), 31 new ones of the addendum and 1 of this repository', () => {
    expect(CATALOGUE.length).toBe(257);
    expect(CATALOGUE.filter((e) => ['LIFE', 'SUB', 'UPG', 'MIG', 'COEX'].includes(e.family)).length).toBe(32);
    expect(CATALOGUE.some((e) => e.id === 'MIG-CMS-ON-LEGACY')).toBe(true);
    expect(new Set(CATALOGUE.map((e) => e.id)).size).toBe(CATALOGUE.length);
  });

  const engineChecks = (tier: '1' | '2' | 'v2') => CATALOGUE.filter((e) => e.tier === tier && !e.structural).map((e) => e.id);
  const registered = new Set(RULES.map((r) => r.id));

  it('implements every tier-1 engine check (99)', () => {
    const ids = engineChecks('1');
    expect(ids.length).toBe(99);
    expect(ids.filter((id) => !registered.has(id))).toEqual([]);
  });

  it('implements every tier-2 engine check (61)', () => {
    const ids = engineChecks('2');
    expect(ids.length).toBe(61);
    expect(ids.filter((id) => !registered.has(id))).toEqual([]);
  });

  it('implements every check on format v2 fields (62: 42 of the catalogue, 20 of the migration addendum)', () => {
    const ids = engineChecks('v2');
    expect(ids.length).toBe(62);
    expect(ids.filter((id) => !registered.has(id))).toEqual([]);
  });

  it('registers 222 checks in all', () => {
    expect(RULES.length).toBe(222);
  });

  it('registers each rule once, with the catalogue severity and tier', () => {
    expect(registered.size).toBe(RULES.length);
    for (const r of RULES) {
      const e = CATALOGUE.find((x) => x.id === r.id)!;
      expect(e, r.id).toBeDefined();
      expect(r.severity, r.id).toBe(e.severity);
      expect(r.tier, r.id).toBe(e.tier);
      expect(e.structural, `${r.id} is structural`).toBe(false);
      expect(r.docs.length, `${r.id} cites no source`).toBeGreaterThan(0);
      expect(r.title.length, `${r.id} has no title`).toBeGreaterThan(3);
    }
  });

  it('has a describeRule test (triggering and passing cases) for every registered rule', () => {
    const tested = new Set<string>();
    for (const f of fs.readdirSync(here)) {
      if (!f.endsWith('.test.ts')) continue;
      const text = fs.readFileSync(path.join(here, f), 'utf8');
      for (const m of text.matchAll(/describeRule\(\s*['"]([A-Z0-9-]+)['"]/g)) tested.add(m[1]!);
    }
    expect(RULES.map((r) => r.id).filter((id) => !tested.has(id))).toEqual([]);
  });
});
