/**
 * Names for imported things: readable, unique ids derived from FQDNs and site names
 * (never GUIDs), and host names made valid for the format where the XML holds a
 * placeholder (`$SkypeFQDN`) or junk.
 */
import { FQDN_PATTERN, ID_PATTERN } from '../model/schema';

/** Hands out ids that are valid (ID_PATTERN) and unique across sites, nodes and links. */
export class IdAllocator {
  private readonly used = new Set<string>();
  /** Next number to try per slug, so a thousand pools named alike stay linear. */
  private readonly nextSuffix = new Map<string, number>();

  /** `base` is any text; it becomes lower-case letters, digits, "-", "_" and ".". */
  take(base: string, fallback = 'item'): string {
    const slug = slugify(base, fallback);
    let id = slug;
    let n = this.nextSuffix.get(slug) ?? 2;
    if (this.used.has(id) || !ID_PATTERN.test(id)) {
      do id = `${slug}-${n++}`;
      while (this.used.has(id) || !ID_PATTERN.test(id));
      this.nextSuffix.set(slug, n);
    }
    this.used.add(id);
    return id;
  }

  /** Whether `take(base)` would have to add a number. */
  taken(base: string, fallback = 'item'): boolean {
    return this.used.has(slugify(base, fallback));
  }
}

function slugify(base: string, fallback: string): string {
  let slug = base
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  if (!slug || slug === '__proto__') slug = fallback;
  return slug.slice(0, 56).replace(/[-.]+$/, '') || fallback;
}

export interface HostName {
  /** Valid per FQDN_PATTERN (a single label is allowed: a rule flags it). */
  fqdn: string;
  /** Set when the XML value had to be changed; says what it was. */
  changedFrom?: string;
}

/**
 * The XML value when it is a DNS name, else the closest valid name: characters outside
 * letters, digits, hyphens and dots become hyphens (`$SkypeFQDN` → `SkypeFQDN`), labels are
 * trimmed to 63 characters and the whole to 253.
 */
export function hostName(raw: string, fallback: string): HostName {
  const trimmed = raw.trim().replace(/\.$/, '');
  if (FQDN_PATTERN.test(trimmed)) return trimmed === raw ? { fqdn: trimmed } : { fqdn: trimmed, changedFrom: raw };
  const labels = trimmed
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .split('.')
    .map((l) =>
      l
        .replace(/^-+|-+$/g, '')
        .slice(0, 63)
        .replace(/-+$/, ''),
    )
    .filter((l) => l.length > 0);
  let fqdn = '';
  for (const l of labels) {
    const next = fqdn ? `${fqdn}.${l}` : l;
    if (next.length > 253) break;
    fqdn = next;
  }
  if (!FQDN_PATTERN.test(fqdn)) fqdn = fallback;
  return { fqdn, changedFrom: raw };
}

/** First DNS label, as written (node names). */
export const firstLabel = (fqdn: string): string => fqdn.split('.')[0] || fqdn;

/** Everything after the first label, lower case; undefined for a single label. */
export function dnsSuffix(fqdn: string): string | undefined {
  const dot = fqdn.indexOf('.');
  return dot < 0 ? undefined : fqdn.slice(dot + 1).toLowerCase();
}

/**
 * Text from the document inside a message: in double quotes, cut to a readable length,
 * control and line-breaking characters replaced so a warning stays one line.
 */
export function quote(text: string, max = 120): string {
  return `"${clean(text, max).replace(/"/g, '\\"')}"`;
}

/** Like `quote`, without the quotes (element labels in `where`). */
export function clean(text: string, max = 120): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}
