// @vitest-environment happy-dom
/** The findings list: one entry per finding of the engine, a click selects what the finding names, an empty design says so. */
import { ReactFlowProvider } from '@xyflow/react';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emptyTopology } from '../model/defaults';
import { pair2019AlwaysOn } from '../model/samples/index';
import { fabrikamSubscriptionEdition } from '../model/samples/migrations';
import type { Topology } from '../model/schema';
import { DesignerProvider } from '../store/designer-context';
import { loadRuleEngine, selectFindings } from '../store/selectors';
import { createDesignerStore } from '../store/store';
import { FindingsPanel } from './findings-list';

// The page loads the rule engine as it starts; so does this test.
beforeAll(() => loadRuleEngine());
afterEach(cleanup);

function setup(doc: Topology) {
  const store = createDesignerStore();
  store.getState().replaceDocument(doc);
  render(
    <DesignerProvider store={store}>
      <ReactFlowProvider>
        <FindingsPanel />
      </ReactFlowProvider>
    </DesignerProvider>,
  );
  return store;
}

describe('findings panel', () => {
  it('lists the errors and warnings first, and a click selects and inspects the nodes a finding names', () => {
    const doc = pair2019AlwaysOn();
    const store = setup({ ...doc, nodes: doc.nodes.map((n) => (n.kind === 'frontEndPool' ? { ...n, frontEndServers: 2 } : n)) });
    const findings = selectFindings(store.getState().doc);
    const serious = findings.filter((f) => f.severity !== 'info');
    expect(serious.length).toBeGreaterThan(0);
    const list = screen.getByTestId('findings');
    expect(within(list).getAllByRole('listitem')).toHaveLength(serious.length);
    const i = findings.findIndex((f) => f.severity !== 'info' && f.nodeIds.length > 0);
    const f = findings[i]!;
    fireEvent.click(within(list).getAllByRole('listitem')[serious.indexOf(f)]!.querySelector('button.finding-main')!);
    const s = store.getState();
    expect(s.highlightedFinding).toBe(i);
    expect(s.selectedIds).toEqual([...f.nodeIds, ...f.siteIds, ...f.linkIds]);
    expect(s.inspected).toEqual({ type: 'node', id: f.nodeIds[0] });
  });

  it('groups info as advice, folded away until opened', () => {
    const store = setup(pair2019AlwaysOn());
    const findings = selectFindings(store.getState().doc);
    const info = findings.filter((f) => f.severity === 'info');
    expect(info.length).toBeGreaterThan(0);
    expect(screen.queryByTestId('advice-list')).toBeNull();
    const toggle = screen.getByTestId('advice-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.textContent).toContain(`Advice (${info.length})`);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(within(screen.getByTestId('advice-list')).getAllByRole('listitem')).toHaveLength(info.length);
  });

  it('a clean design says it has no errors or warnings, above its advice', () => {
    const store = setup(fabrikamSubscriptionEdition());
    expect(selectFindings(store.getState().doc).some((f) => f.severity !== 'info')).toBe(false);
    expect(screen.queryByTestId('findings')).toBeNull();
    expect(screen.getByTestId('findings-filtered-empty').textContent).toMatch(/^✓ No errors or warnings\.\s*$/);
  });

  it('an empty filtered list says what the filter hides, and shows it again on request', () => {
    const store = setup(fabrikamSubscriptionEdition());
    const info = selectFindings(store.getState().doc).filter((f) => f.severity === 'info').length;
    act(() => store.setState({ severityFilter: { ...store.getState().severityFilter, info: false } }));
    expect(screen.queryByTestId('advice')).toBeNull();
    expect(screen.getByTestId('findings-filtered-empty').textContent).toContain(
      `No errors or warnings. ${info} advice items are hidden by the filter.`,
    );
    fireEvent.click(screen.getByTestId('findings-show-hidden'));
    expect(store.getState().severityFilter.info).toBe(true);
    expect(screen.getByTestId('advice-toggle')).toBeTruthy();
  });

  it('errors hidden by the filter are named, not silently dropped', () => {
    const doc = pair2019AlwaysOn();
    const store = setup({ ...doc, nodes: doc.nodes.map((n) => (n.kind === 'frontEndPool' ? { ...n, frontEndServers: 2 } : n)) });
    const errors = selectFindings(store.getState().doc).filter((f) => f.severity === 'error').length;
    const warnings = selectFindings(store.getState().doc).filter((f) => f.severity === 'warning').length;
    act(() => store.setState({ severityFilter: { error: false, warning: false, info: true } }));
    expect(screen.getByTestId('findings-filtered-empty').textContent).toContain(
      `No errors or warnings shown. ${errors} error${errors === 1 ? '' : 's'}${warnings ? ` and ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`,
    );
  });

  it('an empty design has no findings, and says so', () => {
    setup(emptyTopology());
    expect(screen.getByTestId('findings-empty').textContent).toMatch(/No findings/);
  });
});
