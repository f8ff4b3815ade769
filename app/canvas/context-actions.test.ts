import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology } from '../model/arbitrary-test-kit';
import { pair2015Mirroring, pair2019AlwaysOn } from '../model/samples';
import { COMMAND, shortcutOf } from '../store/commands';
import { contextActions, type ContextTarget } from './context-actions';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const ids = (doc: ReturnType<typeof pair2019AlwaysOn>, t: ContextTarget, sel: string[] = [], paste = false) =>
  contextActions(doc, t, sel, paste).map((a) => a.id);

describe('contextActions', () => {
  const doc = pair2019AlwaysOn();

  it('offers a pool that does not host the CMS the CMS, its loss and its site’s loss; delete comes last, marked dangerous', () => {
    const actions = contextActions(doc, { type: 'node', id: 'pool-b' }, ['pool-b'], false);
    expect(actions.map((a) => a.id)).toEqual(['copy', 'duplicate', 'host-cms', 'simulate-pool', 'simulate-site', 'delete']);
    expect(actions.find((a) => a.id === 'simulate-site')!.label).toBe('Simulate the loss of Dublin');
    expect(actions.at(-1)).toMatchObject({ id: 'delete', danger: true, shortcut: 'Del' });
  });

  it('does not offer to host the CMS where it already is, nor pool actions for a store', () => {
    expect(ids(doc, { type: 'node', id: 'pool-a' }, ['pool-a'])).not.toContain('host-cms');
    expect(ids(doc, { type: 'node', id: 'sql-a' }, ['sql-a'])).toEqual(['copy', 'duplicate', 'simulate-site', 'delete']);
  });

  it('names how many items a multiple selection acts on', () => {
    const actions = contextActions(doc, { type: 'node', id: 'sql-a' }, ['sql-a', 'sql-b', 'l1'], false);
    expect(actions.find((a) => a.id === 'delete')!.label).toBe('Delete 3 items');
    expect(actions.find((a) => a.id === 'duplicate')!.label).toBe('Duplicate 3 items');
  });

  it('a site offers to select its nodes, its loss, and says what deleting it removes', () => {
    const n = doc.nodes.filter((x) => x.siteId === 'dc1').length;
    const actions = contextActions(doc, { type: 'site', id: 'dc1' }, ['dc1'], false);
    expect(actions.map((a) => a.label)).toEqual([
      `Select its ${n} nodes`,
      'Simulate the loss of Amsterdam',
      `Delete the site and its ${n} nodes`,
    ]);
  });

  it('a link can be deleted; the empty canvas offers paste only with something copied, and view commands only with a design', () => {
    expect(ids(doc, { type: 'link', id: doc.links[0]!.id }, [doc.links[0]!.id])).toEqual(['delete']);
    expect(ids(doc, { type: 'pane' }, [], false)).toEqual([
      'add-central-site',
      'add-branch-site',
      'select-all',
      'fit-view',
      'auto-layout',
    ]);
    expect(ids(doc, { type: 'pane' }, [], true)[0]).toBe('paste');
    const empty = { ...pair2015Mirroring(), nodes: [], links: [], sites: [] };
    expect(ids(empty, { type: 'pane' }, [], false)).toEqual(['add-central-site', 'add-branch-site']);
  });

  it('offers nothing for an element that is gone', () => {
    expect(ids(doc, { type: 'node', id: 'ghost' })).toEqual([]);
    expect(ids(doc, { type: 'site', id: 'ghost' })).toEqual([]);
    expect(ids(doc, { type: 'link', id: 'ghost' })).toEqual([]);
  });

  it('whatever the design and target: never throws, ids are unique, and delete, when offered, is last', () => {
    fc.assert(
      fc.property(
        arbTopology({ maxNodes: 8, maxLinks: 8 }),
        fc.nat(20),
        fc.constantFrom('node', 'site', 'link', 'pane'),
        fc.boolean(),
        (d, i, type, paste) => {
          const pool = type === 'node' ? d.nodes : type === 'site' ? d.sites : d.links;
          const id = pool.length ? pool[i % pool.length]!.id : 'none';
          const target: ContextTarget = type === 'pane' ? { type } : { type, id };
          const actions = contextActions(d, target, type === 'pane' ? [] : [id], paste);
          const got = actions.map((a) => a.id);
          expect(new Set(got).size).toBe(got.length);
          if (got.includes('delete')) expect(got.at(-1)).toBe('delete');
          if (type !== 'pane' && pool.length) expect(got.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('contextActions: wired to the command registry', () => {
  it('the context menu shows the registry’s keys for its commands', () => {
    const doc = pair2019AlwaysOn();
    const actions = contextActions(doc, { type: 'node', id: 'pool-b' }, ['pool-b'], true);
    for (const a of actions) expect(a.shortcut, a.id).toBe(shortcutOf(a.id));
    const pane = contextActions(doc, { type: 'pane' }, [], true);
    expect(pane.find((a) => a.id === 'paste')?.shortcut).toBe('Ctrl+V');
    expect(pane.find((a) => a.id === 'fit-view')?.shortcut).toBe('F');
    expect(pane.find((a) => a.id === 'add-central-site')?.label).toBe(COMMAND['add-central-site'].label);
  });
});
