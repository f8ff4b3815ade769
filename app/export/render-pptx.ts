/**
 * The design as a PowerPoint deck (pptxgenjs, loaded only when asked for): slide 1 the
 * diagram as native shapes an architect can edit (site frames, cards with their text,
 * link labels) joined by real connectors glued to the cards, so moving a card in
 * PowerPoint drags its links along; slide 2 the findings summary; then one slide per
 * failover runbook. The same scene as the SVG and PDF exports.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Topology } from '../model/schema';
import {
  buildScene,
  type BadgeShape,
  type CardShape,
  type DiagramScene,
  type LabelShape,
  type LinkShape,
  type WanShape,
} from './diagram-scene';
import type { Paint } from './diagram-style';
import { displayText } from './escape';
import type { Box, Point } from './link-route';
import { designFacts, findingsSummary, groupFindings, toolName, type ReportInput, type ReportStep } from './report';
import { iconOps } from './svg-path';

export interface PptxOptions {
  date: Date | string;
}

const SLIDE_W = 13.333;
const SLIDE_H = 7.5;
// Arial and Courier New: the metrics the scene fitted its text with (text-metrics.ts), on every system.
const FONT = 'Arial';
const MONO = 'Courier New';
const INK = '1B2433';
const GREY = '556173';

const col = (c: string) => c.replace('#', '').toUpperCase();
const paint = (p: Paint) => ({
  color: col(p.color),
  ...(p.opacity < 1 ? { transparency: Math.round((1 - p.opacity) * 100) } : {}),
});
const formatDate = (d: Date | string) =>
  typeof d === 'string' ? d : Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
/** PowerPoint's dash presets closest to each link's dashes. */
const DASH: Record<string, 'dash' | 'sysDot' | 'lgDashDot' | 'sysDash'> = {
  '6 3': 'dash',
  '8 5': 'dash',
  '1.5 4': 'sysDot',
  '10 4 2 4': 'lgDashDot',
  '4 3': 'sysDash',
};

interface Placement {
  x: (v: number) => number;
  y: (v: number) => number;
  len: (v: number) => number;
  pt: (px: number) => number;
}

function placement(scene: DiagramScene, top: number): Placement {
  const b = scene.bounds;
  const s = Math.min((SLIDE_W - 0.4) / b.width, (SLIDE_H - top - 0.2) / b.height);
  const ox = (SLIDE_W - b.width * s) / 2;
  return {
    x: (v) => ox + (v - b.x) * s,
    y: (v) => top + (v - b.y) * s,
    len: (v) => v * s,
    pt: (px) => Math.max(4, Math.round(px * s * 72 * 10) / 10),
  };
}

/** Which side of a card a route leaves from: PowerPoint's connection sites of a rectangle (0 top, 1 left, 2 bottom, 3 right). */
function siteIndex(card: Box, p: Point): number {
  const d = [
    Math.abs(p.y - card.y),
    Math.abs(p.x - card.x),
    Math.abs(p.y - (card.y + card.height)),
    Math.abs(p.x - (card.x + card.width)),
  ];
  return d.indexOf(Math.min(...d));
}

// pptxgenjs's types, reduced to what is used here (the package is imported dynamically).
type Slide = {
  addShape(shape: string, o: Record<string, unknown>): void;
  addText(text: string | { text: string; options?: Record<string, unknown> }[], o: Record<string, unknown>): void;
  addTable(rows: { text: string; options?: Record<string, unknown> }[][], o: Record<string, unknown>): void;
  addNotes(text: string): void;
  background?: { color: string };
};

function badgeShape(slide: Slide, b: BadgeShape, at: Placement, fill: string): void {
  const mark = b.severity === 'error' ? '\u00d7' : b.severity === 'warning' ? '!' : 'i';
  slide.addText([{ text: `${mark} ${b.count.text}`, options: { bold: true, color: col(b.color) } }], {
    shape: 'roundRect',
    x: at.x(b.box.x),
    y: at.y(b.box.y),
    w: at.len(b.box.width),
    h: at.len(b.box.height),
    rectRadius: at.len(b.box.height / 2),
    fill: { color: col(fill) },
    line: { color: col(b.color), width: 1 },
    fontFace: FONT,
    fontSize: at.pt(11),
    align: 'center',
    valign: 'middle',
    margin: 0,
    wrap: false,
  });
}

