/**
 * Compact codec 1 (READ ONLY since format v2): links written by the format-v1 designer
 * still open through `readCompact1`; new links use codec 3 (compact-codec.ts), which
 * shares the byte-level helpers below. Codec 1 encoded a format-v1 topology as a schema-aware byte string
 * that deflate then squeezes well. What makes it small:
 * - positional fields in a fixed order per kind, no field names;
 * - enums and booleans as digits of one mixed-radix number per entity;
 * - sites and nodes referenced by index, FQDN domains interned in a table;
 * - values the designer would have produced anyway ("predictions": a name equal to the
 *   id, an FQDN host equal to the id, listener port 1433, link id `l<n>`, the grid layout
 *   of the reference designs) as a small code instead of the value;
 * - round numbers (users 15000) as mantissa and power of ten;
 * - layout as integer deltas from a prediction, divided by their common factor.
 *
 * Everything here is FROZEN with link format 1: the enum orders, the predictions and the
 * grid predictor are copies, not imports, so that a change to the schema's constants or to
 * `grid-layout.ts` can never change what an old link decodes to. A new format gets a new
 * codec beside this one.
 *
 * Exact, except that layout positions that are not whole numbers are rounded to the
 * nearest whole number (a sub-pixel shift on the canvas; nothing else is ever changed).
 * The encoder checks its own output by decoding it (see index.ts), so a document this
 * codec cannot represent exactly falls back to the plain JSON codec.
 */
import type { NodeKind, LinkKind, Topology, Position } from '../model/schema';
import { ByteReader, ByteWriter, fromUtf8, utf8 } from './bytes';

// ---------------------------------------------------------------- frozen tables (format 1)

const NODE_KINDS_1 = [
  'frontEndPool',
  'standardEditionServer',
  'sqlStore',
  'edgePool',
  'directorPool',
  'mediationPool',
  'persistentChatPool',
  'fileStore',
  'officeOnlineServer',
  'survivableBranch',
] as const satisfies readonly NodeKind[];
const LINK_KINDS_1 = [
  'backEnd',
  'store',
  'mirror',
  'witness',
  'pairing',
  'nextHop',
  'mediaEdge',
  'fileStore',
  'officeOnline',
  'backupRegistrar',
  'logShipping',
] as const satisfies readonly LinkKind[];
const PRODUCT_VERSIONS_1 = ['2015', '2019'] as const;
const OS_1 = ['WS2012', 'WS2012R2', 'WS2016', 'WS2019', 'WS2022'] as const;
const HOSTINGS_1 = ['physical', 'virtual'] as const;
const SQL_VERSIONS_1 = ['2012', '2014', '2016', '2017', '2019', '2022'] as const;
const SQL_EDITIONS_1 = ['enterprise', 'standard', 'express'] as const;
const HA_MODES_1 = ['none', 'mirroring', 'alwaysOnAg', 'alwaysOnFci', 'sqlFailoverCluster'] as const;
const SIP_LB_1 = ['dns', 'hlb'] as const;
const WEB_LB_1 = ['hlb', 'none'] as const;
const FILE_STORAGE_1 = ['singleServer', 'dfs', 'cluster', 'nas'] as const;
const OOS_ZONES_1 = ['internal', 'perimeter', 'external'] as const;
const BRANCH_VARIANTS_1 = ['sba', 'sbs'] as const;
const SITE_KINDS_1 = ['central', 'branch'] as const;
const DEPLOYMENT_MODES_1 = ['greenfield', 'transition'] as const;
const COMMIT_MODES_1 = ['synchronous', 'asynchronous'] as const;
const FAILOVER_MODES_1 = ['automatic', 'manual'] as const;
const STORE_ROLES_1 = ['monitoring', 'archiving', 'persistentChat', 'persistentChatCompliance'] as const;
export const BOOL = [false, true] as const;
/** Optional boolean: absent, false, true. */
export const OPT_BOOL = [undefined, false, true] as const;

const FORMAT_1 = 'sfb-topology';
const VERSION_1 = 1;
const DEFAULT_LISTENER_PORT = 1433;
const DEFAULT_MIRROR_PORT = 5022;
const DEFAULT_WITNESS_PORT = 7022;
const DEFAULT_VOICE_FAILOVER_SECONDS = 300;
const DEFAULT_SHARE = 'sfbshare';

