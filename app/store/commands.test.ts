import { describe, expect, it, vi } from 'vitest';
import { pair2019AlwaysOn } from '../model/samples/index';
import {
  COMMAND,
  COMMANDS,
  commandForKey,
  keyText,
  keysTextOf,
  matches,
  runCommand,
  shortcutOf,
  titleOf,
  type CommandId,
} from './commands';
import { createDesignerStore } from './store';

const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean } = {}) => ({
  key,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
});

function designStore() {
  const store = createDesignerStore();
  store.getState().replaceDocument(pair2019AlwaysOn());
  store.getState().clearHistory();
  return store;
}

describe('command registry: the table', () => {
  it('has unique ids, a label for each, and no key bound to two commands', () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of COMMANDS) expect(c.label.length, c.id).toBeGreaterThan(2);
    const bindings = COMMANDS.flatMap((c) => c.keys.map((k) => `${c.id}:${keyText(k)}`));
    const keys = bindings.map((b) => b.split(':')[1]);
    expect(new Set(keys).size, bindings.join(' ')).toBe(keys.length);
  });

  it('says keys as people read them', () => {
    expect(keyText('Shift+Mod+Z')).toBe('Ctrl+Shift+Z');
    expect(keyText('Delete')).toBe('Del');
    expect(keysTextOf(COMMAND.redo)).toBe('Ctrl+Shift+Z or Ctrl+Y');
    expect(keysTextOf(COMMAND.find)).toBe('Ctrl+K or /');
    expect(titleOf('undo')).toBe('Undo (Ctrl+Z)');
    expect(titleOf('share')).toBe('Share');
    expect(shortcutOf('auto-layout')).toBeUndefined();
  });
});

describe('command registry: keys', () => {
  it('tells Ctrl+Z from Ctrl+Shift+Z, and takes ⌘ for Ctrl', () => {
    expect(matches('Mod+Z', press('z', { ctrl: true }))).toBe(true);
    expect(matches('Mod+Z', press('Z', { ctrl: true, shift: true }))).toBe(false);
    expect(matches('Shift+Mod+Z', press('Z', { meta: true, shift: true }))).toBe(true);
    expect(matches('Mod+Z', press('z'))).toBe(false);
  });

  it('takes ? and / however they are typed, and F only without Ctrl', () => {
    expect(matches('?', press('?', { shift: true }))).toBe(true);
    expect(matches('/', press('/'))).toBe(true);
    expect(matches('F', press('f'))).toBe(true);
    expect(matches('F', press('f', { ctrl: true }))).toBe(false);
  });

  it('finds the command for each key the designer answers', () => {
    const cases: [ReturnType<typeof press>, CommandId][] = [
      [press('z', { ctrl: true }), 'undo'],
      [press('Z', { ctrl: true, shift: true }), 'redo'],
      [press('y', { ctrl: true }), 'redo'],
      [press('Delete'), 'delete'],
      [press('Backspace'), 'delete'],
      [press('d', { ctrl: true }), 'duplicate'],
      [press('a', { ctrl: true }), 'select-all'],
      [press('s', { ctrl: true }), 'save'],
      [press('k', { ctrl: true }), 'find'],
      [press('/'), 'find'],
      [press('f'), 'fit-view'],
      [press('l'), 'link-selected'],
      [press('ArrowLeft'), 'nudge'],
      [press('ArrowDown', { shift: true }), 'nudge'],
      [press('Escape'), 'clear-selection'],
      [press('?', { shift: true }), 'shortcuts'],
      [press('c', { ctrl: true }), 'copy'],
    ];
    for (const [e, id] of cases) expect(commandForKey(e)?.id, JSON.stringify(e)).toBe(id);
    expect(commandForKey(press('q'))).toBeUndefined();
    expect(commandForKey(press('ArrowLeft', { ctrl: true }))).toBeUndefined();
  });

  it('leaves copy, cut and paste to the clipboard events', () => {
    for (const id of ['copy', 'cut', 'paste'] as const) expect(COMMAND[id].clipboardEvent).toBe(true);
  });
});

