/**
 * The pure-core measurements: parseTopology, runRules (with a per-rule profile when the
 * target is missed), link sizes, steps generation and failover simulation.
 */
import { generateTopology } from '../../app/model/generate';
import { parseTopology } from '../../app/model/parse';
import { REFERENCE_DESIGNS } from '../../app/model/samples/index';
import type { Topology } from '../../app/model/schema';
import { TopologyIndex } from '../../app/model/topology-index';
import { runRules, summarize } from '../../app/rules/engine';
import { RULES } from '../../app/rules/registry';
import { runLinkBench } from '../bench-link';
import { median, round, time, type BenchContext } from './measure';

/** Issue 3: rules on 5,000 nodes within 50 ms, and at most 12× the 500-node time. */
export const RULES_TARGET_MS = 50;
export const RULES_GROWTH_TARGET = 12;
/** Issue 2: our share link at most 0.6 of draw.io's, median over the designs. */
export const LINK_RATIO_TARGET = 0.6;
export const SEED = 42;

const generated = new Map<number, Topology>();
/** The generated document of `nodes` nodes (built once per run). */
export function generatedDoc(nodes: number): Topology {
  const cached = generated.get(nodes);
  if (cached) return cached;
  const r = generateTopology({ nodes }, SEED);
  if (!r.ok) throw new Error(`generateTopology(${nodes}): ${r.error.message}`);
  generated.set(nodes, r.value);
  return r.value;
}

export function benchDocuments(): { name: string; doc: () => Topology }[] {
  return [...REFERENCE_DESIGNS.map((d) => ({ name: d.id, doc: () => d.build() })), { name: 'generated-5000', doc: () => generatedDoc(5_000) }];
}

export async function runGenerate(ctx: BenchContext): Promise<void> {
  for (const nodes of [500, 5_000]) {
    await ctx.attempt(`generate/${nodes}`, () => {
      const t = time(() => generateTopology({ nodes }, SEED), { minRuns: 5, budgetMs: 1_000 });
      const doc = generatedDoc(nodes);
      ctx.emit({ name: `generate/${nodes}`, ...t, nodes: doc.nodes.length, sites: doc.sites.length, links: doc.links.length, jsonChars: JSON.stringify(doc).length });
    });
  }
}

export async function runParse(ctx: BenchContext): Promise<void> {
  const docs = [...REFERENCE_DESIGNS.map((d) => ({ name: d.id, doc: () => d.build() })), { name: 'generated-500', doc: () => generatedDoc(500) }, { name: 'generated-5000', doc: () => generatedDoc(5_000) }];
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
  const medians = new Map<number, number>();
  for (const nodes of [500, 5_000]) {
    const name = `runRules/generated-${nodes}`;
    await ctx.attempt(name, () => {
      const doc = generatedDoc(nodes);
      const findings = runRules(doc);
      const t = time(() => runRules(doc), nodes > 1_000 ? { minRuns: 15, budgetMs: 8_000, warmup: 3 } : { minRuns: 30, budgetMs: 4_000 });
      medians.set(nodes, t.medianMs);
      const counts = summarize(findings);
      const target = nodes === 5_000 ? { target: RULES_TARGET_MS, met: t.medianMs <= RULES_TARGET_MS } : {};
      ctx.emit({ name, ...t, nodes: doc.nodes.length, links: doc.links.length, rules: RULES.length, findings: findings.length, errors: counts.error, warnings: counts.warning, ...target });
      if (counts.error > 0) ctx.note(`note: the generated ${nodes}-node document has ${counts.error} error finding(s): ${[...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.ruleId))].join(', ')}`);
    });
  }
  await ctx.attempt('runRules/growth', () => {
    const small = medians.get(500);
    const large = medians.get(5_000);
    if (small === undefined || large === undefined) throw new Error('needs both runRules/generated-500 and runRules/generated-5000');
    const ratio = round(large / small, 2);
    ctx.emit({ name: 'runRules/growth', from: 500, to: 5_000, ratio, target: RULES_GROWTH_TARGET, met: ratio <= RULES_GROWTH_TARGET });
  });
  const large = medians.get(5_000);
  if (large !== undefined && large > RULES_TARGET_MS) await ctx.attempt('runRules/profile', () => profileRules(ctx, generatedDoc(5_000), large));
}

/**
 * Where the time of one runRules call goes: building the index, each rule's check (on a
 * fresh index each run, so no rule profits from another's memo), and the rest (turning
 * hits into findings and sorting them). Prints the index, the top rules and the rest.
 */
function profileRules(ctx: BenchContext, doc: Topology, total: number): void {
  const runs = 5;
  const indexMs = time(() => new TopologyIndex(doc), { minRuns: 10, budgetMs: 500 }).medianMs;
  const perRule: { id: string; ms: number; hits: number }[] = [];
  for (const rule of RULES) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < runs; i++) {
      const ix = new TopologyIndex(doc);
      const t = performance.now();
      hits = [...rule.check(ix)].length;
      times.push(performance.now() - t);
    }
    perRule.push({ id: rule.id, ms: median(times), hits });
  }
  perRule.sort((a, b) => b.ms - a.ms);
  const checks = perRule.reduce((s, r) => s + r.ms, 0);
  const share = (ms: number) => round(ms / total, 3);
  ctx.emit({ name: 'runRules/profile/generated-5000/(index)', medianMs: round(indexMs), share: share(indexMs) });
  ctx.emit({ name: 'runRules/profile/generated-5000/(all checks)', medianMs: round(checks), share: share(checks), rules: perRule.length });
  ctx.emit({ name: 'runRules/profile/generated-5000/(findings and sort)', medianMs: round(Math.max(0, total - indexMs - checks)), share: share(Math.max(0, total - indexMs - checks)) });
  for (const r of perRule.slice(0, 10)) ctx.emit({ name: `runRules/profile/generated-5000/${r.id}`, medianMs: round(r.ms), share: share(r.ms), hits: r.hits });
}

export async function runLinks(ctx: BenchContext): Promise<void> {
  await ctx.attempt('link-size', () => {
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
  for (const d of benchDocuments()) {
    const name = `steps/${d.name}`;
    await ctx.attempt(name, () => {
      const doc = d.doc();
      const plan = generateSteps(doc) as { steps?: unknown[]; runbooks?: unknown[] } | undefined;
      const big = doc.nodes.length > 1_000;
      const t = time(() => generateSteps(doc), big ? { minRuns: 5, budgetMs: 6_000, warmup: 2 } : {});
      ctx.emit({ name, ...t, nodes: doc.nodes.length, ...stepCounts(plan) });
    });
  }
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
