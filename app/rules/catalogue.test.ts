/**
 * The registry against the catalogue (shared/domain/rules.md): every tier-1 and
 * tier-2 engine check is implemented with the catalogue's severity, no structural or
 * needs-v2 rule is registered, every implemented rule has a describeRule test, and the
 * generated catalogue data is current.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalogue, renderCatalogue, RULES_MD } from '../../scripts/gen-catalogue';
import { CATALOGUE } from './catalogue.generated';
import { RULES } from './registry';

const here = path.dirname(new URL(import.meta.url).pathname);
const hasShared = fs.existsSync(RULES_MD);

describe('rule catalogue', () => {
  it.runIf(hasShared)(`catalogue.generated.ts matches the catalogue it is generated from (run npx tsx scripts/gen-catalogue.ts)${hasShared ? '' : ' (skipped: no ../shared)'}`, () => {
    const fresh = renderCatalogue(parseCatalogue(fs.readFileSync(RULES_MD, 'utf8')));
    expect(fs.readFileSync(path.join(here, 'catalogue.generated.ts'), 'utf8')).toBe(fresh);
  });

  it('holds 225 entries with unique ids', () => {
    expect(CATALOGUE.length).toBe(225);
    expect(new Set(CATALOGUE.map((e) => e.id)).size).toBe(CATALOGUE.length);
  });

  const engineChecks = (tier: '1' | '2') => CATALOGUE.filter((e) => e.tier === tier && !e.structural).map((e) => e.id);
  const registered = new Set(RULES.map((r) => r.id));

  it('implements every tier-1 engine check (97)', () => {
    const ids = engineChecks('1');
    expect(ids.length).toBe(97);
    expect(ids.filter((id) => !registered.has(id))).toEqual([]);
  });

  it('implements every tier-2 engine check (52)', () => {
    const ids = engineChecks('2');
    expect(ids.length).toBe(52);
    expect(ids.filter((id) => !registered.has(id))).toEqual([]);
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
