/**
 * The pure-core measurements: parseTopology, runRules (with a per-rule profile when the
 * target is missed), link sizes, steps generation and failover simulation.
 */
import { loadavg } from 'node:os';
import { generateTopology } from '../../app/model/generate';
import { parseTopology } from '../../app/model/parse';
import { REFERENCE_DESIGNS } from '../../app/model/samples/index';
import type { Topology } from '../../app/model/schema';
import { TopologyIndex } from '../../app/model/topology-index';
import type { Finding, Rule } from '../../app/rules/types';
import { median, round, summarizeTimes, time, type BenchContext, type Timing } from './measure';

// Modules other helpers may be changing are loaded when their group runs, so one that
// does not load fails its own measurements only.
type RulesModules = {
  runRules: (doc: Topology, rules?: readonly Rule[]) => Finding[];
  summarize: (f: readonly Finding[]) => Record<'error' | 'warning' | 'info', number>;
  RULES: readonly Rule[];
};
async function rulesModules(): Promise<RulesModules> {
  const [engine, registry] = await Promise.all([import('../../app/rules/engine'), import('../../app/rules/registry')]);
  return { runRules: engine.runRules, summarize: engine.summarize, RULES: registry.RULES };
}

/** Issue 3: rules on 5,000 nodes within 50 ms, and at most 12× the 500-node time. */
export const RULES_TARGET_MS = 50;
export const RULES_GROWTH_TARGET = 12;
/** Steps on 5,000 nodes well within 300 ms, and at most 15× the 500-node time (no runbook scanning the whole design). */
export const STEPS_TARGET_MS = 300;
export const STEPS_GROWTH_TARGET = 15;
/** Issue 2: our share link at most 0.6 of draw.io's, median over the designs. */
export const LINK_RATIO_TARGET = 0.6;
export const SEED = 42;

const generated = new Map<number, Topology>();
/**
 * The generated document of `nodes` nodes (built once per run), as the designer and the
 * CLI hold it: read back through parseTopology from its JSON text. That matters: the
 * generator's ids are concatenated strings (V8 cons strings), which make every Map
 * lookup in the index and the rules many times slower than the flat strings of a parsed
 * document (see the `runRules/generated-5000-unparsed` line).
 */
export function generatedDoc(nodes: number): Topology {
  const cached = generated.get(nodes);
  if (cached) return cached;
  const parsed = parseTopology(JSON.stringify(unparsedDoc(nodes)));
  if (!parsed.ok) throw new Error(`the generated ${nodes}-node document does not parse: ${parsed.error.message}`);
  generated.set(nodes, parsed.value);
  return parsed.value;
}

function unparsedDoc(nodes: number): Topology {
  const r = generateTopology({ nodes }, SEED);
  if (!r.ok) throw new Error(`generateTopology(${nodes}): ${r.error.message}`);
  return r.value;
}

export function benchDocuments(): { name: string; doc: () => Topology }[] {
  return [
    ...REFERENCE_DESIGNS.map((d) => ({ name: d.id, doc: () => d.build() })),
    { name: 'generated-5000', doc: () => generatedDoc(5_000) },
  ];
}

export async function runGenerate(ctx: BenchContext): Promise<void> {
  for (const nodes of [500, 5_000]) {
    await ctx.attempt(`generate/${nodes}`, () => {
      const t = time(
        () => generateTopology({ nodes }, SEED),
        nodes > 1_000 ? { warmup: 1, minRuns: 3, budgetMs: 0 } : { minRuns: 10, budgetMs: 1_000 },
      );
      const doc = generatedDoc(nodes);
      ctx.emit({
        name: `generate/${nodes}`,
        ...t,
        nodes: doc.nodes.length,
        sites: doc.sites.length,
        links: doc.links.length,
        jsonChars: JSON.stringify(doc).length,
      });
    });
  }
}

