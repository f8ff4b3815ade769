/**
 * The inspector's form field: one control per field type, the value checked before it is
 * committed, an invalid entry kept in the field with its message until fixed. The typed
 * fields (`IntField`, `BoolField`, `TextField`, `EnumField`) give the panels values of the
 * type the document holds, so their writes need no casts.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { FieldLabel } from './field-label';
import type { FieldSpec } from './inspector-fields';

/** What a field hands back: a number for `int`, a boolean for `bool`, a list of texts for `list`, text otherwise; `undefined` for an emptied optional field. */
export type FieldValue = string | number | boolean | readonly string[] | undefined;

interface FieldProps<V> {
  value: V;
  validate?: (v: V) => string | undefined;
  onCommit: (v: V) => void;
  testId: string;
}

export function Field({
  spec,
  value,
  validate,
  onCommit,
  testId,
}: {
  spec: FieldSpec;
  value: unknown;
  validate: (v: FieldValue) => string | undefined;
  onCommit: (v: FieldValue) => void;
  testId: string;
}) {
  const id = useId();
  const shown = value === undefined || value === null ? '' : Array.isArray(value) ? value.join(', ') : String(value);
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setDraft(shown);
    setError(undefined);
  }, [shown]);

  const submit = (raw: string | boolean) => {
    let v: FieldValue = raw;
    if (spec.type === 'int') {
      if (raw === '' && spec.optional) v = undefined;
      else if (!/^\s*-?\d+\s*$/.test(String(raw))) {
        setError('must be a whole number');
        return;
      } else v = Number(raw);
    } else if (spec.type === 'list') {
      const items = String(raw)
        .split(/[\s,;]+/)
        .filter((x) => x !== '');
      v = items.length === 0 && spec.optional ? undefined : items;
    } else if ((spec.type === 'text' || spec.type === 'fqdn' || spec.type === 'enum') && raw === '' && spec.optional)
      v = undefined;
    else if ((spec.type === 'text' || spec.type === 'fqdn') && spec.nonBlank && String(raw).trim() === '') {
      // The card, its findings' chips and the inspector's heading would show no name: the last one is kept.
      setError('must not be empty');
      return;
    }
    const problem = validate(v);
    setError(problem);
    if (!problem) onCommit(v);
  };

  const label = <FieldLabel spec={spec} htmlFor={id} />;
  let control: ReactNode;
  switch (spec.type) {
    case 'bool':
      return (
        <div className="field field-bool">
          <label className="switch">
            <input
              id={id}
              type="checkbox"
              checked={value === true}
              data-testid={testId}
              onChange={(e) => submit(e.target.checked)}
            />
            <span>{spec.label}</span>
          </label>
          {spec.help && <div className="field-help">{spec.help}</div>}
        </div>
      );
    case 'enum':
      control = (
        <select id={id} value={shown} data-testid={testId} onChange={(e) => submit(e.target.value)}>
          {spec.optional && <option value="">{spec.unsetLabel ?? 'Not recorded'}</option>}
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {spec.labels?.[o] ?? o}
            </option>
          ))}
        </select>
      );
      break;
    case 'int':
      control = (
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={spec.min}
          max={spec.max}
          value={draft}
          data-testid={testId}
          aria-invalid={!!error}
          onChange={(e) => {
            setDraft(e.target.value);
            submit(e.target.value);
          }}
        />
      );
      break;
    case 'text':
    case 'fqdn':
    case 'list':
      control = (
        <input
          id={id}
          type="text"
          spellCheck={false}
          value={draft}
          placeholder={spec.placeholder}
          data-testid={testId}
          aria-invalid={!!error}
          onChange={(e) => {
            setDraft(e.target.value);
            submit(e.target.value);
          }}
        />
      );
      break;
  }
  return (
    <div className={`field ${error ? 'has-error' : ''}`}>
      {label}
      {control}
      {error && (
        <div className="field-error" role="alert">
          {spec.label} {error}
        </div>
      )}
      {spec.help && <div className="field-help">{spec.help}</div>}
    </div>
  );
}

const none = () => undefined;
const asNumber = (v: FieldValue) => (typeof v === 'number' ? v : undefined);
const asText = (v: FieldValue) => (typeof v === 'string' ? v : undefined);

/** A whole number between `min` and `max`; empty means "not set" when `optional`. */
export function IntField({
  label,
  min,
  max,
  optional,
  value,
  validate = none,
  onCommit,
  testId,
}: FieldProps<number | undefined> & { label: string; min: number; max?: number; optional?: boolean }) {
  const spec: FieldSpec = { key: testId, label, type: 'int', min, max, optional, group: '' };
  return (
    <Field
      spec={spec}
      value={value}
      validate={(v) => validate(asNumber(v))}
      onCommit={(v) => onCommit(asNumber(v))}
      testId={testId}
    />
  );
}

/** A switch. */
export function BoolField({ label, value, onCommit, testId }: FieldProps<boolean> & { label: string }) {
  const spec: FieldSpec = { key: testId, label, type: 'bool', group: '' };
  return <Field spec={spec} value={value} validate={none} onCommit={(v) => onCommit(v === true)} testId={testId} />;
}

/** Text (or a DNS name: `fqdn`); empty means "not set" when `optional`. */
export function TextField({
  label,
  fqdn,
  optional,
  nonBlank,
  placeholder,
  value,
  validate = none,
  onCommit,
  testId,
}: FieldProps<string | undefined> & {
  label: string;
  fqdn?: boolean;
  optional?: boolean;
  nonBlank?: boolean;
  placeholder?: string;
}) {
  const spec: FieldSpec = { key: testId, label, type: fqdn ? 'fqdn' : 'text', optional, nonBlank, placeholder, group: '' };
  return (
    <Field
      spec={spec}
      value={value}
      validate={(v) => validate(asText(v))}
      onCommit={(v) => onCommit(asText(v))}
      testId={testId}
    />
  );
}

/** One of `options`, shown by its label. */
export function EnumField<T extends string>({
  label,
  options,
  labels,
  value,
  onCommit,
  testId,
}: FieldProps<T> & { label: string; options: readonly T[]; labels: Record<T, string> }) {
  const spec: FieldSpec = { key: testId, label, type: 'enum', options, labels, group: '' };
  const pick = (v: FieldValue) => options.find((o) => o === v);
  return (
    <Field
      spec={spec}
      value={value}
      validate={(v) => (pick(v) === undefined ? 'must be one of the choices' : undefined)}
      onCommit={(v) => {
        const o = pick(v);
        if (o !== undefined) onCommit(o);
      }}
      testId={testId}
    />
  );
}

/** The option of `options` a `<select>` chose (the DOM gives a plain string). */
export function choice<T extends string>(options: readonly T[], value: string): T | undefined {
  return options.find((o) => o === value);
}
