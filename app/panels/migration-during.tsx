/**
 * "Keeping HA/DR during the move": the deployment as it stands after any step of the
 * migration runbook (which pools exist, at which version, who homes the users, which pairs
 * can fail over, where the Central Management store and federation are) and the loss of
 * a data center simulated on it, with the exposure of every phase at a glance. Reads the
 * plan; never changes a design.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  deploymentAtStep,
  phaseLayout,
  phaseMarks,
  type DeploymentAtStep,
  type PairingAtStep,
} from '../migrate/document-at-step';
import { useDesigner } from '../store/designer-context';
import { MIGRATION_PHASE_TITLES, type MigrationPlan, type TransitionDocument } from '../migrate/index';
import { productVersionLabel, productVersionShort } from '../model/product-versions';
import type { Site, Topology } from '../model/schema';
import { dataCenters, exposureByPhase, siteLossSummary } from '../store/migration-exposure';
import { simulateFailure, type SimulationOutcome } from '../simulate/index';
import { runRules } from '../rules/engine';
import type { Finding, Severity } from '../rules/types';
import { plainWords } from '../model/plain-words';
import { SeverityIcon } from '../ui/kinds';
import { num } from '../lib/text';

export function DuringTheMove({
  plan,
  current,
  target,
  td,
}: {
  plan: MigrationPlan;
  current: Topology;
  /** The open design: the canvas returns to it. */
  target: Topology;
  td: TransitionDocument;
}) {
  const total = plan.steps.length;
  const marks = useMemo(() => phaseMarks(plan), [plan]);
  const [step, setStep] = useState(() => firstUserMove(plan) ?? 0);
  const k = Math.min(step, total);
  const at = useMemo(() => deploymentAtStep(plan, current, td, k), [plan, current, td, k]);
  const allCentral = useMemo(() => dataCenters(td), [td]);
  const centralSites = allCentral.filter((s) => at.doc.nodes.some((n) => n.siteId === s.id));
  const [siteChoice, setSiteChoice] = useState('');
  const siteId = centralSites.some((s) => s.id === siteChoice) ? siteChoice : (centralSites[0]?.id ?? '');
  const sim = useMemo(() => (siteId ? simulateFailure(at.doc, { siteId }) : undefined), [at, siteId]);
  const name = (id: string) => nameIn(at.doc, id);
  const lastStep = k > 0 ? plan.steps[k - 1] : undefined;
  const phaseNow = marks.find((m) => m.afterStep >= k && k > 0);
  const label = lastStep ? `${phaseNow ? `${MIGRATION_PHASE_TITLES[phaseNow.phase]}: ` : ''}${lastStep.title}` : 'today';

  // The canvas shows the deployment at this step in the design's place, until "Back to the design".
  const onCanvas = useDesigner((s) => s.phaseOnCanvas);
  const showPhase = useDesigner((s) => s.showPhase);
  const setOnCanvas = useDesigner((s) => s.setPhaseOnCanvas);
  const select = useDesigner((s) => s.select);
  useEffect(() => {
    if (!onCanvas) return;
    showPhase({ doc: phaseLayout(at.doc, target, current, td), step: k, total, label, of: target });
  }, [onCanvas, at, target, current, td, k, total, label, showPhase]);
  // Nothing hidden under the view stays selected (a Delete would act on it).
  useEffect(() => {
    if (onCanvas) select([], { type: 'deployment' });
  }, [onCanvas, select]);
  useEffect(() => () => showPhase(null), [showPhase]);

  return (
    <div className="during" data-testid="migration-during">
      <div className="during-bar">
        <label className="during-jump">
          Show the deployment{' '}
          <select
            value={marks.find((m) => m.afterStep === k)?.afterStep ?? (k === 0 ? 0 : -1)}
            onChange={(e) => Number(e.target.value) >= 0 && setStep(Number(e.target.value))}
            data-testid="during-phase"
          >
            <option value={0}>today, before the first step</option>
            {k > 0 && !marks.some((m) => m.afterStep === k) && <option value={-1}>after step {k}</option>}
            {marks.map((m) => (
              <option key={m.phase} value={m.afterStep}>
                after “{MIGRATION_PHASE_TITLES[m.phase]}” (step {m.afterStep})
              </option>
            ))}
          </select>
        </label>
        <input
          type="range"
          min={0}
          max={total}
          value={k}
          onChange={(e) => setStep(Number(e.target.value))}
          aria-label="Steps carried out"
          aria-valuetext={k === 0 ? 'today' : `after step ${k} of ${total}`}
          data-testid="during-step"
          className="during-range"
          list="during-phase-marks"
        />
        <datalist id="during-phase-marks">
          {marks.map((m) => (
            <option key={m.phase} value={m.afterStep} />
          ))}
        </datalist>
        <button
          className={`btn small${onCanvas ? '' : ' primary'}`}
          onClick={() => setOnCanvas(!onCanvas)}
          data-testid="during-on-canvas"
          aria-pressed={onCanvas}
        >
          {onCanvas ? 'Back to the design' : 'Show on the canvas'}
        </button>
        <span className="during-where" data-testid="during-where">
          {k === 0 ? (
            'Today: nothing done yet'
          ) : (
            <>
              After step {k} of {total}
              {phaseNow ? ` (${MIGRATION_PHASE_TITLES[phaseNow.phase].toLowerCase()})` : ''}: <i>{lastStep?.title}</i>
            </>
          )}
        </span>
      </div>
      <div className="during-cols">
        <section aria-label="The deployment at this point">
          <h3>Who homes the users</h3>
          <ul className="during-homes" data-testid="during-homes">
            {at.homes.length === 0 && <li className="hint">No pool homes users.</li>}
            {at.homes.map((h) => (
              <li key={h.id}>
                <span className={`ver-chip ver-${h.version ?? 'none'}`}>{h.version ? productVersionShort(h.version) : '—'}</span>
                <span className="during-name">{name(h.id)}</span>
                <span className="during-count">{num(h.users)} users</span>
              </li>
            ))}
          </ul>
          <h3>Pairs</h3>
          <ul className="during-pairs" data-testid="during-pairs">
            {at.pairings.length === 0 && <li className="hint">No pool is paired: a lost pool's users have no backup pool.</li>}
            {at.pairings.map((p) => (
              <li key={`${p.a}|${p.b}`} className={`pair-${p.status}`}>
                <span className="during-pair-status">{PAIR_STATUS[p.status]}</span>
                <span className="during-name">
                  {name(p.a)} ↔ {name(p.b)}
                </span>
                <span className="hint">{pairWhy(p)}</span>
              </li>
            ))}
          </ul>
          <p className="during-fact" data-testid="during-cms">
            <b>Central Management store:</b> {cmsText(at)}
          </p>
          <p className="during-fact">
            <b>Federation:</b>{' '}
            {at.state.federation && at.state.exists.has(at.state.federation) ? name(at.state.federation) : 'none'}
          </p>
          {at.violations.length > 0 && (
            <ul className="plan-notes" data-testid="during-violations">
              {at.violations.map((v, i) => (
                <li key={i} className="note-blocking">
                  <b>Blocking:</b> step {v.stepId} {v.message}.
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-label="A data center lost at this point">
          <h3>
            If{' '}
            <select
              value={siteId}
              onChange={(e) => setSiteChoice(e.target.value)}
              aria-label="Data center lost"
              data-testid="during-site"
            >
              {centralSites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>{' '}
            is lost now
          </h3>
          {sim && !sim.ok && <p className="warn-text">{sim.error.message}</p>}
          {sim?.ok && <SiteLoss outcome={sim.value} name={name} />}
        </section>
      </div>
      <FindingsAtStep doc={at.doc} name={name} step={k} />
      <Exposure plan={plan} current={current} td={td} sites={allCentral} step={k} onStep={setStep} />
    </div>
  );
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SHOWN_FINDINGS = 12;

/**
 * What the rule engine says of the deployment at this point (the transition document after
 * the steps so far), errors first: where a problem happens in the move, not only at its end
 * ("users still homed on a pool being decommissioned" shows at the step that decommissions it).
 */
function FindingsAtStep({ doc, name, step }: { doc: Topology; name: (id: string) => string; step: number }) {
  const findings = useMemo(
    () => [...runRules(doc)].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]),
    [doc],
  );
  const [all, setAll] = useState(false);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const shown = all ? findings : findings.slice(0, SHOWN_FINDINGS);
  return (
    <section className="during-findings" aria-label="Findings at this point" data-testid="during-findings">
      <h3>
        The rules at {step === 0 ? 'the start' : `step ${step}`}: {counts.error} error{counts.error === 1 ? '' : 's'},{' '}
        {counts.warning} warning{counts.warning === 1 ? '' : 's'}, {counts.info} advice
      </h3>
      {findings.length === 0 && <p className="hint">Nothing to report at this point.</p>}
      <ul>
        {shown.map((f, i) => (
          <FindingAtStep key={`${f.ruleId}:${i}`} f={f} name={name} />
        ))}
      </ul>
      {findings.length > SHOWN_FINDINGS && (
        <button className="linklike" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${findings.length}`}
        </button>
      )}
    </section>
  );
}

function FindingAtStep({ f, name }: { f: Finding; name: (id: string) => string }) {
  return (
    <li className={`during-finding sev-${f.severity}`} data-rule={f.ruleId}>
      <SeverityIcon severity={f.severity} size={13} />
      <span>
        <b>{f.ruleId}</b> {plainWords(f.message)}
        {f.nodeIds.length > 0 && <span className="hint"> ({f.nodeIds.slice(0, 3).map(name).join(', ')})</span>}
        {f.inferred && <span className="hint"> Inferred.</span>}
      </span>
    </li>
  );
}

const PAIR_STATUS: Record<PairingAtStep['status'], string> = {
  valid: 'Can fail over',
  upgrading: 'Upgrade window',
  acrossVersions: 'Across versions',
  missing: 'Incomplete',
};

function pairWhy(p: PairingAtStep): string {
  const v = (x: PairingAtStep['versionA']) => (x ? productVersionLabel(x) : 'unknown version');
  switch (p.status) {
    case 'valid':
      return `both ${v(p.versionA)}`;
    case 'upgrading':
      return 'one runs 2019, the other Subscription Edition: upgrade the other server of the pair in the same window; no disaster-mode failover across it meanwhile';
    case 'acrossVersions':
      return `${v(p.versionA)} with ${v(p.versionB)}: failing over across versions is not supported`;
    case 'missing':
      return 'a pool of this pair is not built yet or already removed';
  }
}

function cmsText(at: DeploymentAtStep): string {
  const host = at.state.cms;
  if (!host) return 'not in this design';
  const n = at.doc.nodes.find((x) => x.id === host);
  const v = n && 'productVersion' in n && n.productVersion ? productVersionLabel(n.productVersion) : '';
  const dbs = [...at.state.cmsDatabases].filter((id) => id !== host);
  return `${n?.name ?? host}${v ? ` (${v})` : ''}${dbs.length ? `; a second CMS database is installed on ${dbs.map((id) => nameIn(at.doc, id)).join(', ')}` : ''}`;
}

function SiteLoss({ outcome, name }: { outcome: SimulationOutcome; name: (id: string) => string }) {
  const cms = outcome.cms;
  const summary = siteLossSummary(outcome);
  return (
    <>
      <div className="sim-tiles during-tiles">
        <Tile label="Users failing over" value={num(outcome.users.moved)} />
        <Tile
          label="Without service"
          value={num(outcome.usersWithoutService)}
          tone={outcome.usersWithoutService > 0 ? 'bad' : 'good'}
          testId="during-without-service"
        />
        <Tile
          label="CMS"
          value={cms ? (cms.to ? `→ ${name(cms.to)}` : 'rebuild') : 'unaffected'}
          tone={cms && !cms.to ? 'bad' : undefined}
          testId="during-cms-outcome"
        />
        <Tile
          label="Pools over capacity"
          value={String(outcome.pools.filter((p) => p.overCapacity).length)}
          tone={outcome.pools.some((p) => p.overCapacity) ? 'bad' : 'good'}
        />
      </div>
      {summary.failovers.length > 0 && (
        <ul className="during-failovers" data-testid="during-failovers">
          {summary.failovers.map((f) => (
            <li key={f.pool} className={f.supported ? '' : 'unsupported'}>
              {name(f.pool)} → {name(f.to)}: {f.users > 0 ? `${num(f.users)} users` : 'no users homed'}
              {f.supported ? '' : ' (not a supported failover)'} <code>{f.command}</code>
            </li>
          ))}
        </ul>
      )}
      <ol className="sim-notes during-notes">
        {summary.notes.slice(0, 8).map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ol>
    </>
  );
}

/** Users without service if one data center is lost, today and after each phase: where the move is most exposed. */
function Exposure({
  plan,
  current,
  td,
  sites,
  step,
  onStep,
}: {
  plan: MigrationPlan;
  current: Topology;
  td: TransitionDocument;
  sites: Site[];
  step: number;
  onStep: (k: number) => void;
}) {
  const rows = useMemo(() => exposureByPhase(plan, current, td, sites), [plan, current, td, sites]);
  if (!sites.length) return null;
  return (
    <section className="during-exposure" aria-label="Exposure phase by phase">
      <h3>Users without service if one data center is lost, phase by phase</h3>
      <table data-testid="during-exposure">
        <thead>
          <tr>
            <th>After</th>
            {sites.map((s) => (
              <th key={s.id}>{s.name} lost</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.afterStep + r.label} className={r.afterStep === step ? 'on' : ''}>
              <th>
                <button className="linklike" onClick={() => onStep(r.afterStep)}>
                  {r.label}
                </button>
              </th>
              {r.cells.map((c, i) => (
                <td key={i} className={c && (c.withoutService > 0 || c.cmsRebuild) ? 'bad' : 'good'}>
                  {c ? `${num(c.withoutService)}${c.cmsRebuild ? ' · CMS rebuilt' : ''}` : '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Tile({ label, value, tone, testId }: { label: string; value: string; tone?: 'good' | 'bad'; testId?: string }) {
  return (
    <div className={`tile ${tone ?? ''}`} data-testid={testId}>
      <div className="tile-value">{value}</div>
      <div className="tile-label">{label}</div>
    </div>
  );
}

function nameIn(doc: Topology, id: string): string {
  return doc.nodes.find((n) => n.id === id)?.name ?? id;
}

/** The interesting moment to open on: right after the first users move (half the users on each version), else today. */
function firstUserMove(plan: MigrationPlan): number | undefined {
  const i = plan.steps.findIndex((s) => s.effects.some((e) => e.kind === 'moveUsers'));
  return i >= 0 ? i + 1 : undefined;
}
