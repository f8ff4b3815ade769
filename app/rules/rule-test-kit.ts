/**
 * Shared test kit for rule families: `describeRule(id, { fires, passes })` proves a
 * rule with documents that trigger it and close variants that do not. Every document
 * is first checked by `parseTopology`, so rules are only ever tested on documents the
 * format accepts. `catalogue.test.ts` scans test files for `describeRule('<id>'` to
 * prove that every registered rule has such a test.
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse';
import { REFERENCE_DESIGNS } from '../model/samples';
import type { Topology, TopologyNode, Link, NodeOfKind, NodeKind } from '../model/schema';
import { TopologyIndex } from '../model/topology-index';
import { runRules } from './engine';
import { RULES_BY_ID } from './registry';
import type { Finding, Rule, Severity } from './types';

export interface RuleCase {
  name: string;
  doc: Topology;
  /** For `fires`: some finding of the rule must name all of these nodes. */
  nodeIds?: string[];
  /** For `fires`: some finding of the rule must name all of these links (or WAN links). */
  linkIds?: string[];
  /** For `fires`: how many findings of the rule exactly. */
  count?: number;
}

export function findingsOf(id: string, doc: Topology): Finding[] {
  const rule = RULES_BY_ID.get(id);
  if (!rule) throw new Error(`${id} is not registered`);
  return runRules(doc, [rule]);
}

export function describeRule(id: string, cases: { fires: RuleCase[]; passes: RuleCase[] }): void {
  describe(id, () => {
    it('is registered and has both kinds of case', () => {
      expect(RULES_BY_ID.get(id)).toBeDefined();
      expect(cases.fires.length).toBeGreaterThan(0);
      expect(cases.passes.length).toBeGreaterThan(0);
    });
    for (const c of cases.fires) {
      it(`fires: ${c.name}`, () => {
        assertValid(c.doc);
        const found = findingsOf(id, c.doc);
        expect(found.length, `expected ${id} to fire`).toBeGreaterThan(0);
        for (const f of found) {
          expect(f.ruleId).toBe(id);
          expect(f.message.length).toBeGreaterThan(0);
          expect(f.message).not.toMatch(/could not run on this topology/); // a crashing check is not a finding
          expect(f.message).not.toMatch(/\{(what|which|n|max|version|users|seconds|kind|store|pool|site|name|link kind)[^}]*\}/); // placeholders filled
        }
        if (c.count !== undefined) expect(found.length).toBe(c.count);
        if (c.nodeIds) {
          const want = c.nodeIds;
          expect(
            found.some((f) => want.every((n) => f.nodeIds.includes(n))),
            `a finding naming ${want.join(', ')}; got ${JSON.stringify(found.map((f) => f.nodeIds))}`,
          ).toBe(true);
        }
        if (c.linkIds) {
          const want = c.linkIds;
          expect(
            found.some((f) => want.every((l) => f.linkIds.includes(l))),
            `a finding naming links ${want.join(', ')}; got ${JSON.stringify(found.map((f) => f.linkIds))}`,
          ).toBe(true);
        }
      });
    }
    for (const c of cases.passes) {
      it(`passes: ${c.name}`, () => {
        assertValid(c.doc);
        expect(findingsOf(id, c.doc).map((f) => f.message)).toEqual([]);
      });
    }
  });
}

function assertValid(doc: Topology) {
  const r = parseTopology(JSON.parse(JSON.stringify(doc)));
  if (!r.ok) throw new Error(`test document is not valid: ${r.error.message}`);
}

/** A deep copy of `doc` changed by `f`. */
export function mutate(doc: Topology, f: (d: Topology) => void): Topology {
  const copy = structuredClone(doc);
  f(copy);
  return copy;
}

/** The node with this id, typed by kind (throws in tests when absent or of another kind). */
export function nodeOf<K extends NodeKind>(doc: Topology, id: string, kind: K): NodeOfKind<K> {
  const n = doc.nodes.find((x) => x.id === id);
  if (!n || n.kind !== kind) throw new Error(`no ${kind} ${id}`);
  return n as NodeOfKind<K>;
}

