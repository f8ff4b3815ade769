/** A site's inspector: name, kind, region and data center, checked by the format's schema. */
import { withPatch, type Patch } from '../lib/patch';
import { SITE_KINDS, schemas, type Site, type Topology } from '../model/schema';
import { useDesigner } from '../store/designer-context';
import { selectFindings } from '../store/selectors';
import { SiteIcon } from '../ui/kinds';
import { BoolField, EnumField, TextField } from './inspector-field';
import { DeleteButton, FindingList, InspectorHead, Section } from './inspector-parts';
import { friendly } from './node-edits';

const SITE_KIND_LABELS: Record<Site['kind'], string> = { central: 'Central site (data center)', branch: 'Branch site' };

export function SiteInspector({ site, doc }: { site: Site; doc: Topology }) {
  const updateSite = useDesigner((s) => s.updateSite);
  const members = doc.nodes.filter((n) => n.siteId === site.id);
  const findings = selectFindings(doc).filter((f) => f.siteIds.includes(site.id));
  const problem = (patch: Patch<Site>) => {
    const r = schemas().site.safeParse(withPatch(site, patch));
    return r.success ? undefined : friendly(r.error.issues[0]?.message ?? 'invalid');
  };
  const set = (patch: Patch<Site>) => updateSite(site.id, patch);
  const nodes = `${members.length} node${members.length === 1 ? '' : 's'}`;
  return (
    <div className="insp">
      <InspectorHead
        icon={<SiteIcon branch={site.kind === 'branch'} size={22} />}
        kind={SITE_KIND_LABELS[site.kind]}
        title={site.name}
      />
      <FindingList findings={findings} id={site.id} kind={site.kind === 'branch' ? 'branch site' : 'data center'} />
      <Section title="Site">
        <TextField
          label="Name"
          nonBlank
          value={site.name}
          validate={(name) => problem({ name: name ?? '' })}
          onCommit={(name) => set({ name: name ?? '' })}
          testId="field-site-name"
        />
        <EnumField
          label="Kind"
          options={SITE_KINDS}
          labels={SITE_KIND_LABELS}
          value={site.kind}
          onCommit={(kind) => set({ kind })}
          testId="field-site-kind"
        />
        {site.kind === 'branch' && (
          <div className="field">
            <label className="field-label" htmlFor={`site-parent-${site.id}`}>
              Central site it depends on
            </label>
            <select
              id={`site-parent-${site.id}`}
              data-testid="field-site-parent"
              value={site.parentSiteId ?? ''}
              onChange={(e) => set({ parentSiteId: e.target.value || undefined })}
            >
              <option value="">Not stated</option>
              {doc.sites
                .filter((c) => c.kind === 'central' && c.id !== site.id)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
            <p className="hint">
              Topology Builder&apos;s parent site: the branch&apos;s backup registrar and WAN checks read it.
            </p>
          </div>
        )}
        <TextField
          label="World region"
          optional
          placeholder="e.g. EU"
          value={site.region}
          validate={(region) => problem({ region })}
          onCommit={(region) => set({ region })}
          testId="field-site-region"
        />
        <TextField
          label="Data center"
          optional
          placeholder="defaults to the site"
          value={site.datacenter}
          validate={(datacenter) => problem({ datacenter })}
          onCommit={(datacenter) => set({ datacenter })}
          testId="field-site-datacenter"
        />
        <p className="hint">
          {members.length} server role{members.length === 1 ? '' : 's'} in this site.
        </p>
      </Section>
      <WanLinks site={site} doc={doc} />
      <DeleteButton ids={[site.id]} label={members.length ? `Delete site and its ${nodes}` : 'Delete site'} />
    </div>
  );
}

/**
 * The site's WAN links (format v2 site links): each with the site at its other end and
 * what the architect states about it, a way to connect another site, and to remove one.
 */
function WanLinks({ site, doc }: { site: Site; doc: Topology }) {
  const addSiteLink = useDesigner((s) => s.addSiteLink);
  const updateSiteLink = useDesigner((s) => s.updateSiteLink);
  const removeElements = useDesigner((s) => s.removeElements);
  const select = useDesigner((s) => s.select);
  const links = (doc.siteLinks ?? []).filter((l) => l.from === site.id || l.to === site.id);
  const nameOf = (id: string) => doc.sites.find((s) => s.id === id)?.name ?? id;
  const joined = new Set(links.map((l) => (l.from === site.id ? l.to : l.from)));
  const candidates = doc.sites.filter((s) => s.id !== site.id && !joined.has(s.id));
  return (
    <Section title="WAN links">
      {links.map((l) => {
        const other = l.from === site.id ? l.to : l.from;
        return (
          <div className="wan-link" key={l.id} data-testid={`wan-link-${l.id}`}>
            <p className="wan-link-head">
              <button
                type="button"
                className="link-button"
                onClick={() => select([l.id], { type: 'siteLink', id: l.id })}
                title="Show this WAN link on the canvas and edit it"
              >
                To <strong>{nameOf(other)}</strong>
              </button>
              <button
                type="button"
                className="link-button"
                onClick={() => removeElements([l.id])}
                aria-label={`Remove the WAN link to ${nameOf(other)}`}
              >
                Remove
              </button>
            </p>
            <BoolField
              label="Fast (high bandwidth, low latency)"
              value={l.fast}
              onCommit={(fast) => updateSiteLink(l.id, { fast })}
              testId={`field-wan-fast-${l.id}`}
            />
            <BoolField
              label="Secured (private or encrypted)"
              value={l.secured}
              onCommit={(secured) => updateSiteLink(l.id, { secured })}
              testId={`field-wan-secured-${l.id}`}
            />
            <BoolField
              label="Resilient (redundant path)"
              value={l.resilient}
              onCommit={(resilient) => updateSiteLink(l.id, { resilient })}
              testId={`field-wan-resilient-${l.id}`}
            />
          </div>
        );
      })}
      {candidates.length > 0 && (
        <label className="field">
          <span className="field-label">Connect to site…</span>
          <select
            value=""
            data-testid="wan-connect"
            onChange={(e) => {
              if (e.target.value) addSiteLink(site.id, e.target.value);
            }}
          >
            <option value="">Choose a site</option>
            {candidates.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <p className="hint">
        You can also drag from the site's WAN handle (right of its name on the canvas) to another site.{' '}
        {doc.siteLinks === undefined
          ? 'No WAN is described yet: the checks that read the WAN between sites wait until the first link is added.'
          : 'The checks read the WAN: two sites without a link here have none between them.'}
      </p>
    </Section>
  );
}