/** The host label `defaultNode` derives from an id (copy of its fqdnFor, frozen). */
export const hostFromId = (id: string): string =>
  id
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/^-+|-+$/g, '') || 'server';

/** Not a valid byte string for this codec (hostile or damaged input). */
export class CompactFormatError extends Error {}

export function fail(what: string): never {
  throw new CompactFormatError(what);
}

// ---------------------------------------------------------------- mixed-radix packing

export class Packer {
  private n = 0;
  private scale = 1;
  put<T>(table: readonly T[], value: T): this {
    const i = table.indexOf(value);
    if (i < 0) fail(`value ${String(value)} is not in the format-1 table`);
    this.n += i * this.scale;
    this.scale *= table.length;
    return this;
  }
  write(w: ByteWriter): void {
    w.uint(this.n);
  }
}

export class Unpacker {
  constructor(private n: number) {}
  take<T>(table: readonly T[]): T {
    const i = this.n % table.length;
    this.n = Math.floor(this.n / table.length);
    return table[i]!;
  }
  done(): void {
    if (this.n !== 0) fail('packed fields out of range');
  }
}

// ---------------------------------------------------------------- shared state

export interface Streams {
  /** Structure: counts, indices, packed enums, numbers. */
  w: ByteWriter;
  /** Text: every string, apart from the structure so deflate sees text next to text. */
  s: ByteWriter;
}

export interface EncodeContext extends Streams {
  sites: Map<string, number>;
  nodes: Map<string, number>;
  domains: string[];
  last: Map<string, string | undefined>;
}

export interface DecodeContext {
  r: ByteReader;
  t: ByteReader;
  siteIds: string[];
  nodeIds: string[];
  domains: string[];
  last: Map<string, string | undefined>;
}

// ---------------------------------------------------------------- strings

/** A string as the index of an equal prediction, or as a literal after the predictions. */
export function putStr(c: EncodeContext, value: string | undefined, predictions: readonly (string | undefined)[]): void {
  const i = predictions.indexOf(value);
  if (i >= 0) {
    c.s.uint(i);
    return;
  }
  if (typeof value !== 'string') fail('expected text');
  const bytes = utf8(value);
  c.s.uint(predictions.length + bytes.length);
  c.s.bytes(bytes);
}

export function getStr<P extends string | undefined>(c: DecodeContext, predictions: readonly P[]): P | string {
  const code = c.t.uint();
  if (code < predictions.length) return predictions[code]!;
  const text = fromUtf8(c.t.bytes(code - predictions.length));
  if (text === undefined) fail('text is not UTF-8');
  return text;
}

export const getText = (c: DecodeContext, predictions: readonly string[]): string => getStr(c, predictions);

/** Like putStr, with the last value seen in the same field as a prediction. */
export function putRepeat(
  c: EncodeContext,
  field: string,
  value: string | undefined,
  predictions: readonly (string | undefined)[] = [],
): void {
  putStr(c, value, [undefined, c.last.get(field), ...predictions]);
  c.last.set(field, value);
}

export function getRepeat(
  c: DecodeContext,
  field: string,
  predictions: readonly (string | undefined)[] = [],
): string | undefined {
  const v = getStr(c, [undefined, c.last.get(field), ...predictions]);
  c.last.set(field, v);
  return v;
}

/** FQDN: host label (usually predicted) + an interned domain. */
export function putFqdn(c: EncodeContext, fqdn: string, hostPredictions: readonly string[]): void {
  if (typeof fqdn !== 'string') fail('expected an FQDN');
  const dot = fqdn.indexOf('.');
  const host = dot < 0 ? fqdn : fqdn.slice(0, dot);
  if (dot < 0) c.w.uint(0);
  else {
    const domain = fqdn.slice(dot + 1);
    const i = c.domains.indexOf(domain);
    if (i >= 0) c.w.uint(i + 1);
    else {
      c.w.uint(c.domains.length + 1);
      putStr(c, domain, []);
      c.domains.push(domain);
    }
  }
  putStr(c, host, hostPredictions);
}

export function getFqdn(c: DecodeContext, hostPredictions: readonly string[]): string {
  const code = c.r.uint();
  let domain: string | undefined;
  if (code > 0) {
    if (code <= c.domains.length) domain = c.domains[code - 1]!;
    else if (code === c.domains.length + 1) {
      domain = getText(c, []);
      c.domains.push(domain);
    } else fail('unknown domain');
  }
  const host = getText(c, hostPredictions);
  return domain === undefined ? host : `${host}.${domain}`;
}

