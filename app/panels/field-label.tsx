/** A field's label, with the limits of a number beside it ("1–16", "0+"). */
import type { FieldSpec } from './inspector-fields';

export function FieldLabel({ spec, htmlFor }: { spec: FieldSpec; htmlFor: string }) {
  return (
    <label htmlFor={htmlFor} className="field-label">
      {spec.label}
      {spec.type === 'int' && (
        <span className="field-limits">
          {spec.min}
          {spec.max !== undefined ? `–${spec.max}` : '+'}
        </span>
      )}
    </label>
  );
}
