/** The rule catalogue: every rule the engine checks (or all catalogue entries), searchable. Loaded on first use. */
import { useState } from 'react';
import { Modal } from './ui/modal';
import { catalogueRows, STATUS_LABEL } from './rules/catalogue-view';
import { RULES_BY_ID } from './rules/registry';
import { SeverityIcon } from './ui/kinds';

export function CatalogueDialog({ onClose }: { onClose: () => void }) {
  const [q, setQ] = useState('');
  const [scope, setScope] = useState<'engine' | 'all'>('engine');
  // The same rows as docs/rules.md (rules/catalogue-view.ts).
  const all = catalogueRows();
  const entries = all.filter(
    (e) =>
      (scope === 'all' || e.status === 'checked') &&
      (q === '' || `${e.id} ${e.message} ${e.family} ${e.familyName}`.toLowerCase().includes(q.toLowerCase())),
  );
  return (
    <Modal title="Rule catalogue" onClose={onClose} wide testId="dialog-catalogue">
      <div className="catalogue-bar">
        <input
          type="search"
          placeholder="Search rules"
          aria-label="Search rules"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <select aria-label="Which rules" value={scope} onChange={(e) => setScope(e.target.value as 'engine')}>
          <option value="engine">Checked by the engine ({RULES_BY_ID.size})</option>
          <option value="all">All catalogue entries ({all.length})</option>
        </select>
        <span className="hint">{entries.length} shown</span>
      </div>
      <ol className="catalogue">
        {entries.map((e) => (
          <li key={e.id} className={`sev-${e.severity}`}>
            <div className="cat-head">
              <SeverityIcon severity={e.severity} size={13} />
              <b>{e.id}</b>
              <span className="pill">{e.tierLabel}</span>
              {e.status === 'structural' && <span className="pill">{STATUS_LABEL.structural}</span>}
              {e.inferred && <span className="pill pill-inferred">inferred</span>}
              {e.status === 'notChecked' && <span className="pill pill-lost">{STATUS_LABEL.notChecked}</span>}
            </div>
            <div>{e.message}</div>
            <div className="hint">Fix: {e.fix}</div>
            <details className="cat-condition">
              <summary>When it fires</summary>
              <div className="hint">{e.condition}</div>
              {e.inferredNote && <div className="hint">Inferred: {e.inferredNote}</div>}
            </details>
            <div className="finding-docs">
              {e.docs.map((d) => (
                <a key={d.path} href={d.url} target="_blank" rel="noreferrer noopener">
                  {d.title} ↗
                </a>
              ))}
            </div>
          </li>
        ))}
      </ol>
    </Modal>
  );
}