function drawDiagram(slide: Slide, scene: DiagramScene, at: Placement): void {
  const { theme } = scene;
  // WAN links under the frames, as in the SVG; their labels come with the others.
  for (const w of scene.wan) wanLine(slide, w, at);
  for (const s of scene.sites) {
    slide.addShape('roundRect', {
      x: at.x(s.box.x),
      y: at.y(s.box.y),
      w: at.len(s.box.width),
      h: at.len(s.box.height),
      rectRadius: at.len(14),
      fill: paint(s.fill),
      line: { ...paint(s.stroke), width: 1.25, ...(s.branch ? { dashType: 'dash' } : {}) },
      objectName: `site:${s.id}`,
    });
    slide.addText(
      [
        { text: s.name.text, options: { bold: true, color: col(s.name.color), fontSize: at.pt(s.name.size) } },
        ...(s.meta ? [{ text: `  ${s.meta.text}`, options: { color: col(s.meta.color), fontSize: at.pt(s.meta.size) } }] : []),
      ],
      {
        x: at.x(s.name.x),
        y: at.y(s.box.y),
        w: at.len(s.box.x + s.box.width - 14 - s.name.x),
        h: at.len(40),
        fontFace: FONT,
        valign: 'middle',
        margin: 0,
        wrap: false,
        objectName: `site-name:${s.id}`,
      },
    );
    icon(slide, s.icon, at, 1.7);
    if (s.badge) badgeShape(slide, s.badge, at, theme.badgeFill);
  }
  // Links under the cards, as on the canvas (a connector may name a card drawn after it).
  for (const l of scene.links) link(slide, l, at);
  for (const c of scene.cards) card(slide, c, at);
  for (const l of scene.links) {
    if (!l.label) continue;
    const b = l.label.box;
    const textW = l.label.badge ? l.label.badge.box.x - b.x : b.width;
    labelPill(
      slide,
      l.label.text.map((t, i) => ({
        text: t.text,
        options: { bold: true, color: col(t.color), ...(i < l.label!.text.length - 1 ? { breakLine: true } : {}) },
      })),
      { ...b, width: textW },
      l.label,
      at,
      `label:${l.id}`,
    );
    if (l.label.badge) badgeShape(slide, l.label.badge, at, theme.badgeFill);
  }
  for (const w of scene.wan) {
    const b = w.label.box;
    labelPill(
      slide,
      w.label.text.map((t) => ({ text: t.text, options: { bold: true, color: col(t.color) } })),
      b,
      w.label,
      at,
      `wan-label:${w.id}`,
    );
  }
}

/** A link's or WAN link's label: a rounded pill of bold text, as on the canvas. */
function labelPill(
  slide: Slide,
  runs: Parameters<Slide['addText']>[0],
  box: { x: number; y: number; width: number; height: number },
  paintOf: Pick<LabelShape, 'fill' | 'stroke'>,
  at: Placement,
  objectName: string,
): void {
  slide.addText(runs, {
    shape: 'roundRect',
    x: at.x(box.x),
    y: at.y(box.y),
    w: at.len(box.width),
    h: at.len(box.height),
    rectRadius: at.len(box.height / 2),
    fill: { color: col(paintOf.fill) },
    line: { ...paint(paintOf.stroke), width: 0.75 },
    fontFace: FONT,
    fontSize: at.pt(10.5),
    align: 'center',
    valign: 'middle',
    margin: 0,
    wrap: false,
    objectName,
  });
}

/** A WAN link: a thick freeform polyline between two site frames, dashed when single path. */
function wanLine(slide: Slide, w: WanShape, at: Placement): void {
  polyline(
    slide,
    w.points,
    { color: col(w.color), width: Math.max(0.75, at.len(3) * 72), ...(w.dash ? { dashType: 'dash' as const } : {}) },
    at,
    `wan:${w.id}`,
  );
}

/** A freeform polyline through `points` (a shape of their bounding box, at least one unit each way). */
function polyline(
  slide: Slide,
  points: readonly Point[],
  line: Record<string, unknown>,
  at: Placement,
  objectName: string,
): void {
  const minX = Math.min(...points.map((p) => p.x));
  const minY = Math.min(...points.map((p) => p.y));
  slide.addShape('custGeom', {
    x: at.x(minX),
    y: at.y(minY),
    w: at.len(Math.max(1, Math.max(...points.map((p) => p.x)) - minX)),
    h: at.len(Math.max(1, Math.max(...points.map((p) => p.y)) - minY)),
    points: points.map((p, i) => ({ x: at.len(p.x - minX), y: at.len(p.y - minY), ...(i === 0 ? { moveTo: true } : {}) })),
    line,
    objectName,
  });
}

