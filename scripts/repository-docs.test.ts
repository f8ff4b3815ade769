/**
 * What a stranger reads first: the README links every document, its quick start is the
 * two commands, every relative link in the docs leads somewhere, the licence is stated
 * twice the same way, and no document sends the reader to a folder only the team has.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../app/rules/registry';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');
const README = read('README.md');
const DOC_FILES = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => /\.(md|json)$/.test(f));
const MARKDOWN = [
  'README.md',
  'CONTRIBUTING.md',
  'SECURITY.md',
  'app/import/fixtures/README.md',
  ...DOC_FILES.filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
];

describe('README', () => {
  it.each([...DOC_FILES.map((f) => `docs/${f}`), 'CONTRIBUTING.md', 'SECURITY.md', 'LICENSE'])('links %s', (file) => {
    expect(README).toContain(`](${file})`);
  });

  it('has a quick start of exactly two commands: install and start, then test', () => {
    const quick = README.split('## Quick start')[1]!.split('```sh\n')[1]!.split('```')[0]!;
    const commands = quick
      .split('\n')
      .map((l) => l.replace(/#.*$/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual(['npm ci && npm start', 'npm test']);
  });

  it('states how many checks the rule engine runs', () => {
    const stated = /\((\d+) checks;/.exec(README)?.[1];
    expect(Number(stated), `README.md says "${stated} checks": make it ${RULES.length}`).toBe(RULES.length);
  });

  it('shows the screenshot it names', () => {
    const shot = /!\[[^\]]*\]\(([^)]+)\)/.exec(README)?.[1];
    expect(shot).toBeDefined();
    expect(fs.existsSync(path.join(ROOT, shot!))).toBe(true);
  });
});

describe('the documents', () => {
  it.each(MARKDOWN)('%s: every relative link leads to a file of this repository', (file) => {
    const text = read(file);
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^(https?:|mailto:|#)/.test(t));
    for (const t of targets)
      expect(fs.existsSync(path.resolve(path.dirname(path.join(ROOT, file)), t.split('#')[0]!)), `${file} → ${t}`).toBe(true);
  });

  it.each(MARKDOWN.filter((f) => f !== 'CONTRIBUTING.md'))('%s: sends no reader to a folder only the team has', (file) => {
    expect(read(file)).not.toMatch(/shared\//);
  });

  it('the licence is MIT in LICENSE and in package.json', () => {
    expect(read('LICENSE').startsWith('MIT License\n')).toBe(true);
    expect(JSON.parse(read('package.json')).license).toBe('MIT');
  });
});
