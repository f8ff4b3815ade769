import { describe, expect, it } from 'vitest';
import { defaultNode } from './defaults';
import { cardName } from './node-facts';
import type { TopologyNode } from './schema';

const pool = (name: string, productVersion: '2015' | '2019' | 'SE'): TopologyNode => ({
  ...defaultNode('frontEndPool', { id: 'p', siteId: 's', name, fqdn: 'p.contoso.com' }),
  productVersion,
});

describe('cardName: a version the card already shows is not repeated in its name', () => {
  it('beside the version pill, the closing version goes; zoomed out, it is shortened', () => {
    const ny = pool('Pool NY (Subscription Edition)', 'SE');
    expect(cardName(ny, true)).toBe('Pool NY');
    expect(cardName(ny, false)).toBe('Pool NY (Sub. Ed.)');
    const long = pool('Pool CH (Skype for Business Server 2019)', '2019');
    expect(cardName(long, true)).toBe('Pool CH');
    expect(cardName(long, false)).toBe('Pool CH (2019)');
    expect(cardName(pool('Edge (sfb 2015)', '2015'), false)).toBe('Edge (2015)');
  });

  it('keeps a name whose brackets say something else, or another version, or nothing but the version', () => {
    for (const [name, v] of [
      ['Back End NY (AlwaysOn)', 'SE'],
      ['Pool NY (2015)', 'SE'],
      ['(Subscription Edition)', 'SE'],
      ['Pool NY', 'SE'],
      ['Pool (2019) north', '2019'],
    ] as const)
      expect(cardName(pool(name, v), true)).toBe(name);
    const store = defaultNode('sqlStore', { id: 'q', siteId: 's', name: 'Back End (2019)', fqdn: 'q.contoso.com' });
    expect(cardName(store, false)).toBe('Back End (2019)');
  });
});