function icon(
  slide: Slide,
  i: { parts: CardShape['icon']['parts']; x: number; y: number; size: number; color: string },
  at: Placement,
  width: number,
): void {
  const k = i.size / 24;
  const points: Record<string, unknown>[] = [];
  for (const part of i.parts)
    for (const o of iconOps(part)) {
      const px = (x: number) => at.len(x * k);
      switch (o.op) {
        case 'M':
          points.push({ x: px(o.x), y: px(o.y), moveTo: true });
          break;
        case 'L':
          points.push({ x: px(o.x), y: px(o.y) });
          break;
        case 'C':
          points.push({
            x: px(o.x),
            y: px(o.y),
            curve: { type: 'cubic', x1: px(o.x1), y1: px(o.y1), x2: px(o.x2), y2: px(o.y2) },
          });
          break;
        case 'Z':
          points.push({ close: true });
          break;
      }
    }
  slide.addShape('custGeom', {
    x: at.x(i.x),
    y: at.y(i.y),
    w: at.len(i.size),
    h: at.len(i.size),
    points,
    line: { color: col(i.color), width: Math.max(0.5, width * k * at.len(1) * 72) },
    objectName: 'icon',
  });
}

function card(slide: Slide, c: CardShape, at: Placement): void {
  const { x, y, width: w, height: h } = c.box;
  // The kind's colour as a band on the left, under the card's body.
  slide.addShape('roundRect', {
    x: at.x(x),
    y: at.y(y),
    w: at.len(w),
    h: at.len(h),
    rectRadius: at.len(10),
    fill: { color: col(c.accent) },
    line: { type: 'none' },
    objectName: `band:${c.id}`,
  });
  const lines = [
    { text: c.name.text, options: { bold: true, color: col(c.name.color), fontSize: at.pt(c.name.size), breakLine: true } },
    ...(c.name2
      ? [
          {
            text: c.name2.text,
            options: { bold: true, color: col(c.name2.color), fontSize: at.pt(c.name2.size), breakLine: true },
          },
        ]
      : []),
    { text: c.fqdn.text, options: { fontFace: MONO, color: col(c.fqdn.color), fontSize: at.pt(c.fqdn.size), breakLine: true } },
    ...c.facts.map((f, i) => ({
      text: f.text,
      options: { color: col(f.color), fontSize: at.pt(f.size), ...(i < c.facts.length - 1 ? { breakLine: true } : {}) },
    })),
  ];
  slide.addText(lines, {
    shape: 'roundRect',
    x: at.x(x + 4),
    y: at.y(y),
    w: at.len(w - 4),
    h: at.len(h),
    rectRadius: at.len(8),
    fill: { color: col(c.fill) },
    line: { color: col(c.border), width: 0.75 },
    fontFace: FONT,
    valign: 'top',
    align: 'left',
    // pptxgenjs's order: left, right, bottom, top (points).
    margin: [at.len(34) * 72, at.len(8) * 72, at.len(2) * 72, at.len(7) * 72],
    wrap: false,
    lineSpacingMultiple: 1.05,
    objectName: `node:${c.id}`,
  });
  icon(slide, c.icon, at, 1.6);
  for (const p of c.pills)
    slide.addText([{ text: p.text.text, options: { bold: true, color: col(p.text.color) } }], {
      shape: 'roundRect',
      x: at.x(p.box.x),
      y: at.y(p.box.y),
      w: at.len(p.box.width),
      h: at.len(p.box.height),
      rectRadius: at.len(8),
      fill: paint(p.fill),
      line: { ...paint(p.stroke), width: 0.75 },
      fontFace: FONT,
      fontSize: at.pt(10),
      align: 'center',
      valign: 'middle',
      margin: 0,
      wrap: false,
    });
  if (c.badge) badgeShape(slide, c.badge, at, '#ffffff');
}