export async function runParse(ctx: BenchContext): Promise<void> {
  const docs = [
    ...REFERENCE_DESIGNS.map((d) => ({ name: d.id, doc: () => d.build() })),
    { name: 'generated-500', doc: () => generatedDoc(500) },
    { name: 'generated-5000', doc: () => generatedDoc(5_000) },
  ];
  for (const d of docs) {
    const name = `parseTopology/${d.name}`;
    await ctx.attempt(name, () => {
      const doc = d.doc();
      const text = JSON.stringify(doc);
      const check = parseTopology(text);
      if (!check.ok) throw new Error(`the document does not parse: ${check.error.message}`);
      const big = doc.nodes.length > 1_000;
      const t = time(() => parseTopology(text), big ? { minRuns: 10, budgetMs: 4_000 } : {});
      ctx.emit({ name, ...t, nodes: doc.nodes.length, chars: text.length });
    });
  }
}

export async function runRulesBench(ctx: BenchContext): Promise<void> {
  const { runRules, summarize, RULES } = await rulesModules();
  const sizes = [500, 5_000] as const;
  const wanted = sizes.filter(
    (n) => ctx.wants(`runRules/generated-${n}`) || ctx.wants('runRules/growth') || ctx.wants('runRules/profile'),
  );
  const timings = new Map<number, Timing>();
  await ctx.attempt(`runRules/generated-${wanted.join('+')}`, () => {
    const docs = new Map(wanted.map((n) => [n, generatedDoc(n)]));
    // Both sizes in alternation, so a change in the machine's load (other processes on
    // a shared machine) lands on both and the growth ratio stays fair.
    const samples = interleaved(
      [...docs.values()].map((doc) => () => runRules(doc)),
      wanted.map((n) => (n > 1_000 ? 1 : 10)),
      { minRounds: 20, budgetMs: 12_000 },
    );
    wanted.forEach((nodes, i) => {
      const doc = docs.get(nodes)!;
      const findings = runRules(doc);
      const t = summarizeTimes(samples.wall[i]!);
      const cpuMedianMs = round(median(samples.cpu[i]!));
      timings.set(nodes, t);
      const counts = summarize(findings);
      const target = nodes === 5_000 ? { target: RULES_TARGET_MS, met: t.medianMs <= RULES_TARGET_MS } : {};
      if (ctx.wants(`runRules/generated-${nodes}`))
        ctx.emit({
          name: `runRules/generated-${nodes}`,
          ...t,
          nodes: doc.nodes.length,
          links: doc.links.length,
          rules: RULES.length,
          findings: findings.length,
          errors: counts.error,
          warnings: counts.warning,
          cpuMedianMs,
          loadAverage: round(loadavg()[0]!),
          ...target,
        });
      if (counts.error > 0)
        ctx.note(
          `note: the generated ${nodes}-node document has ${counts.error} error finding(s): ${[...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.ruleId))].join(', ')}`,
        );
    });
  });
  await emitGrowth(ctx, 'runRules', timings, RULES_GROWTH_TARGET);
  const large = timings.get(5_000);
  if (large !== undefined && large.medianMs > RULES_TARGET_MS)
    await ctx.attempt('runRules/profile', () => profileRules(ctx, { runRules, summarize, RULES }, generatedDoc(5_000)));
}

/**
 * Times several functions in alternating rounds (function i runs perRound[i] times per
 * round) after a warm-up; returns each function's run times, as wall-clock time and as the
 * CPU time the process used meanwhile (its own thread and the garbage collector's helpers).
 * On a shared machine the wall time also counts the time other processes held the CPU;
 * the CPU time does not, so the two together say whether a miss is ours or the machine's.
 */
