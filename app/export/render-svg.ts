/**
 * The design as a native SVG drawing: `<rect>`, `<path>` and `<text>` in standard fonts,
 * no `<foreignObject>`, no scripts, no external references, so Inkscape, Visio,
 * PowerPoint and browsers all show it. The topology travels in its `<metadata>` (the
 * designer reopens the file) and a title block sits under the drawing. Pure and
 * deterministic: the browser's Export and `topo render` produce the same bytes.
 */
import { parseTopology } from '../model/parse';
import type { Topology } from '../model/schema';
import {
  buildScene,
  type BadgeShape,
  type CardShape,
  type DiagramFinding,
  type DiagramScene,
  type IconShape,
  type LabelShape,
  type LinkShape,
  type SiteShape,
  type TextRun,
  type WanShape,
} from './diagram-scene';
import { iconMarkup, type DiagramThemeName, type Paint, type Severity } from './diagram-style';
import { escapeXml } from './escape';
import type { Box, Point } from './link-route';
import { appendTitleBlock, embedInSvg, titleBlockInfo, type FindingCounts } from './svg';
import { textWidth } from './text-metrics';

export const SANS = "'Segoe UI', Arial, 'Liberation Sans', Helvetica, sans-serif";
export const MONO = "'Cascadia Mono', Consolas, 'Liberation Mono', 'Courier New', monospace";

/** Numbers with at most two decimals: exact enough, and a third smaller. */
const n = (v: number): string => String(Math.round(v * 100) / 100);

const paintAttrs = (kind: 'fill' | 'stroke', p: Paint): string =>
  `${kind}="${p.color}"${p.opacity < 1 ? ` ${kind}-opacity="${n(p.opacity)}"` : ''}`;

function text(t: TextRun): string {
  const family = t.style === 'mono' ? ` font-family="${MONO}"` : '';
  const weight = t.style === 'bold' ? ' font-weight="bold"' : '';
  const anchor = t.anchor === 'middle' ? ' text-anchor="middle"' : '';
  return `<text x="${n(t.x)}" y="${n(t.y)}" font-size="${t.size}"${weight}${family}${anchor} fill="${t.color}">${escapeXml(t.text)}</text>`;
}

function icon(i: IconShape, width = 1.6): string {
  const s = i.size / 24;
  return `<g transform="translate(${n(i.x)} ${n(i.y)}) scale(${n(s)})" fill="none" stroke="${i.color}" stroke-width="${width}" stroke-linecap="round" stroke-linejoin="round">${iconMarkup(i.parts)}</g>`;
}

/** The severity marks of ui/kinds.tsx (circle ×, triangle !, square i), 12 pixels, centred on c. */
export function severityMark(severity: Severity, c: Point, color: string, fg: string): string {
  const t = `translate(${n(c.x - 6)} ${n(c.y - 6)}) scale(0.75)`;
  switch (severity) {
    case 'error':
      return `<g transform="${t}"><circle cx="8" cy="8" r="7" fill="${color}"/><path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="${fg}" stroke-width="1.8" stroke-linecap="round"/></g>`;
    case 'warning':
      return `<g transform="${t}"><path d="M8 1.2l7 13H1z" fill="${color}"/><path d="M8 6v4" stroke="${fg}" stroke-width="1.8" stroke-linecap="round"/><circle cx="8" cy="12.1" r="1" fill="${fg}"/></g>`;
    case 'info':
      return `<g transform="${t}"><rect x="1" y="1" width="14" height="14" rx="3.5" fill="${color}"/><path d="M8 7v4.5" stroke="${fg}" stroke-width="1.8" stroke-linecap="round"/><circle cx="8" cy="4.6" r="1" fill="${fg}"/></g>`;
  }
}

function badge(b: BadgeShape, fg: string): string {
  const r = b.box.height / 2;
  return `<g class="badge"><rect x="${n(b.box.x)}" y="${n(b.box.y)}" width="${n(b.box.width)}" height="${n(b.box.height)}" rx="${n(r)}" fill="${b.fill}" stroke="${b.color}" stroke-width="1.5"/>${severityMark(b.severity, b.icon, b.color, fg)}${text(b.count)}</g>`;
}

