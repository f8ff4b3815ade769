import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse';
import { pair2019AlwaysOn } from '../model/samples/index';
import { copyFragment, pasteFragment } from './duplicate';

describe('copy and paste', () => {
  it('pastes nodes with fresh ids, unique FQDNs and the links among them', () => {
    const doc = pair2019AlwaysOn();
    const frag = copyFragment(doc, ['pool-a', 'sql-a'])!;
    const { doc: out, newIds } = pasteFragment(doc, frag);
    expect(newIds).toHaveLength(2);
    expect(out.nodes).toHaveLength(doc.nodes.length + 2);
    const fqdns = out.nodes.map((n) => n.fqdn.toLowerCase());
    expect(new Set(fqdns).size).toBe(fqdns.length);
    const added = out.links.slice(doc.links.length);
    expect(added.map((l) => l.kind)).toEqual(['backEnd']);
    expect(newIds).toContain(added[0]!.from);
    expect(parseTopology(out).ok).toBe(true);
  });

  it('copies a whole site with its nodes, and pasting twice never reuses an id', () => {
    const doc = pair2019AlwaysOn();
    const frag = copyFragment(doc, ['dc1'])!;
    const once = pasteFragment(doc, frag).doc;
    const twice = pasteFragment(once, frag).doc;
    const ids = [...twice.sites, ...twice.nodes, ...twice.links].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(twice.sites).toHaveLength(4);
    const r = parseTopology(twice);
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
  });

  it('gives nothing for an empty selection', () => {
    expect(copyFragment(pair2019AlwaysOn(), [])).toBeUndefined();
  });
});

describe('copies of nodes with names at the DNS limits', () => {
  it('stay valid FQDNs (a label of 63, a name of 253) and the paste ends', () => {
    const long63 = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`; // 253 characters
    const longDomain = `x.${'e'.repeat(63)}.${'f'.repeat(63)}.${'g'.repeat(63)}.${'h'.repeat(57)}`; // 251: no room after the first label
    for (const fqdn of [long63, longDomain]) {
      const doc = pair2019AlwaysOn();
      doc.nodes = doc.nodes.map((n) => (n.id === 'fs-a' ? { ...n, fqdn } : n));
      let current = doc;
      for (let i = 0; i < 12; i++) current = pasteFragment(current, copyFragment(current, ['fs-a'])!).doc;
      const r = parseTopology(current);
      expect(r.ok ? 'valid' : r.error.message).toBe('valid');
      expect(new Set(current.nodes.map((n) => n.fqdn.toLowerCase())).size).toBe(current.nodes.length);
    }
  });
});

describe('ids that are also names of Object.prototype', () => {
  it('copy and paste a node whose id is "constructor" like any other', () => {
    const doc = pair2019AlwaysOn();
    doc.nodes = doc.nodes.map((n) => (n.id === 'oos-a' ? { ...n, id: 'constructor' } : n));
    delete doc.layout!['oos-a'];
    const frag = copyFragment(doc, ['constructor'])!;
    expect(frag.layout).toEqual({});
    const out = pasteFragment(doc, frag).doc;
    expect(out.nodes).toHaveLength(doc.nodes.length + 1);
  });
});
