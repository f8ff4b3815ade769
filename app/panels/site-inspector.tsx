/** A site's inspector: name, kind, region and data center, checked by the format's schema. */
import { withPatch, type Patch } from '../lib/patch';
import { SITE_KINDS, SiteSchema, type Site, type Topology } from '../model/schema';
import { useDesigner } from '../store/designer-context';
import { selectFindings } from '../store/selectors';
import { SiteIcon } from '../ui/kinds';
import { EnumField, TextField } from './inspector-field';
import { DeleteButton, FindingList, InspectorHead, Section } from './inspector-parts';
import { friendly } from './node-edits';

const SITE_KIND_LABELS: Record<Site['kind'], string> = { central: 'Central site (data center)', branch: 'Branch site' };

export function SiteInspector({ site, doc }: { site: Site; doc: Topology }) {
  const updateSite = useDesigner((s) => s.updateSite);
  const members = doc.nodes.filter((n) => n.siteId === site.id);
  const findings = selectFindings(doc).filter((f) => f.siteIds.includes(site.id));
  const problem = (patch: Patch<Site>) => {
    const r = SiteSchema.safeParse(withPatch(site, patch));
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
      <DeleteButton ids={[site.id]} label={members.length ? `Delete site and its ${nodes}` : 'Delete site'} />
    </div>
  );
}
