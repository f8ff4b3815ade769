/**
 * Every command of the designer, once: its label, its keys, when it applies and what it
 * does. The keyboard handler, the context menus, the header buttons, the `?` list and the
 * inspector's hints all read this table, so a label or a shortcut is written in one place
 * and adding a command is one entry.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import { linkKindLabel, linkKindsBetween, nodeKindLabel } from '../model/link-kinds';
import { positionOf } from '../model/layout';
import type { Position } from '../model/schema';
import { saveFile } from './documents';
import { copySelection, deleteSelection, duplicateSelection, hostCms, pasteClipboard, selectAll } from './edit-commands';
import { canRedo, canUndo } from './history';
import { placeFromPalette } from './place';
import type { DesignerState, DesignerStore } from './store';

/** How the view is fitted: the canvas passes React Flow's instance. */
export type FitView = Pick<ReactFlowInstance, 'fitView'>;

/** What a context menu opened on. */
export type CommandTarget = { type: 'node' | 'site' | 'link' | 'siteLink'; id: string } | { type: 'pane' };

/** What a command may need besides the store; each caller gives what it has. */
export interface CommandEnv {
  flow?: FitView;
  /** Fits the view to the design (the canvas knows how: room for the minimap and the zoom buttons). */
  fit?: () => void;
  target?: CommandTarget;
  /** Canvas coordinates where a context menu opened: what the command adds goes there. */
  at?: Position;
  /** The key that ran it (commands bound to several keys, like the arrows). */
  key?: { key: string; shiftKey: boolean; onCard: boolean };
}

export interface Command {
  id: string;
  label: string;
  /** Bindings: `Mod+Z` (Ctrl, ⌘ on a Mac), `Shift+Mod+Z`, `Delete`, `?`, `ArrowLeft`. */
  keys: readonly string[];
  /** The keys as the `?` list shows them, where the bindings alone would say it badly. */
  keysText?: string;
  /** Also while typing in a field and with a dialog open (Save). */
  anywhere?: boolean;
  /** Also while typing in a field, not in a dialog (Find). */
  whileTyping?: boolean;
  /** The browser delivers these keys as clipboard events (copy, cut, paste): keydown leaves them alone. */
  clipboardEvent?: boolean;
  when(state: DesignerState, env: CommandEnv): boolean;
  run(store: DesignerStore, env: CommandEnv): void;
}

const always = () => true;
const hasSelection = (s: DesignerState) => s.selectedIds.length > 0;
const hasDesign = (s: DesignerState) => s.doc.nodes.length + s.doc.sites.length > 0;
const targetId = (env: CommandEnv, type: 'node' | 'site' | 'link') =>
  env.target && env.target.type === type ? env.target.id : undefined;
const targetNode = (s: DesignerState, env: CommandEnv) => s.doc.nodes.find((n) => n.id === targetId(env, 'node'));
const isRegistrar = (kind: string) => kind === 'frontEndPool' || kind === 'standardEditionServer';

function define<const T extends readonly Command[]>(list: T) {
  return list;
}

