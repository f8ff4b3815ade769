import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleJson, SAMPLES_DIR } from '../../../scripts/gen-samples';
import { parseTopology } from '../parse';
import { REFERENCE_MIGRATIONS } from './migrations';

describe('reference migrations', () => {
  it('are a 2015 mirrored pair going side by side and a 2019 Standard Edition pair going in place, to Subscription Edition', () => {
    const [fabrikam, northwind] = REFERENCE_MIGRATIONS;
    const fc = fabrikam!.current();
    const ft = fabrikam!.target();
    expect(
      fc.nodes.filter((n) => n.kind === 'frontEndPool').every((n) => 'productVersion' in n && n.productVersion === '2015'),
    ).toBe(true);
    expect(fc.links.some((l) => l.kind === 'mirror')).toBe(true);
    expect(
      ft.nodes.filter((n) => n.kind === 'frontEndPool').every((n) => 'productVersion' in n && n.productVersion === 'SE'),
    ).toBe(true);
    expect(ft.nodes.filter((n) => n.kind === 'sqlStore').every((n) => n.kind === 'sqlStore' && n.haMode === 'alwaysOnAg')).toBe(
      true,
    );
    // Side by side: no Front End pool FQDN of the current design is reused.
    const fqdns = new Set(fc.nodes.filter((n) => n.kind === 'frontEndPool').map((n) => ('fqdn' in n ? n.fqdn : '')));
    expect(ft.nodes.some((n) => n.kind === 'frontEndPool' && fqdns.has(n.fqdn))).toBe(false);
    const nc = northwind!.current();
    const nt = northwind!.target();
    expect(
      nc.nodes.filter((n) => n.kind === 'standardEditionServer').map((n) => ('productVersion' in n ? n.productVersion : '')),
    ).toEqual(['2019', '2019']);
    expect(
      nt.nodes.filter((n) => n.kind === 'standardEditionServer').map((n) => ('productVersion' in n ? n.productVersion : '')),
    ).toEqual(['SE', 'SE']);
    expect(nt.nodes.map((n) => n.id)).toEqual(nc.nodes.map((n) => n.id));
  });

  it('each design parses, and the target files are up to date (npx tsx scripts/gen-samples.ts)', () => {
    for (const m of REFERENCE_MIGRATIONS) {
      expect(parseTopology(m.current()).ok, m.id).toBe(true);
      expect(parseTopology(m.target()).ok, m.id).toBe(true);
      expect(fs.existsSync(path.join(SAMPLES_DIR, `${m.currentFile}.json`)), m.currentFile).toBe(true);
      expect(fs.readFileSync(path.join(SAMPLES_DIR, `${m.targetFile}.json`), 'utf8'), m.id).toBe(sampleJson(m.target()));
    }
  });

  it("Fabrikam's target is built from its current design: the sites and the servers that stay are the same", () => {
    const m = REFERENCE_MIGRATIONS[0]!;
    const c = m.current();
    const t = m.target();
    expect(t.sites).toEqual(c.sites);
    expect(t.siteLinks).toEqual(c.siteLinks);
    const stays = (d: typeof c) =>
      d.nodes.filter((n) => n.kind === 'fileStore' || n.kind === 'officeOnlineServer' || n.kind === 'reverseProxy');
    expect(stays(t)).toEqual(stays(c));
    expect(stays(t)).toHaveLength(6);
  });
});