function interleaved(
  fns: readonly (() => unknown)[],
  perRound: readonly number[],
  { minRounds, budgetMs }: { minRounds: number; budgetMs: number },
): { wall: number[][]; cpu: number[][] } {
  const wall = fns.map(() => [] as number[]);
  const cpu = fns.map(() => [] as number[]);
  for (let w = 0; w < 3; w++)
    fns.forEach((f, i) => {
      for (let k = 0; k < perRound[i]!; k++) f();
    });
  const start = performance.now();
  for (let round = 0; round < minRounds || (performance.now() - start < budgetMs && round < 500); round++)
    fns.forEach((f, i) => {
      for (let k = 0; k < perRound[i]!; k++) {
        const c = process.cpuUsage();
        const t = performance.now();
        f();
        wall[i]!.push(performance.now() - t);
        const used = process.cpuUsage(c);
        cpu[i]!.push((used.user + used.system) / 1_000);
      }
    });
  return { wall, cpu };
}

/**
 * Where the time of one runRules call goes. Each pass does what runRules does (one fresh
 * index, then every rule in order, so the index's memo is shared as in the engine) and
 * times the index and each rule; per-rule medians over the passes, then the top rules.
 * "(findings, sort, GC)" is the rest of a runRules call: turning hits into findings,
 * sorting them, and the garbage collection all that allocation brings (findings and the
 * index survive until the call returns, so young-generation collections copy them; the
 * high-volume info rules word their messages only when read, see Hit.message). Each
 * rule's growth is its time here over its time on the 500-node document (10× the nodes).
 */
function profileRules(ctx: BenchContext, m: RulesModules, doc: Topology): void {
  const small = rulePasses(m, generatedDoc(500), 30);
  const large = rulePasses(m, doc, 15);
  // The whole call, timed in the same stretch as its parts (the machine's load drifts).
  const total = large.totalMs;
  const checks = [...large.rules.values()].reduce((s, ms) => s + ms, 0);
  const share = (ms: number) => round(ms / total, 3);
  const rest = Math.max(0, total - large.indexMs - checks);
  ctx.emit({ name: 'runRules/profile/generated-5000/(runRules)', medianMs: round(total), share: 1 });
  ctx.emit({ name: 'runRules/profile/generated-5000/(index)', medianMs: round(large.indexMs), share: share(large.indexMs) });
  ctx.emit({
    name: 'runRules/profile/generated-5000/(all checks)',
    medianMs: round(checks),
    share: share(checks),
    rules: large.rules.size,
  });
  ctx.emit({ name: 'runRules/profile/generated-5000/(findings, sort, GC)', medianMs: round(rest), share: share(rest) });
  const top = [...large.rules].sort((a, b) => b[1] - a[1]).slice(0, 10);
  for (const [id, ms] of top) {
    const before = small.rules.get(id) ?? Number.NaN;
    ctx.emit({
      name: `runRules/profile/generated-5000/${id}`,
      medianMs: round(ms),
      share: share(ms),
      hits: large.hits.get(id) ?? 0,
      at500Ms: round(before),
      growth: round(ms / Math.max(before, 0.001), 1),
    });
  }
}

function rulePasses(
  { runRules, RULES }: RulesModules,
  doc: Topology,
  passes: number,
): { totalMs: number; indexMs: number; rules: Map<string, number>; hits: Map<string, number> } {
  const totals: number[] = [];
  const indexTimes: number[] = [];
  const times = new Map<string, number[]>(RULES.map((r) => [r.id, []]));
  const hits = new Map<string, number>();
  for (let pass = 0; pass < passes + 2; pass++) {
    const start = performance.now();
    runRules(doc);
    if (pass >= 2) totals.push(performance.now() - start);
    const t0 = performance.now();
    const ix = new TopologyIndex(doc);
    const t1 = performance.now();
    if (pass >= 2) indexTimes.push(t1 - t0); // two passes of warm-up
    for (const rule of RULES) {
      const t = performance.now();
      const n = [...rule.check(ix)].length;
      const ms = performance.now() - t;
      if (pass >= 2) times.get(rule.id)!.push(ms);
      hits.set(rule.id, n);
    }
  }
  return {
    totalMs: median(totals),
    indexMs: median(indexTimes),
    rules: new Map([...times].map(([id, ts]) => [id, median(ts)])),
    hits,
  };
}

