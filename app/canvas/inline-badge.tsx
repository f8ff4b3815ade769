/** A link label's findings badge: the worst severity's icon and the count, the messages as its tooltip. */
import { SeverityIcon } from '../ui/kinds';
import type { Badge } from './flow-types';

export function InlineBadge({ badge }: { badge: Badge }) {
  return (
    <span className={`finding-badge inline sev-${badge.worst}`} title={badge.messages.join('\n')}>
      <SeverityIcon severity={badge.worst} size={11} />
      {badge.count}
    </span>
  );
}
