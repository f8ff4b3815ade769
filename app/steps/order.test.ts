/**
 * Every command of a generated plan targets something that exists at that point: no step
 * names an availability group listener, a new pool or a new SQL server before the step
 * that creates it. Walks the reference designs as new deployments and as transitions
 * (existing pools converted), and generated documents of every shape.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology } from '../model/arbitrary-test-kit';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { generateSteps } from './deployment';
import { clone } from './steps-test-kit';
import type { Step, StepPlan } from './types';

/** FQDN (lower case) → index of the step that creates it, for what this plan builds. */
function creators(doc: Topology, steps: readonly Step[]): Map<string, number> {
  const at = (id: string) => steps.findIndex((s) => s.id === id);
  const out = new Map<string, number>();
  // An FQDN two nodes share names neither for sure (the validator reports the clash): left out.
  const seen = new Map<string, number>();
  for (const n of doc.nodes) {
    const names = [
      ...('fqdn' in n ? [n.fqdn] : []),
      ...(n.kind === 'sqlStore' && n.ag ? [n.ag.listenerFqdn, ...n.ag.replicas.map((r) => r.fqdn)] : []),
    ];
    for (const f of new Set(names.map((x) => x.toLowerCase()))) seen.set(f, (seen.get(f) ?? 0) + 1);
  }
  const set = (fqdn: string, i: number) => {
    if (i >= 0 && seen.get(fqdn.toLowerCase()) === 1) out.set(fqdn.toLowerCase(), i);
  };
  for (const n of doc.nodes) {
    switch (n.kind) {
      case 'sqlStore': {
        const built = Math.max(at(`sql-install:${n.id}`), at(`sql-cluster:${n.id}`), at(`ag-replicas-install:${n.id}`));
        if (n.haMode === 'alwaysOnAg' && n.ag && n.ag.replicas.length) {
          set(n.ag.listenerFqdn, at(`ag-create:${n.id}`));
          // The secondaries are new servers: built by the SQL install (new store) or the replica install (converted store).
          n.ag.replicas.slice(at(`ag-replicas-install:${n.id}`) >= 0 ? 1 : 0).forEach((r) => set(r.fqdn, built));
        } else if (n.fqdn) set(n.fqdn, built);
        break;
      }
      case 'frontEndPool':
      case 'standardEditionServer':
      case 'directorPool':
      case 'mediationPool':
      case 'edgePool':
      case 'persistentChatPool':
        set(n.fqdn, at(`install-servers:${n.id}`));
        break;
      case 'fileStore':
      case 'officeOnlineServer':
      case 'survivableBranch':
        break;
    }
  }
  return out;
}

/** The values of the single-quoted literals of a command, without a `Kind:` prefix (`'Registrar:pool.contoso.com'`). */
function literals(command: string): string[] {
  return [...command.matchAll(/'((?:[^']|'')*)'/g)].map((m) =>
    m[1]!
      .replace(/''/g, "'")
      .replace(/^[A-Za-z]+:/, '')
      .toLowerCase(),
  );
}

function targetsBeforeCreation(doc: Topology, plan: StepPlan): string[] {
  const made = creators(doc, plan.steps);
  const out: string[] = [];
  plan.steps.forEach((s, i) => {
    for (const c of [...s.commands, ...s.verify.flatMap((v) => (v.command ? [v.command] : []))])
      for (const v of literals(c)) {
        const creator = made.get(v);
        if (creator !== undefined && creator > i)
          out.push(`step ${i + 1} ${s.id} targets ${v}, created only by step ${creator + 1} ${plan.steps[creator]!.id}`);
      }
  });
  return out;
}

/** The design as a change to an existing deployment: the Front End pools chosen are already deployed. */
function asTransition(doc: Topology, deployed: (i: number) => boolean): Topology {
  const t = clone(doc);
  t.deployment.mode = 'transition';
  let i = 0;
  for (const n of t.nodes) if (n.kind === 'frontEndPool') n.deployed = deployed(i++);
  return t;
}

