// @vitest-environment happy-dom
/** The findings list: one entry per finding of the engine, a click selects what the finding names, an empty design says so. */
import { ReactFlowProvider } from '@xyflow/react';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emptyTopology } from '../model/defaults';
import { pair2019AlwaysOn } from '../model/samples/index';
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
  it('lists what the rule engine finds, and a click selects and inspects the nodes it names', () => {
    const doc = pair2019AlwaysOn();
    const store = setup(doc);
    const findings = selectFindings(store.getState().doc);
    expect(findings.length).toBeGreaterThan(0);
    const list = screen.getByTestId('findings');
    expect(within(list).getAllByRole('listitem')).toHaveLength(findings.length);
    const i = findings.findIndex((f) => f.nodeIds.length > 0);
    const f = findings[i]!;
    fireEvent.click(within(list).getAllByRole('listitem')[i]!.querySelector('button.finding-main')!);
    const s = store.getState();
    expect(s.highlightedFinding).toBe(i);
    expect(s.selectedIds).toEqual([...f.nodeIds, ...f.siteIds, ...f.linkIds]);
    expect(s.inspected).toEqual({ type: 'node', id: f.nodeIds[0] });
  });

  it('hides a severity switched off in the filter', () => {
    const store = setup(pair2019AlwaysOn());
    const info = selectFindings(store.getState().doc).filter((f) => f.severity === 'info').length;
    expect(info).toBeGreaterThan(0);
    const before = within(screen.getByTestId('findings')).getAllByRole('listitem').length;
    act(() => store.setState({ severityFilter: { ...store.getState().severityFilter, info: false } }));
    expect(within(screen.getByTestId('findings')).queryAllByRole('listitem')).toHaveLength(before - info);
  });

  it('an empty design has no findings, and says so', () => {
    setup(emptyTopology());
    expect(screen.getByTestId('findings-empty').textContent).toMatch(/No findings/);
  });
});
