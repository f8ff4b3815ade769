/**
 * "Apply a cumulative update" for the open design (procedure M3, no migration): every
 * pool by upgrade domain, paired pools one at a time, AlwaysOn replicas secondaries
 * first, the other server roles after; as steps, with Markdown, PowerShell and JSON
 * downloads like the other runbooks.
 */
import { useMemo } from 'react';
import { migrationToJson, migrationToMarkdown, migrationToPowerShell, planCumulativeUpdate } from '../migrate/index';
import { productVersionLabel } from '../model/product-versions';
import { useDesigner } from '../store/designer-context';
import { download, fileNameFor } from '../store/documents';
import { RunbookSteps } from './migration-runbook-steps';

export function MaintenanceRunbook() {
  const doc = useDesigner((s) => s.doc);
  const plan = useMemo(() => planCumulativeUpdate(doc), [doc]);
  const save = (kind: 'md' | 'ps1' | 'json') => {
    const text = kind === 'md' ? migrationToMarkdown(plan) : kind === 'ps1' ? migrationToPowerShell(plan) : migrationToJson(plan);
    download(
      fileNameFor(
        doc,
        kind === 'md' ? 'cumulative-update.md' : kind === 'ps1' ? 'cumulative-update.ps1' : 'cumulative-update.json',
      ),
      text,
      kind === 'json' ? 'application/json' : 'text/plain;charset=utf-8',
    );
  };
  const pairs = doc.links.filter((l) => l.kind === 'pairing').length;
  return (
    <div className="maintenance" data-testid="maintenance-runbook">
      <div className="steps-bar">
        <span className="hint" data-testid="maintenance-summary">
          {plan.targetVersions.map(productVersionLabel).join(', ') || 'No server roles'} · {plan.steps.length} steps
          {pairs ? ` · ${pairs === 1 ? 'the paired pools' : `${pairs} pairs`} one pool at a time` : ''}
        </span>
        <span className="steps-downloads">
          <button className="btn small" onClick={() => save('md')} data-testid="maintenance-download-md">
            Download Markdown
          </button>
          <button className="btn small" onClick={() => save('ps1')} data-testid="maintenance-download-ps1">
            Download .ps1
          </button>
          <button className="btn small" onClick={() => save('json')} data-testid="maintenance-download-json">
            JSON
          </button>
        </span>
      </div>
      <p className="hint maintenance-intro">
        For a deployment that stays on its version: install a cumulative update on every pool without taking its users down. One
        upgrade domain at a time inside a pool; of a pair, the second pool only once the first is done and the Backup Service has
        settled; AlwaysOn replicas secondaries first, never the primary first.
      </p>
      <RunbookSteps plan={plan} />
    </div>
  );
}
