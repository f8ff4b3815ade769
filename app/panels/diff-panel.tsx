/**
 * Comparison with the current deployment: choose what exists today (a design of the
 * library, a file or Topology Builder document, or the open design as it is now), then read
 * what the open design (the target) adds, removes and changes. `ChangeList` is the list
 * alone, driven by props, for any panel that shows a diff; `ComparePanel` is the whole tab.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { notableLinks, type LinkDiff, type NodeDiff, type TopologyDiff } from '../migrate/diff';
import { diffMarkdown } from '../migrate/diff-report';
import type { Topology } from '../model/schema';
import { selectComparison } from '../store/comparison';
import { useDesigner, useDesignerStore } from '../store/designer-context';
import { ghostId } from '../store/compare-slice';
import { download, fileNameFor } from '../store/documents';
import { runOpen } from '../store/open-job';
import type { DesignSummary } from '../store/storage/library';
import { viewMoveMs } from '../lib/view-move';

type Filter = 'all' | 'added' | 'removed' | 'changed';

export interface ChangeListProps {
  diff: TopologyDiff;
  /** A change was clicked: the id of its node in the open design (undefined for a removed node). */
  onPick?: (targetNodeId: string | undefined, change: NodeDiff | LinkDiff) => void;
  /** The node whose change is highlighted (a removed node: its `ghostId`). */
  focusedId?: string | null;
  /** The designs compared, to name the site of each change (the list groups servers by site). */
  current?: Topology;
  target?: Topology;
}

/** The site a node change happens in, by name: the target's site, a removed node's site today. */
function siteNameOf(n: NodeDiff, current: Topology | undefined, target: Topology | undefined): string {
  const inTarget = n.target && target?.sites.find((s) => s.id === n.target!.siteId);
  if (inTarget) return inTarget.name;
  const inCurrent = n.current && current?.sites.find((s) => s.id === n.current!.siteId);
  return inCurrent ? inCurrent.name : (n.target?.siteId ?? n.current?.siteId ?? '');
}

/** The node changes by site, in the order their sites first appear, with the counts per status. */
export function changesBySite(
  nodes: readonly NodeDiff[],
  current: Topology | undefined,
  target: Topology | undefined,
): { site: string; nodes: NodeDiff[]; counts: Record<'added' | 'removed' | 'changed', number> }[] {
  const groups = new Map<string, NodeDiff[]>();
  for (const n of nodes) {
    const site = siteNameOf(n, current, target);
    const g = groups.get(site);
    if (g) g.push(n);
    else groups.set(site, [n]);
  }
  return [...groups].map(([site, list]) => ({
    site,
    nodes: list,
    counts: {
      added: list.filter((n) => n.status === 'added').length,
      removed: list.filter((n) => n.status === 'removed').length,
      changed: list.filter((n) => n.status === 'changed').length,
    },
  }));
}

const COUNT_WORDS = { added: 'new', removed: 'removed', changed: 'changed' } as const;

const MARK: Record<string, string> = { added: '+', removed: '\u2212', changed: '~', retargeted: '\u2192' };
const STATUS_WORDS: Record<string, string> = { added: 'New', removed: 'Removed', changed: 'Changed', retargeted: 'Moved' };

