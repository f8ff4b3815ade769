/**
 * Text widths without a browser, so the pure renderer can fit names and size label
 * pills the same way everywhere (browser export, `topo render`, PDF, PowerPoint). The
 * drawing names "Segoe UI" first, then Arial / Liberation Sans (metric-compatible with
 * Helvetica, whose Adobe font metrics are below); FQDNs use a monospace font. Widths
 * are in thousandths of the font size; characters outside the table are taken as wide.
 */

// Helvetica / Arial advance widths for U+0020..U+007E (Adobe AFM, per 1000 units).
// prettier-ignore
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
// prettier-ignore
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
  611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

export type FontStyle = 'regular' | 'bold' | 'mono';

/** Segoe UI runs a little wider than Arial in places: fitting leaves this much room. */
const SAFETY = 1.04;

function charWidth(code: number, style: FontStyle): number {
  if (style === 'mono') return isWide(code) ? 1200 : 600;
  if (code >= 0x20 && code <= 0x7e) return (style === 'bold' ? BOLD : REGULAR)[code - 0x20]!;
  if (code === 0x2026) return 1000; // …
  if (code === 0xb7 || code === 0x2022) return 350; // · •
  if (code === 0x2013) return 556;
  if (code === 0x2014) return 1000;
  return isWide(code) ? 1000 : 600;
}

/** East Asian wide characters, emoji and other symbols drawn about one em wide. */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x1f000
  );
}

/** The width in pixels of one line of text at this size. */
export function textWidth(text: string, size: number, style: FontStyle = 'regular'): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch.codePointAt(0)!, style);
  return (units / 1000) * size * SAFETY;
}

/** The text, cut with an ellipsis where it would run past maxWidth (as CSS text-overflow does). */
export function fitText(text: string, size: number, style: FontStyle, maxWidth: number): string {
  if (textWidth(text, size, style) <= maxWidth) return text;
  const chars = Array.from(text);
  const ellipsis = textWidth('…', size, style);
  let units = 0;
  let n = 0;
  for (; n < chars.length; n++) {
    const w = (charWidth(chars[n]!.codePointAt(0)!, style) / 1000) * size * SAFETY;
    if (units + w + ellipsis > maxWidth) break;
    units += w;
  }
  return n === 0 ? '…' : `${chars.slice(0, n).join('').trimEnd()}…`;
}