describe('command registry: running commands on a store', () => {
  it('undo and redo apply only when there is something to undo or redo', () => {
    const store = designStore();
    expect(runCommand(store, 'undo')).toBe(false);
    store.getState().setName('Renamed');
    expect(runCommand(store, 'undo')).toBe(true);
    expect(store.getState().doc.name).not.toBe('Renamed');
    expect(runCommand(store, 'redo')).toBe(true);
    expect(store.getState().doc.name).toBe('Renamed');
  });

  it('delete needs a selection and removes it with its links', () => {
    const store = designStore();
    expect(runCommand(store, 'delete')).toBe(false);
    const links = store.getState().doc.links.filter((l) => l.from === 'sql-a' || l.to === 'sql-a').length;
    expect(links).toBeGreaterThan(0);
    store.getState().select(['sql-a']);
    expect(runCommand(store, 'delete')).toBe(true);
    const doc = store.getState().doc;
    expect(doc.nodes.some((n) => n.id === 'sql-a')).toBe(false);
    expect(doc.links.some((l) => l.from === 'sql-a' || l.to === 'sql-a')).toBe(false);
  });

  it('nudge moves the selection 8 units, 40 with Shift, and not a focused card (React Flow moves that)', () => {
    const store = designStore();
    const before = store.getState().doc.layout!['pool-a']!;
    store.getState().select(['pool-a']);
    runCommand(store, 'nudge', { key: { key: 'ArrowRight', shiftKey: false, onCard: false } });
    runCommand(store, 'nudge', { key: { key: 'ArrowUp', shiftKey: true, onCard: false } });
    expect(store.getState().doc.layout!['pool-a']).toEqual({ x: before.x + 8, y: before.y - 40 });
    expect(runCommand(store, 'nudge', { key: { key: 'ArrowUp', shiftKey: false, onCard: true } })).toBe(false);
  });

  it('Escape clears the selection and leaves a simulation', () => {
    const store = designStore();
    store.getState().select(['pool-a'], { type: 'node', id: 'pool-a' });
    store.getState().simulate({ siteId: 'dc1' });
    runCommand(store, 'clear-selection');
    expect(store.getState()).toMatchObject({ selectedIds: [], inspected: { type: 'deployment' }, simulatedFailure: null });
  });

  it('the context commands act on their target: host the CMS, simulate a pool or its site, select a site’s nodes', () => {
    const store = designStore();
    const target = { type: 'node', id: 'pool-b' } as const;
    expect(runCommand(store, 'host-cms', { target })).toBe(true);
    expect(store.getState().doc.deployment.cmsHost).toBe('pool-b');
    expect(runCommand(store, 'host-cms', { target })).toBe(false); // already there
    runCommand(store, 'simulate-pool', { target });
    expect(store.getState().simulatedFailure).toEqual({ poolId: 'pool-b' });
    const site = store.getState().doc.nodes.find((n) => n.id === 'pool-b')!.siteId;
    runCommand(store, 'simulate-site', { target });
    expect(store.getState().simulatedFailure).toEqual({ siteId: site });
    runCommand(store, 'select-site-nodes', { target: { type: 'site', id: site } });
    expect(store.getState().selectedIds).toEqual(
      store
        .getState()
        .doc.nodes.filter((n) => n.siteId === site)
        .map((n) => n.id),
    );
    expect(runCommand(store, 'simulate-pool', { target: { type: 'node', id: 'sql-a' } })).toBe(false);
  });

  it('adds a site where the menu opened, and only there', () => {
    const store = designStore();
    expect(runCommand(store, 'add-branch-site')).toBe(false);
    const n = store.getState().doc.sites.length;
    runCommand(store, 'add-branch-site', { at: { x: 3000, y: 3000 } });
    const added = store.getState().doc.sites[n]!;
    expect(added.kind).toBe('branch');
    expect(store.getState().doc.layout![added.id]).toBeDefined();
  });

  it('L links two selected nodes with the kind their ends allow, and says what to do otherwise', () => {
    const store = designStore();
    store.getState().select(['pool-a']);
    runCommand(store, 'link-selected');
    expect(store.getState().notices.at(-1)?.text).toMatch(/Select exactly two nodes.*press L/);
    const doc = store.getState().doc;
    const fresh = doc.links.filter((l) => (l.from === 'pool-a' && l.to === 'sql-b') || (l.from === 'sql-b' && l.to === 'pool-a'));
    expect(fresh).toHaveLength(0);
    store.getState().select(['pool-a', 'sql-b']);
    runCommand(store, 'link-selected');
    const linked = store.getState().doc.links.filter((l) => l.from === 'pool-a' && l.to === 'sql-b');
    expect(linked).toHaveLength(1);
    expect(store.getState().inspected).toEqual({ type: 'link', id: linked[0]!.id });
  });

  it('copy then paste through the registry adds a copy with fresh ids', async () => {
    const store = designStore();
    store.getState().select(['pool-a']);
    expect(runCommand(store, 'paste')).toBe(false);
    runCommand(store, 'copy');
    const n = store.getState().doc.nodes.length;
    expect(runCommand(store, 'paste')).toBe(true);
    // The paste follows when its module is in (loaded on first use).
    await vi.waitFor(() => expect(store.getState().doc.nodes.length).toBe(n + 1));
  });
});