export const domainOf = (fqdn: string): string | undefined => {
  const dot = fqdn.indexOf('.');
  return dot < 0 ? undefined : fqdn.slice(dot + 1);
};

// ---------------------------------------------------------------- numbers

/** Non-negative integer; 15000 is (15, 3): mantissa times eight plus the power of ten. */
export function putRound(w: ByteWriter, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) fail('expected a whole number');
  let m = n;
  let k = 0;
  while (m !== 0 && m % 10 === 0 && k < 7) {
    m /= 10;
    k++;
  }
  w.uint(m * 8 + k);
}

export function getRound(r: ByteReader): number {
  const code = r.uint();
  return Math.floor(code / 8) * 10 ** (code % 8);
}

/** Optional round number: 0 for absent. */
export function putOptRound(w: ByteWriter, n: number | undefined): void {
  if (n === undefined) w.uint(0);
  else {
    const inner = new ByteWriter();
    putRound(inner, n);
    const r = new ByteReader(inner.toBytes());
    w.uint(r.uint() + 1);
  }
}

export function getOptRound(r: ByteReader): number | undefined {
  const code = r.uint();
  if (code === 0) return undefined;
  return Math.floor((code - 1) / 8) * 10 ** ((code - 1) % 8);
}

const PORT_CODES = [0, 1, 2] as const;

export function ref(map: Map<string, number>, id: string, what: string): number {
  const i = map.get(id);
  if (i === undefined) fail(`${what} "${id}" does not exist`);
  return i;
}

export function at(ids: readonly string[], i: number, what: string): string {
  const id = ids[i];
  if (id === undefined) fail(`${what} index out of range`);
  return id;
}

// ---------------------------------------------------------------- nodes

/** Replica host names the designer and the reference designs use: `sql-a-n1`, `sql-a1`. */
export const replicaHosts = (sqlHost: string, i: number): string[] => [`${sqlHost}-n${i + 1}`, `${sqlHost}${i + 1}`];

