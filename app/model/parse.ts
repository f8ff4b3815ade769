/**
 * `parseTopology`: the one door every outside input goes through (file, share link,
 * localStorage, pasted JSON, imported XML result). It returns the document or a
 * tagged error whose message names what is wrong and where. It never throws.
 */
import type { z } from 'zod';
import { err, ok, type Result } from '../lib/result';
import { formatPath, topologyError, type TopologyError, type TopologyIssue } from './errors';
import { designFileText } from './design-file';
import { LIMITS } from './limits';
import { linkAllowed, linkKindLabel, nodeKindLabel, structuralRuleForLink } from './link-kinds';
import { migrate, VERSIONS } from './migrations';
import { CURRENT_VERSION, FORMAT_NAME, ID_PATTERN, schemas, type Topology } from './schema';
import { num } from '../lib/text';

export type ParseResult = Result<Topology, TopologyError>;

/** Input is JSON text or an already-decoded JSON value. */
export function parseTopology(input: unknown): ParseResult {
  try {
    return parseUnsafe(input);
  } catch (e) {
    // Defensive: a bug in a check must never crash the caller (the designer keeps its work).
    return err(
      topologyError('invalidDocument', [
        { path: '', message: `could not be read (${e instanceof Error ? e.message : String(e)})` },
      ]),
    );
  }
}

function parseUnsafe(input: unknown): ParseResult {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > LIMITS.maxDocumentChars)
      return err(
        topologyError('tooLarge', [
          {
            path: '',
            message: `the document is ${num(input.length)} characters; the limit is ${num(LIMITS.maxDocumentChars)}`,
          },
        ]),
      );
    const depth = jsonNestingDepth(input, LIMITS.maxJsonDepth);
    if (depth > LIMITS.maxJsonDepth)
      return err(
        topologyError('tooLarge', [
          { path: '', message: `the JSON nests more than ${LIMITS.maxJsonDepth} levels deep; a topology document nests about 6` },
        ]),
      );
    const json = parseJson(input);
    if (!json.ok) return err(topologyError('notJson', [{ path: '', message: json.error }]));
    value = json.value;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return err(
      topologyError('notATopology', [
        {
          path: '',
          message: `expected a topology document (a JSON object with "format": "${FORMAT_NAME}"), got ${describe(value)}`,
        },
      ]),
    );
  const obj = value as Record<string, unknown>;
  if (obj.format !== FORMAT_NAME)
    return err(
      topologyError('notATopology', [
        {
          path: 'format',
          message:
            obj.format === undefined
              ? `is missing: this JSON is not a Skype for Business topology document (expected "format": "${FORMAT_NAME}")`
              : `is ${JSON.stringify(obj.format).slice(0, 80)}, expected "${FORMAT_NAME}"`,
        },
      ]),
    );
  const version = obj.version;
  if (typeof version !== 'number' || !Number.isInteger(version))
    return err(
      topologyError('invalidDocument', [
        {
          path: 'version',
          message: `must be a whole number (this designer writes version ${CURRENT_VERSION}), got ${describe(version)}`,
        },
      ]),
    );
  if (version > CURRENT_VERSION)
    return err(
      topologyError('versionTooNew', [
        {
          path: 'version',
          message: `is ${version}, written by a newer designer; this one reads versions up to ${CURRENT_VERSION}. Open it in the newer designer, or update this one.`,
        },
      ]),
    );
  if (!VERSIONS.some((v) => v.version === version))
    return err(
      topologyError('unsupportedVersion', [
        {
          path: 'version',
          message: `is ${version}; no version ${version} of the format exists (known: ${VERSIONS.map((v) => v.version).join(', ')})`,
        },
      ]),
    );

  const tooMany = countLimits(obj);
  if (tooMany) return err(topologyError('tooLarge', [tooMany]));

  const migrated = migrate(obj, version);
  if (!migrated.ok) return err(topologyError('invalidDocument', [{ path: 'version', message: migrated.error }]));

  const parsed = schemas().topology.safeParse(migrated.value);
  if (!parsed.success) return err(topologyError('invalidDocument', zodIssues(parsed.error.issues, migrated.value)));

  const refIssues = crossReferenceIssues(parsed.data);
  if (refIssues.length) return err(topologyError('invalidDocument', refIssues));
  const doc = normalize(parsed.data);
  // What opens must save and open again: the file Save writes has to fit the same limit.
  const fileChars = designFileText(doc).length;
  if (fileChars > LIMITS.maxDocumentChars)
    return err(
      topologyError('tooLarge', [
        {
          path: '',
          message: `saved as a file, this design would be ${num(fileChars)} characters; the limit is ${num(LIMITS.maxDocumentChars)}`,
        },
      ]),
    );
  return ok(doc);
}

/** Deepest bracket nesting of JSON text (strings skipped), stopping early past `limit`: JSON.parse of pathological nesting is slow. */
export function jsonNestingDepth(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > limit) return depth;
    } else if (c === 93 || c === 125) depth--;
  }
  return 0;
}