function rect(b: Box, rx: number, attrs: string): string {
  return `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" rx="${n(rx)}" ${attrs}/>`;
}

function site(s: SiteShape, fg: string): string {
  const { x, y, width } = s.box;
  const dash = s.branch ? ' stroke-dasharray="6 4"' : '';
  return (
    `<g class="site" id="site-${escapeXml(s.id)}">` +
    rect(s.box, 14, `${paintAttrs('fill', s.fill)} ${paintAttrs('stroke', s.stroke)} stroke-width="1.5"${dash}`) +
    `<path d="M${n(x + 1)} ${n(y + 40)}H${n(x + width - 1)}" fill="none" ${paintAttrs('stroke', s.rule)}${s.branch ? ' stroke-dasharray="4 3"' : ''}/>` +
    icon(s.icon, 1.7) +
    text(s.name) +
    (s.meta ? text(s.meta) : '') +
    (s.badge ? badge(s.badge, fg) : '') +
    `</g>`
  );
}

/** A card: rounded, a 4-pixel band of the kind's colour on its left (the canvas's border-left). */
function card(c: CardShape, fg: string): string {
  const { x, y, width: w, height: h } = c.box;
  const r = 10;
  // The band: the card's left rounded side, its inner edge curving as CSS draws a thick border.
  const band = `M${n(x + r)} ${n(y)}A${r} ${r} 0 0 0 ${n(x)} ${n(y + r)}V${n(y + h - r)}A${r} ${r} 0 0 0 ${n(x + r)} ${n(y + h)}A6 ${r} 0 0 1 ${n(x + 4)} ${n(y + h - r)}V${n(y + r)}A6 ${r} 0 0 1 ${n(x + r)} ${n(y)}Z`;
  const body = `M${n(x + r)} ${n(y)}H${n(x + w - r)}A${r} ${r} 0 0 1 ${n(x + w)} ${n(y + r)}V${n(y + h - r)}A${r} ${r} 0 0 1 ${n(x + w - r)} ${n(y + h)}H${n(x + r)}A6 ${r} 0 0 1 ${n(x + 4)} ${n(y + h - r)}V${n(y + r)}A6 ${r} 0 0 1 ${n(x + r)} ${n(y)}Z`;
  const outline = `M${n(x + r)} ${n(y + 0.5)}H${n(x + w - r)}A${r - 0.5} ${r - 0.5} 0 0 1 ${n(x + w - 0.5)} ${n(y + r)}V${n(y + h - r)}A${r - 0.5} ${r - 0.5} 0 0 1 ${n(x + w - r)} ${n(y + h - 0.5)}H${n(x + r)}`;
  const pills = c.pills
    .map((p) => rect(p.box, 8, `${paintAttrs('fill', p.fill)} ${paintAttrs('stroke', p.stroke)}`) + text(p.text))
    .join('');
  return (
    `<g class="card" id="node-${escapeXml(c.id)}"><title>${escapeXml(c.title)}</title>` +
    `<path d="${body}" fill="${c.fill}"/>` +
    `<path d="${outline}" fill="none" stroke="${c.border}"/>` +
    `<path d="${band}" fill="${c.accent}"/>` +
    icon(c.icon) +
    text(c.name) +
    (c.name2 ? text(c.name2) : '') +
    pills +
    text(c.fqdn) +
    c.facts.map(text).join('') +
    (c.badge ? badge(c.badge, fg) : '') +
    `</g>`
  );
}

