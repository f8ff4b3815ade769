/**
 * Property: for documents made by mutating the reference designs (random names,
 * versions, counts, HA modes, zones, storage, links removed, pools marked deployed,
 * transition mode), `generateSteps`, the runbooks and all three formatters never
 * throw, and the invariants hold: unique ids, phase order, no mirroring for a store a
 * 2019 pool uses, no -SyncInterval, ASCII .ps1 with every string closed and user
 * text inside literals, Markdown fences closed, JSON round-trip.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HA_MODES, OOS_ZONES, FILE_STORAGE, OS_VERSIONS, SQL_VERSIONS, type Topology } from '../model/schema';
import { TopologyIndex } from '../model/topology-index';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import { generateSteps } from './deployment';
import { toJson } from './json';
import { toMarkdown } from './markdown';
import { toPowerShell } from './powershell';
import { failoverRunbook } from './runbooks';
import { DEPLOYMENT_PHASES } from './types';
import { allSteps, clone, mdWithoutCode, ps1Problems, withPersistentChat } from './steps-test-kit';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const BASES: Topology[] = [...REFERENCE_DESIGNS.map((d) => d.build()), withPersistentChat()];
const MARK = '$(Remove-Item C:\\)';

const nameArb = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom("O'Brien", '`x`', '<script>', ']]>', '\u202E', '\u2019', '\n# h', '\u0112', ''),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const mutationArb = fc.record({
  base: fc.nat({ max: BASES.length - 1 }),
  names: fc.array(nameArb, { minLength: 1, maxLength: 8 }),
  version: fc.array(fc.constantFrom('2015', '2019', undefined), { maxLength: 12 }),
  haModes: fc.array(fc.constantFrom(...HA_MODES, undefined), { maxLength: 12 }),
  sqlVersions: fc.array(fc.constantFrom(...SQL_VERSIONS), { maxLength: 12 }),
  os: fc.array(fc.constantFrom(...OS_VERSIONS), { maxLength: 8 }),
  counts: fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 12 }),
  zones: fc.array(fc.constantFrom(...OOS_ZONES), { maxLength: 4 }),
  storage: fc.array(fc.constantFrom(...FILE_STORAGE), { maxLength: 4 }),
  dropLinks: fc.array(fc.nat({ max: 60 }), { maxLength: 6 }),
  deployed: fc.array(fc.boolean(), { maxLength: 8 }),
  transition: fc.boolean(),
  cms: fc.option(fc.nat({ max: 12 }), { nil: undefined }),
  xmpp: fc.boolean(),
  instance: fc.constantFrom('', 'RTC', 'A$B#1'),
  shareMark: fc.boolean(),
});

type Mutation = typeof mutationArb extends fc.Arbitrary<infer T> ? T : never;

function mutate(m: Mutation): Topology {
  const doc = clone(BASES[m.base]!);
  const pick = <T>(arr: readonly T[], i: number): T | undefined => (arr.length ? arr[i % arr.length] : undefined);
  doc.name = m.names[0]! + (m.shareMark ? MARK : '');
  doc.description = m.names.join(' ');
  doc.sites.forEach((s, i) => (s.name = pick(m.names, i + 1)!));
  doc.nodes.forEach((n, i) => {
    n.name = `${pick(m.names, i)!}${m.shareMark ? MARK : ''}`;
    const v = pick(m.version, i);
    if (v && 'productVersion' in n) n.productVersion = v;
    const count = pick(m.counts, i);
    switch (n.kind) {
      case 'frontEndPool':
        if (count) n.frontEndServers = count;
        n.os = pick(m.os, i) ?? n.os;
        n.deployed = pick(m.deployed, i) ?? n.deployed;
        break;
      case 'sqlStore': {
        const mode = pick(m.haModes, i);
        if (mode) n.haMode = mode;
        n.sqlVersion = pick(m.sqlVersions, i) ?? n.sqlVersion;
        n.instance = m.instance;
        if (count) n.clusterNodes = count;
        break;
      }
      case 'edgePool':
      case 'directorPool':
      case 'mediationPool':
      case 'officeOnlineServer':
        if (count) n.servers = count;
        if (n.kind === 'officeOnlineServer') n.zone = pick(m.zones, i) ?? n.zone;
        if (n.kind === 'edgePool') n.xmpp = m.xmpp;
        break;
      case 'fileStore':
        n.storage = pick(m.storage, i) ?? n.storage;
        n.share = `${pick(m.names, i)!}${m.shareMark ? MARK : ''}` || 'share';
        break;
      case 'standardEditionServer':
      case 'persistentChatPool':
      case 'survivableBranch':
        break;
    }
  });
  const drop = new Set(m.dropLinks.map((i) => i % Math.max(1, doc.links.length)));
  doc.links = doc.links.filter((_, i) => !drop.has(i));
  if (m.transition) doc.deployment.mode = 'transition';
  const registrars = doc.nodes.filter((n) => n.kind === 'frontEndPool' || n.kind === 'standardEditionServer');
  doc.deployment.cmsHost = m.cms === undefined ? null : (pick(registrars, m.cms)?.id ?? null);
  return doc;
}

describe('generateSteps and the formatters on mutated reference designs', () => {
  it('never throw, and keep their invariants', () => {
    fc.assert(
      fc.property(mutationArb, (m) => {
        const doc = mutate(m);
        const plan = generateSteps(doc);
        const ix = new TopologyIndex(doc);
        // ids unique within the plan and within each runbook
        expect(new Set(plan.steps.map((s) => s.id)).size).toBe(plan.steps.length);
        // phases in order
        const order = plan.steps.map((s) => DEPLOYMENT_PHASES.indexOf(s.phase as (typeof DEPLOYMENT_PHASES)[number]));
        expect(order.every((p, i) => p >= 0 && (i === 0 || p >= order[i - 1]!))).toBe(true);
        for (const s of allSteps(plan)) {
          // never mirroring steps for a store a 2019 pool uses (BE-MIRROR-2019)
          if (/^(tb-sql-mirroring|mirror-prepare):/.test(s.id))
            expect(ix.versionsUsing(s.id.split(':')[1]!).has('2019')).toBe(false);
          for (const c of s.commands) expect(c).not.toMatch(/-SyncInterval/);
          if (s.commands.length === 0) expect(s.supportsWhatIf).toBe(false);
          // no Persistent Chat steps for a 2019 Persistent Chat pool
          for (const id of s.nodeIds) {
            const n = ix.node(id);
            if (n?.kind === 'persistentChatPool' && n.productVersion === '2019')
              throw new Error(`step ${s.id} for a 2019 Persistent Chat pool`);
          }
        }
        const ps1 = toPowerShell(plan);
        expect(ps1Problems(ps1, m.shareMark ? [MARK] : [])).toEqual([]);
        const md = toMarkdown(plan);
        const stripped = mdWithoutCode(md);
        expect(stripped.problems).toEqual([]);
        expect(stripped.text).not.toMatch(/<script/i);
        expect(JSON.parse(toJson(plan))).toEqual(plan);
        for (const rb of plan.runbooks) {
          const r = failoverRunbook(doc, rb.poolId);
          expect(r.ok && r.value).toEqual(rb);
        }
      }),
      { numRuns: RUNS },
    );
    // Each case runs the rule engine too (its errors are the plan's blocking notes): a wall-clock
    // limit, not a speed claim (speed is in npm run bench).
  }, 120_000);

  it('failoverRunbook never throws for any node id or string', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: BASES.length - 1 }),
        fc.oneof(fc.string(), fc.constantFrom(...BASES.flatMap((b) => b.nodes.map((n) => n.id)))),
        (b, id) => {
          const r = failoverRunbook(BASES[b]!, id);
          if (!r.ok) expect(['unknownPool', 'notPaired']).toContain(r.error.code);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
