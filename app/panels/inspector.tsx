/**
 * The inspector: edit every field of the selected node, link, site or the deployment,
 * validated by the document's own zod schemas with inline messages. A value is committed
 * only when valid; an invalid entry stays in the field with its message until fixed.
 */
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { LinkSchema, NodeSchema, SiteSchema, STORE_ROLES, type Link, type Site, type SqlStore, type Topology, type TopologyNode } from '../model/schema';
import { linkKindLabel, nodeKindLabel } from '../model/link-kinds';
import { feFor, REF, feQuorum } from '../model/reference-numbers';
import { useDesigner, useDesignerStore } from '../store/designer-context';
import { selectFindings } from '../store/selectors';
import { KIND_META, KindIcon, SeverityIcon, SiteIcon } from '../ui/kinds';
import { FIELDS, applies, type FieldSpec } from './inspector-fields';
import { friendly, validateNode, withField } from './node-edits';
import { ArrangeBar } from './arrange-bar';
import { FieldLabel } from './field-label';
import { BulkEditor } from './bulk-editor';
import { commonKind } from './bulk-edit';
import { hostCms } from '../store/edit-commands';
import { shortcutOf } from '../store/commands';

export function Inspector() {
  const inspected = useDesigner((s) => s.inspected);
  const doc = useDesigner((s) => s.doc);
  const selectedIds = useDesigner((s) => s.selectedIds);
  const selectedCount = selectedIds.length;
  // The selected cards (not sites or links): those are what align, distribute and the bulk editor act on.
  const cards = useMemo(() => {
    if (selectedIds.length < 2) return [];
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    return selectedIds.flatMap((id) => byId.get(id) ?? []);
  }, [selectedIds, doc]);
  const selectedCards = cards.length;
  let body: ReactNode;
  if (!inspected || inspected.type === 'deployment') body = <DeploymentInspector doc={doc} />;
  else if (inspected.type === 'node') {
    const n = doc.nodes.find((x) => x.id === inspected.id);
    body = n ? <NodeInspector key={n.id} node={n} doc={doc} /> : <DeploymentInspector doc={doc} />;
  } else if (inspected.type === 'link') {
    const l = doc.links.find((x) => x.id === inspected.id);
    body = l ? <LinkInspector key={l.id} link={l} doc={doc} /> : <DeploymentInspector doc={doc} />;
  } else {
    const s = doc.sites.find((x) => x.id === inspected.id);
    body = s ? <SiteInspector key={s.id} site={s} doc={doc} /> : <DeploymentInspector doc={doc} />;
  }
  // Several cards of one kind and nothing else: edit them together.
  if (cards.length > 1 && cards.length === selectedIds.length && commonKind(cards)) body = <BulkEditor key={selectedIds.join(",")} nodes={cards} />;
  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      {selectedCount > 1 && (
        <div className="inspector-multi">
          {selectedCount} items selected · {shortcutOf('delete')} removes them, {shortcutOf('duplicate')} duplicates
          {selectedCards > 1 && <ArrangeBar cards={selectedCards} />}
        </div>
      )}
      {body}
    </aside>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="insp-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function NodeInspector({ node, doc }: { node: TopologyNode; doc: Topology }) {
  const updateNode = useDesigner((s) => s.updateNode);
  const store = useDesignerStore();
  const meta = KIND_META[node.kind];
  const fields = FIELDS[node.kind].filter((f) => applies(node, f));
  const groups = [...new Set(fields.map((f) => f.group))];
  const findings = selectFindings(doc).filter((f) => f.nodeIds.includes(node.id));
  const isRegistrar = node.kind === 'frontEndPool' || node.kind === 'standardEditionServer';
  return (
    <div className={`insp fam-${meta.family}`}>
      <header className="insp-head">
        <span className="insp-icon">
          <KindIcon kind={node.kind} size={22} />
        </span>
        <div>
          <div className="insp-kind">{meta.label}</div>
          <div className="insp-title">{node.name}</div>
        </div>
      </header>
      {findings.length > 0 && <FindingList findings={findings} />}
      {groups.map((g) => (
        <Section key={g} title={g}>
          {g === 'Identity' && <SiteSelect node={node} doc={doc} />}
          {fields
            .filter((f) => f.group === g)
            .map((f) => (
              <NodeField key={`${node.id}:${f.key}`} node={node} spec={f} onCommit={(v) => updateNode(node.id, (n) => withField(n, f.key, v))} />
            ))}
          {g === 'Capacity' && <CapacityHint node={node} doc={doc} />}
        </Section>
      ))}
      {node.kind === 'sqlStore' && node.haMode === 'alwaysOnAg' && <AgEditor store={node} doc={doc} />}
      {node.kind === 'persistentChatPool' && <PcServersEditor node={node} doc={doc} />}
      {isRegistrar && (
        <Section title="Central Management store">
          {doc.deployment.cmsHost === node.id ? (
            <p className="hint">This {nodeKindLabel(node.kind)} holds the Central Management store.</p>
          ) : (
            <button className="btn" onClick={() => hostCms(store, node.id)}>
              Host the CMS here
            </button>
          )}
        </Section>
      )}
      <LinksOf id={node.id} doc={doc} />
      <DeleteButton ids={[node.id]} label={`Delete ${meta.label.toLowerCase()}`} />
    </div>
  );
}


