/**
 * The XML bench page (`npm run bench -- --only xml/browser`): our reader, saxes and
 * fast-xml-parser, each behind the importer's signature, timed in Chromium on the texts
 * the bench passes in.
 */
import { parseXml } from '../app/import/xml';
import { parseWithFastXmlParser, parseWithSaxes } from '../scripts/xml-oracles';

const PARSERS = { ours: parseXml, saxes: parseWithSaxes, fastXmlParser: parseWithFastXmlParser } as const;

function timeOne(fn: () => unknown, minRuns: number, budgetMs: number): number[] {
  for (let i = 0; i < 3; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start < budgetMs && times.length < 500)) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times;
}

declare global {
  interface Window {
    xmlBench: (text: string, budgetMs: number) => Record<string, { ok: boolean; times: number[] }>;
  }
}

window.xmlBench = (text, budgetMs) => {
  const out: Record<string, { ok: boolean; times: number[] }> = {};
  for (const [name, parse] of Object.entries(PARSERS))
    out[name] = { ok: parse(text).ok, times: timeOne(() => parse(text), 5, budgetMs) };
  return out;
};
document.title = 'ready';
