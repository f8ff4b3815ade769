/**
 * Tagged errors of the one loader. Every outside input (file, share link,
 * localStorage, pasted JSON, imported XML) ends in one of these or in a document.
 */
export type TopologyErrorTag =
  | 'notJson' // the text is not JSON at all
  | 'notATopology' // JSON, but not an sfb-topology document
  | 'versionTooNew' // written by a newer designer
  | 'unsupportedVersion' // a version number no designer ever wrote
  | 'tooLarge' // over a size limit, refused before any expensive work
  | 'invalidDocument'; // a topology with fields or references that are wrong

export interface TopologyIssue {
  /** JSON path such as `nodes[3].frontEndServers`; `""` for the whole document. */
  path: string;
  /** What is wrong there, in words an architect understands. */
  message: string;
  /** The catalogue rule a structural check enforces (BE-SE-NO-HA, PAIR-POOL-KINDS, ...). */
  ruleId?: string;
}

export interface TopologyError {
  tag: TopologyErrorTag;
  /** One line: the first problem, where it is, and how many more there are. */
  message: string;
  issues: TopologyIssue[];
}

export function topologyError(tag: TopologyErrorTag, issues: TopologyIssue[]): TopologyError {
  const first = issues[0] ?? { path: '', message: 'unknown problem' };
  const where = first.path ? `${first.path}: ` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return { tag, message: `${where}${first.message}${more}`, issues };
}

/** `['nodes', 3, 'frontEndServers']` → `nodes[3].frontEndServers`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const s = String(seg);
      out += /^[A-Za-z_$][\w$]*$/.test(s) ? (out ? `.${s}` : s) : `[${JSON.stringify(s)}]`;
    }
  }
  return out;
}
