import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology } from '../model/arbitrary-test-kit';
import { parseTopology } from '../model/parse';
import { globalMultiSite, pair2015Mirroring, pair2019AlwaysOn } from '../model/samples';
import { pasteInto, readClipboard } from './clipboard';
import { CLIPBOARD_TYPE, clipboardText, looksLikeClipboard } from './clipboard-copy';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('the system clipboard', () => {
  const source = pair2019AlwaysOn();

  it('round-trips a selection: the nodes, the links among them, and the sites they stand in', () => {
    const text = clipboardText(source, ['pool-a', 'sql-a'])!;
    expect(looksLikeClipboard(text)).toBe(true);
    const read = readClipboard(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.fragment.nodes.map((n) => n.id)).toEqual(['pool-a', 'sql-a']);
    expect(read.value.fragment.links.map((l) => [l.from, l.to])).toEqual(
      source.links
        .filter((l) => ['pool-a', 'sql-a'].includes(l.from) && ['pool-a', 'sql-a'].includes(l.to))
        .map((l) => [l.from, l.to]),
    );
    expect(read.value.fragment.sites).toEqual([]); // no site was copied...
    expect(read.value.contextSites.map((s) => s.id)).toEqual(['dc1']); // ...but it says where they stood
  });

  it('pasted into the same design, the copies join their site', () => {
    const read = readClipboard(clipboardText(source, ['pool-a', 'sql-a'])!);
    if (!read.ok) throw new Error('unreadable');
    const r = pasteInto(source, read.value);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.doc.sites).toHaveLength(source.sites.length);
    const added = r.value.doc.nodes.filter((n) => r.value.newIds.includes(n.id));
    expect(added.map((n) => n.siteId)).toEqual(['dc1', 'dc1']);
    expect(new Set(r.value.doc.nodes.map((n) => n.fqdn.toLowerCase())).size).toBe(r.value.doc.nodes.length);
  });

  it('pasted into another design, the nodes bring their site along under its own name, and the result is valid', () => {
    const other = globalMultiSite();
    const read = readClipboard(clipboardText(source, ['pool-a', 'sql-a'])!);
    if (!read.ok) throw new Error('unreadable');
    const r = pasteInto(other, read.value);
    if (!r.ok) throw new Error(r.error);
    expect(parseTopology(r.value.doc).ok).toBe(true);
    const site = r.value.doc.sites.find((s) => r.value.newIds.includes(s.id))!;
    expect(site.name).toBe('Amsterdam');
    expect(r.value.doc.nodes.filter((n) => r.value.newIds.includes(n.id)).every((n) => n.siteId === site.id)).toBe(true);
  });

  it('a copied site comes with all its nodes, and is named as a copy', () => {
    const read = readClipboard(clipboardText(source, ['dc2'])!);
    if (!read.ok) throw new Error('unreadable');
    const r = pasteInto(pair2015Mirroring(), read.value);
    if (!r.ok) throw new Error(r.error);
    const site = r.value.doc.sites.find((s) => r.value.newIds.includes(s.id))!;
    expect(site.name).toBe('Dublin (copy)');
    expect(r.value.doc.nodes.filter((n) => n.siteId === site.id)).toHaveLength(
      source.nodes.filter((n) => n.siteId === 'dc2').length,
    );
  });

  it('tells other text from its own, and says what is wrong with a damaged copy', () => {
    expect(readClipboard('https://example.com')).toEqual({ ok: false, error: { tag: 'notOurs' } });
    expect(readClipboard('{"type":"something-else"}')).toEqual({ ok: false, error: { tag: 'notOurs' } });
    expect(readClipboard(`{"type":"${CLIPBOARD_TYPE}","version":1,`)).toMatchObject({ ok: false, error: { tag: 'invalid' } });
    expect(readClipboard(JSON.stringify({ type: CLIPBOARD_TYPE, version: 9, copiedSiteIds: [], topology: {} }))).toMatchObject({
      ok: false,
      error: { tag: 'newerVersion', version: 9 },
    });
    const damaged = JSON.parse(clipboardText(source, ['pool-a'])!);
    damaged.topology.nodes[0].frontEndServers = -1;
    const r = readClipboard(JSON.stringify(damaged));
    expect(r).toMatchObject({ ok: false, error: { tag: 'invalid' } });
    if (!r.ok && r.error.tag === 'invalid') expect(r.error.message).toMatch(/frontEndServers/);
  });

  it('whatever the text: a result or a tagged error, never a throw; and any copy of any design pastes into any design validly', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map((j) => `{"type":"${CLIPBOARD_TYPE}",${j.slice(1)}`),
        ),
        (text) => {
          const r = readClipboard(text);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(
        arbTopology({ maxNodes: 8, maxLinks: 8 }),
        arbTopology({ maxNodes: 8, maxLinks: 8 }),
        fc.nat(),
        (from, into, seed) => {
          const ids = [...from.nodes, ...from.sites].map((x) => x.id).filter((_, i) => (seed >> i) & 1);
          const text = clipboardText(from, ids);
          if (!text) return;
          const read = readClipboard(text);
          expect(read.ok).toBe(true);
          if (!read.ok) return;
          const r = pasteInto(into, read.value);
          if (r.ok) expect(parseTopology(r.value.doc).ok).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
