/**
 * Test helper: writes small published topology documents (`Get-CsTopology -AsXml`
 * shape) from a compact description, so mapping tests can build
 * the cases no real sample has (Director, stand-alone Mediation, gateways, pairing, ...).
 * Element and attribute names are those of the real samples.
 */

export const TOPOLOGY_NS = 'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008';
export const ROLES_NS = 'urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008';

export interface KitSite {
  id: number | string;
  name: string;
  /** Element name; CentralSite by default. */
  element?: string;
}

export interface KitCluster {
  site?: number | string;
  number: number;
  fqdn: string;
  /** Machine FQDNs; defaults to one machine named like the cluster. */
  machines?: string[];
}

export interface KitSqlInstance {
  site?: number | string;
  cluster: number;
  name?: string;
  /** Extra attributes on <SqlInstance>, e.g. AlwaysOnPrimaryNodeFqdn. */
  attrs?: Record<string, string>;
  /** Extra raw markup inside <SqlInstance>. */
  inner?: string;
}

export interface KitServiceRef {
  role: string;
  instance?: number;
  site?: number | string;
}

export interface KitService extends KitServiceRef {
  on: { cluster: number; site?: number | string } | { sqlCluster: number; name?: string; site?: number | string };
  version?: string;
  deps?: (KitServiceRef & { usage?: string })[];
  /** Raw markup after <Ports/> (role-specific elements). */
  inner?: string;
}

export interface KitDocument {
  domain?: string;
  sites?: KitSite[];
  clusters: KitCluster[];
  sqlInstances?: KitSqlInstance[];
  services: KitService[];
}

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const ref = (r: KitServiceRef) =>
  `<ServiceId SiteId="${esc(String(r.site ?? 1))}" RoleName="${esc(r.role)}" Instance="${r.instance ?? 1}" />`;
const clusterId = (site: number | string | undefined, n: number) =>
  `<ClusterId SiteId="${esc(String(site ?? 1))}" Number="${n}" />`;

export function publishedXml(d: KitDocument): string {
  const domain = d.domain ?? 'contoso.com';
  const sites = d.sites ?? [{ id: 1, name: 'Site1' }];
  const out: string[] = [];
  out.push(`<Topology xmlns="${TOPOLOGY_NS}" Signature="00000000-0000-0000-0000-000000000001">`);
  out.push(
    `  <InternalDomains AllowAllDomains="false" DefaultDomain="${esc(domain)}">`,
    `    <InternalDomain Name="${esc(domain)}" Authoritative="false" AllowSubDomains="false" />`,
    '  </InternalDomains>',
  );
  out.push('  <Sites>');
  for (const s of sites)
    out.push(
      `    <${s.element ?? 'CentralSite'} SiteId="${esc(String(s.id))}">`,
      `      <Name>${esc(s.name)}</Name>`,
      '      <Location />',
      `    </${s.element ?? 'CentralSite'}>`,
    );
  out.push('  </Sites>', '  <Clusters>');
  for (const c of d.clusters) {
    out.push(
      `    <Cluster RequiresReplication="true" RequiresSetup="true" Fqdn="${esc(c.fqdn)}">`,
      `      ${clusterId(c.site, c.number)}`,
    );
    (c.machines ?? [c.fqdn]).forEach((m, i) => out.push(`      <Machine OrdinalInCluster="${i + 1}" Fqdn="${esc(m)}" />`));
    out.push('    </Cluster>');
  }
  out.push('  </Clusters>', '  <SqlInstances>');
  for (const i of d.sqlInstances ?? []) {
    const attrs = Object.entries(i.attrs ?? {})
      .map(([k, v]) => ` ${k}="${esc(v)}"`)
      .join('');
    out.push(
      `    <SqlInstance${attrs}>`,
      `      <SqlInstanceId Name="${esc(i.name ?? '')}">${clusterId(i.site, i.cluster)}</SqlInstanceId>`,
      i.inner ?? '',
      '    </SqlInstance>',
    );
  }
  out.push('  </SqlInstances>', '  <Services>');
  for (const s of d.services) {
    out.push(`    <Service RoleVersion="1" ServiceVersion="${esc(s.version ?? '7')}">`, `      ${ref(s)}`, '      <DependsOn>');
    for (const dep of s.deps ?? [])
      out.push(`        <Dependency Usage="${esc(dep.usage ?? 'Default')}">${ref(dep)}</Dependency>`);
    out.push('      </DependsOn>', '      <InstalledOn>');
    if ('cluster' in s.on) out.push(`        ${clusterId(s.on.site, s.on.cluster)}`);
    else
      out.push(`        <SqlInstanceId Name="${esc(s.on.name ?? '')}">${clusterId(s.on.site, s.on.sqlCluster)}</SqlInstanceId>`);
    out.push('      </InstalledOn>', `      <Ports xmlns="${ROLES_NS}" />`);
    if (s.inner) out.push(`      ${s.inner}`);
    out.push('    </Service>');
  }
  out.push('  </Services>', '</Topology>');
  return out.join('\n');
}

/** The services Topology Builder puts on an Enterprise pool: user services, registrar, web, conferencing, CMS optional. */
export function enterprisePool(opts: {
  cluster: number;
  site?: number | string;
  instance?: number;
  sqlCluster: number;
  sqlName?: string;
  version?: string;
  director?: boolean;
  cms?: boolean;
  mediation?: boolean;
}): KitService[] {
  const site = opts.site ?? 1;
  const inst = opts.instance ?? opts.cluster;
  const on = { cluster: opts.cluster, site };
  const v = opts.version ?? '7';
  const services: KitService[] = [];
  if (!opts.director) {
    services.push({
      role: 'UserServices',
      instance: inst,
      site,
      on,
      version: v,
      deps: [{ role: 'UserStore', instance: inst, site }],
    });
    services.push({
      role: 'UserStore',
      instance: inst,
      site,
      on: { sqlCluster: opts.sqlCluster, name: opts.sqlName ?? '', site },
      version: v,
    });
    services.push({
      role: 'ConfServices',
      instance: inst,
      site,
      on,
      version: v,
      deps: [{ role: 'UserServices', instance: inst, site }],
    });
  }
  services.push({
    role: 'Registrar',
    instance: inst,
    site,
    on,
    version: v,
    deps: opts.director ? [] : [{ role: 'UserServices', instance: inst, site }],
    inner: `<RegistrarService xmlns="${ROLES_NS}" IsDirector="${opts.director ? 'true' : 'false'}" />`,
  });
  if (opts.mediation)
    services.push({
      role: 'MediationServer',
      instance: inst,
      site,
      on,
      version: v,
      deps: [{ role: 'Registrar', instance: inst, site }],
    });
  if (opts.cms) {
    services.push({
      role: 'CentralMgmt',
      instance: inst,
      site,
      on,
      version: v,
      deps: [{ role: 'CentralMgmtStore', instance: inst, site }],
      inner: `<CentralMgmtService xmlns="${ROLES_NS}" IsActive="true" />`,
    });
    services.push({
      role: 'CentralMgmtStore',
      instance: inst,
      site,
      on: { sqlCluster: opts.sqlCluster, name: opts.sqlName ?? '', site },
      version: v,
    });
  }
  return services;
}
