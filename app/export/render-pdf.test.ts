/** The PDF report's diagram draws what the SVG draws: here, the WAN links between sites. */
import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import { renderDesignPdf } from './render-pdf';

/** The text of every compressed content stream of the PDF. */
function contents(pdf: Uint8Array): string {
  const raw = new TextDecoder('latin1').decode(pdf);
  const out: string[] = [];
  const re = /stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      out.push(new TextDecoder('latin1').decode(unzlibSync(pdf.subarray(start, end))));
    } catch {
      // Not a Flate stream (an image, a font): no drawing text in it.
    }
  }
  return out.join('\n');
}

describe('renderDesignPdf', () => {
  it('draws each WAN link and its label in the diagram', async () => {
    const doc = REFERENCE_DESIGNS[0]!.build();
    const report = { findings: [], steps: [], runbooks: [] };
    const without = contents(await renderDesignPdf(doc, report, { date: '2026-01-31' }));
    expect(without).not.toContain('not secured');
    doc.siteLinks = [{ id: 'wan-1', from: 'dc1', to: 'dc2', fast: true, secured: false, resilient: true }];
    const withWan = contents(await renderDesignPdf(doc, report, { date: '2026-01-31' }));
    expect(withWan).toContain('not secured, resilient');
  });
});
