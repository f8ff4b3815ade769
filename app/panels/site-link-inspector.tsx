/**
 * A WAN link's inspector (format v2 site links): the two sites it joins, what the
 * architect states about it (fast, secured, resilient), and removing it. Each change is one undo step and the checks that read the WAN run again.
 */
import type { SiteLink, Topology } from '../model/schema';
import { isWeakSiteLink, siteLinkText } from '../model/site-link-text';
import type { Finding } from '../rules/types';
import { useDesigner, useDesignerStore } from '../store/designer-context';
import { selectFindings } from '../store/selectors';
import { BoolField } from './inspector-field';
import { DeleteButton, FindingList, InspectorHead, Section } from './inspector-parts';

export function SiteLinkInspector({ link, doc }: { link: SiteLink; doc: Topology }) {
  const updateSiteLink = useDesigner((s) => s.updateSiteLink);
  const select = useDesigner((s) => s.select);
  const store = useDesignerStore();
  const all = selectFindings(doc);
  const findings = all.filter((f) => f.linkIds.includes(link.id));
  // A finding on the WAN is about the pools or servers at its ends: picking it selects them
  // with the WAN link and highlights it in the findings list, the inspector staying here.
  const pick = (f: Finding) => {
    const s = store.getState();
    s.highlightFinding(all.indexOf(f));
    s.select([...new Set([...f.nodeIds, ...f.siteIds, ...f.linkIds])], { type: 'siteLink', id: link.id });
  };
  const site = (id: string) => doc.sites.find((s) => s.id === id);
  const a = site(link.from);
  const b = site(link.to);
  const siteButton = (id: string, name: string) => (
    <button type="button" className="link-button" onClick={() => select([id], { type: 'site', id })}>
      {name}
    </button>
  );
  return (
    <div className="insp" data-testid="site-link-inspector">
      <InspectorHead icon="⇄" iconClass="link-icon" kind="WAN link" title={`${a?.name ?? link.from} ⟷ ${b?.name ?? link.to}`} />
      <FindingList findings={findings} id={link.id} kind="WAN link" onPick={pick} />
      <Section title="Sites">
        <p className="endpoints">
          {siteButton(link.from, a?.name ?? link.from)} ⟷ {siteButton(link.to, b?.name ?? link.to)}
        </p>
        <p className={`hint ${isWeakSiteLink(link) ? 'is-warning' : ''}`}>{siteLinkText(link)}</p>
      </Section>
      <Section title="What the WAN offers">
        <BoolField
          label="Fast (high bandwidth, low latency)"
          value={link.fast}
          onCommit={(fast) => updateSiteLink(link.id, { fast })}
          testId="field-site-link-fast"
        />
        <BoolField
          label="Secured (private or encrypted)"
          value={link.secured}
          onCommit={(secured) => updateSiteLink(link.id, { secured })}
          testId="field-site-link-secured"
        />
        <BoolField
          label="Resilient (redundant path)"
          value={link.resilient}
          onCommit={(resilient) => updateSiteLink(link.id, { resilient })}
          testId="field-site-link-resilient"
        />
        <p className="hint">
          The checks read these: paired pools want a secured link, and a resilient one when voice fails over; active Persistent
          Chat servers want a fast link to their database; a branch without a Survivable Branch Appliance wants a resilient one.
        </p>
      </Section>
      <DeleteButton ids={[link.id]} label="Delete WAN link" />
    </div>
  );
}
