/**
 * The repository stands alone: nothing a user runs or reads points at files that only
 * the team has (the catalogue's and the procedures' internal notes, the folder beside
 * the clone they live in). Production code and its comments cite Microsoft's pages or
 * this repository's docs/; tests may read ../shared when it is there (the optional
 * suite), production code never. Checked on the sources under app/ and on the bundle the
 * browser loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APP = path.join(ROOT, 'app');

/**
 * `shared/` and the internal notes by name. A Microsoft page path such as
 * `…/capacity/user-model.md` or `…/migration/migration.md` is preceded by `-` or `/`
 * and so is not one of them.
 */
const INTERNAL_REFERENCE =
  /\.\.\/shared\b|\bshared\/(domain|spec|samples)\b|shared\/|(?<![\w/.-])(hadr-steps|rules|migration|model|topology-xml|topology-format|ux|cli)\.md\b/;

const isTestFile = (f: string) => /\.(test|spec)\.tsx?$/.test(f) || /-test-kit\.ts$/.test(f);

function* walk(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

function offending(text: string): string[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => INTERNAL_REFERENCE.test(line))
    .map(({ line, i }) => `${i + 1}: ${line.trim().slice(0, 160)}`);
}

describe('the repository stands alone', () => {
  it('the pattern finds what it is meant to find, and not Microsoft page paths', () => {
    for (const bad of [
      'see shared/domain/rules.md',
      '../shared/samples',
      'hadr-steps.md §2',
      '(topology-format.md)',
      'ux.md, "Keyboard"',
      'rules.md open question 7',
      '`cli.md`',
    ])
      expect(INTERNAL_REFERENCE.test(bad), bad).toBe(true);
    for (const good of [
      'Skype/SfbServer/plan-your-deployment/capacity/user-model.md',
      'Skype/SfBServer2019/migration/migration.md',
      'docs/rules.md',
      'docs/cli.md',
      'docs/format.md',
      'a shared file store',
    ])
      expect(INTERNAL_REFERENCE.test(good), good).toBe(false);
  });

  it('no production file under app/ (code, comments, user text) names shared/ or an internal note', () => {
    const found: string[] = [];
    let files = 0;
    for (const f of walk(APP)) {
      if (isTestFile(f) || !/\.(tsx?|css|html|json|md|svg)$/.test(f)) continue;
      files++;
      for (const hit of offending(fs.readFileSync(f, 'utf8'))) found.push(`${path.relative(ROOT, f)}:${hit}`);
    }
    expect(files).toBeGreaterThan(100);
    expect(found, 'cite the Microsoft Learn page, say it in words, or cite docs/… instead').toEqual([]);
  });

  it('the page, the public files and the bundled app name neither', async () => {
    const bundle = await build({
      entryPoints: [path.join(APP, 'main.tsx')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      logLevel: 'silent',
      jsx: 'automatic',
      loader: { '.css': 'css', '.svg': 'dataurl', '.png': 'dataurl' },
      outdir: path.join(ROOT, 'dist-check'),
    });
    const texts = bundle.outputFiles.map((o) => ({ name: path.basename(o.path), text: o.text }));
    expect(texts.some((t) => t.name.endsWith('.js') && t.text.includes('BE-AG-LISTENER-FQDN'))).toBe(true);
    texts.push({ name: 'index.html', text: fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8') });
    for (const f of fs.readdirSync(path.join(ROOT, 'public')))
      if (/\.(html|json|svg|txt|webmanifest)$/.test(f))
        texts.push({ name: `public/${f}`, text: fs.readFileSync(path.join(ROOT, 'public', f), 'utf8') });
    // And the vite build when one is there (npm test builds after the unit tests).
    const dist = path.join(ROOT, 'dist');
    if (fs.existsSync(dist))
      for (const f of walk(dist))
        if (/\.(js|css|html|json|webmanifest)$/.test(f))
          texts.push({ name: path.relative(ROOT, f), text: fs.readFileSync(f, 'utf8') });
    const found = texts.flatMap((t) => {
      const m = INTERNAL_REFERENCE.exec(t.text);
      return m ? [`${t.name}: …${t.text.slice(Math.max(0, m.index - 60), m.index + 40)}…`] : [];
    });
    expect(found).toEqual([]);
  }, 60_000);
});
