/**
 * Editing several nodes of one kind at once ("all four Back Ends to AlwaysOn", "both pools
 * to CU8"): the fields they share, whether their values agree, and one change applied to
 * all of them, refused as a whole when it would make any of them invalid. Pure: no React.
 */
import type { NodeKind, TopologyNode } from '../model/schema';
import { FIELDS, applies, type FieldSpec } from './inspector-fields';
import { fieldValue, validateNode, withField } from './node-edits';

/** Fields that name one node: never set to one value for several. */
const IDENTITY_KEYS: ReadonlySet<string> = new Set(['name', 'fqdn', 'instance', 'share']);

/** The kind every node has, or undefined when they differ (or there are none). */
export function commonKind(nodes: readonly TopologyNode[]): NodeKind | undefined {
  const kind = nodes[0]?.kind;
  return kind && nodes.every((n) => n.kind === kind) ? kind : undefined;
}

/** The fields that can be set for all of `nodes` at once: same kind, applies to each, not an identity. */
export function sharedFields(nodes: readonly TopologyNode[]): FieldSpec[] {
  const kind = commonKind(nodes);
  if (!kind || nodes.length < 2) return [];
  return FIELDS[kind].filter((f) => !IDENTITY_KEYS.has(f.key) && nodes.every((n) => applies(n, f)));
}

export type CommonValue = { mixed: false; value: unknown } | { mixed: true };

/** The value all of `nodes` have for `key` (`inPlaceUpgrade.fromVersion` reads inside), or mixed. */
export function commonValue(nodes: readonly TopologyNode[], key: string): CommonValue {
  const values = nodes.map((n) => fieldValue(n, key));
  const first = values[0];
  return values.every((v) => v === first) ? { mixed: false, value: first } : { mixed: true };
}

export type BulkResult = { ok: true; nodes: TopologyNode[] } | { ok: false; node: TopologyNode; message: string };

/** `key` set to `value` on every node; the first node it would make invalid refuses the whole change. */
export function editAll(nodes: readonly TopologyNode[], key: string, value: unknown): BulkResult {
  const out: TopologyNode[] = [];
  for (const n of nodes) {
    const next = withField(n, key, value);
    const problem = validateNode(next, key);
    if (problem) return { ok: false, node: n, message: problem };
    out.push(next);
  }
  return { ok: true, nodes: out };
}