function getNode(c: DecodeContext): Record<string, unknown> {
  const { r } = c;
  const kind = NODE_KINDS_1[r.uint()];
  if (kind === undefined) fail('unknown node kind');
  const id = getText(c, []);
  const name = getText(c, [id, id.toUpperCase()]);
  const siteId = at(c.siteIds, r.uint(), 'site');
  const base = { id, name, siteId, kind };
  const host = hostFromId(id);
  const opt = <T>(key: string, v: T | undefined): Record<string, T> => (v === undefined ? {} : { [key]: v });
  switch (kind) {
    case 'frontEndPool': {
      const fqdn = getFqdn(c, [host]);
      const p = new Unpacker(r.uint());
      const productVersion = p.take(PRODUCT_VERSIONS_1);
      const hosting = p.take(HOSTINGS_1);
      const os = p.take(OS_1);
      const sipLoadBalancing = p.take(SIP_LB_1);
      const webLoadBalancing = p.take(WEB_LB_1);
      const mediationCollocated = p.take(BOOL);
      const conferencing = p.take(BOOL);
      const largeMeetingPool = p.take(OPT_BOOL);
      const deployed = p.take(OPT_BOOL);
      p.done();
      const frontEndServers = r.uint();
      const users = getRound(r);
      const cumulativeUpdate = getRepeat(c, 'cu');
      const domain = getStr(c, [undefined, domainOf(fqdn)]);
      return {
        ...base,
        productVersion,
        fqdn,
        frontEndServers,
        users,
        hosting,
        os,
        ...opt('cumulativeUpdate', cumulativeUpdate),
        sipLoadBalancing,
        webLoadBalancing,
        mediationCollocated,
        conferencing,
        ...opt('largeMeetingPool', largeMeetingPool),
        ...opt('deployed', deployed),
        ...opt('domain', domain),
      };
    }
    case 'standardEditionServer': {
      const fqdn = getFqdn(c, [host]);
      const p = new Unpacker(r.uint());
      const productVersion = p.take(PRODUCT_VERSIONS_1);
      const hosting = p.take(HOSTINGS_1);
      const os = p.take(OS_1);
      const mediationCollocated = p.take(BOOL);
      p.done();
      const users = getRound(r);
      const cumulativeUpdate = getRepeat(c, 'cu');
      const domain = getStr(c, [undefined, domainOf(fqdn)]);
      return {
        ...base,
        productVersion,
        fqdn,
        users,
        hosting,
        os,
        ...opt('cumulativeUpdate', cumulativeUpdate),
        mediationCollocated,
        ...opt('domain', domain),
      };
    }
    case 'sqlStore': {
      const fqdn = getFqdn(c, [host]);
      const instance = getText(c, ['']);
      const p = new Unpacker(r.uint());
      const sqlVersion = p.take(SQL_VERSIONS_1);
      const sqlEdition = p.take(SQL_EDITIONS_1);
      const haMode = p.take(HA_MODES_1);
      const hasAg = p.take(BOOL);
      const listenerSame = p.take(BOOL);
      const listenerPortCode = p.take(PORT_CODES);
      p.done();
      const clusterNodes = getOptRound(r);
      const sqlUpdateLevel = getRepeat(c, 'sqlcu');
      const domain = getStr(c, [undefined, domainOf(fqdn)]);
      let ag: Record<string, unknown> | undefined;
      if (hasAg) {
        const listenerFqdn = listenerSame ? fqdn : getFqdn(c, [host]);
        const listenerPort = listenerPortCode === 0 ? undefined : listenerPortCode === 1 ? DEFAULT_LISTENER_PORT : r.uint();
        const sqlHost = fqdn.split('.')[0]!;
        const count = r.uint();
        if (count > r.remaining) fail('too many replicas');
        const replicas: Record<string, unknown>[] = [];
        for (let i = 0; i < count; i++) {
          const rf = getFqdn(c, replicaHosts(sqlHost, i));
          const rs = at(c.siteIds, r.uint(), 'site');
          const q = new Unpacker(r.uint());
          const commitMode = q.take(COMMIT_MODES_1);
          const failoverMode = q.take(FAILOVER_MODES_1);
          const readable = q.take(BOOL);
          q.done();
          replicas.push({ fqdn: rf, siteId: rs, commitMode, failoverMode, readable });
        }
        ag = { listenerFqdn, ...opt('listenerPort', listenerPort), replicas };
      } else if (listenerSame || listenerPortCode !== 0) fail('listener fields without an availability group');
      return {
        ...base,
        fqdn,
        instance,
        sqlVersion,
        sqlEdition,
        ...opt('sqlUpdateLevel', sqlUpdateLevel),
        haMode,
        ...opt('ag', ag),
        ...opt('clusterNodes', clusterNodes),
        ...opt('domain', domain),
      };
    }
    case 'edgePool': {
      const fqdn = getFqdn(c, [host]);
      const p = new Unpacker(r.uint());
      const productVersion = p.take(PRODUCT_VERSIONS_1);
      const internalLoadBalancing = p.take(SIP_LB_1);
      const externalLoadBalancing = p.take(SIP_LB_1);
      const federation = p.take(BOOL);
      const xmpp = p.take(BOOL);
      p.done();
      const servers = r.uint();
      const concurrentRemoteUsers = getOptRound(r);
      return {
        ...base,
        productVersion,
        fqdn,
        servers,
        internalLoadBalancing,
        externalLoadBalancing,
        federation,
        xmpp,
        ...opt('concurrentRemoteUsers', concurrentRemoteUsers),
      };
    }
    case 'directorPool': {
      const fqdn = getFqdn(c, [host]);
      const p = new Unpacker(r.uint());
      const productVersion = p.take(PRODUCT_VERSIONS_1);
      const sipLoadBalancing = p.take(SIP_LB_1);
      const webLoadBalancing = p.take(WEB_LB_1);
      p.done();
      return { ...base, productVersion, fqdn, servers: r.uint(), sipLoadBalancing, webLoadBalancing };
    }
    case 'mediationPool': {
      const fqdn = getFqdn(c, [host]);
      const p = new Unpacker(r.uint());
      const productVersion = p.take(PRODUCT_VERSIONS_1);
      p.done();
      return { ...base, productVersion, fqdn, servers: r.uint() };
    }
    case 'persistentChatPool': {
      const fqdn = getFqdn(c, [host]);
      const p = new Unpacker(r.uint());
      const productVersion = p.take(PRODUCT_VERSIONS_1);
      const compliance = p.take(BOOL);
      p.done();
      const count = r.uint();
      if (count > r.remaining) fail('too many servers');
      const servers: Record<string, unknown>[] = [];
      for (let i = 0; i < count; i++) {
        const code = r.uint();
        servers.push({ siteId: at(c.siteIds, Math.floor(code / 2), 'site'), active: code % 2 === 1 });
      }
      return { ...base, productVersion, fqdn, servers, compliance };
    }
    case 'fileStore': {
      const fqdn = getFqdn(c, [host]);
      const share = getRepeat(c, 'share', [DEFAULT_SHARE]);
      const p = new Unpacker(r.uint());
      const storage = p.take(FILE_STORAGE_1);
      p.done();
      return { ...base, fqdn, ...opt('share', share), storage };
    }
    case 'officeOnlineServer': {
      const fqdn = getFqdn(c, [host]);
      const p = new Unpacker(r.uint());
      const zone = p.take(OOS_ZONES_1);
      p.done();
      return { ...base, fqdn, servers: r.uint(), zone };
    }
    case 'survivableBranch': {
      const fqdn = getFqdn(c, [host]);
      const p = new Unpacker(r.uint());
      const variant = p.take(BRANCH_VARIANTS_1);
      p.done();
      return { ...base, variant, fqdn, users: getRound(r) };
    }
  }
}

