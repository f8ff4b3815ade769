/**
 * How product versions read to people, and their order. `SE` is Subscription Edition:
 * never shown as "SE" (to Skype for Business architects that means Standard Edition).
 */
import { PRODUCT_VERSIONS, type ProductVersion } from './schema';

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

/** "Skype for Business Server Subscription Edition", "Lync Server 2013", … */
export const productVersionLabel = (v: ProductVersion): string => LONG[v];
/** For tight places (cards, selects): "2019", "Subscription Edition", "Lync 2013". */
export const productVersionShort = (v: ProductVersion): string => SHORT[v];

/** The catalogue's `verRank`: Lync 2010 = 1 … Subscription Edition = 5. */
export const verRank = (v: ProductVersion): number => PRODUCT_VERSIONS.indexOf(v) + 1;
/** 2015 and the Lync versions (the catalogue's `legacy`). */
export const isLegacyVersion = (v: ProductVersion): boolean => verRank(v) <= 3;
/** 2019 or Subscription Edition (the catalogue's `fam2019`): one code base. */
export const is2019Family = (v: ProductVersion): boolean => v === '2019' || v === 'SE';

/** The versions a designer offers for a new node, newest first. */
export const CHOOSABLE_VERSIONS: readonly ProductVersion[] = ['SE', '2019', '2015', 'lync2013', 'lync2010'];
