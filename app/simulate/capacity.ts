/**
 * Load against capacity for a surviving registrar pool, from the catalogue's
 * reference numbers (maxPoolUsers, usersPerFe, seUsers, seUsersWithPartner,
 * maxPairedPoolUsers) and `registrarUsers`. Used by the simulation's `pools` and by
 * the UI's capacity bars.
 */
import { feFor, feQuorum, REF } from '../model/reference-numbers';
import type { Topology } from '../model/schema';
import { isRegistrar, TopologyIndex, type RegistrarPool } from '../model/topology-index';
import { count } from './text';
import type { CapacityBar, PoolLoad, SimulationOutcome } from './types';

/**
 * `received`: users of lost pools it takes over. An SE server carrying a failed
 * partner's users may hold seUsersWithPartner (5,000); otherwise seUsers (2,500).
 */
export function poolLoad(ix: TopologyIndex, pool: RegistrarPool, received: number, takesOverFrom: readonly string[]): PoolLoad {
  const registrar = ix.registrarUsers(pool);
  const users = registrar + received;
  const reasons: string[] = [];
  let maxUsers: number;
  let frontEndServers: number;
  let serversNeeded: number;
  if (pool.kind === 'frontEndPool') {
    const v = pool.productVersion;
    frontEndServers = pool.frontEndServers;
    const bySize = REF.maxPoolUsers[v];
    const byServers = frontEndServers * REF.usersPerFe;
    maxUsers = Math.min(bySize, byServers);
    serversNeeded = feFor(users);
    if (users > bySize) {
      const planned = takesOverFrom.length
        ? ` (that is why paired pools are planned at ${count(REF.maxPairedPoolUsers[v])} users each)`
        : '';
      reasons.push(`${count(users)} users exceed the ${count(bySize)} a ${v} Front End pool supports${planned}`);
    }
    if (users > byServers) {
      const beyond = serversNeeded > REF.maxFe[v] ? `, more than the ${REF.maxFe[v]} a ${v} pool can have` : '';
      reasons.push(
        `${count(users)} users need ${serversNeeded} Front End servers at ${count(REF.usersPerFe)} users each${beyond}; the pool has ${frontEndServers}`,
      );
    }
  } else {
    frontEndServers = 1;
    serversNeeded = 1;
    const carrying = takesOverFrom.length > 0;
    maxUsers = carrying ? REF.seUsersWithPartner : REF.seUsers;
    if (users > maxUsers)
      reasons.push(
        carrying
          ? `${count(users)} users exceed the ${count(REF.seUsersWithPartner)} a Standard Edition server carries while it holds its failed partner's users`
          : `${count(users)} users exceed the ${count(REF.seUsers)} a Standard Edition server is sized for`,
      );
  }
  return {
    id: pool.id,
    kind: pool.kind,
    productVersion: pool.productVersion,
    users,
    ownUsers: pool.users,
    branchUsers: registrar - pool.users,
    usersReceived: received,
    takesOverFrom: [...takesOverFrom],
    maxUsers,
    frontEndServers,
    usersPerServer: Math.ceil(users / frontEndServers),
    serversNeeded,
    overCapacity: users > maxUsers,
    reasons,
    fraction: users / maxUsers,
    quorum: quorumOf(pool),
  };
}

function quorumOf(pool: RegistrarPool): PoolLoad['quorum'] {
  if (pool.kind !== 'frontEndPool') return null;
  const q = feQuorum(pool.frontEndServers, pool.productVersion);
  return q ? { count: q.poolLevel.count, ofFirst: q.poolLevel.ofFirst ?? null } : null;
}

/**
 * Per surviving registrar pool, load against capacity after the simulated failure:
 * the pools that take users over come from the outcome, the rest carry their own
 * registrarUsers. In document order.
 */
export function capacityBars(doc: Topology, outcome: SimulationOutcome): CapacityBar[] {
  const ix = new TopologyIndex(doc);
  const lost = new Set(outcome.lostNodes);
  const taking = new Map(outcome.pools.map((p) => [p.id, p]));
  const bars: CapacityBar[] = [];
  for (const n of doc.nodes) {
    if (!isRegistrar(n) || lost.has(n.id)) continue;
    const load = taking.get(n.id) ?? poolLoad(ix, n, 0, []);
    bars.push({
      id: n.id,
      kind: n.kind,
      users: load.users,
      maxUsers: load.maxUsers,
      fraction: load.fraction,
      barFraction: Math.max(0, Math.min(1, load.fraction)),
      over: load.overCapacity,
      takesOver: taking.has(n.id),
      text: `${count(load.users)} / ${count(load.maxUsers)} users`,
    });
  }
  return bars;
}
