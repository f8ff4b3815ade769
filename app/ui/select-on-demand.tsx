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

export function SelectOnDemand<T>({
  items,
  value,
  valueOf,
  labelOf,
  first,
  owner,
  ...select
}: {
  items: readonly T[];
  value: string;
  valueOf: (item: T) => string;
  /** An option's text: made only for the options shown. */
  labelOf: (item: T) => string;
  /** An option before the list ("choose a site"), always there. */
  first?: ReactNode;
  /** What the select edits (a card, a replica): another owner starts with the chosen option only again. */
  owner: unknown;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'children' | 'onFocus' | 'onPointerDown'>) {
  const [usedFor, setUsedFor] = useState<{ owner: unknown } | undefined>(undefined);
  const all = items.length <= OPTIONS_ON_DEMAND_ABOVE || usedFor?.owner === owner;
  const bring = () => void (all || setUsedFor({ owner }));
  const shown = all ? items : items.filter((item) => valueOf(item) === value);
  return (
    <select {...select} value={value} onFocus={bring} onPointerDown={bring}>
      {first}
      {shown.map((item) => (
        <option key={valueOf(item)} value={valueOf(item)}>
          {labelOf(item)}
        </option>
      ))}
    </select>
  );
}
