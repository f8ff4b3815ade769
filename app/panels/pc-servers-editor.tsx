/** The servers of a Persistent Chat pool: each in a site, active or standby. */
import type { PersistentChatPool, PersistentChatServer, Topology } from '../model/schema';
import { useDesigner } from '../store/designer-context';
import { Section } from './inspector-parts';
import { SelectOnDemand } from '../ui/select-on-demand';

export function PcServersEditor({ node, doc }: { node: PersistentChatPool; doc: Topology }) {
  const updateNode = useDesigner((s) => s.updateNode);
  const set = (servers: PersistentChatServer[]) => updateNode(node.id, { servers });
  const change = (i: number, patch: Partial<PersistentChatServer>) =>
    set(node.servers.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Section title="Persistent Chat servers">
      {node.servers.map((s, i) => (
        <div className="replica-row" key={i}>
          <span className="replica-num">#{i + 1}</span>
          <SelectOnDemand
            aria-label={`Server ${i + 1} site`}
            value={s.siteId}
            onChange={(e) => change(i, { siteId: e.target.value })}
            items={doc.sites}
            valueOf={(site) => site.id}
            labelOf={(site) => site.name}
            owner={`${node.id}:${i}`}
          />
          <label className="switch small">
            <input type="checkbox" checked={s.active} onChange={(e) => change(i, { active: e.target.checked })} />
            <span>active</span>
          </label>
          <button
            className="btn-icon"
            aria-label={`Remove server ${i + 1}`}
            onClick={() => set(node.servers.filter((_, j) => j !== i))}
          >
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
