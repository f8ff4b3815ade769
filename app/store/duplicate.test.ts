import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse';
import { pair2019AlwaysOn } from '../model/samples/index';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import { positionOf } from '../model/layout';
import { overlappingFrames } from '../model/placement';
import { runRules } from '../rules/engine';
import { copyFragment } from './copy-fragment';
import { pasteFragment } from './duplicate';

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

describe('paste and duplicate of an AlwaysOn Back End', () => {
  it('keep the store reached by its listener: the copy names them alike (BE-AG-LISTENER-FQDN)', () => {
    const doc = pair2019AlwaysOn();
    const store = doc.nodes.find((n) => n.kind === 'sqlStore' && n.ag)!;
    expect(store.kind === 'sqlStore' && store.ag!.listenerFqdn.toLowerCase()).toBe(store.fqdn.toLowerCase());
    let current = doc;
    for (let i = 0; i < 3; i++) current = pasteFragment(current, copyFragment(current, [store.id])!).doc;
    const copies = current.nodes.slice(doc.nodes.length);
    expect(copies).toHaveLength(3);
    for (const c of copies) {
      if (c.kind !== 'sqlStore' || !c.ag) throw new Error('not an AG store');
      expect(c.ag.listenerFqdn).toBe(c.fqdn);
    }
    // Every name is still unique across the design, listeners and replicas included.
    const names = current.nodes.flatMap((n) =>
      n.kind === 'sqlStore' && n.ag ? [n.fqdn, ...n.ag.replicas.map((r) => r.fqdn)] : [n.fqdn],
    );
    expect(new Set(names.map((x) => x.toLowerCase())).size).toBe(names.length);
    expect(runRules(current).filter((f) => f.ruleId === 'BE-AG-LISTENER-FQDN')).toEqual([]);
    expect(parseTopology(current).ok).toBe(true);
  });

  it('lands on no other card, inside the same site, and leaves site frames apart', () => {
    const doc = pair2019AlwaysOn();
    const ids = ['pool-a', 'sql-a', 'fs-a'];
    let current = doc;
    for (let i = 0; i < 3; i++) current = pasteFragment(current, copyFragment(current, ids)!).doc;
    const boxes = current.nodes.map((n) => ({ id: n.id, p: positionOf(current.layout, n.id)! }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.p;
        const b = boxes[j]!.p;
        const apart = a.x + NODE_WIDTH <= b.x || b.x + NODE_WIDTH <= a.x || a.y + NODE_HEIGHT <= b.y || b.y + NODE_HEIGHT <= a.y;
        expect(apart, `${boxes[i]!.id} on ${boxes[j]!.id}`).toBe(true);
      }
    for (const n of current.nodes.slice(doc.nodes.length)) expect(n.siteId).toBe('dc1');
    expect(overlappingFrames(current)).toEqual([]);
  });

  it('a pasted site goes beside the others, not over them', () => {
    const doc = pair2019AlwaysOn();
    let current = doc;
    for (let i = 0; i < 2; i++) current = pasteFragment(current, copyFragment(current, ['dc1'])!).doc;
    expect(current.sites).toHaveLength(4);
    expect(overlappingFrames(current)).toEqual([]);
  });
});
