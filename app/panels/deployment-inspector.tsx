/** With nothing selected: the design's name and description, its mode, where the Central Management store is, and the design at a glance. */
import {
  AD_LEVELS,
  DC_OS_VERSIONS,
  DEPLOYMENT_MODES,
  SIMPLE_URL_COMPONENTS,
  schemas,
  type Deployment,
  type SimpleUrl,
  type Topology,
} from '../model/schema';
import { LIMITS } from '../model/limits';
import { SelectOnDemand } from '../ui/select-on-demand';
import { useDesigner } from '../store/designer-context';
import { EnumField, TextField } from './inspector-field';
import { friendly } from './node-edits';
import { InspectorHead, Section } from './inspector-parts';
import { num } from '../lib/text';

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
          {/* Every Front End pool and Standard Edition server: thousands in a 10,000-node design,
              listed when the user goes to the list (select-on-demand.tsx). */}
          <SelectOnDemand
            id="cms-host"
            data-testid="field-cmsHost"
            value={doc.deployment.cmsHost ?? ''}
            onChange={(e) => updateDeployment({ cmsHost: e.target.value || null })}
            first={<option value="">(not placed)</option>}
            items={registrars}
            valueOf={(r) => r.id}
            labelOf={(r) => `${r.name} (${r.fqdn})`}
            owner="cms-host"
          />
        </div>
      </Section>
      <ActiveDirectoryFields doc={doc} />
      <SimpleUrlFields doc={doc} />
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
          <dd>{num(users)}</dd>
        </dl>
        <p className="hint">
          Select a site, server or link to edit it. Drag from the palette to add; drag from a node&apos;s edge dot to another node
          to link them.
        </p>
      </Section>
    </div>
  );
}

/** "WS2012R2" as an architect reads it: "Windows Server 2012 R2". */
const windowsServer = (v: string) => v.replace(/^WS/, 'Windows Server ').replace(/R2$/, ' R2');

/**
 * The Active Directory the deployment lives in (format v2): forest and domain functional
 * levels and the domain controllers' operating systems, which the Subscription Edition and
 * 2019 prerequisites checks read. "Not stated" leaves the directory undescribed.
 */