/** The changes, by section, with a filter: what an architect reads before a change board. */
export function ChangeList({ diff, onPick, focusedId, current, target }: ChangeListProps) {
  const [filter, setFilter] = useState<Filter>('all');
  const nodes = diff.nodes.filter((n) => n.status !== 'changed' || n.classes.length > 0);
  const links = notableLinks(diff);
  const hiddenLinks = diff.links.length - links.length;
  const keep = (status: string) => filter === 'all' || status === filter || (filter === 'changed' && status === 'retargeted');
  const counts = {
    all: nodes.length + links.length + diff.sites.length + (diff.cmsMove ? 1 : 0),
    added: nodes.filter((n) => n.status === 'added').length,
    removed: nodes.filter((n) => n.status === 'removed').length,
    changed: nodes.filter((n) => n.status === 'changed').length,
  };
  const shownNodes = nodes.filter((n) => keep(n.status));
  const shownLinks = links.filter((l) => keep(l.status));
  const shownSites = diff.sites.filter((s) => keep(s.status));
  return (
    <div className="change-list" data-testid="change-list">
      <div className="change-filter" role="group" aria-label="Show changes">
        {(['all', 'added', 'removed', 'changed'] as const).map((f) => (
          <button
            key={f}
            className={`chip ${filter === f ? 'on' : ''}`}
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
            data-testid={`change-filter-${f}`}
          >
            {f === 'all' ? 'All' : STATUS_WORDS[f]} <span className="chip-count">{counts[f]}</span>
          </button>
        ))}
      </div>
      {counts.all === 0 && <p className="change-none">The open design describes the same deployment: nothing to change.</p>}
      {diff.cmsMove && filter !== 'added' && filter !== 'removed' && (
        <Section title="Central Management store">
          <li className="change change-retargeted">
            <span className="change-mark" aria-hidden="true">
              {MARK.retargeted}
            </span>
            <span className="change-text">{diff.cmsMove.summary}</span>
          </li>
        </Section>
      )}
      {shownNodes.length > 0 && (
        <Section title="Servers and stores">
          {changesBySite(shownNodes, current, target).map((g) => (
            <li key={g.site} className="change-site" data-testid={`change-site-${g.site}`}>
              <h5>
                {g.site || 'No site'}{' '}
                <span className="change-site-counts">
                  {(['added', 'removed', 'changed'] as const)
                    .filter((k) => g.counts[k] > 0)
                    .map((k) => `${g.counts[k]} ${COUNT_WORDS[k]}`)
                    .join(' · ')}
                </span>
              </h5>
              <ul>
                {g.nodes.map((n) => (
                  <li
                    key={`${n.status}:${n.currentId ?? ''}:${n.targetId ?? ''}`}
                    className={`change change-${n.status} ${n.version ? 'change-version' : ''} ${focusedId && (focusedId === n.targetId || (n.currentId !== undefined && n.status === 'removed' && focusedId === ghostId(n.currentId))) ? 'is-active' : ''}`}
                  >
                    <button
                      className="change-main"
                      onClick={() => onPick?.(n.targetId, n)}
                      data-testid={`change-${n.targetId ?? `removed-${n.currentId}`}`}
                      aria-label={`${STATUS_WORDS[n.status]}: ${n.summary}`}
                    >
                      <span className="change-mark" aria-hidden="true">
                        {MARK[n.status]}
                      </span>
                      <span className="change-text">{n.summary}</span>
                      {n.replacement && <span className="pill pill-warn">new servers</span>}
                      {n.version && (
                        <span className={`pill ${n.version.path === 'in-place' ? 'pill-ok' : 'pill-warn'}`}>
                          {n.version.path === 'in-place'
                            ? 'in-place upgrade'
                            : n.version.path === 'downgrade'
                              ? 'downgrade'
                              : 'side by side'}
                        </span>
                      )}
                    </button>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </Section>
      )}
      {(shownLinks.length > 0 || (filter === 'all' && hiddenLinks > 0)) && (
        <Section title="Connections">
          {shownLinks.map((l) => (
            <li
              key={`${l.status}:${l.currentId ?? ''}:${l.targetId ?? ''}`}
              className={`change change-${l.status} change-link-${l.kind}`}
            >
              <button className="change-main" onClick={() => onPick?.(l.from, l)}>
                <span className="change-mark" aria-hidden="true">
                  {MARK[l.status]}
                </span>
                <span className="change-text">{l.summary}</span>
              </button>
            </li>
          ))}
          {filter === 'all' && hiddenLinks > 0 && (
            <li className="change change-note">
              <span className="change-text">
                and {hiddenLinks} connection{hiddenLinks === 1 ? '' : 's'} of the servers added or removed, which come and go with
                them
              </span>
            </li>
          )}
        </Section>
      )}
      {shownSites.length > 0 && (
        <Section title="Sites">
          {shownSites.map((s) => (
            <li key={`${s.status}:${s.currentId ?? ''}:${s.targetId ?? ''}`} className={`change change-${s.status}`}>
              <span className="change-mark" aria-hidden="true">
                {MARK[s.status]}
              </span>
              <span className="change-text">{s.summary}</span>
            </li>
          ))}
        </Section>
      )}
    </div>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="change-section" aria-label={title}>
      <h4>{title}</h4>
      <ul>{children}</ul>
    </section>
  );
}

/** The Changes tab: the comparison's baseline and its change list. */
export function ComparePanel() {
  const store = useDesignerStore();
  const baseline = useDesigner((s) => s.baseline);
  const doc = useDesigner((s) => s.doc);
  const focused = useDesigner((s) => s.focusedChange);
  const flow = useReactFlow();
  const diff = baseline ? selectComparison({ baseline, doc }) : undefined;
  const [choosing, setChoosing] = useState(false);

  if (!baseline || !diff || choosing)
    return <BaselinePicker doc={doc} onDone={() => setChoosing(false)} canCancel={Boolean(baseline)} />;

  const pick = (id: string | undefined, change: NodeDiff | LinkDiff) => {
    const state = store.getState();
    const duration = viewMoveMs(state.doc.nodes.length, 300);
    // A removed node is on the canvas as a ghost where it was: go there.
    if ('replacement' in change && change.status === 'removed' && change.currentId !== undefined) {
      const ghost = ghostId(change.currentId);
      state.focusChange(ghost);
      if (state.compareMarks) void flow.fitView({ nodes: [{ id: ghost }], padding: 0.8, duration, maxZoom: 1.1 });
      return;
    }
    state.focusChange(id ?? null);
    if (!id || !state.doc.nodes.some((n) => n.id === id)) return;
    state.select([id], { type: 'node', id });
    void flow.fitView({ nodes: [{ id }], padding: 0.8, duration, maxZoom: 1.1 });
  };
  return (
    <div className="compare-panel" data-testid="compare-panel">
      <header className="compare-head">
        <div>
          <div className="compare-title">
            Current deployment: <strong>{baseline.topology.name}</strong> <span className="hint">({baseline.source})</span>
          </div>
          <ul className="compare-headline" data-testid="compare-headline">
            {diff.headline.map((h, i) => (
              <li key={i}>{h}</li>
            ))}
          </ul>
        </div>
        <div className="compare-actions">
          <button
            className="btn small"
            onClick={() =>
              download(fileNameFor(doc, 'changes.md'), diffMarkdown(baseline.topology, doc, diff), 'text/markdown;charset=utf-8')
            }
            data-testid="compare-download-md"
          >
            Download changes (Markdown)
          </button>
          <button className="btn small" onClick={() => setChoosing(true)} data-testid="compare-change-baseline">
            Other current deployment…
          </button>
          <button className="btn small" onClick={() => store.getState().setBaseline(undefined)} data-testid="compare-stop">
            Stop comparing
          </button>
        </div>
      </header>
      <ChangeList diff={diff} onPick={pick} focusedId={focused} current={baseline.topology} target={doc} />
    </div>
  );
}

/** Where the current deployment comes from. Nothing here changes the open design. */
export function BaselinePicker({ doc, onDone, canCancel }: { doc: Topology; onDone: () => void; canCancel: boolean }) {
  const store = useDesignerStore();
  const session = useDesigner((s) => s.autosave);
  const [designs, setDesigns] = useState<DesignSummary[] | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  useEffect(() => {
    let live = true;
    void session.list().then((list) => live && setDesigns(list.filter((d) => d.deletedAt === undefined)));
    return () => {
      live = false;
    };
  }, [session]);
  const sorted = useMemo(() => [...(designs ?? [])].sort((a, b) => b.updatedAt - a.updatedAt), [designs]);

  const choose = (topology: Topology, source: string) => {
    store.getState().setBaseline({ topology, source });
    store.getState().notify({
      tone: 'success',
      text: `Comparing with \u201c${topology.name}\u201d: new and changed servers are marked on the canvas.`,
    });
    onDone();
  };
  const fromLibrary = async (d: DesignSummary) => {
    setBusy(true);
    const r = await session.read(d.id);
    setBusy(false);
    if (r.ok) choose(r.topology, `My designs: ${d.name}`);
    else setMessage(`\u201c${d.name}\u201d could not be read: ${r.message}.`);
  };
  const fromFile = async (f: File) => {
    setBusy(true);
    const r = await runOpen({ kind: 'file', name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    setBusy(false);
    if (!r.ok) return setMessage(`${f.name}: ${r.message}`);
    if (r.warnings.length)
      store.getState().notify({
        tone: 'info',
        text: `${f.name}: ${r.warnings.length} note${r.warnings.length === 1 ? '' : 's'} from the import (values Topology Builder does not hold were defaulted); the comparison shows them as changes where the target differs.`,
      });
    choose(r.topology, f.name);
  };

  return (
    <div className="baseline-picker" data-testid="baseline-picker">
      <p className="baseline-intro">
        Compare the open design (the <strong>target</strong>) with the deployment as it is today (the <strong>current</strong>{' '}
        one): servers are recognised by id, else by FQDN, so a Topology Builder export of today&rsquo;s topology works as well as
        a design. Skype for Business Server 2015 and 2019 are out of support since 14 October 2025; Subscription Edition is the
        supported version.
      </p>
      <div className="baseline-options">
        <div className="baseline-option">
          <h4>The open design, as it is now</h4>
          <p className="hint">
            Keep a copy of &ldquo;{doc.name}&rdquo; as the current deployment, then edit the design into the target: each change
            is marked as you make it.
          </p>
          <button
            className="btn primary small"
            onClick={() => choose(structuredClone(doc), `the design as it was at ${new Date().toLocaleTimeString()}`)}
            data-testid="baseline-this-design"
            disabled={busy}
          >
            Use this design as the current deployment
          </button>
        </div>
        <div className="baseline-option">
          <h4>A file</h4>
          <p className="hint">
            A Topology Builder document (Get-CsTopology -AsXml, or a saved .tbxml), a topology file, or a drawing exported by this
            designer.
          </p>
          <button className="btn small" onClick={() => file.current?.click()} data-testid="baseline-file" disabled={busy}>
            Open a file…
          </button>
          <input
            ref={file}
            type="file"
            hidden
            accept=".json,.xml,.tbxml,.svg,.png"
            data-testid="baseline-file-input"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void fromFile(f);
            }}
          />
        </div>
        <div className="baseline-option">
          <h4>My designs</h4>
          {designs === undefined ? (
            <p className="hint">Reading the library…</p>
          ) : sorted.length === 0 ? (
            <p className="hint">The library holds no design yet.</p>
          ) : (
            <ul className="baseline-designs" aria-label="Designs in this browser">
              {sorted.slice(0, 30).map((d) => (
                <li key={d.id}>
                  <button
                    className="linklike"
                    onClick={() => void fromLibrary(d)}
                    disabled={busy}
                    data-testid={`baseline-design-${d.id}`}
                  >
                    {d.name}
                  </button>{' '}
                  <span className="hint">
                    {d.nodes} servers and stores, {d.sites} sites
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {message && (
        <p className="baseline-error" role="alert">
          {message}
        </p>
      )}
      {canCancel && (
        <button className="btn small" onClick={onDone}>
          Cancel
        </button>
      )}
    </div>
  );
}
