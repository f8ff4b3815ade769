/**
 * The generated docs are current: docs/rules.md, the generated regions of docs/format.md
 * and docs/topology.schema.json are exactly what scripts/gen-docs.ts writes from the code.
 * When this fails, run `npm run docs` and commit the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { docTitle } from '../app/model/doc-url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../app/rules/catalogue.generated';
import { RULES } from '../app/rules/registry';
import { catalogueRows } from '../app/rules/catalogue-view';
import { DOCS, fillRegions, generatedDocs, REGENERATE, renderRulesMd, topologyJsonSchema } from './gen-docs';

describe('generated docs', () => {
  const fresh = generatedDocs();

  it.each(fresh.map((f) => f.file))(`docs/%s is current (if not: run ${REGENERATE})`, (file) => {
    const want = fresh.find((f) => f.file === file)!.content;
    const have = fs.existsSync(path.join(DOCS, file)) ? fs.readFileSync(path.join(DOCS, file), 'utf8') : '(missing)';
    // A plain comparison first, so the failure says what to do rather than printing 200 KB of diff.
    if (have !== want)
      expect.fail(
        `docs/${file} is stale: it no longer matches the code it is generated from. Run \`${REGENERATE}\` and commit the result.`,
      );
  });

  it('rules.md regenerates byte-identically and names every catalogue entry once, with its severity and its sources', () => {
    const md = renderRulesMd();
    expect(renderRulesMd()).toBe(md);
    for (const e of CATALOGUE) {
      expect(md.split(`\n### ${e.id}\n`).length, e.id).toBe(2);
      const section = md.split(`\n### ${e.id}\n`)[1]!.split('\n### ')[0]!;
      expect(section, e.id).toContain(`**${e.severity}**`);
      for (const d of e.docs) expect(section, `${e.id} cites ${d}`).toContain(docTitle(d));
    }
    expect(md).toContain(`checks **${RULES.length}**`);
  });

  it('the Rules page and rules.md read the same rows', () => {
    const rows = catalogueRows();
    expect(rows.map((r) => r.id)).toEqual(CATALOGUE.map((e) => e.id));
    expect(
      rows
        .filter((r) => r.status === 'checked')
        .map((r) => r.id)
        .sort(),
    ).toEqual(RULES.map((r) => r.id).sort());
  });

  it('format.md keeps its prose and refuses a generated region the code does not know', () => {
    const text = fs.readFileSync(path.join(DOCS, 'format.md'), 'utf8');
    expect(text).toContain('## Reading rules');
    expect(() => fillRegions('prose without regions', { versions: 'x' })).toThrow(/lacks the generated region\(s\) versions/);
    expect(fillRegions('a\n<!-- generated:versions -->\nold\n<!-- /generated:versions -->\nb', { versions: 'new' })).toBe(
      'a\n<!-- generated:versions -->\nnew\n<!-- /generated:versions -->\nb',
    );
    expect(() => fillRegions('<!-- generated:nonsense -->\nx\n<!-- /generated:nonsense -->', {})).toThrow(
      /unknown generated region "nonsense"/,
    );
  });

  it('format.md names every field of the schema, at every depth, and gives each a meaning', () => {
    const md = fs.readFileSync(path.join(DOCS, 'format.md'), 'utf8');
    type Json = { [k: string]: unknown };
    const names = new Set<string>();
    const walk = (s: unknown): void => {
      if (!s || typeof s !== 'object') return;
      const o = s as Json;
      for (const [k, v] of Object.entries((o.properties ?? {}) as Record<string, unknown>)) {
        names.add(k);
        walk(v);
      }
      for (const key of ['items', 'additionalProperties']) walk(o[key]);
      for (const key of ['oneOf', 'anyOf', 'allOf']) if (Array.isArray(o[key])) for (const v of o[key] as unknown[]) walk(v);
    };
    walk(topologyJsonSchema());
    expect(names.size).toBeGreaterThan(100);
    const missing = [...names].filter((n) => !md.includes(`\`${n}\``));
    expect(missing).toEqual([]);
    // Every row of a field table says what the field means.
    const rows = md.split('\n').filter((l) => /^\| `[^`]+` \| .* \| (yes|no) \|/.test(l));
    expect(rows.length).toBeGreaterThan(150);
    const blank = rows.filter((l) => /\| (yes|no) \|\s*\|$/.test(l));
    expect(blank).toEqual([]);
  });
});
