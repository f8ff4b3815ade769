/**
 * A server role's inspector: the fields of its kind (inspector-fields.ts) in their groups,
 * then what only some kinds have: the capacity hint, an availability group's replicas,
 * Persistent Chat servers, the Central Management store.
 */
import { useId } from 'react';
import { linkKindLabel, nodeKindLabel } from '../model/link-kinds';
import type { Topology, TopologyNode } from '../model/schema';
import { useDesigner, useDesignerStore } from '../store/designer-context';
import { hostCms } from '../store/edit-commands';
import { selectFindings } from '../store/selectors';
import { KIND_META, KindIcon } from '../ui/kinds';
import { moveToSite } from '../model/placement';
import { SelectOnDemand } from '../ui/select-on-demand';
import { AgEditor } from './ag-editor';
import { CapacityHint } from './capacity-hint';
import { Field } from './inspector-field';
import { FIELDS, applies, type FieldSpec } from './inspector-fields';
import { DeleteButton, FindingList, InspectorHead, Section } from './inspector-parts';
import { fieldValue, validateNode, withField } from './node-edits';
import { PcServersEditor } from './pc-servers-editor';

export function NodeInspector({ node, doc }: { node: TopologyNode; doc: Topology }) {
  const updateNode = useDesigner((s) => s.updateNode);
  const meta = KIND_META[node.kind];
  const fields = FIELDS[node.kind].filter((f) => applies(node, f));
  const groups = [...new Set(fields.map((f) => f.group))];
  const findings = selectFindings(doc).filter((f) => f.nodeIds.includes(node.id));
  return (
    <div className={`insp fam-${meta.family}`}>
      <InspectorHead icon={<KindIcon kind={node.kind} size={22} />} kind={meta.label} title={node.name} />
      <FindingList findings={findings} id={node.id} kind={meta.label} />
      {groups.map((g) => (
        <Section key={g} title={g}>
          {g === 'Identity' && <SiteSelect node={node} doc={doc} />}
          {fields
            .filter((f) => f.group === g)
            .map((f) => (
              <NodeField
                key={`${node.id}:${f.key}`}
                node={node}
                spec={f}
                onCommit={(v) => updateNode(node.id, (n) => withField(n, f.key, v))}
              />
            ))}
          {g === 'Capacity' && <CapacityHint node={node} doc={doc} />}
        </Section>
      ))}
      <KindSections node={node} doc={doc} />
      <LinksOf id={node.id} doc={doc} />
      <DeleteButton ids={[node.id]} label={`Delete ${meta.label.toLowerCase()}`} />
    </div>
  );
}

/** The sections only some kinds have. */
function KindSections({ node, doc }: { node: TopologyNode; doc: Topology }) {
  switch (node.kind) {
    case 'frontEndPool':
    case 'standardEditionServer':
      return <CmsSection node={node} doc={doc} />;
    case 'sqlStore':
      return node.haMode === 'alwaysOnAg' ? <AgEditor store={node} doc={doc} /> : null;
    case 'persistentChatPool':
      return <PcServersEditor node={node} doc={doc} />;
    default:
      return null;
  }
}

function CmsSection({ node, doc }: { node: TopologyNode; doc: Topology }) {
  const store = useDesignerStore();
  return (
    <Section title="Central Management store">
      {doc.deployment.cmsHost === node.id ? (
        <p className="hint">This {nodeKindLabel(node.kind)} holds the Central Management store.</p>
      ) : (
        <button className="btn" onClick={() => hostCms(store, node.id)}>
          Host the CMS here
        </button>
      )}
    </Section>
  );
}

function NodeField({ node, spec, onCommit }: { node: TopologyNode; spec: FieldSpec; onCommit: (v: unknown) => void }) {
  return (
    <Field
      spec={spec}
      value={fieldValue(node, spec.key)}
      validate={(v) => validateNode(withField(node, spec.key, v), spec.key)}
      onCommit={onCommit}
      testId={`field-${spec.key}`}
    />
  );
}

function SiteSelect({ node, doc }: { node: TopologyNode; doc: Topology }) {
  const commit = useDesigner((s) => s.commit);
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        Site
      </label>
      <SelectOnDemand
        id={id}
        value={node.siteId}
        data-testid="field-siteId"
        // Into a free place of the new site's frame (model/placement.ts), one undo step for a run of choices.
        onChange={(e) => commit((d) => moveToSite(d, node.id, e.target.value), { coalesceKey: `node:${node.id}:siteId` })}
        items={doc.sites}
        valueOf={(s) => s.id}
        labelOf={(s) => `${s.name} (${s.kind === 'branch' ? 'branch' : 'data center'})`}
        owner={node.id}
      />
    </div>
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
