/**
 * LIFE rules of the catalogue's migration addendum: product lifecycle. Skype for Business
 * Server 2015 and 2019 went out of support on 14 October 2025 (their paid extended
 * security updates ended on 14 April 2026); Subscription Edition follows the Modern
 * Lifecycle Policy. The rules read no clock: both dates are past.
 */
import type { TopologyNode } from '../model/schema';
import type { TopologyIndex } from '../model/topology-index';
import { catalogueMessage, defineRule } from './define-rule';
import { kindedNames } from './rule-text';
import type { Hit, Rule } from './types';
import { decom, SUBSCRIPTION_EDITION } from '../model/product-versions';
import { productVersionOf } from '../model/schema';

const outOfSupport = (n: TopologyNode): boolean => {
  const v = productVersionOf(n);
  return v === '2015' || v === '2019';
};

/** The out-of-support server nodes (with `decommission` as asked), for one finding per document. */
function outOfSupportNodes(ix: TopologyIndex, retiring?: boolean): TopologyNode[] {
  const out: TopologyNode[] = [];
  for (const n of ix.allNodes()) if (outOfSupport(n) && (retiring === undefined || decom(n) === retiring)) out.push(n);
  return out;
}

/** "2015 and 2019" or the one version the nodes have. */
function versionsIn(nodes: readonly TopologyNode[]): string {
  const has2015 = nodes.some((n) => productVersionOf(n) === '2015');
  const has2019 = nodes.some((n) => productVersionOf(n) === '2019');
  return has2015 && has2019
    ? 'Skype for Business Server 2015 and 2019'
    : `Skype for Business Server ${has2015 ? '2015' : '2019'}`;
}

const documentHit = (id: string, nodes: readonly TopologyNode[], lead: string): Hit => ({
  nodeIds: nodes.map((n) => n.id),
  // Worded when read: the list of nodes may be long on a large design.
  message: () => `${lead} (${kindedNames(nodes)}). ${catalogueMessage(id)}`,
});

/**
 * Microsoft's lifecycle pages for the two versions: the catalogue cites press reports of
 * the dates only; these pages are where Microsoft states them.
 */
const LIFECYCLE_DOCS = [
  'web:https://learn.microsoft.com/lifecycle/products/skype-for-business-server-2019',
  'web:https://learn.microsoft.com/lifecycle/products/skype-for-business-server-2015',
] as const;

export const LIFE_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- tier 1
  defineRule(
    'LIFE-EOS-GREENFIELD',
    'New deployment on an out-of-support version',
    (ix) => {
      if (ix.doc.deployment.mode !== 'greenfield') return [];
      const nodes = outOfSupportNodes(ix);
      if (nodes.length === 0) return [];
      return [documentHit('LIFE-EOS-GREENFIELD', nodes, `This new deployment is designed on ${versionsIn(nodes)}`)];
    },
    // The catalogue's fix predates format v2 ("model the design as 2019"); Subscription Edition can be chosen now.
    {
      leadDocs: LIFECYCLE_DOCS,
      fix:
        'Design on Subscription Edition: set the product version of these servers to Subscription Edition, whose ' +
        'requirements it inherits from 2019. If the design records a 2015 or 2019 deployment that exists today, set the ' +
        "design's mode to Transition instead.",
    },
  ),

  // ---------------------------------------------------------------- format v2
  defineRule(
    'LIFE-EOS-RETAINED',
    'Out-of-support servers kept after the change',
    (ix) => {
      if (ix.doc.deployment.mode !== 'transition') return [];
      const nodes = outOfSupportNodes(ix, false);
      if (nodes.length === 0) return [];
      return [documentHit('LIFE-EOS-RETAINED', nodes, `${versionsIn(nodes)} servers are kept after this change`)];
    },
    { leadDocs: LIFECYCLE_DOCS },
  ),

  defineRule(
    'LIFE-EOS-DECOMMISSION',
    'Out-of-support servers retired by the change',
    (ix) => {
      if (ix.doc.deployment.mode !== 'transition') return [];
      const nodes = outOfSupportNodes(ix, true);
      if (nodes.length === 0) return [];
      return [documentHit('LIFE-EOS-DECOMMISSION', nodes, `This change retires ${versionsIn(nodes)} servers`)];
    },
    { leadDocs: LIFECYCLE_DOCS },
  ),

  defineRule('LIFE-SUB-MODERN', 'Subscription Edition: Modern Lifecycle Policy', (ix) => {
    const nodes = ix.allNodes().filter((n) => productVersionOf(n) === SUBSCRIPTION_EDITION);
    if (nodes.length === 0) return [];
    return [documentHit('LIFE-SUB-MODERN', nodes, 'This design has Subscription Edition servers')];
  }),
];
