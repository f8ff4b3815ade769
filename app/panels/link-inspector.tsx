/** A link's inspector: its ends, and the settings its kind has (store role, mirroring, witness port, Voice resiliency). */
import { withPatch, type Patch } from '../lib/patch';
import { linkKindLabel } from '../model/link-kinds';
import { schemas, STORE_ROLES, TRUNK_TRANSPORTS, type Link, type Topology } from '../model/schema';
import { useDesigner } from '../store/designer-context';
import { selectFindings } from '../store/selectors';
import { BoolField, choice, IntField } from './inspector-field';
import { DeleteButton, FindingList, InspectorHead, Section } from './inspector-parts';
import { friendly } from './node-edits';

export function LinkInspector({ link, doc }: { link: Link; doc: Topology }) {
  const updateLink = useDesigner((s) => s.updateLink);
  const from = doc.nodes.find((n) => n.id === link.from);
  const to = doc.nodes.find((n) => n.id === link.to);
  const findings = selectFindings(doc).filter((f) => f.linkIds.includes(link.id));
  /** What the format says of the link with this change, or undefined when it is valid. */
  const problem = (patch: Patch<Link>) => {
    const r = schemas().link.safeParse(withPatch(link, patch));
    return r.success ? undefined : friendly(r.error.issues[0]?.message ?? 'invalid');
  };
  const set = (patch: Patch<Link>) => updateLink(link.id, patch);
  return (
    <div className="insp">
      <InspectorHead icon="⟷" iconClass="link-icon" kind="Link" title={linkKindLabel(link.kind)} />
      <FindingList findings={findings} id={link.id} kind="link" />
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
            <select
              id="store-role"
              value={link.role}
              onChange={(e) => set({ role: choice(STORE_ROLES, e.target.value) ?? link.role })}
            >
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
          <IntField
            label="Endpoint port (default 5022)"
            min={1}
            max={65535}
            optional
            value={link.port}
            validate={(port) => problem({ port })}
            onCommit={(port) => set({ port })}
            testId="field-mirror-port"
          />
          <BoolField
            label="Synchronous (high safety)"
            value={link.synchronous ?? true}
            onCommit={(synchronous) => set({ synchronous })}
            testId="field-mirror-sync"
          />
        </Section>
      )}
      {link.kind === 'witness' && (
        <Section title="Witness">
          <IntField
            label="Witness port (default 7022)"
            min={1}
            max={65535}
            optional
            value={link.port}
            validate={(port) => problem({ port })}
            onCommit={(port) => set({ port })}
            testId="field-witness-port"
          />
        </Section>
      )}
      {link.kind === 'pairing' && (
        <Section title="Resiliency">
          <BoolField
            label="Automatic failover and failback for Voice"
            value={link.voiceFailover ?? false}
            onCommit={(voiceFailover) => set({ voiceFailover })}
            testId="field-voiceFailover"
          />
          {link.voiceFailover && (
            <IntField
              label="Failure detection interval (s, default 300)"
              min={1}
              max={86400}
              optional
              value={link.voiceFailoverSeconds}
              validate={(voiceFailoverSeconds) => problem({ voiceFailoverSeconds })}
              onCommit={(voiceFailoverSeconds) => set({ voiceFailoverSeconds })}
              testId="field-voiceFailoverSeconds"
            />
          )}
        </Section>
      )}
      {link.kind === 'trunk' && (
        <Section title="SIP trunk">
          <IntField
            label="Mediation Server listening port (e.g. 5067 for TLS)"
            min={1}
            max={65535}
            optional
            value={link.mediationPort}
            validate={(mediationPort) => problem({ mediationPort })}
            onCommit={(mediationPort) => set({ mediationPort })}
            testId="field-trunk-mediationPort"
          />
          <IntField
            label="Peer listening port"
            min={1}
            max={65535}
            optional
            value={link.peerPort}
            validate={(peerPort) => problem({ peerPort })}
            onCommit={(peerPort) => set({ peerPort })}
            testId="field-trunk-peerPort"
          />
          <div className="field">
            <label className="field-label" htmlFor={`trunk-transport-${link.id}`}>
              Transport
            </label>
            <select
              id={`trunk-transport-${link.id}`}
              data-testid="field-trunk-transport"
              value={link.transport ?? ''}
              onChange={(e) => set({ transport: choice(TRUNK_TRANSPORTS, e.target.value) })}
            >
              <option value="">Not stated</option>
              {TRUNK_TRANSPORTS.map((t) => (
                <option key={t} value={t}>
                  {t.toUpperCase()}
                </option>
              ))}
            </select>
          </div>
        </Section>
      )}
      <DeleteButton ids={[link.id]} label="Delete link" />
    </div>
  );
}
