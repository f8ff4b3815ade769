/** What a pool's size means: servers needed for its users, with a failed partner's, the limits and the quorum (Microsoft's planning figures). */
import type { Topology, TopologyNode } from '../model/schema';
import { feFor, REF, feQuorum } from '../model/reference-numbers';
import { num } from '../lib/text';

export function CapacityHint({ node, doc }: { node: TopologyNode; doc: Topology }) {
  if (node.kind === 'frontEndPool') {
    const v = node.productVersion;
    const partnerLink = doc.links.find((l) => l.kind === 'pairing' && (l.from === node.id || l.to === node.id));
    const partner = partnerLink
      ? doc.nodes.find((n) => n.id === (partnerLink.from === node.id ? partnerLink.to : partnerLink.from))
      : undefined;
    const partnerUsers = partner && 'users' in partner ? partner.users : 0;
    const need = feFor(node.users);
    const needFailover = feFor(node.users + partnerUsers);
    const q = feQuorum(node.frontEndServers, v);
    return (
      <div className="capacity" data-testid="capacity-hint">
        <div>
          <b>{num(need)}</b> Front End server{need === 1 ? '' : 's'} for {num(node.users)} users ({num(REF.usersPerFe)} per
          server)
          {need + 1 <= REF.maxFe[v] ? (
            <>
              , <b>{num(need + 1)}</b> to survive one server down
            </>
          ) : null}
          .
        </div>
        {partner && (
          <div>
            After its partner fails over: {num(node.users + partnerUsers)} users → <b>{num(needFailover)}</b> servers needed;
            limit {num(REF.maxPairedPoolUsers[v])} users per paired pool.
          </div>
        )}
        <div>
          Limits for {v}: {REF.maxFe[v]} Front End servers, {num(REF.maxPoolUsers[v])} users per pool
          {v === '2019' ? '; 2 servers will not publish' : ''}.
        </div>
        {q && (
          <div>
            Quorum: {q.firstStart !== undefined ? `${q.firstStart} to start the pool; ` : ''}
            {q.poolLevel.count} {q.poolLevel.ofFirst ? `of the first ${q.poolLevel.ofFirst}` : ''} must keep running.
          </div>
        )}
      </div>
    );
  }
  if (node.kind === 'standardEditionServer')
    return (
      <div className="capacity" data-testid="capacity-hint">
        {num(REF.seUsers)} users per Standard Edition server ({num(REF.seUsersWithPartner)} while carrying a failed partner&apos;s
        users).
      </div>
    );
  if (node.kind === 'edgePool') {
    const per = REF.remoteUsersPerEdge[node.productVersion];
    const need =
      node.concurrentRemoteUsers !== undefined
        ? Math.max(REF.minHaServers, Math.ceil(node.concurrentRemoteUsers / per))
        : undefined;
    return (
      <div className="capacity" data-testid="capacity-hint">
        {num(per)} concurrent remote users per Edge server; at least {REF.minHaServers} for high availability, at most{' '}
        {REF.maxEdgeServers} per pool.
        {need !== undefined && (
          <>
            {' '}
            This load needs <b>{num(need)}</b>.
          </>
        )}
      </div>
    );
  }
  if (node.kind === 'directorPool')
    return (
      <div className="capacity" data-testid="capacity-hint">
        {num(REF.remoteUsersPerDirector[node.productVersion])} remote users per Director; {REF.minHaServers}–{REF.maxDirectors}{' '}
        per pool.
      </div>
    );
  return null;
}