/** A link as a line shape named for the connector it becomes (glue() rewrites it). */
function link(slide: Slide, l: LinkShape, at: Placement): void {
  const pts = l.points;
  const start = pts[0]!;
  const end = pts[pts.length - 1]!;
  // The arrowheads are PowerPoint's own: the connector runs to the card's border.
  const tipEnd = l.arrows[0]?.[0] ?? end;
  const tipStart = l.arrows[1]?.[0] ?? start;
  const line = {
    color: col(l.color),
    width: Math.max(0.5, at.len(l.width) * 72),
    ...(l.dash && DASH[l.dash] ? { dashType: DASH[l.dash] } : {}),
    ...(l.arrows.length ? { endArrowType: 'triangle' } : {}),
    ...(l.arrows.length > 1 ? { beginArrowType: 'triangle' } : {}),
  };
  const a = tipStart;
  const b = tipEnd;
  const bent = pts.length === 4 && pts[0]!.y === pts[1]!.y && pts[1]!.x === pts[2]!.x && pts[2]!.y === pts[3]!.y;
  // A connector glued to a card ends at the middle of the card's side (PowerPoint and
  // LibreOffice route it there again): links sharing a side, each in its own lane, stay
  // lines along their routes, or they would be drawn on top of each other, their
  // arrowheads stacked.
  if ((pts.length === 2 || bent) && gluable(l, 'from') && gluable(l, 'to')) {
    const adj = bent && b.x !== a.x ? Math.round(((pts[1]!.x - a.x) / (b.x - a.x)) * 100000) : 50000;
    slide.addShape('line', {
      x: at.x(Math.min(a.x, b.x)),
      y: at.y(Math.min(a.y, b.y)),
      w: at.len(Math.abs(b.x - a.x)),
      h: at.len(Math.abs(b.y - a.y)),
      flipH: b.x < a.x,
      flipV: b.y < a.y,
      line,
      objectName: `link:${l.id}|${l.from}|${l.to}|${bent ? `bent:${adj}` : 'straight'}|${siteIndexFor(l, 'from')}|${siteIndexFor(l, 'to')}`,
    });
    return;
  }
  // Any other route: a freeform polyline (not glued).
  polyline(slide, [a, ...pts.slice(1, -1), b], line, at, `route:${l.id}`);
}

/** Filled in by drawDiagram's caller: which side of each card a link leaves from. */
let cardBoxes = new Map<string, Box>();
/** How many link ends each side of each card takes ("card|side"), for the links of the slide. */
let sideUse = new Map<string, number>();
function countSideUse(links: readonly LinkShape[]): Map<string, number> {
  const use = new Map<string, number>();
  for (const l of links)
    for (const end of ['from', 'to'] as const) {
      const key = `${end === 'from' ? l.from : l.to}|${siteIndexFor(l, end)}`;
      use.set(key, (use.get(key) ?? 0) + 1);
    }
  return use;
}
/**
 * Whether the link's end at `end` may be glued: a glued connector ends at the middle of
 * the card's side, so the link must be there already or have that side to itself.
 */
function gluable(l: LinkShape, end: 'from' | 'to'): boolean {
  const box = cardBoxes.get(end === 'from' ? l.from : l.to);
  if (!box) return true;
  const p = end === 'from' ? l.points[0]! : l.points[l.points.length - 1]!;
  const side = siteIndex(box, p);
  const middle = side % 2 === 0 ? { x: box.x + box.width / 2, y: p.y } : { x: p.x, y: box.y + box.height / 2 };
  if (Math.abs(middle.x - p.x) + Math.abs(middle.y - p.y) <= 2) return true;
  return (sideUse.get(`${end === 'from' ? l.from : l.to}|${side}`) ?? 0) <= 1;
}

function siteIndexFor(l: LinkShape, end: 'from' | 'to'): number {
  const box = cardBoxes.get(end === 'from' ? l.from : l.to);
  const p = end === 'from' ? l.points[0]! : l.points[l.points.length - 1]!;
  return box ? siteIndex(box, p) : 0;
}

/**
 * pptxgenjs writes lines as plain shapes: each link's becomes a connector (`p:cxnSp`)
 * glued to its two cards' connection sites, so PowerPoint keeps links on the cards when
 * they move.
 */
