/**
 * The inspector: edit every field of the selected node, link, site or the deployment,
 * validated by the document's own zod schemas with inline messages. A value is committed
 * only when valid; an invalid entry stays in the field with its message until fixed.
 * One component per kind of item (node-inspector, link-inspector, site-inspector,
 * deployment-inspector); several cards of one kind get the bulk editor.
 */
import { useMemo, type ReactNode } from 'react';
import { shortcutOf } from '../store/commands';
import { useDesigner } from '../store/designer-context';
import { useRulesReady } from '../store/selectors';
import { ArrangeBar } from './arrange-bar';
import { commonKind } from './bulk-edit';
import { BulkEditor } from './bulk-editor';
import { DeploymentInspector } from './deployment-inspector';
import { LinkInspector } from './link-inspector';
import { NodeInspector } from './node-inspector';
import { SiteInspector } from './site-inspector';
import { SiteLinkInspector } from './site-link-inspector';

export function Inspector() {
  // The findings listed under an element appear when the rule engine has loaded.
  useRulesReady();
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
  let body: ReactNode = <DeploymentInspector doc={doc} />;
  if (inspected?.type === 'node') {
    const n = doc.nodes.find((x) => x.id === inspected.id);
    if (n) body = <NodeInspector key={n.id} node={n} doc={doc} />;
  } else if (inspected?.type === 'link') {
    const l = doc.links.find((x) => x.id === inspected.id);
    if (l) body = <LinkInspector key={l.id} link={l} doc={doc} />;
  } else if (inspected?.type === 'site') {
    const s = doc.sites.find((x) => x.id === inspected.id);
    if (s) body = <SiteInspector key={s.id} site={s} doc={doc} />;
  } else if (inspected?.type === 'siteLink') {
    const l = doc.siteLinks?.find((x) => x.id === inspected.id);
    if (l) body = <SiteLinkInspector key={l.id} link={l} doc={doc} />;
  }
  // Several cards of one kind and nothing else: edit them together.
  if (cards.length > 1 && cards.length === selectedIds.length && commonKind(cards))
    body = <BulkEditor key={selectedIds.join(',')} nodes={cards} />;
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