function parseJson(text: string): Result<unknown, string> {
  try {
    return ok(JSON.parse(text));
  } catch (e) {
    // V8 quotes a piece of the input in its message: drop it (it may hold newlines or anything).
    const msg = (e instanceof Error ? e.message : String(e))
      .replace(/, ".*$/s, '')
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
      .slice(0, 200);
    const pos = /position (\d+)/.exec(msg);
    if (pos) {
      const at = Number(pos[1]);
      const before = text.slice(0, at);
      const line = before.split('\n').length;
      const col = at - before.lastIndexOf('\n');
      return err(
        `not valid JSON: ${msg.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '')} at line ${line}, column ${col}`,
      );
    }
    if (text.trim() === '') return err('not valid JSON: the input is empty');
    return err(`not valid JSON: ${msg}`);
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string')
    return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '?')}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'undefined') return 'nothing';
  return `${typeof v} ${String(v)}`;
}

function countLimits(obj: Record<string, unknown>): TopologyIssue | undefined {
  const checks: [string, number][] = [
    ['sites', LIMITS.maxSites],
    ['nodes', LIMITS.maxNodes],
    ['links', LIMITS.maxLinks],
  ];
  for (const [key, max] of checks) {
    const arr = obj[key];
    if (Array.isArray(arr) && arr.length > max)
      return {
        path: key,
        message: `has ${num(arr.length)} entries; the limit is ${num(max)}`,
      };
  }
  const layout = obj.layout;
  if (layout && typeof layout === 'object' && Object.keys(layout).length > LIMITS.maxNodes + LIMITS.maxSites)
    return { path: 'layout', message: `has more entries than the document can have sites and nodes` };
  return undefined;
}

/** Where in the document an issue sits, with the entity's id for people. */
function contextOf(path: readonly PropertyKey[], doc: Record<string, unknown>): string {
  const [list, index] = path;
  if ((list === 'nodes' || list === 'links' || list === 'sites') && typeof index === 'number') {
    const arr = doc[list];
    const entity = Array.isArray(arr) ? arr[index] : undefined;
    const id = entity && typeof entity === 'object' ? (entity as Record<string, unknown>).id : undefined;
    // Only a well-formed id is quoted: the input is not validated yet and may hold anything.
    if (typeof id === 'string' && ID_PATTERN.test(id)) return ` (${list.slice(0, -1)} "${id}")`;
  }
  return '';
}

type ZodIssue = z.core.$ZodIssue;

