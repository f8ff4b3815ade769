/** WAN links between sites (format v2 site links) in the designer: add, change, remove, undo; the document stays valid. */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse';
import { globalMultiSite } from '../model/samples/index';
import { createDesignerStore } from './store';
import { loadRuleEngine, selectFindings } from './selectors';

beforeAll(() => loadRuleEngine());

function designer() {
  const store = createDesignerStore();
  // The reference design's WAN taken away: these tests describe it from nothing.
  const doc = globalMultiSite();
  delete doc.siteLinks;
  store.getState().replaceDocument(doc);
  store.getState().clearHistory();
  return store;
}

describe('site links in the designer', () => {
  it('connects two sites once, fast and secured, and the document stays valid', () => {
    const store = designer();
    expect(store.getState().doc.siteLinks).toBeUndefined();
    const id = store.getState().addSiteLink('na-east', 'na-west')!;
    expect(store.getState().doc.siteLinks).toEqual([
      { id, from: 'na-east', to: 'na-west', fast: true, secured: true, resilient: false },
    ]);
    // The same pair again (either way round), one site twice, or an unknown site: refused.
    expect(store.getState().addSiteLink('na-west', 'na-east')).toBeUndefined();
    expect(store.getState().addSiteLink('na-east', 'na-east')).toBeUndefined();
    expect(store.getState().addSiteLink('na-east', 'mars')).toBeUndefined();
    expect(store.getState().doc.siteLinks).toHaveLength(1);
    expect(parseTopology(store.getState().doc).ok).toBe(true);
  });

  it('changes a link’s properties and removes it, each undoable; removing the last one leaves the WAN undescribed', () => {
    const store = designer();
    const id = store.getState().addSiteLink('na-east', 'eu-west')!;
    store.getState().updateSiteLink(id, { resilient: true, fast: false });
    expect(store.getState().doc.siteLinks![0]).toMatchObject({ fast: false, secured: true, resilient: true });
    store.getState().removeElements([id]);
    expect(store.getState().doc.siteLinks).toBeUndefined();
    store.getState().undo();
    expect(store.getState().doc.siteLinks![0]).toMatchObject({ id, resilient: true });
    store.getState().undo();
    expect(store.getState().doc.siteLinks![0]).toMatchObject({ fast: true, resilient: false });
    store.getState().undo();
    expect(store.getState().doc.siteLinks).toBeUndefined();
  });

  it('deleting a site deletes its WAN links and keeps the others', () => {
    const store = designer();
    const keep = store.getState().addSiteLink('na-east', 'na-west')!;
    store.getState().addSiteLink('eu-west', 'eu-central');
    store.getState().removeElements(['eu-central']);
    expect(store.getState().doc.siteLinks!.map((l) => l.id)).toEqual([keep]);
    expect(parseTopology(store.getState().doc).ok).toBe(true);
  });
});

describe('the checks that read the WAN', () => {
  it('run again as soon as a site link is added, changed or removed (the findings are not kept from before)', () => {
    const store = designer();
    // The findings on the EU1 and EU2 pair (the other pairs' sites are not joined at all).
    const ruleIds = () =>
      new Set(
        selectFindings(store.getState().doc)
          .filter((f) => f.nodeIds.includes('eu1'))
          .map((f) => f.ruleId),
      );
    // EU1 and EU2 fail voice over to each other between Dublin and Frankfurt.
    expect(ruleIds().has('VOICE-RESILIENT-WAN')).toBe(false);
    const id = store.getState().addSiteLink('eu-west', 'eu-central')!;
    expect(ruleIds().has('VOICE-RESILIENT-WAN')).toBe(true);
    expect(ruleIds().has('PAIR-LINK-SECURED')).toBe(false);
    store.getState().updateSiteLink(id, { secured: false });
    expect(ruleIds().has('PAIR-LINK-SECURED')).toBe(true);
    store.getState().updateSiteLink(id, { secured: true, resilient: true });
    expect(ruleIds().has('VOICE-RESILIENT-WAN')).toBe(false);
    expect(ruleIds().has('PAIR-LINK-SECURED')).toBe(false);
    store.getState().undo();
    expect(ruleIds().has('VOICE-RESILIENT-WAN')).toBe(true);
  });
});
