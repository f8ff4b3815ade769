import { describe, expect, it } from 'vitest';
import { crc32 } from './bytes';
import { DICTIONARY_1 } from './dictionary';

describe('link format 1 dictionary', () => {
  it('is frozen: changing it breaks every existing link (make a new codec instead)', () => {
    // If this fails you changed DICTIONARY_1. Revert it; a new dictionary needs a new codec number.
    expect({ length: DICTIONARY_1.length, crc: crc32(DICTIONARY_1).toString(16) }).toEqual(PINNED);
  });
  it('fits in deflate’s 32 KiB window', () => {
    expect(DICTIONARY_1.length).toBeLessThanOrEqual(32_768);
  });
});

const PINNED = { length: 2321, crc: '65357495' };
