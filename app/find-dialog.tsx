/**
 * Find (Ctrl+K or /): jump to any node or site by name, FQDN, id or site. On a large
 * design most cards are out of view and, above a few hundred nodes, not in the page at
 * all, so this is the keyboard's way to every one of them. Choosing a result selects it,
 * brings it into view at a readable zoom and puts the keyboard focus on it.
 */
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { settledWithin } from './lib/settled';
import { findElements, type FoundElement } from './model/find-elements';
import { useDesigner, useDesignerStore } from './store/designer-context';
import { KIND_META, KindIcon, SiteIcon } from './ui/kinds';
import { Modal } from './ui/modal';
import { viewMoveMs } from './lib/view-move';
import { num } from './lib/text';

const SHOWN = 50;

export function FindDialog({ onClose }: { onClose: () => void }) {
  const doc = useDesigner((s) => s.doc);
  const store = useDesignerStore();
  const flow = useReactFlow();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  // One more than shown, to know whether the list is cut.
  const found = useMemo(() => findElements(doc, query, SHOWN + 1), [doc, query]);
  const shown = found.slice(0, SHOWN);
  const current = Math.min(active, shown.length - 1);

  const choose = (f: FoundElement | undefined) => {
    if (!f) return;
    const state = store.getState();
    state.select([f.id], { type: f.type, id: f.id });
    onClose();
    // Focus the card once the view has moved and the canvas has drawn it: a culled card is in
    // the page only then (a large design's move is a jump, drawn in the next frame).
    const moved = flow.fitView({
      nodes: [{ id: f.id }],
      padding: f.type === 'site' ? 0.15 : 0.8,
      maxZoom: 1,
      duration: viewMoveMs(state.doc.nodes.length, 300),
    });
    void settledWithin(moved, 700).then(() =>
      requestAnimationFrame(() => {
        document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(f.id)}"]`)?.focus({ preventScroll: true });
      }),
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (shown.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + shown.length) % shown.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(shown[current]);
    }
  };

  const optionId = (i: number) => `find-option-${i}`;
  return (
    <Modal title="Find a node or site" onClose={onClose} testId="dialog-find">
      <input
        className="find-input"
        type="search"
        role="combobox"
        aria-expanded={shown.length > 0}
        aria-controls="find-results"
        aria-activedescendant={shown.length ? optionId(current) : undefined}
        aria-autocomplete="list"
        aria-label="Name, FQDN, id or site"
        placeholder="Name, FQDN, id or site…"
        value={query}
        data-autofocus
        data-testid="find-input"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="find-results" id="find-results" role="listbox" aria-label="Matches" data-testid="find-results">
        {shown.map((f, i) => (
          <li
            key={`${f.type}:${f.id}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            className={`find-option ${i === current ? 'is-active' : ''}`}
            onMouseMove={() => i !== current && setActive(i)}
            // mousedown, not click: the input keeps the focus until the choice is made.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(f);
            }}
          >
            {f.type === 'node' ? (
              <>
                <span className={`palette-icon find-icon fam-${KIND_META[f.kind].family}`} aria-hidden="true">
                  <KindIcon kind={f.kind} size={16} />
                </span>
                <span className="find-text">
                  <span className="find-name">{f.name}</span>
                  <span className="find-detail">
                    {KIND_META[f.kind].label}
                    {f.fqdn && (
                      <>
                        {' '}
                        · <span className="mono">{f.fqdn}</span>
                      </>
                    )}
                    {f.siteName && <> · {f.siteName}</>}
                  </span>
                </span>
              </>
            ) : (
              <>
                <span className="palette-icon find-icon fam-site" aria-hidden="true">
                  <SiteIcon branch={f.siteKind === 'branch'} size={16} />
                </span>
                <span className="find-text">
                  <span className="find-name">{f.name}</span>
                  <span className="find-detail">
                    {f.siteKind === 'branch' ? 'Branch site' : 'Central site'} · {f.nodeCount}{' '}
                    {f.nodeCount === 1 ? 'node' : 'nodes'}
                  </span>
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="find-foot hint" aria-live="polite" data-testid="find-status">
        {query.trim() === ''
          ? `Type to search the ${num(doc.nodes.length)} nodes and ${num(doc.sites.length)} sites of this design.`
          : shown.length === 0
            ? 'Nothing matches: every word must appear in a name, FQDN, id or site.'
            : `${found.length > SHOWN ? `The first ${SHOWN}` : shown.length} ${shown.length === 1 ? 'match' : 'matches'} · ↑↓ to move · Enter to go there · Esc to close`}
      </p>
    </Modal>
  );
}