const LIST = define([
  { id: 'undo', label: 'Undo', keys: ['Mod+Z'], when: (s) => canUndo(s.history), run: (st) => st.getState().undo() },
  {
    id: 'redo',
    label: 'Redo',
    keys: ['Shift+Mod+Z', 'Mod+Y'],
    when: (s) => canRedo(s.history),
    run: (st) => st.getState().redo(),
  },
  {
    id: 'delete',
    label: 'Delete the selection with its links',
    keys: ['Delete', 'Backspace'],
    when: hasSelection,
    run: (st) => deleteSelection(st),
  },
  {
    id: 'copy',
    label: 'Copy (also to other designs in other tabs)',
    keys: ['Mod+C'],
    clipboardEvent: true,
    when: hasSelection,
    run: (st) => {
      // The keyboard's copy goes through the clipboard event; a menu writes the system clipboard itself (best effort: the browser may refuse).
      const text = copySelection(st);
      if (text && typeof navigator !== 'undefined') void navigator.clipboard?.writeText(text).catch(() => undefined);
    },
  },
  {
    id: 'cut',
    label: 'Cut',
    keys: ['Mod+X'],
    clipboardEvent: true,
    when: hasSelection,
    run: (st) => (copySelection(st) !== undefined ? deleteSelection(st) : undefined),
  },
  {
    id: 'paste',
    label: 'Paste (fresh ids, unique FQDNs)',
    keys: ['Mod+V'],
    clipboardEvent: true,
    when: (s) => s.clipboard !== undefined,
    run: (st) => void pasteClipboard(st),
  },
  { id: 'duplicate', label: 'Duplicate', keys: ['Mod+D'], when: always, run: (st) => duplicateSelection(st) },
  { id: 'select-all', label: 'Select everything', keys: ['Mod+A'], when: always, run: (st) => selectAll(st) },
  { id: 'save', label: 'Save as JSON', keys: ['Mod+S'], anywhere: true, when: always, run: (st) => saveFile(st) },
  {
    id: 'find',
    label: 'Find a node or site',
    keys: ['Mod+K', '/'],
    whileTyping: true,
    when: (s) => s.dialog === null,
    run: (st) => st.getState().openDialog('find'),
  },
  { id: 'fit-view', label: 'Fit the view', keys: ['F'], when: (_, env) => env.fit !== undefined, run: (_, env) => env.fit?.() },
  { id: 'link-selected', label: 'Link the two selected nodes', keys: ['L'], when: always, run: (st) => linkSelected(st) },
  {
    id: 'nudge',
    label: 'Nudge the selection',
    keys: [
      'ArrowLeft',
      'ArrowRight',
      'ArrowUp',
      'ArrowDown',
      'Shift+ArrowLeft',
      'Shift+ArrowRight',
      'Shift+ArrowUp',
      'Shift+ArrowDown',
    ],
    keysText: 'Arrow keys (Shift: 5× further)',
    // React Flow moves a focused card itself; this covers a selection without focus.
    when: (s, env) => hasSelection(s) && !env.key?.onCard,
    run: (st, env) => {
      const step = env.key?.shiftKey ? 40 : 8;
      const k = env.key?.key;
      nudge(
        st,
        k === 'ArrowLeft' ? -step : k === 'ArrowRight' ? step : 0,
        k === 'ArrowUp' ? -step : k === 'ArrowDown' ? step : 0,
      );
    },
  },
  {
    id: 'clear-selection',
    label: 'Clear the selection (and leave a simulation)',
    keys: ['Escape'],
    when: always,
    run: (st) => {
      const s = st.getState();
      s.select([], { type: 'deployment' });
      s.highlightFinding(null);
      if (s.simulatedFailure) s.simulate(null);
    },
  },
  { id: 'shortcuts', label: 'Keyboard shortcuts', keys: ['?'], when: always, run: (st) => st.getState().openDialog('shortcuts') },
  {
    id: 'auto-layout',
    label: 'Auto-layout',
    keys: [],
    when: (s) => !s.arranging && hasDesign(s),
    run: (st, env) => void import('./auto-layout').then((m) => m.autoLayout(st, env.flow)),
  },
  {
    id: 'host-cms',
    label: 'Host the Central Management store here',
    keys: [],
    when: (s, env) => {
      const n = targetNode(s, env);
      return !!n && isRegistrar(n.kind) && s.doc.deployment.cmsHost !== n.id;
    },
    run: (st, env) => (env.target?.type === 'node' ? hostCms(st, env.target.id) : undefined),
  },
  {
    id: 'simulate-pool',
    label: 'Simulate the loss of this pool',
    keys: [],
    when: (s, env) => isRegistrar(targetNode(s, env)?.kind ?? ''),
    run: (st, env) => (env.target?.type === 'node' ? st.getState().simulate({ poolId: env.target.id }) : undefined),
  },
  {
    id: 'simulate-site',
    label: 'Simulate the loss of this site',
    keys: [],
    when: (s, env) => siteOfTarget(s, env) !== undefined,
    run: (st, env) => {
      const siteId = siteOfTarget(st.getState(), env);
      if (siteId) st.getState().simulate({ siteId });
    },
  },
  {
    id: 'select-site-nodes',
    label: 'Select the nodes of this site',
    keys: [],
    when: (s, env) => s.doc.nodes.some((n) => n.siteId === targetId(env, 'site')),
    run: (st, env) => {
      const t = env.target;
      if (t?.type !== 'site') return;
      const s = st.getState();
      s.select(
        s.doc.nodes.filter((n) => n.siteId === t.id).map((n) => n.id),
        { type: 'site', id: t.id },
      );
    },
  },
  {
    id: 'add-central-site',
    label: 'Add a central site here',
    keys: [],
    when: (_, env) => env.at !== undefined,
    run: (st, env) => void (env.at && placeFromPalette(st, 'site:central', env.at)),
  },
  {
    id: 'add-branch-site',
    label: 'Add a branch site here',
    keys: [],
    when: (_, env) => env.at !== undefined,
    run: (st, env) => void (env.at && placeFromPalette(st, 'site:branch', env.at)),
  },
  { id: 'new', label: 'New design', keys: [], when: always, run: (st) => st.getState().openDialog('new') },
  {
    id: 'library',
    label: 'The designs stored in this browser, and the trash',
    keys: [],
    when: always,
    run: (st) => st.getState().openDialog('library'),
  },
  { id: 'share', label: 'Share', keys: [], when: always, run: (st) => st.getState().openDialog('share') },
  { id: 'catalogue', label: 'The rule catalogue', keys: [], when: always, run: (st) => st.getState().openDialog('catalogue') },
] as const satisfies readonly Command[]);

