// @vitest-environment happy-dom
/**
 * The command registry wired to the page: the header's buttons, the keyboard, the `?` list
 * and the canvas's context menu all run and show the registry's commands, so a label or a
 * key changed there changes everywhere.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useMemo } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CanvasContextMenu } from './canvas/context-menu';
import { Dialogs } from './dialogs';
import { Header } from './header';
import { pair2019AlwaysOn } from './model/samples/index';
import { useShortcuts } from './shortcuts';
import { COMMAND, COMMANDS, keysTextOf, titleOf } from './store/commands';
import { DesignerProvider } from './store/designer-context';
import { createDesignerStore } from './store/store';

afterEach(cleanup);

function Keys() {
  const flow = useMemo(() => ({ fitView: async () => true, getNodes: () => [], setViewport: async () => true }), []);
  useShortcuts(flow);
  return <input aria-label="A field" />;
}

function setup() {
  const store = createDesignerStore();
  store.getState().replaceDocument(pair2019AlwaysOn());
  store.getState().clearHistory();
  render(
    <DesignerProvider store={store}>
      <ReactFlowProvider>
        <Header />
        <Keys />
        <Dialogs />
      </ReactFlowProvider>
    </DesignerProvider>,
  );
  return store;
}

const key = (k: string, mods: { ctrlKey?: boolean; shiftKey?: boolean } = {}, target: Window | Element = window) =>
  act(() => void fireEvent.keyDown(target, { key: k, ...mods }));
const poolName = (store: ReturnType<typeof setup>) => store.getState().doc.nodes.find((n) => n.id === 'pool-a')!.name;

describe('command registry: header buttons', () => {
  it('titles its buttons from the registry and runs Undo and Redo from them', () => {
    const store = setup();
    const undo = screen.getByTestId('btn-undo') as HTMLButtonElement;
    expect(undo.title).toBe(titleOf('undo'));
    expect(undo.title).toBe('Undo (Ctrl+Z)');
    expect(undo.disabled).toBe(true);
    act(() => store.getState().updateNode('pool-a', { name: 'Renamed' }));
    expect(undo.disabled).toBe(false);
    fireEvent.click(undo);
    expect(poolName(store)).toBe('Pool A');
    fireEvent.click(screen.getByTestId('btn-redo'));
    expect(poolName(store)).toBe('Renamed');
  });

  it('opens Find, Share, the rule catalogue and My designs through their commands', () => {
    const store = setup();
    for (const [button, dialog] of [
      ['btn-find', 'find'],
      ['btn-share', 'share'],
      ['btn-catalogue', 'catalogue'],
      ['btn-library', 'library'],
    ] as const) {
      act(() => store.getState().openDialog(null));
      fireEvent.click(screen.getByTestId(button));
      expect(store.getState().dialog).toBe(dialog);
    }
    expect(screen.getByTestId('btn-library').title).toBe(COMMAND.library.label);
  });
});

describe('command registry: keys', () => {
  it('Ctrl+Z and Ctrl+Shift+Z undo and redo; Ctrl+Y redoes too', () => {
    const store = setup();
    act(() => store.getState().updateNode('pool-a', { name: 'Renamed' }));
    key('z', { ctrlKey: true });
    expect(poolName(store)).toBe('Pool A');
    key('Z', { ctrlKey: true, shiftKey: true });
    expect(poolName(store)).toBe('Renamed');
    key('z', { ctrlKey: true });
    key('y', { ctrlKey: true });
    expect(poolName(store)).toBe('Renamed');
  });

  it('Delete removes the selection, but not while typing in a field', () => {
    const store = setup();
    act(() => store.getState().select(['edge-a'], { type: 'node', id: 'edge-a' }));
    key('Delete', {}, screen.getByLabelText('A field'));
    expect(store.getState().doc.nodes.some((n) => n.id === 'edge-a')).toBe(true);
    key('Delete');
    expect(store.getState().doc.nodes.some((n) => n.id === 'edge-a')).toBe(false);
  });

  it('Ctrl+K opens Find even from a field; ? opens the shortcut list, which lists every command with keys', async () => {
    const store = setup();
    key('k', { ctrlKey: true }, screen.getByLabelText('A field'));
    expect(store.getState().dialog).toBe('find');
    act(() => store.getState().openDialog(null));
    key('?', { shiftKey: true });
    expect(store.getState().dialog).toBe('shortcuts');
    // The dialog loads on first use (app/lazy.tsx).
    const list = await screen.findByTestId('dialog-shortcuts', {}, { timeout: 10_000 });
    for (const c of COMMANDS.filter((x) => x.keys.length > 0)) {
      const row = within(list)
        .getAllByText(c.label)
        .find((el) => el.tagName === 'TD')!
        .closest('tr')!;
      expect(row.querySelector('kbd')!.textContent, c.id).toBe(keysTextOf(c));
    }
  });

  it('a command whose `when` says no leaves the key alone (Undo with nothing to undo)', () => {
    const store = setup();
    const before = store.getState().doc;
    key('z', { ctrlKey: true });
    expect(store.getState().doc).toBe(before);
  });
});

describe('command registry: context menu', () => {
  it('shows the registry label for a pool and runs the command on it', () => {
    const store = setup();
    const other = store.getState().doc.deployment.cmsHost === 'pool-a' ? 'pool-b' : 'pool-a';
    render(
      <DesignerProvider store={store}>
        <ReactFlowProvider>
          <CanvasContextMenu
            menu={{ target: { type: 'node', id: other }, screen: { x: 10, y: 10 }, canvas: { x: 0, y: 0 } }}
            onClose={() => undefined}
          />
        </ReactFlowProvider>
      </DesignerProvider>,
    );
    const menu = screen.getByRole('menu');
    expect(within(menu).getByRole('menuitem', { name: new RegExp(COMMAND['simulate-pool'].label) })).toBeTruthy();
    fireEvent.click(within(menu).getByRole('menuitem', { name: new RegExp(COMMAND['host-cms'].label) }));
    expect(store.getState().doc.deployment.cmsHost).toBe(other);
  });
});

describe('command registry: a migration step on the canvas', () => {
  /** The canvas shows the deployment after step 3 (read-only), the design under it. */
  function showStep(store: ReturnType<typeof setup>) {
    const doc = store.getState().doc;
    act(() => store.getState().showPhase({ doc, step: 3, total: 9, label: 'Move users', of: doc }));
  }

  it('leaves Undo, Redo and Auto-layout off, their titles saying why, and back on with the design', () => {
    const store = setup();
    act(() => store.getState().updateNode('pool-a', { name: 'Renamed' }));
    act(() => store.getState().updateNode('pool-b', { name: 'Renamed too' }));
    act(() => store.getState().undo());
    showStep(store);
    const undo = screen.getByTestId('btn-undo') as HTMLButtonElement;
    const redo = screen.getByTestId('btn-redo') as HTMLButtonElement;
    const layout = screen.getByTestId('btn-layout') as HTMLButtonElement;
    expect([undo.disabled, redo.disabled, layout.disabled]).toEqual([true, true, true]);
    expect(undo.title).toBe('The canvas shows the deployment after migration step 3 (read-only). Go back to the design to undo.');
    expect(redo.title).toMatch(/Go back to the design to redo\.$/);
    expect(layout.title).toMatch(/Go back to the design to edit it\.$/);
    act(() => store.getState().setPhaseOnCanvas(false));
    expect([undo.disabled, redo.disabled, layout.disabled]).toEqual([false, false, false]);
    expect(undo.title).toBe('Undo (Ctrl+Z)');
  });

  it('Ctrl+Z changes nothing out of sight: it says why, once, and its action goes back to the design', () => {
    const store = setup();
    act(() => store.getState().updateNode('pool-a', { name: 'Renamed' }));
    showStep(store);
    key('z', { ctrlKey: true });
    key('z', { ctrlKey: true });
    key('y', { ctrlKey: true });
    expect(poolName(store)).toBe('Renamed');
    const notices = store.getState().notices;
    expect(notices.map((n) => n.text)).toEqual([
      'The canvas shows the deployment after migration step 3 (read-only). Go back to the design to undo.',
    ]);
    act(() => notices[0]!.action!.run());
    expect(store.getState().phaseView).toBeNull();
    key('z', { ctrlKey: true });
    expect(poolName(store)).toBe('Pool A');
  });

  it('Ctrl+A, Delete and a paste do not reach the hidden design; keys that would do nothing say nothing', () => {
    const store = setup();
    showStep(store);
    const before = store.getState().doc;
    key('ArrowLeft');
    key('Delete');
    expect(store.getState().notices).toEqual([]);
    key('a', { ctrlKey: true });
    expect(store.getState().selectedIds).toEqual([]);
    key('Delete');
    act(() => void fireEvent.paste(document, { clipboardData: { getData: () => '{"nodes":[]}' } }));
    expect(store.getState().doc).toBe(before);
    expect(store.getState().notices.map((n) => n.text)).toEqual([
      'The canvas shows the deployment after migration step 3 (read-only). Go back to the design to edit it.',
    ]);
  });
});