export function glueConnectors(slideXml: string): string {
  const ids = new Map<string, string>();
  for (const m of slideXml.matchAll(/<p:cNvPr id="(\d+)" name="node:([^"]+)"/g)) ids.set(unescape(m[2]!), m[1]!);
  return slideXml.replace(
    /<p:sp>((?:(?!<\/p:sp>)[\s\S])*?<p:cNvPr id="(\d+)" name="link:([^"]+)"[\s\S]*?)<\/p:sp>/g,
    (whole, body: string, _id: string, name: string) => {
      const [, from, to, shape, si, ei] = unescape(name).split('|');
      const start = ids.get(from!);
      const end = ids.get(to!);
      const geom = shape!.startsWith('bent:')
        ? `<a:prstGeom prst="bentConnector3"><a:avLst><a:gd name="adj1" fmla="val ${Number(shape!.slice(5))}"/></a:avLst></a:prstGeom>`
        : '<a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom>';
      const glue = `<p:cNvCxnSpPr>${start ? `<a:stCxn id="${start}" idx="${Number(si)}"/>` : ''}${end ? `<a:endCxn id="${end}" idx="${Number(ei)}"/>` : ''}</p:cNvCxnSpPr>`;
      const out = body
        .replace('<p:nvSpPr>', '<p:nvCxnSpPr>')
        .replace('</p:nvSpPr>', '</p:nvCxnSpPr>')
        .replace(/<p:cNvSpPr[^>]*\/>|<p:cNvSpPr[^>]*>[\s\S]*?<\/p:cNvSpPr>/, glue)
        .replace(/<a:prstGeom prst="line">[\s\S]*?<\/a:prstGeom>/, geom)
        .replace(/<p:txBody>[\s\S]*?<\/p:txBody>/, '');
      return out === body ? whole : `<p:cxnSp>${out}</p:cxnSp>`;
    },
  );
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function titleOf(slide: Slide, title: string, subtitle?: string): void {
  slide.addText(displayText(title, 120), {
    x: 0.4,
    y: 0.2,
    w: SLIDE_W - 0.8,
    h: 0.5,
    fontFace: FONT,
    fontSize: 22,
    bold: true,
    color: INK,
    margin: 0,
  });
  if (subtitle)
    slide.addText(displayText(subtitle, 240), {
      x: 0.4,
      y: 0.68,
      w: SLIDE_W - 0.8,
      h: 0.3,
      fontFace: FONT,
      fontSize: 11,
      color: GREY,
      margin: 0,
    });
}

function stepRows(steps: readonly ReportStep[], max: number): { text: string; options?: Record<string, unknown> }[] {
  const rows: { text: string; options?: Record<string, unknown> }[] = steps
    .slice(0, max)
    .flatMap((s, i) => [
      { text: `${i + 1}. ${displayText(s.title, 160)}` },
      { text: `  ${toolName(s.tool)}`, options: { color: GREY, fontSize: 9, breakLine: true } },
    ]);
  if (steps.length > max)
    rows.push({
      text: `… and ${steps.length - max} more steps (in the speaker notes)`,
      options: { breakLine: true, italic: true, color: GREY },
    });
  return rows;
}

const notesFor = (steps: readonly ReportStep[]) =>
  steps
    .map((s, i) => [`${i + 1}. ${displayText(s.title, 400)} [${s.tool}]`, ...s.commands.map((c) => `   ${c}`)].join('\n'))
    .join('\n');

