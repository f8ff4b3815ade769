/**
 * Shared test kit for rule families: `describeRule(id, { fires, passes })` proves a
 * rule with documents that trigger it and close variants that do not. Every document
 * is first checked by `parseTopology`, so rules are only ever tested on documents the
 * format accepts. `catalogue.test.ts` scans test files for `describeRule('<id>'` to
 * prove that every registered rule has such a test.
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse';
import type { Topology, TopologyNode, Link, NodeOfKind, NodeKind } from '../model/schema';
import { runRules } from './engine';
import { RULES_BY_ID } from './registry';
import type { Finding } from './types';

export interface RuleCase {
  name: string;
  doc: Topology;
  /** For `fires`: some finding of the rule must name all of these nodes. */
  nodeIds?: string[];
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
          expect(found.some((f) => want.every((n) => f.nodeIds.includes(n))), `a finding naming ${want.join(', ')}; got ${JSON.stringify(found.map((f) => f.nodeIds))}`).toBe(true);
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
