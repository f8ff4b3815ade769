/**
 * The stylesheet's blocks all close. A merge that drops one "}" does not break the build:
 * the browser nests every later rule inside the open block (an @media print, say), and the
 * panels after it lose their styles without a word. This caught it once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CSS = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'styles.css'), 'utf8');

/** Depth of { } nesting at each top-level section comment, and at the end; strings and comments skipped. */
function depths(css: string): { sectionDepths: { line: number; depth: number }[]; end: number; min: number } {
  let depth = 0;
  let min = 0;
  let line = 1;
  const sectionDepths: { line: number; depth: number }[] = [];
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (c === '\n') line++;
    else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      const body = css.slice(i, end < 0 ? css.length : end);
      if (/^\/\* -{8,}/.test(body)) sectionDepths.push({ line, depth });
      line += body.split('\n').length - 1;
      i = end < 0 ? css.length : end + 1;
    } else if (c === '"' || c === "'") {
      const end = css.indexOf(c, i + 1);
      i = end < 0 ? css.length : end;
    } else if (c === '{') depth++;
    else if (c === '}') min = Math.min(min, --depth);
  }
  return { sectionDepths, end: depth, min };
}

describe('styles.css', () => {
  const d = depths(CSS);
  it('closes every block it opens, and never closes one it did not open', () => {
    expect(d.min).toBe(0);
    expect(d.end).toBe(0);
  });
  it('starts every section ("/* ----…") at the top level, outside any block', () => {
    expect(d.sectionDepths.filter((s) => s.depth !== 0)).toEqual([]);
    expect(d.sectionDepths.length).toBeGreaterThan(5);
  });
  it('would see a dropped "}"', () => {
    const broken = CSS.replace(/(@media print \{[^}]*\{[^}]*\})\s*\}/, '$1');
    expect(broken).not.toBe(CSS);
    expect(depths(broken).end).toBe(1);
  });

  it("draws the opening frame in the dark theme's colours when the system is dark", () => {
    const block = (selector: string) => {
      const start = CSS.indexOf(`${selector} {`);
      expect(start, selector).toBeGreaterThanOrEqual(0);
      const body = CSS.slice(start, CSS.indexOf('}', start));
      return new Map([...body.matchAll(/(--[\w-]+|color-scheme):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
    };
    const dark = block(":root[data-theme='dark']");
    const opening = block(':root:not([data-theme])');
    expect(opening.size).toBeGreaterThan(5);
    for (const [name, value] of opening) expect(value, name).toBe(dark.get(name));
    // Every colour the opening frame uses is set there.
    const frame = CSS.slice(CSS.indexOf('.app-opening-canvas {'), CSS.indexOf('.app-opening-text {') + 80);
    for (const v of frame.matchAll(/var\((--[\w-]+)\)/g)) expect(opening.has(v[1]!), v[1]).toBe(true);
  });
});