function ActiveDirectoryFields({ doc }: { doc: Topology }) {
  const updateDeployment = useDesigner((s) => s.updateDeployment);
  const ad = doc.deployment.activeDirectory;
  const level = (key: 'forestLevel' | 'domainLevel', label: string) => (
    <div className="field">
      <label className="field-label" htmlFor={`ad-${key}`}>
        {label}
      </label>
      <select
        id={`ad-${key}`}
        data-testid={`field-ad-${key}`}
        value={ad?.[key] ?? ''}
        onChange={(e) => {
          const v = AD_LEVELS.find((l) => l === e.target.value);
          if (!v) return updateDeployment({ activeDirectory: undefined });
          updateDeployment({ activeDirectory: { forestLevel: v, domainLevel: v, domainControllerOs: [], ...ad, [key]: v } });
        }}
      >
        <option value="">Not stated</option>
        {AD_LEVELS.map((l) => (
          <option key={l} value={l}>
            {windowsServer(l)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Section title="Active Directory">
      {level('forestLevel', 'Forest functional level')}
      {level('domainLevel', 'Domain functional level')}
      {ad && (
        <fieldset className="field" data-testid="field-ad-dcs">
          <legend className="field-label">Domain controllers run</legend>
          {DC_OS_VERSIONS.map((os) => (
            <label key={os} className="check">
              <input
                type="checkbox"
                checked={ad.domainControllerOs.includes(os)}
                onChange={(e) =>
                  updateDeployment({
                    activeDirectory: {
                      ...ad,
                      domainControllerOs: e.target.checked
                        ? DC_OS_VERSIONS.filter((o) => o === os || ad.domainControllerOs.includes(o))
                        : ad.domainControllerOs.filter((o) => o !== os),
                    },
                  })
                }
              />{' '}
              {windowsServer(os)}
            </label>
          ))}
        </fieldset>
      )}
    </Section>
  );
}

const SIMPLE_URL_LABELS: Record<SimpleUrl['component'], string> = { meet: 'Meet', dialIn: 'Dial-in', admin: 'Admin' };
const SIMPLE_URLS_DOC = 'https://learn.microsoft.com/skypeforbusiness/plan-your-deployment/network-requirements/simple-urls';

/**
 * The simple URLs (format v2) as Topology Builder keeps them: a Meet URL per SIP domain,
 * one Dial-in and one Admin URL for the whole deployment (domain `*`). The importer fills
 * them from a topology document; here they can be stated, corrected or removed.
 */
function SimpleUrlFields({ doc }: { doc: Topology }) {
  const updateDeployment = useDesigner((s) => s.updateDeployment);
  const urls = doc.deployment.simpleUrls ?? [];
  const put = (next: SimpleUrl[]) => updateDeployment({ simpleUrls: next.length ? next : undefined });
  const edit = (i: number, patch: Partial<SimpleUrl>) => put(urls.map((u, j) => (j === i ? { ...u, ...patch } : u)));
  const check = (u: SimpleUrl, key: 'domain' | 'url') => {
    const r = schemas().simpleUrl.safeParse(u);
    const issue = r.success ? undefined : r.error.issues.find((x) => x.path[0] === key);
    return issue ? friendly(issue.message) : undefined;
  };
  const domain = doc.nodes
    .find((n) => n.kind === 'frontEndPool' || n.kind === 'standardEditionServer')
    ?.fqdn.split('.')
    .slice(1)
    .join('.');
  return (
    <Section title="Simple URLs">
      {urls.length === 0 && (
        <p className="hint">
          None stated. Meet, Dial-in and Admin URLs, as in Topology Builder (
          <a href={SIMPLE_URLS_DOC} target="_blank" rel="noreferrer">
            Plan for simple URLs ↗
          </a>
          ).
        </p>
      )}
      <ol className="simple-urls" data-testid="simple-urls">
        {urls.map((u, i) => (
          <li key={i} data-testid={`simple-url-${i}`}>
            <EnumField
              label="Simple URL"
              options={SIMPLE_URL_COMPONENTS}
              labels={SIMPLE_URL_LABELS}
              value={u.component}
              onCommit={(component) => edit(i, { component, domain: component === 'meet' ? u.domain : '*' })}
              testId={`field-simple-url-${i}-component`}
            />
            {u.component === 'meet' && (
              <TextField
                label="SIP domain"
                value={u.domain}
                validate={(x) => check({ ...u, domain: x ?? '' }, 'domain')}
                onCommit={(x) => edit(i, { domain: x ?? '' })}
                testId={`field-simple-url-${i}-domain`}
              />
            )}
            <TextField
              label="URL"
              value={u.url}
              validate={(x) => check({ ...u, url: x ?? '' }, 'url')}
              onCommit={(x) => edit(i, { url: x ?? '' })}
              testId={`field-simple-url-${i}-url`}
            />
            <button
              className="btn small"
              onClick={() => put(urls.filter((_, j) => j !== i))}
              data-testid={`simple-url-${i}-remove`}
            >
              Remove this URL
            </button>
          </li>
        ))}
      </ol>
      {urls.length < LIMITS.maxListItems && (
        <button
          className="btn small"
          data-testid="simple-url-add"
          onClick={() => {
            const has = (c: SimpleUrl['component']) => urls.some((u) => u.component === c);
            const component = !has('meet') ? 'meet' : !has('dialIn') ? 'dialIn' : !has('admin') ? 'admin' : 'meet';
            const host = { meet: 'meet', dialIn: 'dialin', admin: 'admin' }[component];
            const d = domain || 'contoso.com';
            put([...urls, { component, domain: component === 'meet' ? d : '*', url: `https://${host}.${d}` }]);
          }}
        >
          Add a simple URL
        </button>
      )}
    </Section>
  );
}