// ---------------------------------------------------------------- links

function getLink(c: DecodeContext, index: number): Record<string, unknown> {
  const { r } = c;
  const p = new Unpacker(r.uint());
  const kind = p.take(LINK_KINDS_1);
  const fields: Record<string, unknown> = {};
  let portDefault = 0;
  let pc: 0 | 1 | 2 = 0;
  let secondsCode: 0 | 1 | 2 = 0;
  switch (kind) {
    case 'store':
      fields.role = p.take(STORE_ROLES_1);
      break;
    case 'mirror': {
      pc = p.take(PORT_CODES);
      portDefault = DEFAULT_MIRROR_PORT;
      const synchronous = p.take(OPT_BOOL);
      if (synchronous !== undefined) fields.synchronous = synchronous;
      break;
    }
    case 'witness':
      pc = p.take(PORT_CODES);
      portDefault = DEFAULT_WITNESS_PORT;
      break;
    case 'pairing': {
      const voiceFailover = p.take(OPT_BOOL);
      if (voiceFailover !== undefined) fields.voiceFailover = voiceFailover;
      secondsCode = p.take(PORT_CODES);
      break;
    }
    case 'backEnd':
    case 'nextHop':
    case 'mediaEdge':
    case 'fileStore':
    case 'officeOnline':
    case 'backupRegistrar':
    case 'logShipping':
      break;
  }
  p.done();
  const id = getText(c, [`l${index + 1}`]);
  const from = at(c.nodeIds, r.uint(), 'node');
  const to = at(c.nodeIds, r.uint(), 'node');
  if (pc === 1) fields.port = portDefault;
  else if (pc === 2) fields.port = r.uint();
  if (secondsCode === 1) fields.voiceFailoverSeconds = DEFAULT_VOICE_FAILOVER_SECONDS;
  else if (secondsCode === 2) fields.voiceFailoverSeconds = getRound(r);
  // Key order as the designer writes it: id, kind, from, to, extras.
  return { id, kind, from, to, ...fields };
}

// ---------------------------------------------------------------- layout

export type GridPrediction = (
  sites: readonly { id: string }[],
  nodes: readonly { id: string; siteId: string; kind: NodeKind }[],
) => Map<string, Position>;

/** Frozen copy of grid-layout.ts as it was for link format 1: the prediction of node positions. */
export const gridPrediction1: GridPrediction = (sites, nodes) =>
  gridPredictionWith(
    {
      edgePool: 0,
      directorPool: 1,
      frontEndPool: 2,
      standardEditionServer: 3,
      survivableBranch: 4,
      mediationPool: 5,
      persistentChatPool: 6,
      sqlStore: 7,
      fileStore: 8,
      officeOnlineServer: 9,
    },
    sites,
    nodes,
  );

