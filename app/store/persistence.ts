/**
 * Autosave: every committed change is written to localStorage at once, so a reload or a
 * crash loses nothing. Each document being edited has its own slot; a tab holds a lock
 * on its slot (refreshed every few seconds), so a second tab on the same design works
 * on a copy instead of overwriting the first tab's work. Storage that is full or blocked
 * (private mode) gives a visible warning and the designer keeps working.
 * Everything read back goes through parseTopology.
 */
import { parseTopology } from '../model/parse';
import type { Topology } from '../model/schema';

const PREFIX = 'sfb-designer:v1:';
const LAST = `${PREFIX}last`;
const DOC = (id: string) => `${PREFIX}doc:${id}`;
const LOCK = (id: string) => `${PREFIX}lock:${id}`;
const MAX_DOCS = 8;
const LOCK_FRESH_MS = 6_000;

export interface SavedDocument {
  slot: string;
  name: string;
  savedAt: number;
  nodes: number;
}

interface StoredRecord {
  slot: string;
  savedAt: number;
  doc: unknown;
}

export const newSlotId = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // access itself can throw when storage is blocked
  }
}

export type SaveOutcome = 'saved' | 'unavailable' | 'full';

export class Autosave {
  readonly tabId = newSlotId();
  slot: string;
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(slot = newSlotId()) {
    this.slot = slot;
  }

  /** The document to start with: the last one edited, unless another tab is editing it (then a copy). */
  restore(): { doc: Topology; forked: boolean; slot: string } | { error: string } | undefined {
    const s = storage();
    if (!s) return undefined;
    let last: string | null = null;
    try {
      last = s.getItem(LAST);
    } catch {
      return undefined;
    }
    if (!last) return undefined;
    const rec = this.read(last);
    if (!rec) return undefined;
    const parsed = parseTopology(rec.doc);
    if (!parsed.ok) return { error: `The autosaved design could not be read (${parsed.error.message}); it is kept in storage untouched.` };
    const forked = this.lockedByOther(last);
    this.slot = forked ? newSlotId() : last;
    return { doc: parsed.value, forked, slot: this.slot };
  }

  open(slot: string): Topology | undefined {
    const rec = this.read(slot);
    if (!rec) return undefined;
    const parsed = parseTopology(rec.doc);
    if (!parsed.ok) return undefined;
    this.switchTo(this.lockedByOther(slot) ? newSlotId() : slot);
    return parsed.value;
  }

  /** Start a new slot (New, Open, a share link): the previous document stays saved. */
  switchTo(slot = newSlotId()): void {
    const s = storage();
    try {
      s?.removeItem(LOCK(this.slot));
    } catch {
      /* ignore */
    }
    this.slot = slot;
    this.touchLock();
  }

  save(doc: Topology): SaveOutcome {
    const s = storage();
    if (!s) return 'unavailable';
    const record: StoredRecord = { slot: this.slot, savedAt: Date.now(), doc };
    try {
      s.setItem(DOC(this.slot), JSON.stringify(record));
      s.setItem(LAST, this.slot);
      this.touchLock();
      return 'saved';
    } catch {
      // Full: drop the oldest other documents once and try again.
      try {
        this.prune(2);
        s.setItem(DOC(this.slot), JSON.stringify(record));
        s.setItem(LAST, this.slot);
        return 'saved';
      } catch {
        return 'full';
      }
    }
  }

  list(): SavedDocument[] {
    const s = storage();
    if (!s) return [];
    const out: SavedDocument[] = [];
    try {
      for (let i = 0; i < s.length; i++) {
        const key = s.key(i);
        if (!key?.startsWith(`${PREFIX}doc:`)) continue;
        const rec = this.read(key.slice(`${PREFIX}doc:`.length));
        if (!rec) continue;
        const d = rec.doc as { name?: unknown; nodes?: unknown };
        out.push({ slot: rec.slot, savedAt: rec.savedAt, name: typeof d?.name === 'string' ? d.name : '(unnamed)', nodes: Array.isArray(d?.nodes) ? d.nodes.length : 0 });
      }
    } catch {
      return [];
    }
    return out.sort((a, b) => b.savedAt - a.savedAt);
  }

  /** Keeps the lock fresh while the tab lives; releases it when the page goes away. */
  startHeartbeat(): () => void {
    this.touchLock();
    this.heartbeat = setInterval(() => this.touchLock(), LOCK_FRESH_MS / 3);
    const release = () => {
      try {
        const s = storage();
        if (s?.getItem(LOCK(this.slot))?.startsWith(this.tabId)) s.removeItem(LOCK(this.slot));
      } catch {
        /* ignore */
      }
    };
    window.addEventListener('pagehide', release);
    return () => {
      clearInterval(this.heartbeat);
      window.removeEventListener('pagehide', release);
      release();
    };
  }

  /** Another tab wrote our slot (it should not, but say so if it happens). */
  isOwnSlotKey(key: string | null): boolean {
    return key === DOC(this.slot);
  }

  private touchLock() {
    try {
      storage()?.setItem(LOCK(this.slot), `${this.tabId}|${Date.now()}`);
    } catch {
      /* storage full or blocked: the save path reports it */
    }
  }

  private lockedByOther(slot: string): boolean {
    try {
      const v = storage()?.getItem(LOCK(slot));
      if (!v) return false;
      const [tab, at] = v.split('|');
      return tab !== this.tabId && Date.now() - Number(at) < LOCK_FRESH_MS;
    } catch {
      return false;
    }
  }

  private read(slot: string): StoredRecord | undefined {
    try {
      const text = storage()?.getItem(DOC(slot));
      if (!text) return undefined;
      const rec = JSON.parse(text) as StoredRecord;
      return rec && typeof rec === 'object' && 'doc' in rec ? { ...rec, slot } : undefined;
    } catch {
      return undefined;
    }
  }

  private prune(extra = 0) {
    const s = storage();
    if (!s) return;
    const docs = this.list().filter((d) => d.slot !== this.slot);
    for (const d of docs.slice(Math.max(0, MAX_DOCS - 1 - extra))) {
      s.removeItem(DOC(d.slot));
      s.removeItem(LOCK(d.slot));
    }
  }

  /** Called after a successful save of a new slot: keep the store small. */
  tidy() {
    try {
      this.prune();
    } catch {
      /* ignore */
    }
  }
}
