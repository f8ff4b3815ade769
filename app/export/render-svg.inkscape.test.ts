/**
 * The exported SVG in a real SVG editor: Debian's Inkscape renders it to PNG, and the
 * pixels must show every site frame and every card (their text is ink on the card).
 * Runs wherever Inkscape is installed (CI installs it: .ci/run, scripts/test-all.mjs).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import { buildScene } from './diagram-scene';
import { THEMES } from './diagram-style';
import { renderDesignSvg } from './render-svg';

const hasInkscape = spawnSync('inkscape', ['--version'], { encoding: 'utf8' }).status === 0;

interface Image {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel. */
  data: Uint8Array;
}

/** A PNG as Inkscape writes it: 8-bit RGB or RGBA, not interlaced. */
function decodePng(bytes: Uint8Array): Image {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let width = 0;
  let height = 0;
  let type = 0;
  const idat: Uint8Array[] = [];
  while (pos < bytes.length) {
    const len = view.getUint32(pos);
    const name = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const body = bytes.subarray(pos + 8, pos + 8 + len);
    if (name === 'IHDR') {
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      if (body[8] !== 8 || body[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
      type = body[9]!;
    } else if (name === 'IDAT') idat.push(body);
    pos += 12 + len;
  }
  const channels = type === 6 ? 4 : type === 2 ? 3 : 0;
  if (!channels) throw new Error(`PNG colour type ${type}`);
  const total = idat.reduce((n, c) => n + c.length, 0);
  const joined = new Uint8Array(total);
  let o = 0;
  for (const c of idat) joined.set(c, (o += c.length) - c.length);
  const raw = unzlibSync(joined);
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth : 0;
      cur[i] = (line[i]! + pred) & 255;
    }
    for (let x = 0; x < width; x++) {
      const q = (y * width + x) * 4;
      out[q] = cur[x * channels]!;
      out[q + 1] = cur[x * channels + 1]!;
      out[q + 2] = cur[x * channels + 2]!;
      out[q + 3] = channels === 4 ? cur[x * channels + 3]! : 255;
    }
    prev = cur;
  }
  return { width, height, data: out };
}

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

describe.runIf(hasInkscape)('Inkscape renders the exported SVG', () => {
  for (const [design, theme] of [
    [REFERENCE_DESIGNS[0]!, 'light'],
    [REFERENCE_DESIGNS[3]!, 'dark'],
  ] as const)
    it(`${design.id} (${theme}): the PNG has ink on every card and every site frame`, () => {
      const doc = design.build();
      const svg = renderDesignSvg(doc, { theme, date: '2026-01-31' });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfb-inkscape-'));
      try {
        const file = path.join(dir, 'design.svg');
        fs.writeFileSync(file, svg);
        const r = spawnSync(
          'inkscape',
          ['--export-type=png', '--export-background-opacity=1', `--export-filename=${path.join(dir, 'design.png')}`, file],
          { encoding: 'utf8', timeout: 180_000 },
        );
        expect(r.status, r.stderr).toBe(0);
        const img = decodePng(new Uint8Array(fs.readFileSync(path.join(dir, 'design.png'))));
        const scene = buildScene(doc, { theme });
        // The PNG is the drawing plus the title band below it, at 96 dpi: one pixel per unit.
        expect(img.width).toBe(scene.bounds.width);
        expect(img.height).toBeGreaterThan(scene.bounds.height);
        const bg = rgb(THEMES[theme].background);
        const inkIn = (x0: number, y0: number, w: number, h: number) => {
          let ink = 0;
          const px = (v: number, max: number) => Math.max(0, Math.min(max, Math.round(v)));
          const [x1, x2, y1, y2] = [
            px(x0 - scene.bounds.x, img.width),
            px(x0 + w - scene.bounds.x, img.width),
            px(y0 - scene.bounds.y, img.height),
            px(y0 + h - scene.bounds.y, img.height),
          ];
          for (let y = y1; y < y2; y++)
            for (let x = x1; x < x2; x++) {
              const q = (y * img.width + x) * 4;
              if (Math.abs(img.data[q]! - bg[0]) + Math.abs(img.data[q + 1]! - bg[1]) + Math.abs(img.data[q + 2]! - bg[2]) > 90)
                ink++;
            }
          return ink / Math.max(1, (x2 - x1) * (y2 - y1));
        };
        // Text, icon and colour band on every card.
        for (const c of scene.cards) expect(inkIn(c.box.x, c.box.y, c.box.width, c.box.height), c.id).toBeGreaterThan(0.04);
        // Every site header carries its name.
        for (const s of scene.sites) expect(inkIn(s.box.x, s.box.y, s.box.width, 40), s.id).toBeGreaterThan(0.01);
        // And the empty margin around the drawing stays background.
        expect(inkIn(scene.bounds.x, scene.bounds.y, scene.bounds.width, 20)).toBe(0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 240_000);
});