export type CommandId = (typeof LIST)[number]['id'];

/** The commands that change the design, from the keyboard, the header or a menu. */
const EDITS: ReadonlySet<string> = new Set<CommandId>([
  'undo',
  'redo',
  'delete',
  'cut',
  'paste',
  'duplicate',
  'select-all',
  'nudge',
  'link-selected',
  'auto-layout',
  'host-cms',
  'add-central-site',
  'add-branch-site',
]);

/**
 * Why an edit cannot run now, or undefined when it can: while the canvas shows the
 * deployment at a migration step (read-only), the design is hidden under it, and an
 * undo or a delete there would change it out of sight.
 */
export function editBlockedBy(s: DesignerState, id: string, env: CommandEnv | 'whatever applies' = {}): string | undefined {
  const v = s.phaseView;
  if (!v || !EDITS.has(id)) return undefined;
  // Only what would have run otherwise: an arrow key with nothing selected says nothing.
  const c = LIST.find((x) => x.id === id) as Command | undefined;
  if (env !== 'whatever applies' && !c?.when(s, env)) return undefined;
  return `The canvas shows the deployment ${v.step === 0 ? 'today' : `after migration step ${v.step}`} (read-only). Go back to the design to ${id === 'undo' || id === 'redo' ? id : 'edit it'}.`;
}

export const COMMANDS: readonly Command[] = LIST.map((c) =>
  EDITS.has(c.id) ? { ...c, when: (s: DesignerState, env: CommandEnv) => !s.phaseView && c.when(s, env) } : c,
);
export const COMMAND = Object.fromEntries(COMMANDS.map((c) => [c.id, c])) as unknown as Readonly<Record<CommandId, Command>>;

/** Runs a command when it applies; true when it ran. */
export function runCommand(store: DesignerStore, id: CommandId, env: CommandEnv = {}): boolean {
  const c = COMMAND[id];
  if (!c.when(store.getState(), env)) return false;
  c.run(store, env);
  return true;
}

/** Gestures the `?` list shows beside the commands: they are the mouse's and the palette's, not keys. */
export const GESTURES: readonly { keys: string; label: string }[] = [
  { keys: 'Shift+drag', label: 'Select with a box' },
  {
    keys: 'Right-click or Shift+F10',
    label: 'The commands for a card, site, link or the canvas (simulate its loss, host the CMS, add a site here…)',
  },
  { keys: 'Enter on a palette item', label: 'Add it at the centre of the view' },
];

// ---- keys: how a binding reads and what it matches --------------------------------------

const KEY_NAMES: Record<string, string> = {
  Mod: 'Ctrl',
  Delete: 'Del',
  Escape: 'Esc',
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
};

