/**
 * SVG export, the pure half: the topology travels inside the exported drawing (in
 * `<metadata>`, as XML-safe JSON), so the designer can open its own SVGs again; and a
 * title block for the drawing. No DOM: text in, text out.
 */
import { LIMITS } from '../model/limits';
import { jsonNestingDepth } from '../model/parse';
import { err, ok, type Result } from '../lib/result';
import { plural, num } from '../lib/text';
import { productVersionShort, verRank } from '../model/product-versions';
import { hasProductVersion, type Topology } from '../model/schema';
import { displayText, escapeXml, jsonForXml, unescapeXml } from './escape';
import { fitText } from './text-metrics';

/** Namespace of the metadata element; also how extractFromSvg recognises it. */
export const TOPOLOGY_NAMESPACE = 'urn:sfb-hadr-designer:topology';
const METADATA_ID = 'sfb-topology-metadata';
const TITLE_ID = 'sfb-topology-title';
/** Far above any drawing of a real topology (images inlined as data URLs included). */

export interface SvgError {
  tag: 'notSvg' | 'noTopology' | 'corrupt' | 'tooLarge';
  message: string;
}

/** Where the root `<svg …>` start tag is: after the prolog (declaration, comments, doctype). */
function rootStartTag(svg: string): { start: number; end: number; selfClosing: boolean } | undefined {
  let i = 0;
  const n = svg.length;
  for (;;) {
    while (i < n && /[\s\uFEFF]/.test(svg[i]!)) i++;
    if (svg.startsWith('<?', i)) {
      const e = svg.indexOf('?>', i + 2);
      if (e < 0) return undefined;
      i = e + 2;
    } else if (svg.startsWith('<!--', i)) {
      const e = svg.indexOf('-->', i + 4);
      if (e < 0) return undefined;
      i = e + 3;
    } else if (svg.startsWith('<!DOCTYPE', i) || svg.startsWith('<!doctype', i)) {
      // A doctype may hold an internal subset in brackets.
      let depth = 0;
      let j = i + 9;
      for (; j < n; j++) {
        const c = svg[j];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      if (j >= n) return undefined;
      i = j + 1;
    } else break;
  }
  const tag = /<svg(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>/y;
  tag.lastIndex = i;
  const m = tag.exec(svg);
  if (!m) return undefined;
  const end = i + m[0].length;
  return { start: i, end, selfClosing: m[0].endsWith('/>') };
}

/** Is the root element of this text `<svg>` (after any XML declaration, comments and doctype)? */
export const isSvgText = (text: string): boolean =>
  typeof text === 'string' && rootStartTag(text.slice(0, 1_000_000)) !== undefined;

const OUR_METADATA = new RegExp(`<metadata\\s+id="${METADATA_ID}"[^>]*>[\\s\\S]*?</metadata>`, 'g');
const OUR_TITLE = new RegExp(`<title\\s+id="${TITLE_ID}"[^>]*>[\\s\\S]*?</title>`, 'g');

/**
 * The SVG with the topology in its `<metadata>` and the document name as its `<title>`
 * (the accessible name, and what a file browser shows). Re-embedding replaces both.
 */
export function embedInSvg(svgText: string, doc: Topology): Result<string, SvgError> {
  if (typeof svgText !== 'string') return err({ tag: 'notSvg', message: 'expected SVG text' });
  if (svgText.length > LIMITS.maxSvgChars)
    return err({
      tag: 'tooLarge',
      message: `the SVG is ${num(svgText.length)} characters; the limit is ${num(LIMITS.maxSvgChars)}`,
    });
  const cleaned = svgText.replace(OUR_METADATA, '').replace(OUR_TITLE, '');
  const root = rootStartTag(cleaned);
  if (!root) return err({ tag: 'notSvg', message: 'this text is not an SVG drawing: it does not start with an <svg> element' });
  const block =
    `<title id="${TITLE_ID}">${escapeXml(doc.name)}</title>` +
    `<metadata id="${METADATA_ID}"><sfbt:topology xmlns:sfbt="${TOPOLOGY_NAMESPACE}" format="${escapeXml(doc.format)}" version="${escapeXml(String(doc.version))}">${jsonForXml(doc)}</sfbt:topology></metadata>`;
  if (root.selfClosing) {
    const open = cleaned.slice(root.start, root.end).replace(/\s*\/>$/, '>');
    return ok(`${cleaned.slice(0, root.start)}${open}${block}</svg>${cleaned.slice(root.end)}`);
  }
  return ok(`${cleaned.slice(0, root.end)}${block}${cleaned.slice(root.end)}`);
}

/**
 * The content of the first `<topology …>` element in our namespace. Linear in the text:
 * the next `>` and the next namespace mention are found once and reused, so many
 * unclosed tags cannot make it rescan the rest of the file for each one.
 */
function topologyElementBody(svg: string): string | undefined {
  const open = /<((?:[A-Za-z_][\w.-]*:)?)topology\s/g;
  let gt = -1;
  let ns = -1;
  for (let m = open.exec(svg); m; m = open.exec(svg)) {
    const start = m.index;
    if (gt < start) gt = svg.indexOf('>', start);
    if (gt < 0) return undefined;
    if (ns < start) ns = svg.indexOf(TOPOLOGY_NAMESPACE, start);
    if (ns < 0) return undefined;
    if (ns > gt) continue; // this tag is not ours
    const close = new RegExp(`</${m[1]!.replace(/[.]/g, '\\.')}topology\\s*>`, 'g');
    close.lastIndex = gt + 1;
    const c = close.exec(svg);
    return c ? svg.slice(gt + 1, c.index) : undefined;
  }
  return undefined;
}

/** The topology JSON value embedded by embedInSvg (not yet checked: give it to parseTopology). */
export function extractFromSvg(svgText: string): Result<unknown, SvgError> {
  if (typeof svgText !== 'string') return err({ tag: 'notSvg', message: 'expected SVG text' });
  if (svgText.length > LIMITS.maxSvgChars)
    return err({
      tag: 'tooLarge',
      message: `the SVG is ${num(svgText.length)} characters; the limit is ${num(LIMITS.maxSvgChars)}`,
    });
  if (!rootStartTag(svgText))
    return err({ tag: 'notSvg', message: 'this text is not an SVG drawing: it does not start with an <svg> element' });
  const body = topologyElementBody(svgText);
  if (body === undefined)
    return err({
      tag: 'noTopology',
      message: 'this SVG has no topology in it; only drawings exported by the designer carry one',
    });
  if (body.length > LIMITS.maxDocumentChars)
    return err({
      tag: 'tooLarge',
      message: `the topology inside this SVG is ${num(body.length)} characters; the limit is ${num(LIMITS.maxDocumentChars)}`,
    });
  // Tools that re-save an SVG may wrap text in CDATA or escape characters: undo both.
  const text = body.replace(/<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g, (_w, cdata: string | undefined, plain: string | undefined) =>
    cdata !== undefined ? cdata : unescapeXml(plain ?? ''),
  );
  if (jsonNestingDepth(text, LIMITS.maxJsonDepth) > LIMITS.maxJsonDepth)
    return err({
      tag: 'tooLarge',
      message: `the topology inside this SVG nests more than ${LIMITS.maxJsonDepth} levels deep; a topology nests about 6`,
    });
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    return err({
      tag: 'corrupt',
      message: `the topology inside this SVG is damaged (${e instanceof Error ? e.message : String(e)})`,
    });
  }
}

// ---------------------------------------------------------------- title block

export interface FindingCounts {
  error: number;
  warning: number;
  info: number;
}

export interface TitleBlockInfo {
  name: string;
  /** A Date (shown as YYYY-MM-DD, UTC) or text shown as given. */
  date: Date | string;
  /** Product versions in the design as people read them, e.g. ['2015', '2019'], ['Lync 2013', 'Subscription Edition']. */
  productVersions: readonly string[];
  findings: FindingCounts;
  /** Sites, nodes and links, when the block should show them. */
  counts?: { sites: number; nodes: number; links: number };
}

/** What a title block shows for this document. */
export function titleBlockInfo(doc: Topology, findings: FindingCounts, date: Date | string): TitleBlockInfo {
  // Oldest first; as people read them ("Subscription Edition", never "SE").
  const versions = [...new Set(doc.nodes.filter(hasProductVersion).map((n) => n.productVersion))]
    .sort((a, b) => verRank(a) - verRank(b))
    .map(productVersionShort);
  return {
    name: doc.name,
    date,
    productVersions: versions,
    findings,
    counts: { sites: doc.sites.length, nodes: doc.nodes.length, links: doc.links.length },
  };
}

function formatDate(date: Date | string): string {
  if (typeof date === 'string') return date;
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

export interface TitleBlock {
  /** A `<g>` element; every piece of user text in it is escaped. */
  svg: string;
  width: number;
  height: number;
}

/**
 * A framed title block for the corner of an exported drawing: document name, product
 * versions, findings counts (words, not colour alone), date. Readable in black and white.
 */
export interface TitleBlockColors {
  fill: string;
  border: string;
  rule: string;
  text: string;
}

export function svgTitleBlock(
  info: TitleBlockInfo,
  at: { x?: number; y?: number; width?: number; colors?: TitleBlockColors } = {},
): TitleBlock {
  const x = finiteOr(at.x, 0);
  const y = finiteOr(at.y, 0);
  const width = Math.max(200, finiteOr(at.width, 420));
  const pad = 12;
  const line = 18;
  const room = width - pad * 2;
  const fit = (text: string, size: number, bold = false) =>
    fitText(displayText(text, 400), size, bold ? 'bold' : 'regular', room);
  const f = info.findings;
  const sfb = info.productVersions.filter((v) => !v.startsWith('Lync'));
  const lync = info.productVersions.filter((v) => v.startsWith('Lync'));
  const versions = info.productVersions.length
    ? [
        sfb.length ? `Skype for Business Server ${sfb.map((v) => displayText(v, 24)).join(' and ')}` : '',
        ...lync.map((v) => displayText(v.replace(/^Lync /, 'Lync Server '), 24)),
      ]
        .filter(Boolean)
        .join(', ')
    : 'No Skype for Business Server roles yet';
  const findings = `${plural(f.error, 'error')} · ${plural(f.warning, 'warning')} · ${num(f.info)} advice`;
  const counts = info.counts
    ? `${plural(info.counts.sites, 'site')} · ${plural(info.counts.nodes, 'node')} · ${plural(info.counts.links, 'link')}`
    : undefined;
  const date = displayText(formatDate(info.date), 40);
  const lines: { text: string; size: number; weight?: 'bold' }[] = [
    { text: fit(info.name, 15, true) || 'Untitled design', size: 15, weight: 'bold' },
    { text: fit(versions, 12), size: 12 },
    { text: fit(findings, 12), size: 12 },
    ...(counts ? [{ text: counts, size: 12 }] : []),
    { text: fit(date ? `${date} · Skype for Business HA/DR designer` : 'Skype for Business HA/DR designer', 11), size: 11 },
  ];
  // The name's line is taller, so the rule under it clears both its descenders and the next line.
  const head = line + 6;
  const height = pad * 2 + head + (lines.length - 1) * line;
  const texts = lines
    .map(
      (l, i) =>
        `<text x="${pad}" y="${i === 0 ? pad + line - 3 : pad + head + i * line - 5}" font-size="${l.size}"${l.weight ? ` font-weight="${l.weight}"` : ''}>${escapeXml(l.text)}</text>`,
    )
    .join('');
  const ink = escapeXml(at.colors?.text ?? '#111');
  const svg =
    `<g class="sfb-title-block" transform="translate(${x} ${y})" font-family="'Segoe UI', Arial, 'Liberation Sans', Helvetica, sans-serif" fill="${ink}">` +
    `<rect width="${width}" height="${height}" fill="${escapeXml(at.colors?.fill ?? '#fff')}" stroke="${escapeXml(at.colors?.border ?? '#333')}" stroke-width="1"/>` +
    `<line x1="0" y1="${pad + head - 1}" x2="${width}" y2="${pad + head - 1}" stroke="${escapeXml(at.colors?.rule ?? '#999')}" stroke-width="0.5"/>` +
    texts +
    `</g>`;
  return { svg, width, height };
}

const finiteOr = (v: number | undefined, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);

/**
 * The SVG with a band added below the drawing, holding the title block at its right:
 * the root's height (and viewBox, when it has one) grow by the band, the drawing itself
 * is untouched. For html-to-image output (`<svg width height viewBox><foreignObject …>`).
 */
export function appendTitleBlock(
  svgText: string,
  info: TitleBlockInfo,
  options: { margin?: number; blockWidth?: number; background?: string; colors?: TitleBlockColors } = {},
): Result<string, SvgError> {
  if (typeof svgText !== 'string') return err({ tag: 'notSvg', message: 'expected SVG text' });
  const root = rootStartTag(svgText);
  if (!root) return err({ tag: 'notSvg', message: 'this text is not an SVG drawing: it does not start with an <svg> element' });
  const tag = svgText.slice(root.start, root.end);
  const attr = (name: string): string | undefined =>
    new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
      .exec(tag)
      ?.slice(1)
      .find((v) => v !== undefined);
  const viewBox = attr('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  const hasViewBox = viewBox?.length === 4 && viewBox.every(Number.isFinite);
  const px = (v: string | undefined) => (v !== undefined && /^\s*[\d.]+\s*(px)?\s*$/.test(v) ? Number.parseFloat(v) : undefined);
  const width = px(attr('width')) ?? (hasViewBox ? viewBox![2]! : undefined);
  const height = px(attr('height')) ?? (hasViewBox ? viewBox![3]! : undefined);
  if (width === undefined || height === undefined || !(width > 0) || !(height > 0))
    return err({
      tag: 'notSvg',
      message: 'this SVG has no size in pixels (width and height, or a viewBox), so a title block cannot be placed',
    });
  const margin = Math.max(0, finiteOr(options.margin, 16));
  const blockWidth = Math.max(200, Math.min(finiteOr(options.blockWidth, 420), width - 2 * margin));
  // User units: the viewBox's when there is one (scaled to the pixel size), else pixels.
  const scale = hasViewBox ? viewBox![2]! / width : 1;
  const block = svgTitleBlock(info, { x: 0, y: 0, width: blockWidth, ...(options.colors ? { colors: options.colors } : {}) });
  const band = block.height + 2 * margin;
  const [vx, vy] = hasViewBox ? [viewBox![0]!, viewBox![1]!] : [0, 0];
  const bandTop = hasViewBox ? vy + viewBox![3]! : height;
  const bg = escapeXml(options.background ?? '#fff');
  const placed =
    `<g class="sfb-title-band" transform="translate(${vx} ${bandTop}) scale(${scale})">` +
    // Crisp edges: where the band meets the drawing's own background at a fraction of a
    // pixel, two anti-aliased edges left a thin seam (a line above the block on a dark theme).
    `<rect width="${width}" height="${band}" fill="${bg}" shape-rendering="crispEdges"/>` +
    `<g transform="translate(${Math.max(margin, width - blockWidth - margin)} ${margin})">${block.svg}</g></g>`;
  let newTag = setAttr(tag, 'height', String(height + band));
  if (hasViewBox) newTag = setAttr(newTag, 'viewBox', `${vx} ${vy} ${viewBox![2]!} ${viewBox![3]! + band * scale}`);
  if (root.selfClosing) newTag = newTag.replace(/\s*\/>$/, '>');
  const rest = svgText.slice(root.end);
  const close = root.selfClosing ? -1 : rest.lastIndexOf('</svg>');
  if (!root.selfClosing && close < 0) return err({ tag: 'notSvg', message: 'this SVG is cut off: it has no closing </svg>' });
  const body = root.selfClosing ? `${placed}</svg>${rest}` : `${rest.slice(0, close)}${placed}${rest.slice(close)}`;
  return ok(`${svgText.slice(0, root.start)}${newTag}${body}`);
}

function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  return re.test(tag) ? tag.replace(re, `$1"${escapeXml(value)}"`) : tag.replace(/^<svg/, `<svg ${name}="${escapeXml(value)}"`);
}
