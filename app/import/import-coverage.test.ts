/**
 * No silent drop: every element of every Topology Builder document the project has is
 * either read into the design (MAPPED_ELEMENTS) or named in one of the import's
 * warnings. The project's own fixtures always; the real samples in
 * ../shared/samples/topology-xml when that folder is there (a clone of the repository
 * alone does not have it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAPPED_ELEMENTS } from './build-topology';
import { FIXTURE_FILES, fixtureBytes } from './fixture-test-kit';
import { importTopologyXml } from './index';
import { decodeXmlBytes, parseXml, type XmlElement } from './xml';

function elementNames(bytes: Uint8Array): Set<string> {
  const text = decodeXmlBytes(bytes);
  if (!text.ok) throw new Error('not decodable');
  const root = parseXml(text.value.text);
  if (!root.ok) throw new Error('not XML');
  const names = new Set<string>();
  const stack: XmlElement[] = [root.value];
  while (stack.length) {
    const el = stack.pop()!;
    names.add(el.local);
    stack.push(...el.children);
  }
  return names;
}

function expectNothingSilentlyDropped(name: string, bytes: Uint8Array): void {
  const r = importTopologyXml(bytes);
  expect(r.ok, name).toBe(true);
  if (!r.ok) return;
  const said = r.value.warnings.map((w) => w.message).join('\n');
  const unaccounted = [...elementNames(bytes)].filter((n) => !MAPPED_ELEMENTS.has(n) && !said.includes(`<${n}>`));
  expect(unaccounted, `${name}: elements neither mapped nor named in a warning`).toEqual([]);
  // Each dropped thing is said once, not once per occurrence.
  const notKept = r.value.warnings.filter((w) => w.message.startsWith('not kept:')).map((w) => w.message);
  expect(new Set(notKept).size).toBe(notKept.length);
}

describe('every element of the project fixtures is mapped or named in a warning', () => {
  for (const f of FIXTURE_FILES) it(f, () => expectNothingSilentlyDropped(f, fixtureBytes(f)));

  it('a made-up element is named, once, with its count', () => {
    const xml = `<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"><Sites><CentralSite SiteId="1"><Name>A</Name><Gizmo/><Gizmo/></CentralSite></Sites></Topology>`;
    const r = importTopologyXml(xml);
    expect(r.ok && r.value.warnings.filter((w) => w.message.includes('<Gizmo> ×2'))).toHaveLength(1);
  });
});

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/samples/topology-xml');
const SAMPLE_FILES = fs.existsSync(SAMPLES) ? fs.readdirSync(SAMPLES).filter((f) => /\.(xml|tbxml)$/i.test(f)) : [];

describe.skipIf(SAMPLE_FILES.length === 0)('optional: every element of the real samples is mapped or named in a warning', () => {
  for (const f of SAMPLE_FILES)
    it(f, () => expectNothingSilentlyDropped(f, new Uint8Array(fs.readFileSync(path.join(SAMPLES, f)))));
});