const polyline = (pts: readonly Point[]): string => pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p.x)} ${n(p.y)}`).join('');

function link(l: LinkShape): string {
  const dash = l.dash ? ` stroke-dasharray="${l.dash}"` : '';
  const arrows = l.arrows.map((a) => `<path d="${polyline(a)}Z" fill="${l.color}"/>`).join('');
  return `<g class="link link-${l.kind}" id="link-${escapeXml(l.id)}"><path d="${polyline(l.points)}" fill="none" stroke="${l.color}" stroke-width="${l.width}"${dash} stroke-linejoin="round"/>${arrows}</g>`;
}

function label(l: LabelShape, fg: string): string {
  return `<g class="label">${rect(l.box, l.box.height / 2, `fill="${l.fill}" ${paintAttrs('stroke', l.stroke)}`)}${l.text.map(text).join('')}${l.badge ? badge(l.badge, fg) : ''}</g>`;
}

function wanLine(w: WanShape): string {
  const dash = w.dash ? ` stroke-dasharray="${w.dash}"` : '';
  return `<g class="site-link" id="site-link-${escapeXml(w.id)}"><path d="${polyline(w.points)}" fill="none" stroke="${w.color}" stroke-width="3"${dash} stroke-linejoin="round"/></g>`;
}

/** The drawing alone: an `<svg>` whose viewBox is the scene's bounds. */
export function sceneToSvg(scene: DiagramScene): string {
  const { bounds: b, theme } = scene;
  const fg = theme.name === 'dark' ? '#0f141b' : '#ffffff';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${b.width}" height="${b.height}" viewBox="${b.x} ${b.y} ${b.width} ${b.height}" font-family="${SANS}">` +
    `<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="${theme.background}" shape-rendering="crispEdges"/>` +
    // WAN lines under the frames (they run outside them, from border to border); their
    // labels over the server links that cross them, as on the canvas.
    `<g class="wan">${scene.wan.map(wanLine).join('')}</g>` +
    `<g class="sites">${scene.sites.map((s) => site(s, fg)).join('')}</g>` +
    `<g class="links">${scene.links.map(link).join('')}</g>` +
    `<g class="wan-labels">${scene.wan.map((w) => label(w.label, fg)).join('')}</g>` +
    `<g class="cards">${scene.cards.map((c) => card(c, fg)).join('')}</g>` +
    `<g class="labels">${scene.links.flatMap((l) => (l.label ? [label(l.label, fg)] : [])).join('')}</g>` +
    `</svg>`
  );
}

export interface SvgExportOptions {
  theme?: DiagramThemeName;
  findings?: readonly DiagramFinding[];
  /** Shown in the title block: a Date (as YYYY-MM-DD, UTC) or text. */
  date: Date | string;
  badges?: boolean;
}

export function countFindings(findings: readonly DiagramFinding[]): FindingCounts {
  const c: FindingCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity] += 1;
  return c;
}

/**
 * The exported SVG file: the drawing, the title block under it, the design embedded.
 * What the Export menu downloads and `topo render --format svg` prints.
 */
export function renderDesignSvg(input: Topology, options: SvgExportOptions): string {
  // The document in its canonical form (the parser's key order): the designer's copy and
  // a copy read back from a file then give the same bytes.
  const canonical = parseTopology(input);
  const doc = canonical.ok ? canonical.value : input;
  const findings = options.findings ?? [];
  const scene = buildScene(doc, {
    theme: options.theme ?? 'light',
    findings,
    ...(options.badges === false ? { badges: false } : {}),
  });
  const drawing = sceneToSvg(scene);
  const titled = appendTitleBlock(drawing, titleBlockInfo(doc, countFindings(findings), options.date), {
    blockWidth: Math.min(640, Math.max(420, Math.ceil(textWidth(doc.name, 15, 'bold') + 40))),
    background: scene.theme.background,
    colors: { fill: scene.theme.cardFill, border: scene.theme.text3, rule: scene.theme.cardBorder, text: scene.theme.text },
  });
  const embedded = embedInSvg(titled.ok ? titled.value : drawing, doc);
  // embedInSvg fails only on text that is not SVG or is far too large: neither can come from sceneToSvg.
  if (!embedded.ok) throw new Error(embedded.error.message);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${embedded.value}\n`;
}
