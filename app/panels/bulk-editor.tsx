/** The inspector for several nodes of one kind: the fields they share, set for all at once (one undo step). */
import { useEffect, useId, useRef, useState } from 'react';
import type { TopologyNode } from '../model/schema';
import { useDesigner } from '../store/designer-context';
import { KIND_META, KindIcon } from '../ui/kinds';
import { commonKind, commonValue, editAll, sharedFields, type CommonValue } from './bulk-edit';
import { FieldLabel } from './field-label';
import type { FieldSpec } from './inspector-fields';

export function BulkEditor({ nodes }: { nodes: TopologyNode[] }) {
  const commit = useDesigner((s) => s.commit);
  const [error, setError] = useState<string | undefined>();
  const kind = commonKind(nodes);
  if (!kind) return null;
  const meta = KIND_META[kind];
  const fields = sharedFields(nodes);
  const groups = [...new Set(fields.map((f) => f.group))];

  const apply = (spec: FieldSpec, value: unknown) => {
    const r = editAll(nodes, spec.key, value);
    if (!r.ok) {
      setError(`${spec.label} ${r.message} (${r.node.name}): nothing was changed.`);
      return;
    }
    setError(undefined);
    const next = new Map(r.nodes.map((n) => [n.id, n]));
    commit((d) => ({ ...d, nodes: d.nodes.map((n) => next.get(n.id) ?? n) }));
  };

  return (
    <div className={`insp fam-${meta.family}`} data-testid="bulk-editor">
      <header className="insp-head">
        <span className="insp-icon">
          <KindIcon kind={kind} size={22} />
        </span>
        <div>
          <div className="insp-kind">
            {nodes.length} {meta.label}
            {meta.label.endsWith('s') ? 'es' : 's'}
          </div>
          <div className="insp-title">Edit them together</div>
        </div>
      </header>
      <p className="hint">
        A change here applies to all {nodes.length}, as one undo step. Fields whose values differ show “mixed”. Names and FQDNs
        stay per node.
      </p>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      {groups.map((g) => (
        <section key={g} className="insp-section">
          <h3>{g}</h3>
          {fields
            .filter((f) => f.group === g)
            .map((f) => (
              <BulkField key={f.key} spec={f} current={commonValue(nodes, f.key)} onApply={(v) => apply(f, v)} />
            ))}
        </section>
      ))}
    </div>
  );
}

function BulkField({ spec, current, onApply }: { spec: FieldSpec; current: CommonValue; onApply: (v: unknown) => void }) {
  const id = useId();
  const shown = current.mixed || current.value === undefined || current.value === null ? '' : String(current.value);
  const [draft, setDraft] = useState(shown);
  useEffect(() => setDraft(shown), [shown]);
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = current.mixed;
  }, [current.mixed]);
  const testId = `bulk-${spec.key}`;

  switch (spec.type) {
    case 'list':
      // One value for several nodes makes no sense here (each Edge pool has its own addresses).
      return null;
    case 'bool':
      return (
        <div className="field field-bool">
          <label className="switch">
            <input
              ref={box}
              id={id}
              type="checkbox"
              checked={!current.mixed && current.value === true}
              data-testid={testId}
              onChange={(e) => onApply(e.target.checked)}
            />
            <span>
              {spec.label}
              {current.mixed && <span className="field-limits">mixed</span>}
            </span>
          </label>
        </div>
      );
    case 'enum':
      return (
        <div className="field">
          <FieldLabel spec={spec} htmlFor={id} />
          <select
            id={id}
            value={current.mixed ? '' : shown}
            data-testid={testId}
            onChange={(e) => e.target.value !== '' && onApply(e.target.value)}
          >
            {current.mixed && (
              <option value="" disabled>
                (mixed)
              </option>
            )}
            {spec.options.map((o) => (
              <option key={o} value={o}>
                {spec.labels?.[o] ?? o}
              </option>
            ))}
          </select>
        </div>
      );
    case 'int':
    case 'text':
    case 'fqdn': {
      // Typed values apply on Enter or on leaving the field, not on every keystroke.
      const submit = () => {
        if (draft === shown) return;
        const optional = 'optional' in spec && spec.optional;
        if (draft.trim() === '') return optional ? onApply(undefined) : setDraft(shown);
        if (spec.type === 'int') return /^\s*-?\d+\s*$/.test(draft) ? onApply(Number(draft)) : setDraft(shown);
        onApply(draft);
      };
      return (
        <div className="field">
          <FieldLabel spec={spec} htmlFor={id} />
          <input
            id={id}
            type={spec.type === 'int' ? 'number' : 'text'}
            inputMode={spec.type === 'int' ? 'numeric' : undefined}
            spellCheck={false}
            value={draft}
            placeholder={current.mixed ? '(mixed)' : 'placeholder' in spec ? spec.placeholder : undefined}
            data-testid={testId}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={submit}
            onKeyDown={(e) => e.key === 'Enter' && submit()}
          />
        </div>
      );
    }
  }
}
