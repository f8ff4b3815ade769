import { describe, expect, it } from 'vitest';
import { PRODUCT_VERSIONS } from './schema';
import { fam2019, legacy, productVersionLabel, productVersionShort, verRank, versionWord } from './product-versions';

describe('product versions', () => {
  it('rank in release order, and a value the format does not know ranks 0', () => {
    expect(PRODUCT_VERSIONS.map(verRank)).toEqual([1, 2, 3, 4, 5]);
    expect(verRank('2016')).toBe(0);
    expect(verRank('toString')).toBe(0);
  });

  it('legacy is 2015 and the Lync versions; the 2019 family is 2019 and Subscription Edition', () => {
    expect(PRODUCT_VERSIONS.filter(legacy)).toEqual(['lync2010', 'lync2013', '2015']);
    expect(PRODUCT_VERSIONS.filter(fam2019)).toEqual(['2019', 'SE']);
    expect(legacy('2016')).toBe(false);
  });

  it('never show Subscription Edition as "SE" (Standard Edition to an architect)', () => {
    for (const v of PRODUCT_VERSIONS)
      for (const text of [productVersionLabel(v), productVersionShort(v), versionWord(v)]) expect(text).not.toMatch(/\bSE\b/);
    expect(productVersionLabel('SE')).toBe('Skype for Business Server Subscription Edition');
    expect(versionWord('lync2013')).toBe('Lync Server 2013');
    expect(productVersionShort('lync2013')).toBe('Lync 2013');
    expect(productVersionLabel('2016')).toBe('Skype for Business Server 2016');
  });
});
