import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleJson, SAMPLES_DIR } from '../../../scripts/gen-samples';
import { parseTopology } from '../parse';
import { REFERENCE_DESIGNS } from './index';

describe('reference designs', () => {
  it('are four, with the shapes issue 2 asks for', () => {
    const byId = Object.fromEntries(REFERENCE_DESIGNS.map((d) => [d.id, d.build()]));
    const a = byId['pair-2019-ag']!;
    const fe = a.nodes.filter((n) => n.kind === 'frontEndPool');
    expect(fe.every((n) => n.kind === 'frontEndPool' && n.productVersion === '2019' && n.frontEndServers >= 3)).toBe(true);
    expect(a.links.filter((l) => l.kind === 'pairing')).toHaveLength(1);
    expect(
      a.nodes.filter(
        (n) => n.kind === 'sqlStore' && n.haMode === 'alwaysOnAg' && n.sqlVersion === '2019' && n.sqlEdition === 'enterprise',
      ),
    ).toHaveLength(2);
    expect(a.nodes.filter((n) => n.kind === 'edgePool' && n.servers === 2 && n.externalLoadBalancing === 'hlb')).toHaveLength(2);
    const b = byId['pair-2015-mirror']!;
    expect(
      b.links.some((l) => l.kind === 'mirror') &&
        b.links.some((l) => l.kind === 'witness') &&
        b.links.some((l) => l.kind === 'pairing'),
    ).toBe(true);
    const c = byId['pair-se']!;
    expect(c.nodes.filter((n) => n.kind === 'standardEditionServer')).toHaveLength(2);
    const d = byId['global']!;
    expect(d.sites.length).toBeGreaterThanOrEqual(4);
    expect(d.nodes.filter((n) => n.kind === 'frontEndPool').length).toBeGreaterThanOrEqual(6);
  });

  it('each parses and has its JSON file up to date (npx tsx scripts/gen-samples.ts)', () => {
    for (const d of REFERENCE_DESIGNS) {
      const doc = d.build();
      expect(parseTopology(doc).ok, d.id).toBe(true);
      expect(fs.readFileSync(path.join(SAMPLES_DIR, `${d.id}.json`), 'utf8'), d.id).toBe(sampleJson(doc));
    }
  });

  it('places every node in the layout, inside no other site', () => {
    for (const d of REFERENCE_DESIGNS) {
      const doc = d.build();
      for (const n of doc.nodes) expect(doc.layout?.[n.id], `${d.id}/${n.id}`).toBeDefined();
    }
  });
});
