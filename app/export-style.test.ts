/**
 * The exports draw from plain data (app/export/diagram-style.ts) while the canvas draws
 * with React and CSS: this keeps the two from drifting apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { iconMarkup, KIND_FAMILY, KIND_ICON, LINK_STYLE, SITE_ICON, THEMES } from './export/diagram-style';
import { NODE_KINDS } from './model/schema';
import { KIND_META, KindIcon, LINK_STYLE as CANVAS_LINK_STYLE, SiteIcon } from './ui/kinds';

const inner = (svg: string) =>
  svg
    .replace(/^<svg[^>]*>/, '')
    .replace(/<\/svg>$/, '')
    .replace(/><\/(rect|path|circle|ellipse)>/g, '/>');

describe("the exported drawing speaks the canvas's visual language", () => {
  it('the same icon for every kind and site', () => {
    for (const k of NODE_KINDS)
      expect(iconMarkup(KIND_ICON[k]), k).toBe(inner(renderToStaticMarkup(createElement(KindIcon, { kind: k }))));
    expect(iconMarkup(SITE_ICON.central)).toBe(inner(renderToStaticMarkup(createElement(SiteIcon, { branch: false }))));
    expect(iconMarkup(SITE_ICON.branch)).toBe(inner(renderToStaticMarkup(createElement(SiteIcon, { branch: true }))));
  });

  it('the same family colour per kind and the same stroke per link kind', () => {
    for (const k of NODE_KINDS) expect(KIND_FAMILY[k], k).toBe(KIND_META[k].family);
    expect(LINK_STYLE).toEqual(CANVAS_LINK_STYLE);
  });

  it('the same colours as the stylesheet, in both themes', () => {
    const css = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'styles.css'), 'utf8');
    const block = (selector: string) => css.slice(css.indexOf(`${selector} {`), css.indexOf('}', css.indexOf(`${selector} {`)));
    for (const [selector, theme] of [
      [':root', THEMES.light],
      [":root[data-theme='dark']", THEMES.dark],
    ] as const) {
      const vars = block(selector);
      const v = (name: string) => new RegExp(`--${name}:\\s*([^;]+);`).exec(vars)?.[1]?.trim();
      expect(theme.background).toBe(v('canvas-bg'));
      expect(theme.cardFill).toBe(v('node-bg'));
      expect(theme.cardBorder).toBe(v('border'));
      expect([theme.text, theme.text2, theme.text3]).toEqual([v('text'), v('text-2'), v('text-3')]);
      expect([theme.edge, theme.edgeMuted]).toEqual([v('edge'), v('edge-muted')]);
      for (const f of ['registrar', 'sql', 'perimeter', 'voice', 'content', 'chat'] as const)
        expect(theme.family[f]).toBe(v(`f-${f}`));
      expect(theme.severity).toEqual({ error: v('error'), warning: v('warning'), info: v('info') });
    }
  });
});