export async function runLinks(ctx: BenchContext): Promise<void> {
  await ctx.attempt('link-size', async () => {
    const { runLinkBench } = await import('../bench-link');
    for (const row of runLinkBench()) {
      const isMedian = row.name === 'link-size/median';
      ctx.emit(isMedian ? { ...row, target: LINK_RATIO_TARGET, met: row.ratio <= LINK_RATIO_TARGET } : { ...row });
    }
  });
}

type GenerateSteps = (doc: Topology) => unknown;
type SimulateFailure = (doc: Topology, failure: { siteId: string }) => { ok: boolean; error?: { message?: string } };

/** Loads a module other helpers may still be writing; undefined (with a note) when it is absent or broken. */
async function optionalExport<T>(ctx: BenchContext, modulePath: string, name: string): Promise<T | undefined> {
  try {
    const mod = (await import(modulePath)) as Record<string, unknown>;
    if (typeof mod[name] === 'function') return mod[name] as T;
    ctx.note(`skip: ${modulePath} does not export ${name} yet`);
  } catch (e) {
    ctx.note(`skip: ${modulePath} could not be loaded (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  return undefined;
}

export async function runSteps(ctx: BenchContext): Promise<void> {
  const generateSteps = await optionalExport<GenerateSteps>(ctx, '../../app/steps/index', 'generateSteps');
  if (!generateSteps) return;
  for (const d of REFERENCE_DESIGNS) {
    const name = `steps/${d.id}`;
    await ctx.attempt(name, () => {
      const doc = d.build();
      const plan = generateSteps(doc);
      ctx.emit({ name, ...time(() => generateSteps(doc)), nodes: doc.nodes.length, ...stepCounts(plan) });
    });
  }
  const sizes = [500, 5_000].filter((n) => ctx.wants(`steps/generated-${n}`) || ctx.wants('steps/growth'));
  const timings = new Map<number, Timing>();
  await ctx.attempt(`steps/generated-${sizes.join('+')}`, () => {
    const docs = sizes.map((n) => generatedDoc(n));
    // In alternation, as for runRules, so that the growth ratio sees the same machine load.
    const samples = interleaved(
      docs.map((doc) => () => generateSteps(doc)),
      sizes.map((n) => (n > 1_000 ? 1 : 5)),
      { minRounds: 5, budgetMs: 6_000 },
    );
    sizes.forEach((nodes, i) => {
      const doc = docs[i]!;
      const t = summarizeTimes(samples.wall[i]!);
      const cpuMedianMs = round(median(samples.cpu[i]!));
      timings.set(nodes, t);
      const target = nodes === 5_000 ? { target: STEPS_TARGET_MS, met: t.medianMs <= STEPS_TARGET_MS } : {};
      if (ctx.wants(`steps/generated-${nodes}`))
        ctx.emit({
          name: `steps/generated-${nodes}`,
          ...t,
          nodes: doc.nodes.length,
          ...stepCounts(generateSteps(doc)),
          cpuMedianMs,
          ...target,
        });
    });
  });
  await emitGrowth(ctx, 'steps', timings, STEPS_GROWTH_TARGET);
}

/** `<group>/growth`: the 5,000-node median over the 500-node one. */
async function emitGrowth(
  ctx: BenchContext,
  group: string,
  timings: ReadonlyMap<number, { medianMs: number; minMs: number }>,
  target: number,
): Promise<void> {
  await ctx.attempt(`${group}/growth`, () => {
    const small = timings.get(500);
    const large = timings.get(5_000);
    if (!small || !large) throw new Error(`needs both ${group}/generated-500 and ${group}/generated-5000`);
    const ratio = round(large.medianMs / small.medianMs, 2);
    // The ratio of the fastest runs is the least disturbed by other load; shown alongside.
    ctx.emit({
      name: `${group}/growth`,
      from: 500,
      to: 5_000,
      ratio,
      ratioOfMins: round(large.minMs / small.minMs, 2),
      target,
      met: ratio <= target,
    });
  });
}

function stepCounts(plan: unknown): Record<string, number> {
  if (!plan || typeof plan !== 'object') return {};
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(plan)) if (Array.isArray(v)) out[k] = v.length;
  return out;
}

export async function runSimulate(ctx: BenchContext): Promise<void> {
  const simulateFailure = await optionalExport<SimulateFailure>(ctx, '../../app/simulate/index', 'simulateFailure');
  if (!simulateFailure) return;
  for (const d of benchDocuments()) {
    const name = `simulate/${d.name}`;
    await ctx.attempt(name, () => {
      const doc = d.doc();
      // Lose the site that hosts the Central Management store: the case with the most to do.
      const cms = doc.nodes.find((n) => n.id === doc.deployment.cmsHost);
      const siteId = cms?.siteId ?? doc.sites[0]?.id;
      if (!siteId) throw new Error('the document has no site');
      const first = simulateFailure(doc, { siteId });
      if (!first.ok) throw new Error(`simulateFailure refused the site ${siteId}: ${first.error?.message ?? 'no message'}`);
      const big = doc.nodes.length > 1_000;
      const t = time(() => simulateFailure(doc, { siteId }), big ? { minRuns: 10, budgetMs: 4_000 } : {});
      ctx.emit({ name, ...t, nodes: doc.nodes.length, failedSite: siteId });
    });
  }
}

/** Sizes and times of the exports (issue 18): SVG (a few hundred KB at most for the reference designs), PDF, PowerPoint. */
const SVG_TARGET_BYTES = 300_000;

export async function runExport(ctx: BenchContext): Promise<void> {
  const { renderDesignSvg } = await import('../../app/export/render-svg');
  const { runRules } = await import('../../app/rules/engine');
  const { generateSteps } = await import('../../app/steps/index');
  const docs = [...REFERENCE_DESIGNS.map((d) => ({ id: d.id, doc: d.build() })), { id: 'generated-500', doc: generatedDoc(500) }];
  for (const { id, doc } of docs) {
    const findings = runRules(doc);
    await ctx.attempt(`export/svg/${id}`, () => {
      const svg = renderDesignSvg(doc, { findings, date: '2026-01-31' });
      const bytes = new TextEncoder().encode(svg).length;
      const target = id.startsWith('generated') ? {} : { target: SVG_TARGET_BYTES, met: bytes <= SVG_TARGET_BYTES };
      ctx.emit({
        name: `export/svg/${id}`,
        ...time(() => renderDesignSvg(doc, { findings, date: '2026-01-31' })),
        bytes,
        nodes: doc.nodes.length,
        links: doc.links.length,
        ...target,
      });
    });
    if (id.startsWith('generated')) continue;
    const plan = generateSteps(doc);
    const report = { findings, steps: plan.steps, runbooks: plan.runbooks };
    await ctx.attempt(`export/pdf/${id}`, async () => {
      const { renderDesignPdf } = await import('../../app/export/render-pdf');
      const t = performance.now();
      const pdf = await renderDesignPdf(doc, report, { date: '2026-01-31' });
      ctx.emit({ name: `export/pdf/${id}`, ms: round(performance.now() - t), bytes: pdf.length });
    });
    await ctx.attempt(`export/pptx/${id}`, async () => {
      const { renderDesignPptx } = await import('../../app/export/render-pptx');
      const t = performance.now();
      const pptx = await renderDesignPptx(doc, report, { date: '2026-01-31' });
      ctx.emit({ name: `export/pptx/${id}`, ms: round(performance.now() - t), bytes: pptx.length });
    });
  }
}
