/**
 * The PDF report an architect attaches to a change request: page 1 the drawing as
 * vectors (the same scene as the SVG export), then the findings, the deployment steps
 * and each failover runbook. jsPDF is loaded only when a PDF is asked for; it runs in
 * the browser and in Node alike (no DOM), so `topo render --format pdf` uses this too.
 * The standard PDF fonts (Helvetica, Courier) carry Latin-1 only: other characters are
 * written as "?" rather than as garbage.
 */
import type { jsPDF as JsPdf } from 'jspdf';
import { docUrl as defaultDocUrl } from '../model/doc-url';
import type { Topology } from '../model/schema';
import { buildScene, type BadgeShape, type DiagramScene, type IconShape, type TextRun } from './diagram-scene';
import type { Paint, Severity } from './diagram-style';
import { displayText } from './escape';
import type { Point } from './link-route';
import {
  designFacts,
  findingsSummary,
  groupFindings,
  SEVERITY_HEADING,
  stepDetail,
  toolName,
  type ReportInput,
  type ReportStep,
} from './report';
import { iconOps, type PathOp } from './svg-path';

export interface PdfOptions {
  date: Date | string;
}

/** Text the standard fonts can show: Latin-1, with the usual typographic characters mapped. */
export function pdfText(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\u2192/g, '->')
    .replace(/\u2022/g, '\u00b7')
    .replace(/[^\u0020-\u007e\u00a0-\u00ff]/gu, '?');
}

const hex = (c: string): [number, number, number] => {
  const m = /^#([0-9a-f]{6})$/i.exec(c);
  const v = m ? parseInt(m[1]!, 16) : 0;
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
};

