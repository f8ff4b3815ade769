/**
 * Findings that say a part is still missing (no Back End yet, no file store, no next hop, an
 * empty site) are what anyone building a design has at first. On the item they concern they
 * read as a short checklist of what to add, not as errors about a half-drawn design.
 */
import type { Finding } from './types';

interface ChecklistEntry {
  /** What to do, said as the next step of building the item. */
  todo: string;
  /** Whether this finding of the rule is about something missing (some rules also report other faults). */
  applies?: (f: Finding) => boolean;
}

const CHECKLIST: Readonly<Record<string, ChecklistEntry>> = {
  'FE-EE-NEEDS-BE': { todo: 'Connect a Back End SQL store', applies: (f) => /has no Back End/.test(f.message) },
  'FS-POOL-HAS-STORE': { todo: 'Connect a file store' },
  'OWAS-MISSING': { todo: 'Connect an Office Online Server farm (PowerPoint sharing in meetings)' },
  'EDGE-NEXT-HOP': { todo: 'Connect its next hop: a Director pool or a Front End pool' },
  'PCHAT-NEXT-HOP': { todo: 'Connect its next hop: a Front End pool or Standard Edition server' },
  'PCHAT-FILESTORE-UNC': { todo: 'Connect a file store (a UNC share)' },
  'TOPO-VIS-NEXTHOP': { todo: 'Connect its next hop: a Front End pool or Standard Edition server' },
  'SITE-SBA-BACKUP-REGISTRAR': { todo: 'Connect a backup registrar pool in a central site' },
  'PAIR-SE-RECOMMENDED': { todo: 'Pair it with a Standard Edition server in another site' },
  'BE-HA-INCOMPLETE': { todo: 'Add the mirror, witness or replicas its high-availability mode needs' },
  'GEN-CENTRAL-SITE-HAS-POOL': {
    todo: 'Add a Front End pool or Standard Edition server',
    applies: (f) => /\bit is empty\b/.test(f.message),
  },
};

/** The checklist item a finding stands for on `id`, if it is about a part `id` is missing. */
export function checklistItem(f: Finding, id: string): string | undefined {
  const entry = CHECKLIST[f.ruleId];
  if (!entry) return undefined;
  // The item the finding is about comes first; the others it names are only involved.
  const subject = f.nodeIds[0] ?? f.siteIds[0];
  if (subject !== id) return undefined;
  return !entry.applies || entry.applies(f) ? entry.todo : undefined;
}

/** The rules that can give a checklist item (for tests: each has a finding that maps). */
export const CHECKLIST_RULES: readonly string[] = Object.keys(CHECKLIST);