export function addNode(doc: Topology, n: TopologyNode): void {
  doc.nodes.push(n);
}
export function addLink(doc: Topology, l: Link): void {
  doc.links.push(l);
}
export function removeLinks(doc: Topology, pred: (l: Link) => boolean): void {
  doc.links = doc.links.filter((l) => !pred(l));
}

/**
 * One test per reference design (app/model/samples): `rules` give it no finding more
 * severe than `worstAllowed` ('info': no error or warning, 'warning': no error,
 * 'none': no finding at all). Call inside the family's `describe`.
 */
export function itPassesReferenceDesigns(family: string, rules: readonly Rule[], worstAllowed: Severity | 'none' = 'info'): void {
  const what = worstAllowed === 'info' ? 'error or warning' : worstAllowed === 'warning' ? 'error' : 'finding';
  const tooSevere = (f: Finding) =>
    worstAllowed === 'none' || (f.severity === 'error' ? true : f.severity === 'warning' ? worstAllowed === 'info' : false);
  for (const design of REFERENCE_DESIGNS)
    it(`${design.id} has no ${family} ${what}`, () => {
      expect(
        runRules(design.build(), rules)
          .filter(tooSevere)
          .map((f) => `${f.ruleId}: ${f.message}`),
      ).toEqual([]);
    });
}

/**
 * `copies` copies of `design` in one document, every id, site and FQDN (AG listener and
 * replicas included) suffixed with the copy number: a large design of realistic shape.
 */
export function replicateDesign(design: Topology, copies: number): Topology {
  const doc: Topology = {
    ...design,
    sites: [],
    nodes: [],
    links: [],
    layout: {},
    ...(design.siteLinks ? { siteLinks: [] } : {}),
  };
  const fqdn = (f: string, k: number) => f.replace(/^([^.]+)/, `$1-${k}`);
  for (let k = 0; k < copies; k++) {
    const re = (id: string) => `${id}-${k}`;
    for (const s of design.sites)
      doc.sites.push({
        ...structuredClone(s),
        id: re(s.id),
        ...(s.parentSiteId === undefined ? {} : { parentSiteId: re(s.parentSiteId) }),
      });
    for (const n of design.nodes) {
      const copy = structuredClone(n);
      copy.id = re(n.id);
      copy.siteId = re(n.siteId);
      copy.fqdn = fqdn(n.fqdn, k);
      if (copy.kind === 'sqlStore' && copy.ag) {
        copy.ag.listenerFqdn = fqdn(copy.ag.listenerFqdn, k);
        for (const r of copy.ag.replicas) {
          r.siteId = re(r.siteId);
          r.fqdn = fqdn(r.fqdn, k);
        }
      }
      if (copy.kind === 'persistentChatPool') for (const srv of copy.servers) srv.siteId = re(srv.siteId);
      doc.nodes.push(copy);
    }
    for (const l of design.links) doc.links.push({ ...structuredClone(l), id: re(l.id), from: re(l.from), to: re(l.to) });
    for (const l of design.siteLinks ?? []) doc.siteLinks!.push({ ...l, id: re(l.id), from: re(l.from), to: re(l.to) });
  }
  // The first copy keeps the Central Management store.
  const cms = design.deployment.cmsHost;
  doc.deployment = { ...design.deployment, cmsHost: cms === null ? null : `${cms}-0` };
  return doc;
}

/**
 * The index handed to a rule, counting the work it hands out: one per call plus one per
 * element of every list returned. A rule that loops over nodes inside a loop over nodes
 * shows up as quadratic work, whatever the machine's speed.
 */
export function countingIndex(doc: Topology): { ix: TopologyIndex; work: () => number } {
  const target = new TopologyIndex(doc);
  let work = 0;
  const ix = new Proxy(target, {
    get(t, prop) {
      const v: unknown = Reflect.get(t, prop, t);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const out: unknown = (v as (...a: unknown[]) => unknown).apply(t, args);
        work += 1 + (Array.isArray(out) ? out.length : 0);
        return out;
      };
    },
  });
  return { ix, work: () => work };
}