describe('no command targets an FQDN before the step that creates it', () => {
  for (const d of REFERENCE_DESIGNS) {
    it(`${d.id}: new deployment`, () => {
      const doc = d.build();
      expect(targetsBeforeCreation(doc, generateSteps(doc))).toEqual([]);
    });
    it(`${d.id}: every Front End pool already deployed (Back Ends converted)`, () => {
      const doc = asTransition(d.build(), () => true);
      expect(targetsBeforeCreation(doc, generateSteps(doc))).toEqual([]);
    });
    it(`${d.id}: only the first Front End pool deployed`, () => {
      const doc = asTransition(d.build(), (i) => i === 0);
      expect(targetsBeforeCreation(doc, generateSteps(doc))).toEqual([]);
    });
  }

  it('any document, new or transition', () => {
    fc.assert(
      fc.property(arbTopology(), fc.boolean(), (doc, transition) => {
        const d = transition ? asTransition(doc, (i) => i % 2 === 0) : doc;
        expect(targetsBeforeCreation(d, generateSteps(d))).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });
});

describe('transition: the CMS leaves its pool before that pool is converted', () => {
  const doc = asTransition(REFERENCE_DESIGNS[0]!.build(), () => true);
  const plan = generateSteps(doc);
  const at = (id: string) => plan.steps.findIndex((s) => s.id === id);
  const cms = doc.deployment.cmsHost!;
  const be = (pool: string) => doc.links.find((l) => l.kind === 'backEnd' && l.from === pool)!.to;
  const other = doc.nodes.find((n) => n.kind === 'frontEndPool' && n.id !== cms)!.id;

  it('the other pool is converted first, the CMS moves into it, then the CMS pool is converted', () => {
    expect(at(`ag-republish:${be(other)}`)).toBeGreaterThan(0);
    expect(at(`cms-move:${other}`)).toBeGreaterThan(at(`ag-republish:${be(other)}`));
    expect(at(`ag-create:${be(cms)}`)).toBeGreaterThan(at(`cms-move:${other}`));
    expect(at(`cms-move-cleanup:${cms}`)).toBeLessThan(at(`ag-create:${be(cms)}`));
  });

  it('the old CMS database is removed from the server that holds it today, not from a listener that does not exist yet', () => {
    const cleanup = plan.steps[at(`cms-move-cleanup:${cms}`)]!;
    const store = doc.nodes.find((n) => n.id === be(cms));
    if (store?.kind !== 'sqlStore' || !store.ag) throw new Error('test setup');
    expect(cleanup.commands[0]).toContain(`'${store.ag.replicas[0]!.fqdn}'`);
    expect(cleanup.commands[0]).not.toContain(`'${store.ag.listenerFqdn}'`);
  });

  it('the topology is downloaded before it is edited: every Topology Builder change of a conversion starts from a download', () => {
    for (const s of plan.steps.filter(
      (x) => x.phase === 'existingPools' && x.tool === 'TB' && JSON.stringify(x.detail).includes('Edit Properties'),
    ))
      expect(JSON.stringify(s.detail), s.id).toMatch(/Download Topology from existing deployment/);
    expect(at('tb-start')).toBeGreaterThan(
      Math.max(...plan.steps.filter((s) => s.phase === 'existingPools').map((s) => plan.steps.indexOf(s))),
    );
  });

  it('afterwards the checks and the failover runbooks follow the CMS to where it is', () => {
    const verify = plan.steps[at('verify-cms')]!;
    const target = doc.nodes.find((n) => n.id === other)!;
    expect(JSON.stringify(verify.verify)).toContain('fqdn' in target ? target.fqdn : '?');
    const book = plan.runbooks.find((r) => r.poolId === other)!;
    expect(book.failover.some((s) => s.id.startsWith('failover-cms'))).toBe(true);
    const lostCmsPool = plan.runbooks.find((r) => r.poolId === cms)!;
    expect(lostCmsPool.failover.some((s) => s.id.startsWith('failover-cms'))).toBe(false);
  });
});
