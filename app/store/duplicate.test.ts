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