/** One binding as people read it: `Shift+Mod+Z` → `Ctrl+Shift+Z`. */
export function keyText(binding: string): string {
  const parts = binding.split('+');
  const key = parts.pop()!;
  const mods = ['Mod', 'Alt', 'Shift'].filter((m) => parts.includes(m)).map((m) => KEY_NAMES[m] ?? m);
  return [...mods, KEY_NAMES[key] ?? key].join('+');
}

/** The first binding of a command (menus and button titles), or undefined when it has none. */
export function shortcutOf(id: CommandId): string | undefined {
  const first = COMMAND[id].keys[0];
  return first === undefined ? undefined : keyText(first);
}

/** Every binding of a command, for the `?` list. */
export function keysTextOf(c: Command): string {
  return c.keysText ?? c.keys.map(keyText).join(' or ');
}

/** A button's title: `Undo (Ctrl+Z)`. */
export function titleOf(id: CommandId, label: string = COMMAND[id].label): string {
  const k = shortcutOf(id);
  return k ? `${label} (${k})` : label;
}

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** Whether a key press is this binding. Shift counts for letters and named keys, not for `?` or `/` (typed with or without it). */
export function matches(binding: string, e: KeyPress): boolean {
  const parts = binding.split('+');
  const key = parts.pop()!;
  const mod = e.ctrlKey || e.metaKey;
  if (parts.includes('Mod') !== mod) return false;
  const symbol = key.length === 1 && !/[a-z0-9]/i.test(key);
  if (!symbol && parts.includes('Shift') !== e.shiftKey) return false;
  return key.length === 1 ? e.key.toLowerCase() === key.toLowerCase() : e.key === key;
}

/** The command a key press asks for, if any (whether it applies is for `when` to say). */
export function commandForKey(e: KeyPress): Command | undefined {
  return COMMANDS.find((c) => c.keys.some((b) => matches(b, e)));
}

// ---- commands that are more than a call ---------------------------------------------------

function siteOfTarget(s: DesignerState, env: CommandEnv): string | undefined {
  const t = env.target;
  if (t?.type === 'site') return s.doc.sites.some((x) => x.id === t.id) ? t.id : undefined;
  return targetNode(s, env)?.siteId;
}

function nudge(store: DesignerStore, dx: number, dy: number) {
  const s = store.getState();
  const ids = new Set(s.selectedIds);
  const siteIds = new Set(s.doc.sites.filter((x) => ids.has(x.id)).map((x) => x.id));
  s.commit(
    (d) => {
      const layout = { ...d.layout };
      for (const n of d.nodes) {
        if (!ids.has(n.id) && !siteIds.has(n.siteId)) continue;
        const p = positionOf(layout, n.id);
        if (p) layout[n.id] = { x: p.x + dx, y: p.y + dy };
      }
      for (const id of siteIds) {
        const p = positionOf(layout, id);
        if (p) layout[id] = { x: p.x + dx, y: p.y + dy };
      }
      return { ...d, layout };
    },
    { coalesceKey: `nudge:${s.selectedIds.join(',')}` },
  );
}

/** Keyboard linking: with two nodes selected, L links them (the kind follows from the ends). */
export function linkSelected(store: DesignerStore) {
  const s = store.getState();
  const nodes = s.selectedIds.flatMap((id) => s.doc.nodes.find((n) => n.id === id) ?? []);
  const [a, b] = nodes;
  if (nodes.length !== 2 || !a || !b) {
    s.notify({
      tone: 'info',
      text: `Select exactly two nodes (Ctrl+click), then press ${shortcutOf('link-selected')} to link them.`,
    });
    return;
  }
  const fwd = linkKindsBetween(a.kind, b.kind);
  const [from, to, kinds] = fwd.length ? [a, b, fwd] : [b, a, linkKindsBetween(b.kind, a.kind)];
  const [first, ...others] = kinds;
  if (!first) {
    s.notify({ tone: 'warning', text: `A ${nodeKindLabel(a.kind)} cannot be linked to a ${nodeKindLabel(b.kind)}.` });
    return;
  }
  const id = s.addLink(first, from.id, to.id);
  if (id) {
    s.select([id], { type: 'link', id });
    if (others.length)
      s.notify({
        tone: 'info',
        text: `Linked as ${linkKindLabel(first)}; other kinds fit too (${others.map(linkKindLabel).join(', ')}): delete and draw it to choose.`,
      });
  }
}