function NodeField({ node, spec, onCommit }: { node: TopologyNode; spec: FieldSpec; onCommit: (v: unknown) => void }) {
  const value = spec.key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), node);
  return <Field spec={spec} value={value} validate={(v) => validateNode(withField(node, spec.key, v), spec.key)} onCommit={onCommit} testId={`field-${spec.key}`} />;
}

function Field({ spec, value, validate, onCommit, testId }: { spec: FieldSpec; value: unknown; validate: (v: unknown) => string | undefined; onCommit: (v: unknown) => void; testId: string }) {
  const id = useId();
  const shown = value === undefined || value === null ? '' : String(value);
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setDraft(shown);
    setError(undefined);
  }, [shown]);

  const submit = (raw: string | boolean) => {
    let v: unknown = raw;
    if (spec.type === 'int') {
      if (raw === '' && 'optional' in spec && spec.optional) v = undefined;
      else if (!/^\s*-?\d+\s*$/.test(String(raw))) {
        setError('must be a whole number');
        return;
      } else v = Number(raw);
    } else if ((spec.type === 'text' || spec.type === 'fqdn' || spec.type === 'enum') && raw === '' && 'optional' in spec && spec.optional) v = undefined;
    const problem = validate(v);
    setError(problem);
    if (!problem) onCommit(v);
  };

  const label = <FieldLabel spec={spec} htmlFor={id} />;
  let control: ReactNode;
  switch (spec.type) {
    case 'bool':
      return (
        <div className="field field-bool">
          <label className="switch">
            <input id={id} type="checkbox" checked={value === true} data-testid={testId} onChange={(e) => submit(e.target.checked)} />
            <span>{spec.label}</span>
          </label>
          {spec.help && <div className="field-help">{spec.help}</div>}
        </div>
      );
    case 'enum':
      control = (
        <select id={id} value={shown} data-testid={testId} onChange={(e) => submit(e.target.value)}>
          {spec.optional && <option value="">{spec.unsetLabel ?? 'Not recorded'}</option>}
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {spec.labels?.[o] ?? o}
            </option>
          ))}
        </select>
      );
      break;
    case 'int':
      control = <input id={id} type="number" inputMode="numeric" min={spec.min} max={spec.max} value={draft} data-testid={testId} aria-invalid={!!error} onChange={(e) => { setDraft(e.target.value); submit(e.target.value); }} />;
      break;
    case 'text':
    case 'fqdn':
      control = <input id={id} type="text" spellCheck={false} value={draft} placeholder={spec.placeholder} data-testid={testId} aria-invalid={!!error} onChange={(e) => { setDraft(e.target.value); submit(e.target.value); }} />;
      break;
  }
  return (
    <div className={`field ${error ? 'has-error' : ''}`}>
      {label}
      {control}
      {error && (
        <div className="field-error" role="alert">
          {spec.label} {error}
        </div>
      )}
      {'help' in spec && spec.help && <div className="field-help">{spec.help}</div>}
    </div>
  );
}

