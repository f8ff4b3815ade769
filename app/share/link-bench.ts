/**
 * Link-size benchmark: our fragment against draw.io's encoding of the same compact JSON
 * (`#R` + encodeURIComponent(base64(rawDeflate(encodeURIComponent(json))))), for every
 * reference design and a generated ten-site design. draw.io gets deflate level 9 too,
 * so the comparison never flatters us.
 */
import { deflateSync } from 'fflate';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { toBase64, utf8 } from './bytes';
import { generatedDesign } from './generated-design';
import { encodeWithDetails } from './index';

export interface LinkBenchRow {
  name: string;
  ours: number;
  drawio: number;
  ratio: number;
}

/** Length of draw.io's fragment (after `#`, with its `R` marker) for this document. */
export function drawioFragmentLength(doc: Topology): number {
  const json = JSON.stringify(doc);
  return 1 + encodeURIComponent(toBase64(deflateSync(utf8(encodeURIComponent(json)), { level: 9 }))).length;
}

export function benchDesigns(): { name: string; doc: Topology }[] {
  return [
    ...REFERENCE_DESIGNS.map((d) => ({ name: d.id, doc: d.build() })),
    { name: 'generated-10-site', doc: generatedDesign(10) },
  ];
}

export function linkSizeRow(name: string, doc: Topology): LinkBenchRow {
  const ours = encodeWithDetails(doc).fragment.length;
  const drawio = drawioFragmentLength(doc);
  return { name: `link-size/${name}`, ours, drawio, ratio: Math.round((ours / drawio) * 1000) / 1000 };
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** One row per design and a final `link-size/median` row. */
export function runLinkBench(): Array<LinkBenchRow> {
  const rows = benchDesigns().map((d) => linkSizeRow(d.name, d.doc));
  return [
    ...rows,
    {
      name: 'link-size/median',
      ours: median(rows.map((r) => r.ours)),
      drawio: median(rows.map((r) => r.drawio)),
      ratio: median(rows.map((r) => r.ratio)),
    },
  ];
}
