import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits';
import { parseTopology } from './parse';
import { REFERENCE_DESIGNS, pair2019AlwaysOn } from './samples/index';
import type { Topology } from './schema';

const here = path.dirname(new URL(import.meta.url).pathname);
/** The example designs of docs/format.md. */
const EXAMPLES = path.resolve(here, '../../docs/examples');
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests write wrong shapes on purpose
const base = () => JSON.parse(JSON.stringify(pair2019AlwaysOn())) as Record<string, any>;
function expectError(input: unknown, tag: string, pathWanted?: string, text?: RegExp) {
  const r = parseTopology(input);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.tag).toBe(tag);
  if (pathWanted !== undefined) expect(r.error.issues.map((i) => i.path)).toContain(pathWanted);
  if (text) expect(r.error.message + r.error.issues.map((i) => i.message).join('\n')).toMatch(text);
  expect(r.error.message.length).toBeGreaterThan(5);
  return r.error;
}

describe('parseTopology', () => {
  it('accepts every example design of docs/format.md', () => {
    const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const r = parseTopology(fs.readFileSync(path.join(EXAMPLES, f), 'utf8'));
      expect(r.ok ? 'ok' : r.error.message, f).toBe('ok');
    }
  });

  it('accepts every reference design, from objects and from text, unchanged', () => {
    for (const d of REFERENCE_DESIGNS) {
      const doc = d.build();
      const r = parseTopology(JSON.stringify(doc));
      expect(r.ok ? 'ok' : r.error.message, d.id).toBe('ok');
      if (r.ok) expect(r.value).toEqual(JSON.parse(JSON.stringify(doc)));
    }
  });

  it('notJson: text that is not JSON, with line and column', () => {
    expectError('{', 'notJson', '', /not valid JSON/);
    expectError('{\n  "a": 1,\n}', 'notJson', '', /line 3/);
    expectError('', 'notJson', '', /empty/);
  });

  it('notATopology: JSON that is not a topology', () => {
    expectError('[]', 'notATopology');
    expectError('42', 'notATopology');
    expectError(null, 'notATopology');
    expectError({ hello: 'world' }, 'notATopology', 'format', /not a Skype for Business topology/);
    expectError({ format: 'drawio' }, 'notATopology', 'format');
  });

  it('versionTooNew and unsupportedVersion', () => {
    expectError({ ...base(), version: 3 }, 'versionTooNew', 'version', /newer designer/);
    expectError({ ...base(), version: 0 }, 'unsupportedVersion', 'version');
    expectError({ ...base(), version: '1' }, 'invalidDocument', 'version');
  });

  it('invalidDocument: names the JSON path of a wrong field', () => {
    const d = base();
    d.nodes[0].frontEndServers = 0;
    const e = expectError(d, 'invalidDocument', 'nodes[0].frontEndServers', /1 or more/);
    expect(e?.message).toMatch(/^nodes\[0\]\.frontEndServers: /);
    expect(e?.message).toContain('pool-a');
  });

  it('invalidDocument: a missing field, an unknown field, a wrong enum, an unknown kind', () => {
    const a = base();
    delete a.nodes[0].fqdn;
    expectError(a, 'invalidDocument', 'nodes[0].fqdn', /missing/);
    const b = base();
    b.nodes[1].colour = 'red';
    expectError(b, 'invalidDocument', 'nodes[1].colour', /not a field/);
    const c = base();
    c.nodes[1].haMode = 'logShipping';
    expectError(c, 'invalidDocument', 'nodes[1].haMode', /one of/);
    const k = base();
    k.nodes[2].kind = 'wanAccelerator';
    expectError(k, 'invalidDocument', 'nodes[2].kind', /node kinds/);
    const l = base();
    l.links[0].kind = 'wan';
    expectError(l, 'invalidDocument', 'links[0].kind', /link kinds/);
  });

  it('format v2 cross-references: site links, parent sites, Windows Server 2008 R2 only with an in-place upgrade', () => {
    const s = base();
    s.siteLinks = [{ id: 'wan1', from: s.sites[0].id, to: 'nowhere', fast: true, secured: true, resilient: false }];
    expectError(s, 'invalidDocument', 'siteLinks[0].to', /no site has id "nowhere"/);
    const self = base();
    self.siteLinks = [{ id: 'wan1', from: self.sites[0].id, to: self.sites[0].id, fast: true, secured: true, resilient: false }];
    expectError(self, 'invalidDocument', 'siteLinks[0].to', /two different sites/);
    const dup = base();
    dup.siteLinks = [
      { id: dup.nodes[0].id, from: dup.sites[0].id, to: dup.sites[1].id, fast: true, secured: true, resilient: false },
    ];
    expectError(dup, 'invalidDocument', 'siteLinks[0].id', /already used/);
    const parent = base();
    parent.sites[1].parentSiteId = 'nowhere';
    expectError(parent, 'invalidDocument', 'sites[1].parentSiteId', /no site has id/);
    const os = base();
    os.nodes[0].os = 'WS2008R2';
    expectError(os, 'invalidDocument', 'nodes[0].os', /upgraded in place/);
    os.nodes[0].inPlaceUpgrade = { fromVersion: 'lync2013' };
    expect(parseTopology(os).ok).toBe(true);
    const ok = base();
    ok.siteLinks = [{ id: 'wan1', from: ok.sites[0].id, to: ok.sites[1].id, fast: true, secured: true, resilient: false }];
    ok.nodes[0].productVersion = 'SE';
    expect(parseTopology(ok).ok).toBe(true);
  });

  it('invalidDocument: ids, FQDNs and text limits', () => {
    const a = base();
    a.nodes[0].id = 'pool a';
    expectError(a, 'invalidDocument', 'nodes[0].id', /1–64 characters/);
    const b = base();
    b.nodes[0].fqdn = 'pool_a..contoso';
    expectError(b, 'invalidDocument', 'nodes[0].fqdn', /DNS name/);
    const c = base();
    c.name = 'x'.repeat(201);
    expectError(c, 'invalidDocument', 'name', /200/);
    const d = base();
    d.nodes[0].fqdn = 'pool01'; // a NetBIOS name is accepted (a rule flags it)
    expect(parseTopology(d).ok).toBe(true);
  });

  it('cross-reference: duplicate ids', () => {
    const d = base();
    d.nodes[1].id = 'pool-a';
    expectError(d, 'invalidDocument', 'nodes[1].id', /already used by nodes\[0\]/);
    const s = base();
    s.links[0].id = 'dc1';
    expectError(s, 'invalidDocument', 'links[0].id', /already used by sites\[0\]/);
  });

  it('cross-reference: links to missing nodes, sites that do not exist', () => {
    const d = base();
    d.links[0].to = 'ghost';
    expectError(d, 'invalidDocument', 'links[0].to', /no node has id "ghost"/);
    const s = base();
    s.nodes[0].siteId = 'dc9';
    expectError(s, 'invalidDocument', 'nodes[0].siteId', /no site has id "dc9"/);
    const r = base();
    r.nodes[1].ag.replicas[0].siteId = 'nowhere';
    expectError(r, 'invalidDocument', 'nodes[1].ag.replicas[0].siteId', /no site/);
  });

  it('cross-reference: link kinds the link table does not allow, citing structural rules', () => {
    const d = base();
    d.links[0] = { id: 'l1', kind: 'backEnd', from: 'sql-a', to: 'pool-a' };
    expectError(d, 'invalidDocument', 'links[0]', /cannot go from a SQL store/);
    const p = base();
    p.links.push({ id: 'lx', kind: 'pairing', from: 'edge-a', to: 'edge-b' });
    const e = expectError(p, 'invalidDocument', `links[${p.links.length - 1}]`, /PAIR-POOL-KINDS/);
    expect(e?.issues[0]?.ruleId).toBe('PAIR-POOL-KINDS');
    const self = base();
    self.links[0] = { id: 'l1', kind: 'mirror', from: 'sql-a', to: 'sql-a' };
    expectError(self, 'invalidDocument', 'links[0].to', /itself/);
  });

  it('cross-reference: cmsHost missing or not a pool (CMS-HOST-KIND)', () => {
    const d = base();
    d.deployment.cmsHost = 'ghost';
    expectError(d, 'invalidDocument', 'deployment.cmsHost', /no node/);
    const k = base();
    k.deployment.cmsHost = 'sql-a';
    const e = expectError(k, 'invalidDocument', 'deployment.cmsHost', /CMS-HOST-KIND/);
    expect(e?.issues[0]?.ruleId).toBe('CMS-HOST-KIND');
  });

  it('tooLarge: refuses oversized input before parsing it', () => {
    expectError(' '.repeat(LIMITS.maxDocumentChars + 1), 'tooLarge');
    const d = base();
    d.nodes = Array.from({ length: 10_001 }, () => d.nodes[0]);
    expectError(d, 'tooLarge', 'nodes');
  });

  it('drops layout entries of ids that do not exist and never touches the prototype', () => {
    const d = base();
    d.layout = JSON.parse('{"ghost": {"x": 1, "y": 2}, "__proto__": {"x": 3, "y": 4}, "pool-a": {"x": 5, "y": 6}}');
    const r = parseTopology(d);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.layout).toEqual({ 'pool-a': { x: 5, y: 6 } });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('property: any JSON value gives a document or a tagged error, never a throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = parseTopology(v);
        if (!r.ok) expect(typeof r.error.message).toBe('string');
      }),
      { numRuns: RUNS },
    );
  });

  it('property: any string gives a document or a tagged error', () => {
    fc.assert(
      fc.property(fc.string(), (s) => void parseTopology(s)),
      { numRuns: RUNS },
    );
  });

  it('property: mutated valid documents give a document or a tagged error with a path', () => {
    const valid: Topology = pair2019AlwaysOn();
    const paths = collectPaths(valid);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (p, value) => {
        const d = JSON.parse(JSON.stringify(valid));
        setPath(d, p, value);
        const r = parseTopology(d);
        if (!r.ok) {
          expect(r.error.issues.length).toBeGreaterThan(0);
          expect(['invalidDocument', 'notATopology', 'versionTooNew', 'unsupportedVersion', 'tooLarge']).toContain(r.error.tag);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

function collectPaths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (v && typeof v === 'object') {
    for (const [k, child] of Object.entries(v)) {
      const p = [...prefix, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      collectPaths(child, p, out);
    }
  }
  return out;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any path of any JSON value
function setPath(obj: any, p: (string | number)[], value: unknown) {
  let cur = obj;
  for (const k of p.slice(0, -1)) cur = cur[k];
  cur[p[p.length - 1]!] = value;
}
