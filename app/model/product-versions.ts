/**
 * Product versions: how they read to people, their order, and the catalogue's helper
 * notions on them (`verRank`, `legacy`, `fam2019`, `decom` in docs/rules.md). The rules,
 * the steps, the exports and the designer all take them from here. `SE` is Subscription
 * Edition: never shown as "SE" (to Skype for Business architects that means Standard Edition).
 */
import { PRODUCT_VERSIONS, type ProductVersion, type TopologyNode } from './schema';

/** The format's value for Skype for Business Server Subscription Edition. */
export const SUBSCRIPTION_EDITION = 'SE' satisfies ProductVersion;

const LONG: Record<ProductVersion, string> = {
  lync2010: 'Lync Server 2010',
  lync2013: 'Lync Server 2013',
  '2015': 'Skype for Business Server 2015',
  '2019': 'Skype for Business Server 2019',
  SE: 'Skype for Business Server Subscription Edition',
};

const SHORT: Record<ProductVersion, string> = {
  lync2010: 'Lync 2010',
  lync2013: 'Lync 2013',
  '2015': '2015',
  '2019': '2019',
  SE: 'Subscription Edition',
};

const isKnown = (v: string): v is ProductVersion => Object.hasOwn(LONG, v);

/** "Skype for Business Server Subscription Edition", "Lync Server 2013", …; a value the format does not know reads as a Skype for Business Server version. */
export const productVersionLabel = (v: string): string => (isKnown(v) ? LONG[v] : `Skype for Business Server ${v}`);
/** For tight places (cards, selects): "2019", "Subscription Edition", "Lync 2013". */
export const productVersionShort = (v: ProductVersion): string => SHORT[v];
/** For lists of versions in a sentence: "2015", "2019", "Subscription Edition", "Lync Server 2013". */
export function versionWord(v: string): string {
  if (v === 'lync2010' || v === 'lync2013') return LONG[v];
  return isKnown(v) ? SHORT[v] : v;
}

/** `verRank(v)`: Lync 2010 1, Lync 2013 2, 2015 3, 2019 4, Subscription Edition 5; 0 for a value the format does not know. */
export const verRank = (v: string): number => (isKnown(v) ? PRODUCT_VERSIONS.indexOf(v) + 1 : 0);
/** `legacy(v)`: 2015 and the Lync versions. */
export const legacy = (v: string): boolean => verRank(v) > 0 && verRank(v) <= 3;
/** `fam2019(v)`: 2019 or Subscription Edition (one code base). */
export const fam2019 = (v: string): boolean => v === '2019' || v === SUBSCRIPTION_EDITION;

/** `decom(x)`: the node is removed at the end of the change (format v2 `decommission`). */
export function decom(n: TopologyNode | undefined): boolean {
  return n !== undefined && 'decommission' in n && n.decommission === true;
}

/** The versions a designer offers for a new node, newest first. */
export const CHOOSABLE_VERSIONS: readonly ProductVersion[] = ['SE', '2019', '2015', 'lync2013', 'lync2010'];