function SiteSelect({ node, doc }: { node: TopologyNode; doc: Topology }) {
  const updateNode = useDesigner((s) => s.updateNode);
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        Site
      </label>
      <select id={id} value={node.siteId} data-testid="field-siteId" onChange={(e) => updateNode(node.id, { siteId: e.target.value })}>
        {doc.sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({s.kind === 'branch' ? 'branch' : 'data center'})
          </option>
        ))}
      </select>
    </div>
  );
}

function CapacityHint({ node, doc }: { node: TopologyNode; doc: Topology }) {
  const fmt = (n: number) => n.toLocaleString('en-US');
  if (node.kind === 'frontEndPool') {
    const v = node.productVersion;
    const partnerLink = doc.links.find((l) => l.kind === 'pairing' && (l.from === node.id || l.to === node.id));
    const partner = partnerLink ? doc.nodes.find((n) => n.id === (partnerLink.from === node.id ? partnerLink.to : partnerLink.from)) : undefined;
    const partnerUsers = partner && 'users' in partner ? partner.users : 0;
    const need = feFor(node.users);
    const needFailover = feFor(node.users + partnerUsers);
    const q = feQuorum(node.frontEndServers, v);
    return (
      <div className="capacity" data-testid="capacity-hint">
        <div>
          <b>{fmt(need)}</b> Front End server{need === 1 ? '' : 's'} for {fmt(node.users)} users ({fmt(REF.usersPerFe)} per server){need + 1 <= REF.maxFe[v] ? <>, <b>{fmt(need + 1)}</b> to survive one server down</> : null}.
        </div>
        {partner && (
          <div>
            After its partner fails over: {fmt(node.users + partnerUsers)} users → <b>{fmt(needFailover)}</b> servers needed; limit {fmt(REF.maxPairedPoolUsers[v])} users per paired pool.
          </div>
        )}
        <div>
          Limits for {v}: {REF.maxFe[v]} Front End servers, {fmt(REF.maxPoolUsers[v])} users per pool{v === '2019' ? '; 2 servers will not publish' : ''}.
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
        {fmt(REF.seUsers)} users per Standard Edition server ({fmt(REF.seUsersWithPartner)} while carrying a failed partner&apos;s users).
      </div>
    );
  if (node.kind === 'edgePool') {
    const per = REF.remoteUsersPerEdge[node.productVersion];
    const need = node.concurrentRemoteUsers !== undefined ? Math.max(REF.minHaServers, Math.ceil(node.concurrentRemoteUsers / per)) : undefined;
    return (
      <div className="capacity" data-testid="capacity-hint">
        {fmt(per)} concurrent remote users per Edge server; at least {REF.minHaServers} for high availability, at most {REF.maxEdgeServers} per pool.
        {need !== undefined && (
          <>
            {' '}
            This load needs <b>{fmt(need)}</b>.
          </>
        )}
      </div>
    );
  }
  if (node.kind === 'directorPool')
    return (
      <div className="capacity" data-testid="capacity-hint">
        {fmt(REF.remoteUsersPerDirector[node.productVersion])} remote users per Director; {REF.minHaServers}–{REF.maxDirectors} per pool.
      </div>
    );
  return null;
}

function AgEditor({ store, doc }: { store: SqlStore; doc: Topology }) {
  const updateNode = useDesigner((s) => s.updateNode);
  const ag = store.ag ?? { listenerFqdn: store.fqdn, listenerPort: 1433, replicas: [] };
  const set = (next: NonNullable<SqlStore['ag']>) => {
    const candidate = { ...store, ag: next };
    const r = NodeSchema.safeParse(candidate);
    if (r.success) updateNode(store.id, { ag: next } as Partial<TopologyNode>);
    return r.success ? undefined : friendly(r.error.issues[0]?.message ?? 'invalid');
  };
  return (
    <Section title="Availability group">
      <Field spec={{ key: 'listenerFqdn', label: 'Listener FQDN', type: 'fqdn', group: '' }} value={ag.listenerFqdn} validate={(v) => (NodeSchema.safeParse({ ...store, ag: { ...ag, listenerFqdn: v } }).success ? undefined : 'must be a DNS name')} onCommit={(v) => set({ ...ag, listenerFqdn: String(v) })} testId="field-ag-listener" />
      <Field spec={{ key: 'listenerPort', label: 'Listener port', type: 'int', min: 1, max: 65535, optional: true, group: '' }} value={ag.listenerPort} validate={() => undefined} onCommit={(v) => set(v === undefined ? { listenerFqdn: ag.listenerFqdn, replicas: ag.replicas } : { ...ag, listenerPort: Number(v) })} testId="field-ag-port" />
      <div className="replicas">
        {ag.replicas.map((r, i) => (
          <div className="replica" key={i} data-testid={`replica-${i}`}>
            <div className="replica-head">
              Replica {i + 1}
              {i === 0 ? ' (primary)' : ''}
              <button className="btn-icon" aria-label={`Remove replica ${i + 1}`} onClick={() => set({ ...ag, replicas: ag.replicas.filter((_, j) => j !== i) })}>
                ✕
              </button>
            </div>
            <Field spec={{ key: 'fqdn', label: 'Server FQDN', type: 'fqdn', group: '' }} value={r.fqdn} validate={(v) => (NodeSchema.safeParse({ ...store, ag: { ...ag, replicas: ag.replicas.map((x, j) => (j === i ? { ...x, fqdn: v } : x)) } }).success ? undefined : 'must be a DNS name')} onCommit={(v) => set({ ...ag, replicas: ag.replicas.map((x, j) => (j === i ? { ...x, fqdn: String(v) } : x)) })} testId={`field-replica-${i}-fqdn`} />
            <div className="replica-row">
              <select aria-label={`Replica ${i + 1} site`} value={r.siteId} onChange={(e) => set({ ...ag, replicas: ag.replicas.map((x, j) => (j === i ? { ...x, siteId: e.target.value } : x)) })}>
                {doc.sites.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              <select aria-label={`Replica ${i + 1} commit mode`} value={r.commitMode} onChange={(e) => set({ ...ag, replicas: ag.replicas.map((x, j) => (j === i ? { ...x, commitMode: e.target.value as 'synchronous' } : x)) })}>
                <option value="synchronous">synchronous</option>
                <option value="asynchronous">asynchronous</option>
              </select>
              <select aria-label={`Replica ${i + 1} failover mode`} value={r.failoverMode} onChange={(e) => set({ ...ag, replicas: ag.replicas.map((x, j) => (j === i ? { ...x, failoverMode: e.target.value as 'automatic' } : x)) })}>
                <option value="automatic">automatic</option>
                <option value="manual">manual</option>
              </select>
              <label className="switch small">
                <input type="checkbox" checked={r.readable} onChange={(e) => set({ ...ag, replicas: ag.replicas.map((x, j) => (j === i ? { ...x, readable: e.target.checked } : x)) })} />
                <span>readable</span>
              </label>
            </div>
          </div>
        ))}
        <button
          className="btn small"
          onClick={() => set({ ...ag, replicas: [...ag.replicas, { fqdn: store.fqdn.replace(/^([^.]+)/, `$1-n${ag.replicas.length + 1}`), siteId: store.siteId, commitMode: 'synchronous', failoverMode: 'automatic', readable: false }] })}
        >
          + Add replica
        </button>
      </div>
    </Section>
  );
}

function PcServersEditor({ node, doc }: { node: Extract<TopologyNode, { kind: 'persistentChatPool' }>; doc: Topology }) {
  const updateNode = useDesigner((s) => s.updateNode);
  const set = (servers: typeof node.servers) => updateNode(node.id, { servers } as Partial<TopologyNode>);
  return (
    <Section title="Persistent Chat servers">
      {node.servers.map((s, i) => (
        <div className="replica-row" key={i}>
          <span className="replica-num">#{i + 1}</span>
          <select aria-label={`Server ${i + 1} site`} value={s.siteId} onChange={(e) => set(node.servers.map((x, j) => (j === i ? { ...x, siteId: e.target.value } : x)))}>
            {doc.sites.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
          <label className="switch small">
            <input type="checkbox" checked={s.active} onChange={(e) => set(node.servers.map((x, j) => (j === i ? { ...x, active: e.target.checked } : x)))} />
            <span>active</span>
          </label>
          <button className="btn-icon" aria-label={`Remove server ${i + 1}`} onClick={() => set(node.servers.filter((_, j) => j !== i))}>
            ✕
          </button>
        </div>
      ))}
      <button className="btn small" onClick={() => set([...node.servers, { siteId: node.siteId, active: false }])}>
        + Add server
      </button>
    </Section>
  );
}

function LinksOf({ id, doc }: { id: string; doc: Topology }) {
  const select = useDesigner((s) => s.select);
  const links = doc.links.filter((l) => l.from === id || l.to === id);
  if (!links.length) return null;
  const nameOf = (x: string) => doc.nodes.find((n) => n.id === x)?.name ?? x;
  return (
    <Section title="Links">
      <ul className="link-list">
        {links.map((l) => (
          <li key={l.id}>
            <button className="linklike" onClick={() => select([l.id], { type: 'link', id: l.id })}>
              {linkKindLabel(l.kind)} {l.from === id ? '→' : '←'} {nameOf(l.from === id ? l.to : l.from)}
            </button>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function LinkInspector({ link, doc }: { link: Link; doc: Topology }) {
  const updateLink = useDesigner((s) => s.updateLink);
  const commit = useDesigner((s) => s.commit);
  const from = doc.nodes.find((n) => n.id === link.from);
  const to = doc.nodes.find((n) => n.id === link.to);
  const findings = selectFindings(doc).filter((f) => f.linkIds.includes(link.id));
  const v = (patch: Record<string, unknown>) => {
    const r = LinkSchema.safeParse({ ...link, ...patch });
    return r.success ? undefined : friendly(r.error.issues[0]?.message ?? 'invalid');
  };
  const patch = (key: string, value: unknown) => {
    const next = { ...link } as Record<string, unknown>;
    if (value === undefined) delete next[key];
    else next[key] = value;
    commit((d) => ({ ...d, links: d.links.map((l) => (l.id === link.id ? (next as Link) : l)) }), { coalesceKey: `link:${link.id}:${key}` });
  };
  return (
    <div className="insp">
      <header className="insp-head">
        <span className="insp-icon link-icon" aria-hidden="true">
          ⟷
        </span>
        <div>
          <div className="insp-kind">Link</div>
          <div className="insp-title">{linkKindLabel(link.kind)}</div>
        </div>
      </header>
      {findings.length > 0 && <FindingList findings={findings} />}
      <Section title="Endpoints">
        <p className="endpoints">
          {from?.name ?? link.from} {link.kind === 'pairing' ? '⟷' : '→'} {to?.name ?? link.to}
        </p>
      </Section>
      {link.kind === 'store' && (
        <Section title="Store">
          <div className="field">
            <label className="field-label" htmlFor="store-role">
              Role
            </label>
            <select id="store-role" value={link.role} onChange={(e) => updateLink(link.id, { role: e.target.value as typeof link.role })}>
              {STORE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
        </Section>
      )}
      {link.kind === 'mirror' && (
        <Section title="Mirroring">
          <Field spec={{ key: 'port', label: 'Endpoint port (default 5022)', type: 'int', min: 1, max: 65535, optional: true, group: '' }} value={link.port} validate={(x) => v({ port: x })} onCommit={(x) => patch('port', x)} testId="field-mirror-port" />
          <Field spec={{ key: 'synchronous', label: 'Synchronous (high safety)', type: 'bool', group: '' }} value={link.synchronous ?? true} validate={() => undefined} onCommit={(x) => patch('synchronous', x)} testId="field-mirror-sync" />
        </Section>
      )}
      {link.kind === 'witness' && (
        <Section title="Witness">
          <Field spec={{ key: 'port', label: 'Witness port (default 7022)', type: 'int', min: 1, max: 65535, optional: true, group: '' }} value={link.port} validate={(x) => v({ port: x })} onCommit={(x) => patch('port', x)} testId="field-witness-port" />
        </Section>
      )}
      {link.kind === 'pairing' && (
        <Section title="Resiliency">
          <Field spec={{ key: 'voiceFailover', label: 'Automatic failover and failback for Voice', type: 'bool', group: '' }} value={link.voiceFailover ?? false} validate={() => undefined} onCommit={(x) => patch('voiceFailover', x)} testId="field-voiceFailover" />
          {link.voiceFailover && <Field spec={{ key: 'voiceFailoverSeconds', label: 'Failure detection interval (s, default 300)', type: 'int', min: 1, max: 86400, optional: true, group: '' }} value={link.voiceFailoverSeconds} validate={(x) => v({ voiceFailoverSeconds: x })} onCommit={(x) => patch('voiceFailoverSeconds', x)} testId="field-voiceFailoverSeconds" />}
        </Section>
      )}
      <DeleteButton ids={[link.id]} label="Delete link" />
    </div>
  );
}

function SiteInspector({ site, doc }: { site: Site; doc: Topology }) {
  const commit = useDesigner((s) => s.commit);
  const members = doc.nodes.filter((n) => n.siteId === site.id);
  const findings = selectFindings(doc).filter((f) => f.siteIds.includes(site.id));
  const set = (key: string, value: unknown) => {
    commit((d) => ({ ...d, sites: d.sites.map((s) => (s.id === site.id ? (withKey(s, key, value) as Site) : s)) }), { coalesceKey: `site:${site.id}:${key}` });
  };
  const val = (key: string) => (x: unknown) => {
    const r = SiteSchema.safeParse(withKey(site, key, x));
    return r.success ? undefined : friendly(r.error.issues[0]?.message ?? 'invalid');
  };
  return (
    <div className="insp">
      <header className="insp-head">
        <span className="insp-icon">
          <SiteIcon branch={site.kind === 'branch'} size={22} />
        </span>
        <div>
          <div className="insp-kind">{site.kind === 'branch' ? 'Branch site' : 'Central site (data center)'}</div>
          <div className="insp-title">{site.name}</div>
        </div>
      </header>
      {findings.length > 0 && <FindingList findings={findings} />}
      <Section title="Site">
        <Field spec={{ key: 'name', label: 'Name', type: 'text', group: '' }} value={site.name} validate={val('name')} onCommit={(x) => set('name', x)} testId="field-site-name" />
        <Field spec={{ key: 'kind', label: 'Kind', type: 'enum', options: ['central', 'branch'], labels: { central: 'Central site (data center)', branch: 'Branch site' }, group: '' }} value={site.kind} validate={val('kind')} onCommit={(x) => set('kind', x)} testId="field-site-kind" />
        <Field spec={{ key: 'region', label: 'World region', type: 'text', optional: true, placeholder: 'e.g. EU', group: '' }} value={site.region} validate={val('region')} onCommit={(x) => set('region', x)} testId="field-site-region" />
        <Field spec={{ key: 'datacenter', label: 'Data center', type: 'text', optional: true, placeholder: 'defaults to the site', group: '' }} value={site.datacenter} validate={val('datacenter')} onCommit={(x) => set('datacenter', x)} testId="field-site-datacenter" />
        <p className="hint">
          {members.length} server role{members.length === 1 ? '' : 's'} in this site.
        </p>
      </Section>
      <DeleteButton ids={[site.id]} label={members.length ? `Delete site and its ${members.length} node${members.length === 1 ? '' : 's'}` : 'Delete site'} />
    </div>
  );
}

function withKey<T extends object>(o: T, key: string, value: unknown): T {
  const c = { ...o } as Record<string, unknown>;
  if (value === undefined) delete c[key];
  else c[key] = value;
  return c as T;
}

function DeploymentInspector({ doc }: { doc: Topology }) {
  const commit = useDesigner((s) => s.commit);
  const registrars = doc.nodes.filter((n) => n.kind === 'frontEndPool' || n.kind === 'standardEditionServer');
  const count = (k: string) => doc.nodes.filter((n) => n.kind === k).length;
  const users = doc.nodes.reduce((s, n) => s + ('users' in n && n.kind !== 'survivableBranch' ? n.users : 0), 0);
  return (
    <div className="insp">
      <header className="insp-head">
        <span className="insp-icon" aria-hidden="true">
          ◈
        </span>
        <div>
          <div className="insp-kind">Deployment</div>
          <div className="insp-title">{doc.name}</div>
        </div>
      </header>
      <Section title="Design">
        <Field spec={{ key: 'name', label: 'Design name', type: 'text', group: '' }} value={doc.name} validate={(x) => (String(x).length > 200 ? 'must be at most 200 characters' : undefined)} onCommit={(x) => commit((d) => ({ ...d, name: String(x) }), { coalesceKey: 'doc-name' })} testId="field-doc-name" />
        <div className="field">
          <label className="field-label" htmlFor="doc-desc">
            Description
          </label>
          <textarea id="doc-desc" rows={4} maxLength={2000} value={doc.description ?? ''} onChange={(e) => commit((d) => withKey(d, 'description', e.target.value || undefined), { coalesceKey: 'doc-desc' })} />
        </div>
        <Field spec={{ key: 'mode', label: 'Mode', type: 'enum', options: ['greenfield', 'transition'], labels: { greenfield: 'Greenfield (new deployment)', transition: 'Transition (change to an existing one)' }, group: '' }} value={doc.deployment.mode} validate={() => undefined} onCommit={(x) => commit((d) => ({ ...d, deployment: { ...d.deployment, mode: x as 'greenfield' } }))} testId="field-mode" />
        <div className="field">
          <label className="field-label" htmlFor="cms-host">
            Central Management store on
          </label>
          <select id="cms-host" data-testid="field-cmsHost" value={doc.deployment.cmsHost ?? ''} onChange={(e) => commit((d) => ({ ...d, deployment: { ...d.deployment, cmsHost: e.target.value || null } }))}>
            <option value="">(not placed)</option>
            {registrars.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} ({r.fqdn})
              </option>
            ))}
          </select>
        </div>
      </Section>
      <Section title="At a glance">
        <dl className="glance">
          <dt>Sites</dt>
          <dd>{doc.sites.length}</dd>
          <dt>Front End pools</dt>
          <dd>{count('frontEndPool')}</dd>
          <dt>Standard Edition servers</dt>
          <dd>{count('standardEditionServer')}</dd>
          <dt>SQL stores</dt>
          <dd>{count('sqlStore')}</dd>
          <dt>Edge pools</dt>
          <dd>{count('edgePool')}</dd>
          <dt>Pairings</dt>
          <dd>{doc.links.filter((l) => l.kind === 'pairing').length}</dd>
          <dt>Homed users</dt>
          <dd>{users.toLocaleString('en-US')}</dd>
        </dl>
        <p className="hint">Select a site, server or link to edit it. Drag from the palette to add; drag from a node&apos;s edge dot to another node to link them.</p>
      </Section>
    </div>
  );
}

function FindingList({ findings }: { findings: ReturnType<typeof selectFindings> }) {
  return (
    <ul className="insp-findings">
      {findings.slice(0, 8).map((f, i) => (
        <li key={i} className={`sev-${f.severity}`}>
          <SeverityIcon severity={f.severity} size={13} />
          <span>
            <b>{f.ruleId}</b> {f.message}
          </span>
        </li>
      ))}
    </ul>
  );
}

function DeleteButton({ ids, label }: { ids: string[]; label: string }) {
  const removeElements = useDesigner((s) => s.removeElements);
  const select = useDesigner((s) => s.select);
  return (
    <div className="insp-danger">
      <button
        className="btn danger"
        onClick={() => {
          removeElements(ids);
          select([], { type: 'deployment' });
        }}
      >
        {label}
      </button>
      <span className="hint">{shortcutOf('undo')} brings it back.</span>
    </div>
  );
}