/** A translucent paint flattened onto the background (PDF viewers and printers agree on that). */
export function blend(p: Paint, background: string): string {
  const [r1, g1, b1] = hex(p.color);
  const [r0, g0, b0] = hex(background);
  const mix = (a: number, b: number) => Math.round(b + (a - b) * p.opacity);
  return `#${[mix(r1, r0), mix(g1, g0), mix(b1, b0)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

const formatDate = (d: Date | string) =>
  typeof d === 'string' ? d : Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);

interface Frame {
  x: number;
  y: number;
  s: number;
}

function drawScene(pdf: JsPdf, scene: DiagramScene, f: Frame): void {
  const { theme, bounds } = scene;
  const X = (x: number) => f.x + (x - bounds.x) * f.s;
  const Y = (y: number) => f.y + (y - bounds.y) * f.s;
  const L = (v: number) => v * f.s;
  const bg = theme.background;
  pdf.setFillColor(bg);
  pdf.rect(f.x, f.y, L(bounds.width), L(bounds.height), 'F');

  const text = (t: TextRun) => {
    pdf.setFont(t.style === 'mono' ? 'courier' : 'helvetica', t.style === 'bold' ? 'bold' : 'normal');
    pdf.setFontSize(L(t.size));
    pdf.setTextColor(t.color);
    pdf.text(pdfText(t.text), X(t.x), Y(t.y), t.anchor === 'middle' ? { align: 'center' } : {});
  };
  const ops = (list: PathOp[], map: (p: Point) => Point) =>
    list.map((o) => {
      switch (o.op) {
        case 'M':
        case 'L': {
          const p = map(o);
          return { op: o.op.toLowerCase(), c: [p.x, p.y] };
        }
        case 'C': {
          const a = map({ x: o.x1, y: o.y1 });
          const b = map({ x: o.x2, y: o.y2 });
          const p = map(o);
          return { op: 'c', c: [a.x, a.y, b.x, b.y, p.x, p.y] };
        }
        case 'Z':
          return { op: 'h', c: [] };
      }
    });
  const icon = (i: IconShape, width: number) => {
    const k = i.size / 24;
    pdf.setDrawColor(i.color);
    pdf.setLineWidth(L(width * k));
    pdf.setLineCap('round');
    pdf.setLineJoin('round');
    pdf.setLineDashPattern([], 0);
    for (const part of i.parts) pdf.path(ops(iconOps(part), (p) => ({ x: X(i.x + p.x * k), y: Y(i.y + p.y * k) }))).stroke();
  };
  const badge = (b: BadgeShape) => {
    pdf.setFillColor(b.fill);
    pdf.setDrawColor(b.color);
    pdf.setLineWidth(L(1.5));
    pdf.setLineDashPattern([], 0);
    pdf.roundedRect(X(b.box.x), Y(b.box.y), L(b.box.width), L(b.box.height), L(b.box.height / 2), L(b.box.height / 2), 'FD');
    severityMark(
      pdf,
      b.severity,
      { x: X(b.icon.x), y: Y(b.icon.y) },
      L(6),
      b.color,
      theme.name === 'dark' ? '#0f141b' : '#ffffff',
    );
    text(b.count);
  };

  // WAN links under the frames, as in the SVG: they run outside them, from border to border.
  for (const w of scene.wan) {
    pdf.setDrawColor(w.color);
    pdf.setLineWidth(L(3));
    pdf.setLineCap('butt');
    pdf.setLineJoin('round');
    pdf.setLineDashPattern(w.dash ? w.dash.split(' ').map((v) => L(Number(v))) : [], 0);
    pdf.path(w.points.map((p, i) => ({ op: i === 0 ? 'm' : 'l', c: [X(p.x), Y(p.y)] }))).stroke();
  }
  pdf.setLineDashPattern([], 0);
  for (const s of scene.sites) {
    pdf.setFillColor(blend(s.fill, bg));
    pdf.setDrawColor(blend(s.stroke, bg));
    pdf.setLineWidth(L(1.5));
    pdf.setLineDashPattern(s.branch ? [L(6), L(4)] : [], 0);
    pdf.roundedRect(X(s.box.x), Y(s.box.y), L(s.box.width), L(s.box.height), L(14), L(14), 'FD');
    pdf.setDrawColor(blend(s.rule, blend(s.fill, bg)));
    pdf.setLineWidth(L(1));
    pdf.setLineDashPattern(s.branch ? [L(4), L(3)] : [], 0);
    pdf.line(X(s.box.x + 1), Y(s.box.y + 40), X(s.box.x + s.box.width - 1), Y(s.box.y + 40));
    icon(s.icon, 1.7);
    text(s.name);
    if (s.meta) text(s.meta);
    if (s.badge) badge(s.badge);
  }
  for (const l of scene.links) {
    pdf.setDrawColor(l.color);
    pdf.setLineWidth(L(l.width));
    pdf.setLineCap('butt');
    pdf.setLineJoin('round');
    pdf.setLineDashPattern(l.dash ? l.dash.split(' ').map((v) => L(Number(v))) : [], 0);
    pdf.path(l.points.map((p, i) => ({ op: i === 0 ? 'm' : 'l', c: [X(p.x), Y(p.y)] }))).stroke();
    pdf.setFillColor(l.color);
    for (const a of l.arrows) pdf.triangle(X(a[0]!.x), Y(a[0]!.y), X(a[1]!.x), Y(a[1]!.y), X(a[2]!.x), Y(a[2]!.y), 'F');
  }
  pdf.setLineDashPattern([], 0);
  for (const c of scene.cards) {
    const { x, y, width: w, height: h } = c.box;
    pdf.setFillColor(c.accent);
    pdf.roundedRect(X(x), Y(y), L(w), L(h), L(10), L(10), 'F');
    pdf.setFillColor(c.fill);
    pdf.roundedRect(X(x + 4), Y(y), L(w - 4), L(h), L(6), L(6), 'F');
    pdf.rect(X(x + 10), Y(y), L(w - 20), L(h), 'F');
    pdf.setDrawColor(c.border);
    pdf.setLineWidth(L(1));
    pdf
      .path([
        { op: 'm', c: [X(x + 10), Y(y + 0.5)] },
        { op: 'l', c: [X(x + w - 10), Y(y + 0.5)] },
        { op: 'c', c: [X(x + w - 4.5), Y(y + 0.5), X(x + w - 0.5), Y(y + 4.5), X(x + w - 0.5), Y(y + 10)] },
        { op: 'l', c: [X(x + w - 0.5), Y(y + h - 10)] },
        { op: 'c', c: [X(x + w - 0.5), Y(y + h - 4.5), X(x + w - 4.5), Y(y + h - 0.5), X(x + w - 10), Y(y + h - 0.5)] },
        { op: 'l', c: [X(x + 10), Y(y + h - 0.5)] },
      ])
      .stroke();
    icon(c.icon, 1.6);
    text(c.name);
    if (c.name2) text(c.name2);
    for (const p of c.pills) {
      pdf.setFillColor(blend(p.fill, c.fill));
      pdf.setDrawColor(blend(p.stroke, c.fill));
      pdf.setLineWidth(L(1));
      pdf.roundedRect(X(p.box.x), Y(p.box.y), L(p.box.width), L(p.box.height), L(8), L(8), 'FD');
      text(p.text);
    }
    text(c.fqdn);
    c.facts.forEach(text);
    if (c.badge) badge(c.badge);
  }
  for (const label of [...scene.wan.map((w) => w.label), ...scene.links.flatMap((l) => (l.label ? [l.label] : []))]) {
    const b = label.box;
    pdf.setFillColor(label.fill);
    pdf.setDrawColor(blend(label.stroke, label.fill));
    pdf.setLineWidth(L(1));
    pdf.roundedRect(X(b.x), Y(b.y), L(b.width), L(b.height), L(b.height / 2), L(b.height / 2), 'FD');
    label.text.forEach(text);
    if (label.badge) badge(label.badge);
  }
}

function severityMark(pdf: JsPdf, severity: Severity, c: Point, r: number, color: string, fg: string): void {
  pdf.setFillColor(color);
  pdf.setDrawColor(fg);
  pdf.setLineWidth(r * 0.22);
  pdf.setLineCap('round');
  switch (severity) {
    case 'error':
      pdf.circle(c.x, c.y, r * 0.875, 'F');
      pdf.line(c.x - r * 0.3, c.y - r * 0.3, c.x + r * 0.3, c.y + r * 0.3);
      pdf.line(c.x + r * 0.3, c.y - r * 0.3, c.x - r * 0.3, c.y + r * 0.3);
      break;
    case 'warning':
      pdf.triangle(c.x, c.y - r * 0.85, c.x + r * 0.875, c.y + r * 0.78, c.x - r * 0.875, c.y + r * 0.78, 'F');
      pdf.line(c.x, c.y - r * 0.25, c.x, c.y + r * 0.25);
      break;
    case 'info':
      pdf.roundedRect(c.x - r * 0.875, c.y - r * 0.875, r * 1.75, r * 1.75, r * 0.44, r * 0.44, 'F');
      pdf.line(c.x, c.y - r * 0.1, c.x, c.y + r * 0.45);
      break;
  }
}

// ---------------------------------------------------------------- text pages

const MARGIN = 48;
const INK = '#1b2433';
const GREY = '#556173';
const SEV_COLOR: Record<Severity, string> = { error: '#c62828', warning: '#b45309', info: '#1d64c8' };

/** A cursor over portrait pages: text wraps, and a block that does not fit starts a new page. */
class Flow {
  y = MARGIN;
  constructor(
    private pdf: JsPdf,
    private width: number,
    private height: number,
  ) {}

  newPage(): void {
    this.pdf.addPage('a4', 'portrait');
    this.y = MARGIN;
  }

  private room(h: number): void {
    if (this.y + h > this.height - MARGIN) this.newPage();
  }

  heading(text: string, size = 16): void {
    this.room(size * 3);
    if (this.y > MARGIN) this.y += size * 0.6;
    this.write(text, { size, bold: true });
    this.y += 4;
  }

  write(
    text: string,
    o: { size?: number; bold?: boolean; color?: string; indent?: number; mono?: boolean; gap?: number } = {},
  ): void {
    const size = o.size ?? 10;
    const indent = o.indent ?? 0;
    this.pdf.setFont(o.mono ? 'courier' : 'helvetica', o.bold ? 'bold' : 'normal');
    this.pdf.setFontSize(size);
    this.pdf.setTextColor(o.color ?? INK);
    const lines = this.pdf.splitTextToSize(pdfText(text), this.width - 2 * MARGIN - indent) as string[];
    const lh = size * 1.3;
    for (const line of lines) {
      this.room(lh);
      this.pdf.text(line, MARGIN + indent, this.y + size);
      this.y += lh;
    }
    this.y += o.gap ?? 2;
  }

  code(lines: readonly string[], indent: number): void {
    const size = 8.5;
    const lh = size * 1.3;
    this.pdf.setFont('courier', 'normal');
    this.pdf.setFontSize(size);
    const wrapped = lines.flatMap((l) => this.pdf.splitTextToSize(pdfText(l), this.width - 2 * MARGIN - indent - 12) as string[]);
    let i = 0;
    while (i < wrapped.length) {
      this.room(lh + 8);
      const fit = Math.max(1, Math.min(wrapped.length - i, Math.floor((this.height - MARGIN - this.y - 8) / lh)));
      this.pdf.setFillColor('#f1f4f8');
      this.pdf.rect(MARGIN + indent, this.y, this.width - 2 * MARGIN - indent, fit * lh + 8, 'F');
      this.pdf.setTextColor(INK);
      for (let k = 0; k < fit; k++) this.pdf.text(wrapped[i + k]!, MARGIN + indent + 6, this.y + 4 + size + k * lh);
      this.y += fit * lh + 8;
      i += fit;
    }
    this.y += 4;
  }

  steps(steps: readonly ReportStep[]): void {
    steps.forEach((s, i) => {
      this.room(40);
      this.write(`${i + 1}. ${displayText(s.title, 400)}`, { size: 10.5, bold: true, gap: 1 });
      this.write([s.tool, s.runOn ? `on ${displayText(s.runOn, 200)}` : ''].filter(Boolean).join(' · '), {
        size: 8.5,
        color: GREY,
        indent: 14,
        gap: 2,
      });
      for (const d of stepDetail(s)) this.write(d, { size: 9, indent: 14, gap: 2 });
      if (s.commands.length) this.code(s.commands, 14);
      this.y += 4;
    });
  }
}

/** The report as PDF bytes. */
export async function renderDesignPdf(doc: Topology, report: ReportInput, options: PdfOptions): Promise<Uint8Array> {
  const { jsPDF } = await import('jspdf');
  const scene = buildScene(doc, { theme: 'light', findings: report.findings });
  const big = scene.bounds.width > 1500 || scene.bounds.height > 1100;
  const pdf = new jsPDF({ orientation: 'landscape', unit: 'pt', format: big ? 'a3' : 'a4', compress: true });
  const name = displayText(doc.name, 200) || 'Untitled design';
  pdf.setProperties({
    title: pdfText(name),
    subject: 'Skype for Business Server high availability and disaster recovery design',
    creator: 'Skype for Business HA/DR designer',
  });
  pdf.setLineHeightFactor(1.3);

  // Page 1: title, facts, the drawing fitted to the rest of the page.
  const pw = pdf.internal.pageSize.getWidth();
  const ph = pdf.internal.pageSize.getHeight();
  const m = 36;
  pdf.setFont('helvetica', 'bold');
  pdf.setFontSize(18);
  pdf.setTextColor(INK);
  pdf.text(pdfText(displayText(name, 110)), m, m + 14);
  pdf.setFont('helvetica', 'normal');
  pdf.setFontSize(10);
  pdf.setTextColor(GREY);
  pdf.text(pdfText(`${designFacts(doc)} · ${findingsSummary(report.findings)} · ${formatDate(options.date)}`), m, m + 32);
  const top = m + 48;
  const s = Math.min((pw - 2 * m) / scene.bounds.width, (ph - top - m) / scene.bounds.height);
  const dw = scene.bounds.width * s;
  drawScene(pdf, scene, { x: (pw - dw) / 2, y: top, s });

  // Then the findings, the steps and the runbooks, on portrait pages.
  const pageW = 595.28;
  const pageH = 841.89;
  const flow = new Flow(pdf, pageW, pageH);
  const url = report.docUrl ?? defaultDocUrl;
  flow.newPage();
  flow.heading('Findings', 18);
  flow.write(findingsSummary(report.findings), { color: GREY, gap: 6 });
  if (report.findings.length === 0) flow.write('No findings: the design meets every rule the designer checks.');
  for (const g of groupFindings(report.findings)) {
    flow.heading(`${SEVERITY_HEADING[g.severity]} (${g.items.length})`, 13);
    for (const f of g.items) {
      flow.write(`${f.ruleId}  ${displayText(f.message, 2000)}`, { size: 9.5, bold: false, color: INK, gap: 1 });
      flow.write(`Fix: ${displayText(f.fix, 2000)}`, { size: 8.5, color: GREY, indent: 12, gap: 1 });
      if (f.docs?.length)
        flow.write(`Source: ${f.docs.map(url).join(' ; ')}`, { size: 7.5, color: SEV_COLOR.info, indent: 12, gap: 1 });
      flow.y += 4;
    }
  }
  if (report.steps.length) {
    flow.newPage();
    flow.heading('Deployment steps', 18);
    flow.steps(report.steps.map((st) => ({ ...st, tool: toolName(st.tool) })));
  }
  for (const r of report.runbooks) {
    flow.newPage();
    flow.heading(displayText(r.title, 300), 16);
    flow.heading('Failover', 13);
    flow.steps(r.failover.map((st) => ({ ...st, tool: toolName(st.tool) })));
    flow.heading('Failback', 13);
    flow.steps(r.failback.map((st) => ({ ...st, tool: toolName(st.tool) })));
  }

  const pages = pdf.getNumberOfPages();
  for (let p = 1; p <= pages; p++) {
    pdf.setPage(p);
    const w = pdf.internal.pageSize.getWidth();
    const h = pdf.internal.pageSize.getHeight();
    pdf.setFont('helvetica', 'normal');
    pdf.setFontSize(8);
    pdf.setTextColor(GREY);
    pdf.text(pdfText(`${displayText(name, 80)} · page ${p} of ${pages}`), w - 24, h - 16, { align: 'right' });
  }
  return new Uint8Array(pdf.output('arraybuffer'));
}