/** The grid layout with a given order of kinds inside a site (each codec freezes its own). */
export function gridPredictionWith(
  ORDER: Partial<Record<NodeKind, number>>,
  sites: readonly { id: string }[],
  nodes: readonly { id: string; siteId: string; kind: NodeKind }[],
): Map<string, Position> {
  const W = 232,
    H = 104,
    PAD = 28,
    HEAD = 40,
    GAP_X = 40,
    GAP_Y = 36,
    SITE_GAP = 80,
    COLS = 2,
    PER_ROW = 3;
  const bySite = new Map<string, { id: string; kind: NodeKind }[]>();
  for (const n of nodes) {
    const list = bySite.get(n.siteId);
    if (list) list.push(n);
    else bySite.set(n.siteId, [n]);
  }
  const out = new Map<string, Position>();
  let rowY = 0;
  let rowHeight = 0;
  let x = 0;
  sites.forEach((site, i) => {
    if (i > 0 && i % PER_ROW === 0) {
      rowY += rowHeight + SITE_GAP;
      rowHeight = 0;
      x = 0;
    }
    const members = [...(bySite.get(site.id) ?? [])].sort((a, b) => (ORDER[a.kind] ?? 0) - (ORDER[b.kind] ?? 0));
    const cols = Math.max(1, Math.min(COLS, members.length));
    members.forEach((n, j) => {
      if (!out.has(n.id))
        out.set(n.id, { x: x + PAD + (j % cols) * (W + GAP_X), y: rowY + HEAD + PAD + Math.floor(j / cols) * (H + GAP_Y) });
    });
    const rows = Math.max(1, Math.ceil(members.length / cols));
    rowHeight = Math.max(rowHeight, HEAD + PAD * 2 + rows * H + (rows - 1) * GAP_Y);
    x += PAD * 2 + cols * W + (cols - 1) * GAP_X + SITE_GAP;
  });
  return out;
}

export type LayoutPredictor = 'grid' | 'previous';
const PREDICTORS = ['grid', 'previous'] as const satisfies readonly LayoutPredictor[];
const PRESENCE = ['none', 'all', 'some'] as const;

/** Whole numbers as they are; anything else rounded (the one lossy step of this codec). */
export const roundCoordinate = (v: number): number => (Number.isInteger(v) ? v + 0 : Math.round(v) + 0);

export const gcd = (a: number, b: number): number => {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
};

export function putLayout(
  c: EncodeContext,
  doc: Topology,
  predictor: LayoutPredictor,
  gridOf: GridPrediction = gridPrediction1,
): void {
  const { w } = c;
  const layout = doc.layout;
  if (layout === undefined) {
    w.uint(0);
    return;
  }
  const has = (id: string) => Object.prototype.hasOwnProperty.call(layout, id);
  const keys = Object.keys(layout);
  const known = new Set([...doc.sites.map((s) => s.id), ...doc.nodes.map((n) => n.id)]);
  if (keys.some((k) => !known.has(k))) fail('layout has entries for unknown ids');
  const groups = [doc.sites.map((s) => s.id), doc.nodes.map((n) => n.id)];
  const presence = groups.map((ids) => {
    const n = ids.filter(has).length;
    return n === 0 ? 'none' : n === ids.length ? 'all' : 'some';
  });
  new Packer()
    .put([false, true], true)
    .put(PREDICTORS, predictor)
    .put(PRESENCE, presence[0]!)
    .put(PRESENCE, presence[1]!)
    .write(w);
  groups.forEach((ids, g) => {
    if (presence[g] !== 'some') return;
    for (let i = 0; i < ids.length; i += 7) {
      let bits = 0;
      for (let j = 0; j < 7 && i + j < ids.length; j++) if (has(ids[i + j]!)) bits |= 1 << j;
      w.byte(bits);
    }
  });
  const grid = predictor === 'grid' ? gridOf(doc.sites, doc.nodes) : undefined;
  const deltas: number[] = [];
  let prev: Position = { x: 0, y: 0 };
  for (const id of groups.flat()) {
    if (!has(id)) continue;
    const raw = layout[id]!;
    const pos = { x: roundCoordinate(raw.x), y: roundCoordinate(raw.y) };
    const guess = grid?.get(id) ?? prev;
    deltas.push(pos.x - guess.x, pos.y - guess.y);
    prev = pos;
  }
  const g = deltas.reduce(gcd, 0);
  w.uint(g);
  if (g === 0) return;
  for (const d of deltas) w.int(d / g);
}

