/**
 * What the canvas's context menu offers for what was right-clicked: the same commands as
 * the shortcuts and the inspector, where the pointer is. Pure, so the offer is tested
 * without a browser; context-menu.tsx carries the actions out.
 */
import type { Topology } from '../model/schema';
import { plural } from '../rules/rule-text';
import { COMMAND, shortcutOf, type CommandId } from '../store/commands';

export type ContextTarget =
  | { type: 'node'; id: string }
  | { type: 'site'; id: string }
  | { type: 'link'; id: string }
  | { type: 'siteLink'; id: string }
  | { type: 'pane' };

export type ContextActionId = Extract<
  CommandId,
  | 'copy'
  | 'duplicate'
  | 'paste'
  | 'delete'
  | 'host-cms'
  | 'simulate-pool'
  | 'simulate-site'
  | 'select-site-nodes'
  | 'add-central-site'
  | 'add-branch-site'
  | 'select-all'
  | 'fit-view'
  | 'auto-layout'
>;

export interface ContextAction {
  id: ContextActionId;
  label: string;
  /** The command's first key (from the registry). */
  shortcut?: string;
  danger?: boolean;
  /** A line above this item: the menu's groups. */
  separated?: boolean;
}

/**
 * The menu for `target`. `selection` is what is selected once the right-click has selected
 * the target (it joins the selection when it was already part of it, as in drawing tools).
 */
export function contextActions(
  doc: Topology,
  target: ContextTarget,
  selection: readonly string[],
  canPaste: boolean,
): ContextAction[] {
  return offer(doc, target, selection, canPaste).map((a) => {
    const shortcut = shortcutOf(a.id);
    return shortcut ? { ...a, shortcut } : a;
  });
}

type Offer = Omit<ContextAction, 'shortcut'>;
const label = (id: ContextActionId) => COMMAND[id].label;

function offer(doc: Topology, target: ContextTarget, selection: readonly string[], canPaste: boolean): Offer[] {
  const many = selection.length > 1;
  const deleteLabel = many ? `Delete ${plural(selection.length, 'item')}` : undefined;
  switch (target.type) {
    case 'node': {
      const node = doc.nodes.find((n) => n.id === target.id);
      if (!node) return [];
      const site = doc.sites.find((s) => s.id === node.siteId);
      const registrar = node.kind === 'frontEndPool' || node.kind === 'standardEditionServer';
      const out: Offer[] = [
        { id: 'copy', label: many ? `Copy ${plural(selection.length, 'item')}` : 'Copy' },
        { id: 'duplicate', label: many ? `Duplicate ${plural(selection.length, 'item')}` : 'Duplicate' },
      ];
      if (registrar && doc.deployment.cmsHost !== node.id)
        out.push({ id: 'host-cms', label: label('host-cms'), separated: true });
      if (registrar)
        out.push({
          id: 'simulate-pool',
          label: `Simulate the loss of ${node.kind === 'standardEditionServer' ? 'this server' : 'this pool'}`,
          separated: !out.some((a) => a.id === 'host-cms'),
        });
      if (site) out.push({ id: 'simulate-site', label: `Simulate the loss of ${site.name}`, separated: !registrar });
      out.push({ id: 'delete', label: deleteLabel ?? 'Delete, with its links', danger: true, separated: true });
      return out;
    }
    case 'site': {
      const site = doc.sites.find((s) => s.id === target.id);
      if (!site) return [];
      const count = doc.nodes.filter((n) => n.siteId === site.id).length;
      const out: Offer[] = [];
      if (count > 0) out.push({ id: 'select-site-nodes', label: `Select its ${plural(count, 'node')}` });
      out.push({ id: 'simulate-site', label: `Simulate the loss of ${site.name}` });
      out.push({
        id: 'delete',
        label: deleteLabel ?? (count ? `Delete the site and its ${plural(count, 'node')}` : 'Delete the site'),
        danger: true,
        separated: true,
      });
      return out;
    }
    case 'link':
      return doc.links.some((l) => l.id === target.id)
        ? [{ id: 'delete', label: deleteLabel ?? 'Delete the link', danger: true }]
        : [];
    case 'siteLink':
      return doc.siteLinks?.some((l) => l.id === target.id)
        ? [{ id: 'delete', label: deleteLabel ?? 'Delete the WAN link', danger: true }]
        : [];
    case 'pane': {
      const out: Offer[] = [];
      if (canPaste) out.push({ id: 'paste', label: 'Paste' });
      out.push(
        { id: 'add-central-site', label: label('add-central-site'), separated: canPaste },
        { id: 'add-branch-site', label: label('add-branch-site') },
      );
      if (doc.nodes.length + doc.sites.length > 0)
        out.push(
          { id: 'select-all', label: label('select-all'), separated: true },
          { id: 'fit-view', label: label('fit-view') },
          { id: 'auto-layout', label: label('auto-layout') },
        );
      return out;
    }
  }
}
