/**
 * The design library's pure parts: what the list shows about a design, how long the
 * trash keeps one, and how sizes read. No storage here; design-db.ts stores, this says.
 */
import { num } from '../../lib/text';

export interface DesignCounts {
  name: string;
  nodes: readonly unknown[];
  sites: readonly unknown[];
  links: readonly unknown[];
}

export interface DesignSummary {
  id: string;
  name: string;
  /** Characters of the stored text (about its size in bytes: topology text is nearly all ASCII). */
  chars: number;
  nodes: number;
  sites: number;
  links: number;
  createdAt: number;
  updatedAt: number;
  /** In the trash since (ms); absent for a design in the library. */
  deletedAt?: number;
}

/** Days a deleted design stays in the trash before it is removed for good. */
export const TRASH_DAYS = 30;
const DAY_MS = 86_400_000;

/** The summary of a stored design; reads the counts from `doc` when given, else from the text (never throws). */
export function summarizeDesign(
  id: string,
  text: string,
  times: { createdAt: number; updatedAt: number; deletedAt?: number; name?: string },
  doc?: DesignCounts,
): DesignSummary {
  const d = doc ?? peek(text);
  const summary: DesignSummary = {
    id,
    name: times.name ?? (typeof d?.name === 'string' && d.name.trim() ? d.name : 'Untitled design'),
    chars: text.length,
    nodes: Array.isArray(d?.nodes) ? d.nodes.length : 0,
    sites: Array.isArray(d?.sites) ? d.sites.length : 0,
    links: Array.isArray(d?.links) ? d.links.length : 0,
    createdAt: times.createdAt,
    updatedAt: times.updatedAt,
  };
  if (times.deletedAt !== undefined) summary.deletedAt = times.deletedAt;
  return summary;
}

function peek(text: string): Partial<DesignCounts> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Partial<DesignCounts>) : undefined;
  } catch {
    return undefined;
  }
}

/** When a design put in the trash at `deletedAt` leaves it for good. */
export const purgeDate = (deletedAt: number): number => deletedAt + TRASH_DAYS * DAY_MS;

/** Trashed designs whose 30 days are over at `now`. */
export function expiredInTrash(designs: readonly DesignSummary[], now: number): DesignSummary[] {
  return designs.filter((d) => d.deletedAt !== undefined && purgeDate(d.deletedAt) <= now);
}

/** Whole days left in the trash (at least 0). */
export function daysLeft(deletedAt: number, now: number): number {
  return Math.max(0, Math.ceil((purgeDate(deletedAt) - now) / DAY_MS));
}

/** "950 bytes", "12.4 KB", "8.1 MB" (decimal units, as the browser's storage settings show them). */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1000) return `${Math.round(bytes)} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : num(Math.round(v))} ${units[i]}`;
}

/** A name for a copy: "Pair (copy)", then "Pair (copy 2)"…, unique among `taken`. */
export function copyName(name: string, taken: ReadonlySet<string>): string {
  const base = name.replace(/ \(copy(?: \d+)?\)$/, '');
  for (let i = 1; ; i++) {
    const candidate = `${base} (copy${i === 1 ? '' : ` ${i}`})`.slice(0, 200);
    if (!taken.has(candidate) || i > 10_000) return candidate;
  }
}

/** "just now", "12 min ago", "today 14:05", "yesterday 09:12", "3 Dec 2026". */
export function formatWhen(at: number, now: number): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const d = new Date(at);
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const startOfToday = new Date(now);
  startOfToday.setHours(0, 0, 0, 0);
  if (at >= startOfToday.getTime()) return `today ${time}`;
  if (at >= startOfToday.getTime() - DAY_MS) return `yesterday ${time}`;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}
