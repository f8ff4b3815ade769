import { describe, expect, it } from 'vitest';
import { plainWords } from './plain-words';

describe('plainWords', () => {
  it('says field names and values as an architect does', () => {
    expect(plainWords('Change `haMode` to `alwaysOnAg`, `alwaysOnFci` or `sqlFailoverCluster`.')).toBe(
      'Change high-availability mode to AlwaysOn availability group, AlwaysOn failover cluster instance or SQL Server failover cluster.',
    );
    expect(plainWords('Add a backEnd link.')).toBe('Add a Back End link.');
  });
  it('leaves ordinary words alone', () => {
    expect(plainWords('The pool has no Back End; mirroring is over.')).toBe('The pool has no Back End; mirroring is over.');
    expect(plainWords('haModes and backEnds')).toBe('haModes and backEnds');
  });
});
