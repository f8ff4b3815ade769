/**
 * Preconditions the catalogue makes the step exporter state (docs/rules.md,
 * "Rules without an engine check" and the conditions that say "the step exporter
 * lists …"), written once and attached to the steps that build those servers.
 */
import { productVersionLabel } from '../model/product-versions';
import { SUPPORTED } from '../model/reference-numbers';
import type { OsVersion, ProductVersion, SqlStore } from '../model/schema';
import type { RegistrarPool } from '../model/topology-index';
import { osLabel, osMinCu, osSupported, type PlanContext } from './plan-context';
import { rt, ui } from './text';
import type { RichText } from './types';

/** GEN-NO-MULTIHOMED: Front End, Back End, Standard Edition, Director and Persistent Chat servers. */
export const SINGLE_NIC: RichText = rt`Each server has a single network interface: team several adapters behind one MAC and IP address (out-of-band management cards do not count); these servers must not be multi-homed.`;

/** EDGE-TWO-NICS. */
export const EDGE_TWO_NICS: RichText = rt`Each Edge server has two network interfaces on separate networks: one internal, one external (perimeter), with no routing between them when hardware load balancing is used.`;

/** BE-CLUSTER-ACTIVE-PASSIVE. */
export const CLUSTER_ACTIVE_PASSIVE: RichText[] = [
  rt`The SQL failover cluster is active/passive: Skype for Business does not support active/active SQL clustering.`,
  rt`The passive node is dedicated: no other SQL Server instance uses it.`,
];

/** BE-AG-QUORUM-WITNESS. */
export const FILE_SHARE_WITNESS: RichText = rt`A file share for the cluster's quorum witness, outside the cluster nodes, that the cluster can write to.`;

const sqlLabel = (v: string) => `SQL Server ${v}`;

/** Platform preconditions of a registrar pool (GEN-OS-SUPPORTED; the WS2022 build and compatibility script). */
export function registrarPlatform(p: RegistrarPool): { preconditions: RichText[]; ruleIds: string[] } {
  const v = p.productVersion;
  const out: RichText[] = [];
  const ruleIds = ['GEN-OS-SUPPORTED'];
  const minCu = osMinCu(v, p.os);
  if (osSupported(v, p.os))
    out.push(
      rt`${osLabel(p.os)} on every server${minCu !== undefined ? ` (supported for ${productVersionLabel(v)} from CU${minCu})` : ''}; Server Core is not supported.`,
    );
  else
    out.push(
      rt`${osLabel(p.os)} is not supported for ${productVersionLabel(v)} (supported: ${SUPPORTED.os[v].map((o) => osLabel(o as OsVersion)).join(', ')}): choose a supported Windows Server before building these servers.`,
    );
  if (v === '2019' && p.os === 'WS2022') {
    out.push(
      rt`Every server installs Skype for Business Server 2019 at build 2046.524 (CU7 Hotfix 1) or later; the designer records ${p.cumulativeUpdate ? p.cumulativeUpdate : 'no cumulative update'} and cannot tell the hotfix level.`,
    );
    out.push(
      rt`Run Microsoft's compatibility script for Windows Server 2022 (Skype for Business Server 2019 system requirements page) on every server before Skype for Business Server setup.`,
    );
  }
  if (v === '2015' && (p.os === 'WS2016' || p.os === 'WS2019') && minCu !== undefined)
    out.push(rt`Install CU${minCu} or later as part of setup: ${osLabel(p.os)} needs it.`);
  return { preconditions: out, ruleIds };
}

export function platformDocs(v: ProductVersion): string[] {
  return v === '2019'
    ? ['Skype/SfBServer2019/plan/system-requirements.md']
    : ['Skype/SfbServer/plan-your-deployment/requirements-for-your-environment/server-requirements.md'];
}

/** SQL Server preconditions of a store, for every product version that uses it. */
export function sqlPlatform(ctx: PlanContext, s: SqlStore): { preconditions: RichText[]; ruleIds: string[] } {
  const out: RichText[] = [];
  const ruleIds: string[] = [];
  const versions = ctx.versionsOf(s);
  for (const v of versions) {
    const ok = SUPPORTED.sqlForBackEnd[v].includes(s.sqlVersion);
    // Never "Server SE": to architects SE is Standard Edition. Subscription Edition inherits the 2019 list.
    const product = v === 'SE' ? `${productVersionLabel(v)} (the 2019 list, which it inherits)` : productVersionLabel(v);
    out.push(
      ok
        ? rt`${sqlLabel(s.sqlVersion)} is supported for ${product}.`
        : rt`${sqlLabel(s.sqlVersion)} is not supported for ${product} (supported: ${SUPPORTED.sqlForBackEnd[v].map(sqlLabel).join(', ')}).`,
    );
    if (v === '2015' && s.sqlVersion === '2014') {
      out.push(rt`SQL Server 2014 at CU6 or later.`);
      ruleIds.push('BE-SQL-UPDATE-2015');
    }
    if (v === '2015' && s.sqlVersion === '2016') {
      out.push(rt`SQL Server 2016 SP1 or later, and Skype for Business Server 2015 CU7 or later on the pools that use it.`);
      ruleIds.push('BE-SQL-UPDATE-2015');
    }
  }
  if (s.sqlVersion === '2012' || s.sqlVersion === '2014') {
    out.push(rt`A 64-bit edition of ${sqlLabel(s.sqlVersion)} (Standard or Enterprise): only 64-bit SQL Server is supported.`);
    ruleIds.push('BE-SQL-EDITION');
  }
  if (s.sqlVersion === '2012' && s.haMode !== 'none') {
    out.push(rt`SQL Server 2012 SP2 CU2 or later: every Back End high-availability mode needs it.`);
    ruleIds.push('BE-SQL2012-HA-SP2CU2');
  }
  if (s.sqlEdition === 'express')
    out.push(rt`SQL Server Express is only the built-in store of a Standard Edition server; use Standard or Enterprise here.`);
  if (s.domain) out.push(rt`The SQL servers are joined to ${ui(s.domain)}, the domain of the pools that use them.`);
  return { preconditions: out, ruleIds };
}
