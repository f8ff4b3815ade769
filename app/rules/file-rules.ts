/** FILE rules (docs/rules.md) (ids FILE-* and FS-*): the file store and its high availability. */
import type { NodeOfKind, TopologyNode } from '../model/schema';
import type { TopologyIndex } from '../model/topology-index';
import { catalogueMessage, defineRule } from './define-rule';
import { soloRoleMachines, sourcesOf } from './rule-helpers';
import { kinded, kindedNames, label, noun, plural, quote } from './rule-text';
import type { Hit, Rule } from './types';

type FileStore = NodeOfKind<'fileStore'>;

/** Kinds FS-COLLOC-HOST names as Skype for Business servers (a `sqlStore` there is FILE-COLLOCATED). */
const SFB_SERVER_KINDS: ReadonlySet<TopologyNode['kind']> = new Set([
  'frontEndPool',
  'standardEditionServer',
  'edgePool',
  'directorPool',
  'mediationPool',
  'persistentChatPool',
  'officeOnlineServer',
  'survivableBranch',
]);

/** One hit per machine that holds a file store and a node `wanted` selects. */
function collocationHits(
  ix: TopologyIndex,
  wanted: (n: TopologyNode) => boolean,
  what: (others: string) => string,
  tail: string,
): Hit[] {
  const hits: Hit[] = [];
  for (const { host: h, nodes } of soloRoleMachines(ix)) {
    const files = nodes.filter((n): n is FileStore => n.kind === 'fileStore');
    if (files.length === 0) continue;
    const others = nodes.filter(wanted);
    if (others.length === 0) continue;
    const shares = kindedNames(files);
    hits.push({
      nodeIds: [...files.map((f) => f.id), ...others.map((n) => n.id)],
      message: `${shares} ${noun(files.length, 'is', 'are')} on ${h}, ${what(kindedNames(others))}. ${tail}`,
    });
  }
  return hits;
}

// FILE-DFS-NO-RTO and FILE-CLUSTER-OS fire for most file stores of a large design: their
// text is built only when a finding is read (Hit.message).
const dfsMessage = (f: FileStore) => (): string => `${kinded(f)} uses DFS. ${catalogueMessage('FILE-DFS-NO-RTO')}`;
const clusterMessage = (f: FileStore) => (): string =>
  `${kinded(f)} is a clustered file share. ${catalogueMessage('FILE-CLUSTER-OS')}`;

/** FILE-BACKUP-INTERVAL: DFS content is backed up every 4 to 8 hours (file-sharing.md). */
const DFS_BACKUP_MAX_HOURS = 8;

export const FILE_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- tier 1
  defineRule('FILE-NAS', 'File share on network attached storage', (ix) => {
    const hits: Hit[] = [];
    for (const f of ix.ofKind('fileStore'))
      if (f.storage === 'nas')
        hits.push({
          nodeIds: [f.id],
          message: `${kinded(f)} (${f.fqdn}) is on network attached storage. ${catalogueMessage('FILE-NAS')}`,
        });
    return hits;
  }),

  defineRule('FILE-SINGLE-SERVER', 'File share on a single server', (ix) => {
    const hits: Hit[] = [];
    for (const f of ix.ofKind('fileStore')) {
      if (f.storage !== 'singleServer') continue;
      const pools = sourcesOf(ix, f.id, 'fileStore');
      const who = pools.length ? ` used by ${kindedNames(pools)}` : '';
      hits.push({
        nodeIds: [f.id, ...pools.map((p) => p.id)],
        message: `${kinded(f)}${who} runs on one file server (${f.fqdn}). ${catalogueMessage('FILE-SINGLE-SERVER')}`,
      });
    }
    return hits;
  }),

  defineRule('FS-POOL-HAS-STORE', 'Pool without a file store', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.registrars())
      if (ix.out(p.id, 'fileStore').length === 0)
        hits.push({ nodeIds: [p.id], message: `${kinded(p)} has no file store link. ${catalogueMessage('FS-POOL-HAS-STORE')}` });
    return hits;
  }),

  defineRule('FS-SAME-SITE', 'File store in another data center', (ix) => {
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('fileStore')) {
      const x = ix.node(l.from);
      const f = ix.node(l.to);
      if (!x || f?.kind !== 'fileStore') continue;
      if (x.kind !== 'frontEndPool' && x.kind !== 'standardEditionServer' && x.kind !== 'directorPool') continue;
      const dcX = ix.dc(x.siteId);
      const dcF = ix.dc(f.siteId);
      if (dcX === dcF) continue;
      hits.push({
        nodeIds: [x.id, f.id],
        linkIds: [l.id],
        message: `${kinded(x)} (data center ${quote(dcX)}) uses ${kinded(f)} in data center ${quote(dcF)}. ${catalogueMessage('FS-SAME-SITE')}`,
      });
    }
    return hits;
  }),

  // ---------------------------------------------------------------- tier 2
  defineRule('FILE-COLLOCATED', 'File share on a database server', (ix) => {
    return collocationHits(
      ix,
      (n) => n.kind === 'sqlStore',
      (others) => `a database server of ${others}`,
      catalogueMessage('FILE-COLLOCATED'),
    );
  }),

  defineRule('FILE-DFS-NO-RTO', 'DFS file share has no published RTO/RPO', (ix) => {
    const hits: Hit[] = [];
    for (const f of ix.ofKind('fileStore')) if (f.storage === 'dfs') hits.push({ nodeIds: [f.id], message: dfsMessage(f) });
    return hits;
  }),

  defineRule('FILE-CLUSTER-OS', 'Clustered file share needs Windows Server 2012 or later', (ix) => {
    const hits: Hit[] = [];
    for (const f of ix.ofKind('fileStore'))
      if (f.storage === 'cluster') hits.push({ nodeIds: [f.id], message: clusterMessage(f) });
    return hits;
  }),

  defineRule('FS-COLLOC-HOST', 'File share on a Skype for Business server', (ix) => {
    return collocationHits(
      ix,
      (n) => SFB_SERVER_KINDS.has(n.kind),
      (others) => `the server of ${others}`,
      catalogueMessage('FS-COLLOC-HOST'),
    );
  }),

  // ---------------------------------------------------------------- format v2
  defineRule('FILE-BACKUP-INTERVAL', 'DFS file store backed up too rarely', (ix) => {
    const hits: Hit[] = [];
    for (const f of ix.ofKind('fileStore')) {
      if (f.storage !== 'dfs' || (f.backupIntervalHours !== undefined && f.backupIntervalHours <= DFS_BACKUP_MAX_HOURS)) continue;
      const now =
        f.backupIntervalHours === undefined
          ? 'no backup interval is set'
          : `it is backed up every ${plural(f.backupIntervalHours, 'hour')}`;
      hits.push({
        nodeIds: [f.id],
        message: `${label(f)} is replicated by DFS and ${now}. ${catalogueMessage('FILE-BACKUP-INTERVAL')}`,
      });
    }
    return hits;
  }),
];
