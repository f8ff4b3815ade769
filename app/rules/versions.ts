/**
 * Product versions as the migration rules compare them (the helper notions of the
 * catalogue's migration addendum): rank, "legacy", "the 2019 family", and the product's
 * name in messages. Subscription Edition is named in full, never "SE", which to an
 * architect means Standard Edition.
 */
import type { TopologyNode } from '../model/schema';

/** The format's value for Skype for Business Server Subscription Edition. */
export const SUBSCRIPTION_EDITION = 'SE';

/** `verRank(v)`: Lync 2010 1, Lync 2013 2, 2015 3, 2019 4, Subscription Edition 5; 0 for a value the rules do not know. */
export function verRank(v: string): number {
  switch (v) {
    case 'lync2010':
      return 1;
    case 'lync2013':
      return 2;
    case '2015':
      return 3;
    case '2019':
      return 4;
    case SUBSCRIPTION_EDITION:
      return 5;
    default:
      return 0;
  }
}

/** `legacy(v)`: 2015 and the Lync versions. */
export const legacy = (v: string): boolean => verRank(v) > 0 && verRank(v) <= 3;

/** `fam2019(v)`: 2019 or Subscription Edition (one code base). */
export const fam2019 = (v: string): boolean => v === '2019' || v === SUBSCRIPTION_EDITION;

/** The product a version value names, as an architect says it. */
export function productName(v: string): string {
  switch (v) {
    case 'lync2010':
      return 'Lync Server 2010';
    case 'lync2013':
      return 'Lync Server 2013';
    case SUBSCRIPTION_EDITION:
      return 'Skype for Business Server Subscription Edition';
    default:
      return `Skype for Business Server ${v}`;
  }
}

/** The short form for lists of versions ("2015", "2019", "Subscription Edition", "Lync Server 2013"). */
export function versionWord(v: string): string {
  switch (v) {
    case 'lync2010':
    case 'lync2013':
      return productName(v);
    case SUBSCRIPTION_EDITION:
      return 'Subscription Edition';
    default:
      return v;
  }
}

/** A node's product version; undefined for kinds without one (SQL stores, file stores, Office Online Server). */
export function versionOf(n: TopologyNode): string | undefined {
  return 'productVersion' in n && typeof n.productVersion === 'string' ? n.productVersion : undefined;
}

/** `decom(x)`: the node is removed at the end of the change (format v2 `decommission`). */
export function decom(n: TopologyNode | undefined): boolean {
  return n !== undefined && 'decommission' in n && n.decommission === true;
}