export function getLayout(
  c: DecodeContext,
  sites: readonly Record<string, unknown>[],
  nodes: readonly Record<string, unknown>[],
  gridOf: GridPrediction = gridPrediction1,
): Record<string, Position> | undefined {
  const { r } = c;
  const p = new Unpacker(r.uint());
  if (!p.take([false, true])) {
    p.done();
    return undefined;
  }
  const predictor = p.take(PREDICTORS);
  const presence = [p.take(PRESENCE), p.take(PRESENCE)];
  p.done();
  const groups = [c.siteIds, c.nodeIds];
  const present: string[] = [];
  groups.forEach((ids, g) => {
    if (presence[g] === 'all') present.push(...ids);
    else if (presence[g] === 'some')
      for (let i = 0; i < ids.length; i += 7) {
        const bits = r.byte();
        for (let j = 0; j < 7 && i + j < ids.length; j++) if (bits & (1 << j)) present.push(ids[i + j]!);
      }
  });
  const grid =
    predictor === 'grid'
      ? gridOf(sites as { id: string }[], nodes as { id: string; siteId: string; kind: NodeKind }[])
      : undefined;
  const g = r.uint();
  if (g > 0 && present.length * 2 > r.remaining) fail('layout cut short');
  const layout: Record<string, Position> = {};
  let prev: Position = { x: 0, y: 0 };
  for (const id of present) {
    const guess = grid?.get(id) ?? prev;
    const pos = g === 0 ? { x: guess.x, y: guess.y } : { x: guess.x + r.int() * g, y: guess.y + r.int() * g };
    layout[id] = pos;
    prev = pos;
  }
  return layout;
}

// ---------------------------------------------------------------- document

/** Throws CompactFormatError, RangeError or ReadPastEnd on bytes this codec did not write. */
export function readCompact1(bytes: Uint8Array): Record<string, unknown> {
  const head = new ByteReader(bytes);
  const structLen = head.uint();
  const structure = head.bytes(structLen);
  const text = head.bytes(head.remaining);
  const c: DecodeContext = {
    r: new ByteReader(structure),
    t: new ByteReader(text),
    siteIds: [],
    nodeIds: [],
    domains: [],
    last: new Map(),
  };
  const { r } = c;
  const name = getText(c, []);
  const description = getStr(c, [undefined]);
  const dep = r.uint();
  const mode = DEPLOYMENT_MODES_1[dep % 2]!;
  const cmsCode = Math.floor(dep / 2);

  const siteCount = r.uint();
  if (siteCount > r.remaining) fail('site count out of range');
  const sites: Record<string, unknown>[] = [];
  for (let i = 0; i < siteCount; i++) {
    const id = getText(c, []);
    const siteName = getText(c, [id]);
    const p = new Unpacker(r.uint());
    const kind = p.take(SITE_KINDS_1);
    p.done();
    const region = getRepeat(c, 'region');
    const datacenter = getStr(c, [undefined]);
    sites.push({
      id,
      name: siteName,
      kind,
      ...(region === undefined ? {} : { region }),
      ...(datacenter === undefined ? {} : { datacenter }),
    });
    c.siteIds.push(id);
  }
  const nodeCount = r.uint();
  if (nodeCount > r.remaining) fail('node count out of range');
  const nodes: Record<string, unknown>[] = [];
  // Node ids are needed by index before all nodes are read only for links and cmsHost, which come later.
  for (let i = 0; i < nodeCount; i++) {
    const n = getNode(c);
    nodes.push(n);
    c.nodeIds.push(n.id as string);
  }
  const linkCount = r.uint();
  if (linkCount > r.remaining) fail('link count out of range');
  const links: Record<string, unknown>[] = [];
  for (let i = 0; i < linkCount; i++) links.push(getLink(c, i));
  const layout = getLayout(c, sites, nodes);
  if (r.remaining !== 0 || c.t.remaining !== 0) fail('unexpected bytes after the document');
  const cmsHost = cmsCode === 0 ? null : at(c.nodeIds, cmsCode - 1, 'node');
  return {
    format: FORMAT_1,
    version: VERSION_1,
    name,
    ...(description === undefined ? {} : { description }),
    deployment: { cmsHost, mode },
    sites,
    nodes,
    links,
    ...(layout === undefined ? {} : { layout }),
  };
}
