/**
 * A `<select>` over one of the design's lists that grows with it (its sites: 2,000 in a
 * 10,000-node design) renders its options once it is used, and only the chosen one until
 * then. Showing a card in the inspector (a click, Find) created its site list's 2,000
 * options, and the next card removed them: 2,000 elements in the task that shows the card.
 * A mouse press or the keyboard's focus brings the whole list before the browser opens it.
 */
import { useState, type ReactNode, type SelectHTMLAttributes } from 'react';

/** Lists longer than this wait to be used; a shorter one is rendered whole, as any select. */
export const OPTIONS_ON_DEMAND_ABOVE = 200;

/**
 * Whether a select of `count` options shows them all, and the handlers that bring them.
 * `owner` is what the select edits (a card, a replica): another owner starts with the
 * chosen option only again.
 */
export function useOptionsOnDemand(count: number, owner: unknown): { all: boolean; bring: () => void } {
  const [usedFor, setUsedFor] = useState<{ owner: unknown } | undefined>(undefined);
  const all = count <= OPTIONS_ON_DEMAND_ABOVE || usedFor?.owner === owner;
  return { all, bring: () => void (all || setUsedFor({ owner })) };
}

export function SelectOnDemand<T>({
  items,
  value,
  optionOf,
  first,
  owner,
  ...select
}: {
  items: readonly T[];
  value: string;
  /** The option's value and text. */
  optionOf: (item: T) => { value: string; label: string };
  /** An option before the list ("choose a site"), always there. */
  first?: ReactNode;
  owner: unknown;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'children' | 'onFocus' | 'onPointerDown'>) {
  const { all, bring } = useOptionsOnDemand(items.length, owner);
  const options = items.map(optionOf);
  const shown = all ? options : options.filter((o) => o.value === value);
  return (
    <select {...select} value={value} onFocus={bring} onPointerDown={bring}>
      {first}
      {shown.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