function zodIssues(issues: readonly ZodIssue[], doc: Record<string, unknown>): TopologyIssue[] {
  const out: TopologyIssue[] = [];
  for (const issue of issues.slice(0, 50)) {
    let path = [...issue.path];
    let message: string;
    switch (issue.code) {
      case 'invalid_type': {
        const at = valueAt(doc, path);
        message = !at.present
          ? `is missing (${expectedWord(issue.expected)} required)`
          : `must be ${expectedWord(issue.expected)}, got ${describe(at.value)}`;
        break;
      }
      case 'unrecognized_keys':
        for (const key of issue.keys.slice(0, 10)) {
          const p = [...path, key];
          out.push({
            path: formatPath(p),
            message: `is not a field of format version ${CURRENT_VERSION}${contextOf(p, doc)}; remove it`,
          });
        }
        continue;
      case 'invalid_value':
        if (!valueAt(doc, path).present) {
          message = `is missing (${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`} required)`;
          break;
        }
        message = `must be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}, got ${describe(valueAt(doc, path).value)}`;
        break;
      case 'invalid_union': {
        // discriminatedUnion with an unknown `kind`
        const note = (issue as { note?: string }).note;
        if (note?.includes('discriminator') || issue.errors.length === 0) {
          if (path[path.length - 1] !== 'kind') path = [...path, 'kind'];
          const list = path[0] === 'links' ? 'link kinds' : 'node kinds';
          message = `is not one of the ${list} of format version ${CURRENT_VERSION}`;
        } else message = issue.message;
        break;
      }
      default:
        message = issue.message;
    }
    out.push({ path: formatPath(path), message: `${message}${contextOf(path, doc)}` });
  }
  return out;
}

/** The value at a JSON path of the input, and whether the key is there at all. */
function valueAt(doc: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let cur: unknown = doc;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg))
      return { present: false, value: undefined };
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return { present: cur !== undefined, value: cur };
}

function expectedWord(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
    case 'int':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return expected;
  }
}

/** Checks that need the whole document; same kind of error as the schema's. */
export function crossReferenceIssues(doc: Topology): TopologyIssue[] {
  const issues: TopologyIssue[] = [];
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const prev = seen.get(id);
    if (prev)
      issues.push({
        path: `${path}.id`,
        message: `id "${id}" is already used by ${prev}; ids must be unique across sites, nodes and links`,
      });
    else seen.set(id, path);
  };
  doc.sites.forEach((s, i) => claim(s.id, `sites[${i}]`));
  doc.nodes.forEach((n, i) => claim(n.id, `nodes[${i}]`));
  doc.links.forEach((l, i) => claim(l.id, `links[${i}]`));
  doc.siteLinks?.forEach((l, i) => claim(l.id, `siteLinks[${i}]`));

  const siteIds = new Set(doc.sites.map((s) => s.id));
  doc.sites.forEach((s, i) => {
    if (s.parentSiteId === undefined) return;
    if (!siteIds.has(s.parentSiteId))
      issues.push({ path: `sites[${i}].parentSiteId`, message: `no site has id "${s.parentSiteId}" (site "${s.id}")` });
    else if (s.parentSiteId === s.id)
      issues.push({ path: `sites[${i}].parentSiteId`, message: `a site cannot be its own parent (site "${s.id}")` });
  });
  doc.siteLinks?.forEach((l, i) => {
    if (!siteIds.has(l.from))
      issues.push({ path: `siteLinks[${i}].from`, message: `no site has id "${l.from}" (site link "${l.id}")` });
    if (!siteIds.has(l.to))
      issues.push({ path: `siteLinks[${i}].to`, message: `no site has id "${l.to}" (site link "${l.id}")` });
    if (l.from === l.to)
      issues.push({
        path: `siteLinks[${i}].to`,
        message: `a site link joins two different sites; "${l.id}" joins "${l.from}" to itself`,
      });
  });
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const noSite = (id: string) => `no site has id "${id}"`;

  doc.nodes.forEach((n, i) => {
    if (!siteIds.has(n.siteId)) issues.push({ path: `nodes[${i}].siteId`, message: `${noSite(n.siteId)} (node "${n.id}")` });
    if (n.kind === 'sqlStore' && n.ag)
      n.ag.replicas.forEach((r, j) => {
        if (!siteIds.has(r.siteId))
          issues.push({ path: `nodes[${i}].ag.replicas[${j}].siteId`, message: `${noSite(r.siteId)} (node "${n.id}")` });
      });
    if (n.kind === 'persistentChatPool')
      n.servers.forEach((s, j) => {
        if (!siteIds.has(s.siteId))
          issues.push({ path: `nodes[${i}].servers[${j}].siteId`, message: `${noSite(s.siteId)} (node "${n.id}")` });
      });
    // Windows Server 2008 R2 runs Lync Server 2010 and 2013, and 2015 servers only when upgraded in place from Lync Server 2013.
    const lync = 'productVersion' in n && (n.productVersion === 'lync2010' || n.productVersion === 'lync2013');
    if ('os' in n && n.os === 'WS2008R2' && !lync && !('inPlaceUpgrade' in n && n.inPlaceUpgrade))
      issues.push({
        path: `nodes[${i}].os`,
        message: `Windows Server 2008 R2 is accepted only for a server upgraded in place (set the in-place upgrade it came from) (node "${n.id}")`,
      });
  });

  doc.links.forEach((l, i) => {
    const from = nodes.get(l.from);
    const to = nodes.get(l.to);
    if (!from) issues.push({ path: `links[${i}].from`, message: `no node has id "${l.from}" (link "${l.id}")` });
    if (!to) issues.push({ path: `links[${i}].to`, message: `no node has id "${l.to}" (link "${l.id}")` });
    if (!from || !to) return;
    if (l.from === l.to) {
      issues.push({
        path: `links[${i}].to`,
        message: `a ${linkKindLabel(l.kind)} link cannot join node "${l.from}" to itself (link "${l.id}")`,
      });
      return;
    }
    if (!linkAllowed(l.kind, from.kind, to.kind)) {
      const ruleId = structuralRuleForLink(l.kind, from.kind, to.kind);
      issues.push({
        path: `links[${i}]`,
        message: `a ${linkKindLabel(l.kind)} link cannot go from a ${nodeKindLabel(from.kind)} ("${from.id}") to a ${nodeKindLabel(to.kind)} ("${to.id}")${ruleId ? ` (${ruleId})` : ''}`,
        ...(ruleId ? { ruleId } : {}),
      });
    }
  });

  const cms = doc.deployment.cmsHost;
  if (cms !== null) {
    const host = nodes.get(cms);
    if (!host) issues.push({ path: 'deployment.cmsHost', message: `no node has id "${cms}"` });
    else if (host.kind !== 'frontEndPool' && host.kind !== 'standardEditionServer')
      issues.push({
        path: 'deployment.cmsHost',
        message: `names "${cms}", a ${nodeKindLabel(host.kind)}; the Central Management store lives on the Back End of a Front End pool or on a Standard Edition server (CMS-HOST-KIND)`,
        ruleId: 'CMS-HOST-KIND',
      });
  }
  return issues.slice(0, 200);
}

/** Drops layout entries of ids that no longer exist (hand-edited files). */
function normalize(doc: Topology): Topology {
  if (!doc.layout) return doc;
  const ids = new Set<string>([...doc.sites.map((s) => s.id), ...doc.nodes.map((n) => n.id)]);
  const keys = Object.keys(doc.layout);
  if (keys.every((k) => ids.has(k))) return doc;
  const layout: Record<string, { x: number; y: number }> = {};
  for (const k of keys) if (ids.has(k)) layout[k] = doc.layout[k]!;
  return { ...doc, layout };
}
