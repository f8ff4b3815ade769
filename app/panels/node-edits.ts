/**
 * Editing one field of a node, as the inspector does it: the value set (or removed when an
 * optional field is emptied), what follows from it (an AG's starting point when the HA mode
 * becomes AlwaysOn), and the check by the format's own schema. Pure: no React.
 */
import { schemas, type TopologyNode } from '../model/schema';

/** Sets (or, for an empty optional value, removes) one field. */
export function withField(n: TopologyNode, key: string, value: unknown): TopologyNode {
  const copy = { ...n } as Record<string, unknown>;
  const dot = key.indexOf('.');
  if (dot > 0) {
    // A field of a nested object (inPlaceUpgrade.fromVersion): the object goes when its required first field does.
    const outer = key.slice(0, dot);
    const inner = key.slice(dot + 1);
    const obj = { ...((copy[outer] as Record<string, unknown> | undefined) ?? {}) };
    if (value === undefined) delete obj[inner];
    else obj[inner] = value;
    if (Object.keys(obj).length === 0 || (outer === 'inPlaceUpgrade' && obj.fromVersion === undefined)) delete copy[outer];
    else copy[outer] = obj;
    return copy as TopologyNode;
  }
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  if (key === 'haMode' && n.kind === 'sqlStore') {
    // Fields that no longer apply are dropped; an AG gets a starting point.
    if (value !== 'alwaysOnAg') delete copy.ag;
    else if (!n.ag)
      copy.ag = {
        listenerFqdn: n.fqdn,
        listenerPort: 1433,
        replicas: [1, 2].map((i) => ({
          fqdn: n.fqdn.replace(/^([^.]+)/, `$1-n${i}`),
          siteId: n.siteId,
          commitMode: 'synchronous',
          failoverMode: 'automatic',
          readable: false,
        })),
      };
    if (value !== 'alwaysOnFci' && value !== 'sqlFailoverCluster') delete copy.clusterNodes;
    else if (copy.clusterNodes === undefined) copy.clusterNodes = 2;
  }
  return copy as TopologyNode;
}

/** The value of one field (`inPlaceUpgrade.fromVersion` reads inside the nested object). */
export function fieldValue(n: TopologyNode, key: string): unknown {
  let o: unknown = n;
  for (const k of key.split('.')) o = o !== null && typeof o === 'object' ? Reflect.get(o, k) : undefined;
  return o;
}

export function validateNode(candidate: TopologyNode, key: string): string | undefined {
  const r = schemas().node.safeParse(candidate);
  if (r.success) return undefined;
  const top = key.split('.')[0];
  const issue = r.error.issues.find((i) => i.path[0] === top) ?? r.error.issues[0];
  return issue ? friendly(issue.message) : undefined;
}
export const friendly = (m: string) => m.replace(/^Invalid input: /, '');
