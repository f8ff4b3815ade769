/** With nothing selected: the design's name and description, its mode, where the Central Management store is, and the design at a glance. */
import { DEPLOYMENT_MODES, type Deployment, type Topology } from '../model/schema';
import { LIMITS } from '../model/limits';
import { useDesigner } from '../store/designer-context';
import { EnumField, TextField } from './inspector-field';
import { InspectorHead, Section } from './inspector-parts';

const MODE_LABELS: Record<Deployment['mode'], string> = {
  greenfield: 'Greenfield (new deployment)',
  transition: 'Transition (change to an existing one)',
};

export function DeploymentInspector({ doc }: { doc: Topology }) {
  const setName = useDesigner((s) => s.setName);
  const setDescription = useDesigner((s) => s.setDescription);
  const updateDeployment = useDesigner((s) => s.updateDeployment);
  const registrars = doc.nodes.filter((n) => n.kind === 'frontEndPool' || n.kind === 'standardEditionServer');
  const count = (k: string) => doc.nodes.filter((n) => n.kind === k).length;
  const users = doc.nodes.reduce((s, n) => s + ('users' in n && n.kind !== 'survivableBranch' ? n.users : 0), 0);
  return (
    <div className="insp">
      <InspectorHead icon="◈" kind="Deployment" title={doc.name} />
      <Section title="Design">
        <TextField
          label="Design name"
          value={doc.name}
          validate={(x) =>
            (x ?? '').length > LIMITS.maxNameChars ? `must be at most ${LIMITS.maxNameChars} characters` : undefined
          }
          onCommit={(x) => setName(x ?? '')}
          testId="field-doc-name"
        />
        <div className="field">
          <label className="field-label" htmlFor="doc-desc">
            Description
          </label>
          <textarea
            id="doc-desc"
            rows={4}
            maxLength={LIMITS.maxDescriptionChars}
            value={doc.description ?? ''}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <EnumField
          label="Mode"
          options={DEPLOYMENT_MODES}
          labels={MODE_LABELS}
          value={doc.deployment.mode}
          onCommit={(mode) => updateDeployment({ mode })}
          testId="field-mode"
        />
        <div className="field">
          <label className="field-label" htmlFor="cms-host">
            Central Management store on
          </label>
          <select
            id="cms-host"
            data-testid="field-cmsHost"
            value={doc.deployment.cmsHost ?? ''}
            onChange={(e) => updateDeployment({ cmsHost: e.target.value || null })}
          >
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
        <p className="hint">
          Select a site, server or link to edit it. Drag from the palette to add; drag from a node&apos;s edge dot to another node
          to link them.
        </p>
      </Section>
    </div>
  );
}