/** The deck as .pptx bytes. */
export async function renderDesignPptx(doc: Topology, report: ReportInput, options: PptxOptions): Promise<Uint8Array> {
  const { default: PptxGenJS } = await import('pptxgenjs');
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  const name = displayText(doc.name, 200) || 'Untitled design';
  pptx.title = name;
  pptx.subject = 'Skype for Business Server high availability and disaster recovery design';
  pptx.company = '';

  // 1. The diagram.
  const scene = buildScene(doc, { theme: 'light', findings: report.findings });
  cardBoxes = new Map(scene.cards.map((c) => [c.id, c.box]));
  sideUse = countSideUse(scene.links);
  const diagram = pptx.addSlide() as unknown as Slide;
  diagram.background = { color: col(scene.theme.background) };
  titleOf(diagram, name, `${designFacts(doc)} · ${findingsSummary(report.findings)} · ${formatDate(options.date)}`);
  drawDiagram(diagram, scene, placement(scene, 1.1));
  if (doc.description) diagram.addNotes(displayText(doc.description, 4000));

  // 2. The findings summary: counts, then errors and warnings, then the advice by rule.
  const findings = pptx.addSlide() as unknown as Slide;
  titleOf(findings, 'Findings', findingsSummary(report.findings));
  const groups = groupFindings(report.findings);
  // Errors and warnings one per row, then the advice one row per rule (with its count).
  const MAX_ROWS = 11;
  type Row = { sev: 'error' | 'warning' | 'info'; ruleId: string; message: string; fix: string; count: number };
  const serious: Row[] = groups
    .filter((g) => g.severity !== 'info')
    .flatMap((g) => g.items.map((f) => ({ sev: g.severity, ruleId: f.ruleId, message: f.message, fix: f.fix, count: 1 })));
  const byRule = new Map<string, Row>();
  for (const f of groups.find((g) => g.severity === 'info')?.items ?? []) {
    const r = byRule.get(f.ruleId);
    if (r) r.count += 1;
    else byRule.set(f.ruleId, { sev: 'info', ruleId: f.ruleId, message: f.message, fix: f.fix, count: 1 });
  }
  const all = [...serious, ...byRule.values()];
  const listed = all.slice(0, MAX_ROWS);
  const head = (t: string) => ({ text: t, options: { bold: true, color: 'FFFFFF', fill: { color: '334155' } } });
  const SEV = { error: ['Error', 'C62828'], warning: ['Warning', 'B45309'], info: ['Advice', '1D64C8'] } as const;
  if (serious.length === 0)
    findings.addText('No errors and no warnings: the design meets every rule the designer checks.', {
      x: 0.4,
      y: 1.1,
      w: SLIDE_W - 0.8,
      h: 0.4,
      fontFace: FONT,
      fontSize: 14,
      color: '15803D',
      bold: true,
      margin: 0,
    });
  if (listed.length) {
    const rows: { text: string; options?: Record<string, unknown> }[][] = [
      [head('Severity'), head('Rule'), head('Finding'), head('Fix')],
    ];
    for (const r of listed)
      rows.push([
        { text: `${SEV[r.sev][0]}${r.count > 1 ? ` ×${r.count}` : ''}`, options: { bold: true, color: SEV[r.sev][1] } },
        { text: r.ruleId },
        { text: displayText(r.message, 170) },
        { text: displayText(r.fix, 130) },
      ]);
    const more = all.length - listed.length;
    if (more > 0)
      rows.push([
        { text: '' },
        { text: '' },
        {
          text: `… and ${more} more rules with findings (the PDF report lists every finding)`,
          options: { italic: true, color: GREY },
        },
        { text: '' },
      ]);
    findings.addTable(rows, {
      x: 0.4,
      y: 1.6,
      w: SLIDE_W - 0.8,
      colW: [1.0, 2.3, 5.7, 3.53],
      fontFace: FONT,
      fontSize: 9,
      color: INK,
      border: { type: 'solid', pt: 0.5, color: 'DFE4EC' },
      valign: 'top',
    });
  }

  // 3. One slide per failover runbook: failover and failback side by side; commands in the notes.
  for (const r of report.runbooks) {
    const slide = pptx.addSlide() as unknown as Slide;
    titleOf(
      slide,
      r.title,
      `${r.failover.length} failover steps · ${r.failback.length} failback steps · the commands are in the speaker notes`,
    );
    const colW = (SLIDE_W - 1.1) / 2;
    for (const [i, [label, steps]] of (
      [
        ['Failover', r.failover],
        ['Failback', r.failback],
      ] as const
    ).entries()) {
      const x = 0.4 + i * (colW + 0.3);
      slide.addText(label, {
        x,
        y: 1.15,
        w: colW,
        h: 0.4,
        fontFace: FONT,
        fontSize: 16,
        bold: true,
        color: i === 0 ? 'D9480F' : '15803D',
        margin: 0,
      });
      slide.addText(stepRows(steps, 14), {
        x,
        y: 1.6,
        w: colW,
        h: SLIDE_H - 2.0,
        fontFace: FONT,
        fontSize: 11,
        color: INK,
        valign: 'top',
        margin: 0,
        paraSpaceAfter: 4,
      });
    }
    slide.addNotes(`Failover\n${notesFor(r.failover)}\n\nFailback\n${notesFor(r.failback)}`);
  }

  const raw = (await pptx.write({ outputType: 'uint8array' })) as Uint8Array;
  const files = unzipSync(raw);
  const slide1 = 'ppt/slides/slide1.xml';
  if (files[slide1]) files[slide1] = strToU8(glueConnectors(strFromU8(files[slide1])));
  return zipSync(files);
}
