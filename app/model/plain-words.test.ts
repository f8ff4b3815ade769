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

describe('plainWords on settings', () => {
  it('says SQL Server and Topology Builder settings as those tools name them', () => {
    expect(
      plainWords('Set `commitMode = synchronous` on every replica and `failoverMode = automatic` on as many as allowed.'),
    ).toBe('Set synchronous commit on every replica and automatic failover on as many as allowed.');
    expect(plainWords('Set failoverMode = manual on 2 of the replicas.')).toBe('Set manual failover on 2 of the replicas.');
    expect(plainWords('Set `webLoadBalancing = hlb`; SIP may stay on DNS load balancing.')).toBe(
      'Set web services load balancing to a hardware load balancer; SIP may stay on DNS load balancing.',
    );
    expect(plainWords("Set the store's `fqdn` to `ag.listenerFqdn`.")).toBe(
      "Set the store's SQL Server FQDN to the availability group's listener FQDN.",
    );
    expect(plainWords('Set the fqdn of Back End A to ag.contoso.com.')).toBe(
      'Set the SQL Server FQDN of Back End A to ag.contoso.com.',
    );
    expect(plainWords('Set `readable = false` on every replica.')).toBe('Set readable secondary to No on every replica.');
    expect(plainWords('Move the users and set `users` to 0.')).toBe('Move the users and set the number of users to 0.');
  });
});
