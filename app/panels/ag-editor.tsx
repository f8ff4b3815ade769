/** An AlwaysOn availability group's listener and replicas, checked by the format's schema before each write. */
import { withPatch } from '../lib/patch';
import {
  COMMIT_MODES,
  FAILOVER_MODES,
  schemas,
  type AgReplica,
  type AvailabilityGroup,
  type SqlStore,
  type Topology,
} from '../model/schema';
import { useDesigner } from '../store/designer-context';
import { choice, IntField, TextField } from './inspector-field';
import { Section } from './inspector-parts';
import { friendly } from './node-edits';
import { SelectOnDemand } from '../ui/select-on-demand';

const siteId = (s: Topology['sites'][number]) => s.id;
const siteName = (s: Topology['sites'][number]) => s.name;

export function AgEditor({ store, doc }: { store: SqlStore; doc: Topology }) {
  const updateNode = useDesigner((s) => s.updateNode);
  const ag: AvailabilityGroup = store.ag ?? { listenerFqdn: store.fqdn, listenerPort: 1433, replicas: [] };
  const problem = (next: AvailabilityGroup) => {
    const r = schemas().node.safeParse({ ...store, ag: next });
    return r.success ? undefined : friendly(r.error.issues[0]?.message ?? 'invalid');
  };
  const set = (next: AvailabilityGroup) => {
    if (problem(next) === undefined) updateNode(store.id, { ag: next });
  };
  const replica = (i: number, patch: Partial<AgReplica>) => ({
    ...ag,
    replicas: ag.replicas.map((x, j) => (j === i ? { ...x, ...patch } : x)),
  });
  return (
    <Section title="Availability group">
      <TextField
        label="Listener FQDN"
        fqdn
        value={ag.listenerFqdn}
        validate={(v) => (problem({ ...ag, listenerFqdn: v ?? '' }) ? 'must be a DNS name' : undefined)}
        onCommit={(v) => set({ ...ag, listenerFqdn: v ?? '' })}
        testId="field-ag-listener"
      />
      <IntField
        label="Listener port"
        min={1}
        max={65535}
        optional
        value={ag.listenerPort}
        onCommit={(v) => set(withPatch(ag, { listenerPort: v }))}
        testId="field-ag-port"
      />
      <div className="replicas">
        {ag.replicas.map((r, i) => (
          <div className="replica" key={i} data-testid={`replica-${i}`}>
            <div className="replica-head">
              Replica {i + 1}
              {i === 0 ? ' (primary)' : ''}
              <button
                className="btn-icon"
                aria-label={`Remove replica ${i + 1}`}
                onClick={() => set({ ...ag, replicas: ag.replicas.filter((_, j) => j !== i) })}
              >
                ✕
              </button>
            </div>
            <TextField
              label="Server FQDN"
              fqdn
              value={r.fqdn}
              validate={(v) => (problem(replica(i, { fqdn: v ?? '' })) ? 'must be a DNS name' : undefined)}
              onCommit={(v) => set(replica(i, { fqdn: v ?? '' }))}
              testId={`field-replica-${i}-fqdn`}
            />
            <div className="replica-row">
              <SelectOnDemand
                aria-label={`Replica ${i + 1} site`}
                value={r.siteId}
                onChange={(e) => set(replica(i, { siteId: e.target.value }))}
                items={doc.sites}
                valueOf={siteId}
                labelOf={siteName}
                owner={`${store.id}:${i}`}
              />
              <select
                aria-label={`Replica ${i + 1} commit mode`}
                value={r.commitMode}
                onChange={(e) => set(replica(i, { commitMode: choice(COMMIT_MODES, e.target.value) ?? r.commitMode }))}
              >
                {COMMIT_MODES.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
              <select
                aria-label={`Replica ${i + 1} failover mode`}
                value={r.failoverMode}
                onChange={(e) => set(replica(i, { failoverMode: choice(FAILOVER_MODES, e.target.value) ?? r.failoverMode }))}
              >
                {FAILOVER_MODES.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
              <label className="switch small">
                <input type="checkbox" checked={r.readable} onChange={(e) => set(replica(i, { readable: e.target.checked }))} />
                <span>readable</span>
              </label>
            </div>
          </div>
        ))}
        <button
          className="btn small"
          onClick={() =>
            set({
              ...ag,
              replicas: [
                ...ag.replicas,
                {
                  fqdn: store.fqdn.replace(/^([^.]+)/, `$1-n${ag.replicas.length + 1}`),
                  siteId: store.siteId,
                  commitMode: 'synchronous',
                  failoverMode: 'automatic',
                  readable: false,
                },
              ],
            })
          }
        >
          + Add replica
        </button>
      </div>
    </Section>
  );
}
