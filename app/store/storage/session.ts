/**
 * This tab's link between the designer's store and the browser database: which design
 * the tab shows, whether it owns it (Web Locks) or shows it read-only, autosave of every
 * committed change, the undo history kept with the design, and the library's actions.
 *
 * Promises kept here (SECURITY.md lists them, tests check them):
 * - every committed change is written at once (writes for one design are coalesced,
 *   never dropped); a failed write is reported every time, with what to do, and never
 *   answered by deleting anything;
 * - a design is removed only from the trash, by the user or after its 30 days there;
 * - only the owner tab writes a design; a reload finds its own design again (the lock
 *   dies with the page), so it neither copies it nor warns.
 */
import { createStore } from 'zustand/vanilla';
import { coldTexts, jsonText } from '../../lib/json-text';
import { designFileText } from '../../model/design-file';
import { LIMITS } from '../../model/limits';
import type { Topology } from '../../model/schema';
import { ensureLayout } from '../ensure-layout';
import { runOpen, type OpenJobResult } from '../open-job';
import type { DesignerStore } from '../store';
import { DesignDb, newDesignId, PART_CHARS, type WriteOutcome } from './design-db';
import { copyName, expiredInTrash, formatSize, type DesignSummary } from './library';
import type { MigrationReport } from './migrate-local-storage';
import { hasOldDesigns, LAST_DESIGN_SETTING } from './settings';
import { claimDesign, heldDesigns, TabChannel, type Ownership } from './tab-lock';
import { historyText } from './stored-history';
import { baselineRecord, readBaselineRecord } from './stored-baseline';
import type { CompareBaseline } from '../compare-slice';
import type { LibraryAccess } from './library-ops';
import { num } from '../../lib/text';

export type TabMode = 'starting' | 'owner' | 'readOnly' | 'noStorage';

export type SaveState =
  { ok: true; at: number } | { ok: false; reason: 'full' | 'unavailable'; message: string; at: number; failures: number };

export interface StorageStatus {
  mode: TabMode;
  designId: string | undefined;
  /** The last autosave of this tab. */
  lastSave: SaveState | undefined;
  /** Writes not yet in the database. */
  pending: number;
  /** The browser promised not to clear this site's storage under pressure. */
  persisted: boolean | undefined;
  /** Bumped when the library changes (here or in another tab): the library view reloads. */
  libraryVersion: number;
  /** A long open in progress (a large design), for the progress bar. */
  progress: { label: string; fraction: number } | undefined;
}

export interface StorageEstimate {
  usage: number;
  quota: number;
}

/** How long a starting tab waits for a design's lock: a reloading page's own lock is gone well within this. */
const RELOAD_WAIT_MS = 1_500;
const HISTORY_DELAY_MS = 800;
/**
 * A large design whose text lacks at most this many objects (an edit's few nodes, links and
 * positions) is written as a small one is: warming it would not yield a task anyway.
 */
const WARM_ENOUGH = 64;
export const THEME_SETTING = 'theme';

type Notify = (n: {
  tone: 'info' | 'success' | 'warning' | 'error';
  text: string;
  action?: { label: string; run: () => void };
}) => void;

export class DesignSession {
  /** Designs of more nodes have their text warmed before each write (tests lower it). */
  static warmAbove = 1_000;
  readonly status = createStore<StorageStatus>(() => ({
    mode: 'starting',
    designId: undefined,
    lastSave: undefined,
    pending: 0,
    persisted: undefined,
    libraryVersion: 0,
    progress: undefined,
  }));
  private db: DesignDb | undefined;
  private store: DesignerStore | undefined;
  private ownership: Ownership | undefined;
  private readonly channel = new TabChannel();
  /** Latest document waiting to be written, per design. */
  private readonly queue = new Map<string, Topology>();
  private draining = false;
  private idle: Promise<void> = Promise.resolve();
  /** Set while this session itself puts a document into the store (not an edit to save). */
  private loading = false;
  private historyTimer: ReturnType<typeof setTimeout> | undefined;
  private askedPersist = false;
  private lastBlockedNotice = 0;
  private storageNoticeId: number | undefined;
  private stops: (() => void)[] = [];
  /** The comparison last stored, and for which design (written when either changes). */
  private storedBaseline: { designId: string; baseline: CompareBaseline | undefined } | undefined;
  /** Opens the library (set by the page: the dialog lives there). */
  showLibrary: () => void = () => undefined;
  /** Saves the current design to a file (set by the page). */
  saveToFile: () => void = () => undefined;

  get designId(): string | undefined {
    return this.status.getState().designId;
  }

  isReadOnly(): boolean {
    return this.status.getState().mode === 'readOnly';
  }

  /** Resolves when every queued write has finished (tests and the page's "saved" state). */
  whenIdle(): Promise<void> {
    return Promise.all([this.idle, this.baselineWrite]).then(() => undefined);
  }
  private baselineWrite: Promise<void> = Promise.resolve();

  /**
   * Start-up: open the database, bring over the old localStorage designs, clear the trash
   * of designs past their 30 days, and show the design last worked on (read-only when
   * another tab owns it), else `fallback` as a new design. `storage`: where the earlier
   * version's designs are (the page's localStorage unless given).
   */
  async start(store: DesignerStore, fallback: () => Topology | Promise<Topology>, storage?: Storage): Promise<void> {
    this.store = store;
    this.db = await DesignDb.open();
    const db = this.db;
    if (!db) {
      this.set({ mode: 'noStorage' });
      this.show(await fallback(), undefined);
      this.notify({
        tone: 'warning',
        text: 'This browser does not let the designer store designs (private browsing?). Autosave is off: save a file (Ctrl+S) to keep your work.',
      });
      this.wire();
      return;
    }
    // Asked for only now, out of the page's first task: Chromium's first touch of localStorage
    // waits for the browser process to hand over its contents (some 10 ms).
    const local = storage ?? safeLocalStorage();
    const migration: MigrationReport = hasOldDesigns(local)
      ? await (await import('./migrate-local-storage')).migrateLocalStorage(db, local)
      : { moved: [], unreadable: [], failed: [] };
    await this.purgeExpired();
    const theme = await db.setting<string>(THEME_SETTING);
    if (theme === 'light' || theme === 'dark' || theme === 'system') store.getState().setTheme(theme);

    const last = await db.setting<string>(LAST_DESIGN_SETTING);
    const summary = last ? await db.summary(last) : undefined;
    let opened = false;
    if (last && summary && summary.deletedAt === undefined) {
      const r = await this.load(last, { waitMs: RELOAD_WAIT_MS });
      if (r.ok) opened = true;
      else
        this.notify({
          tone: 'error',
          text: `The design "${summary.name}" could not be opened (${r.message}). It is kept in My designs, untouched; a new design starts here.`,
          action: { label: 'My designs', run: () => this.showLibrary() },
        });
    }
    if (!opened) {
      await this.startNew();
      this.show(await fallback(), undefined);
      this.enqueue();
    }
    if (migration.moved.length + migration.unreadable.length > 0)
      this.notify({
        tone: 'info',
        text: `${migration.moved.length + migration.unreadable.length} design${migration.moved.length + migration.unreadable.length === 1 ? '' : 's'} autosaved by the earlier version are now in My designs.`,
        action: { label: 'My designs', run: () => this.showLibrary() },
      });
    this.wire();
  }

  /** Stops listening (tests; the page lives until it is closed). */
  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
    this.ownership?.release();
    this.channel.close();
  }

  // ------------------------------------------------------------ autosave

  private wire(): void {
    const store = this.store!;
    let last = store.getState().revision;
    this.stops.push(
      store.subscribe((s) => {
        if (s.revision === last) return;
        last = s.revision;
        if (this.loading) return;
        this.enqueue();
      }),
    );
    this.stops.push(
      this.channel.listen((m) => {
        if (m.type === 'library-changed' || m.type === 'saved') this.bumpLibrary();
        if (m.type === 'saved' && m.designId === this.designId && this.isReadOnly()) void this.refreshReadOnly();
      }),
    );
    this.stops.push(
      store.subscribe((s, prev) => {
        if (s.baseline !== prev.baseline && !this.loading) this.syncBaseline();
      }),
    );
    let theme = store.getState().theme;
    this.stops.push(
      store.subscribe((s) => {
        if (s.theme === theme) return;
        theme = s.theme;
        void this.db?.setSetting(THEME_SETTING, theme);
      }),
    );
    if (typeof window !== 'undefined') {
      const page = window;
      // The page goes: what waits is written now (a large design's text at once, not a slice at a time).
      const flush = () => {
        this.flushDesigns();
        this.flushHistory();
      };
      page.addEventListener('pagehide', flush);
      this.stops.push(() => page.removeEventListener('pagehide', flush));
    }
  }

  /** Queues the store's document for the current design (the owner only). */
  private enqueue(): void {
    const id = this.designId;
    const store = this.store;
    if (!id || !store || this.status.getState().mode !== 'owner' || !this.db) return;
    const doc = store.getState().doc;
    // A design opened while comparing keeps the comparison: it is stored with it too.
    this.syncBaseline();
    if (this.draining && (doc.nodes.length <= DesignSession.warmAbove || coldTexts(doc, WARM_ENOUGH) <= WARM_ENOUGH)) {
      // An earlier write is still going: this one's transaction is opened now, in the task of
      // the edit, not once that write ends. Chromium drops a transaction opened at pagehide,
      // so an edit followed at once by a reload was lost when it waited behind another write.
      // The database runs the two in the order they were opened: the newer text is kept.
      // A large design goes the same way once its text is written but for the edit's few
      // objects: its write then only joins kept texts, as the first write after an edit does.
      this.queue.delete(id);
      this.set({ pending: this.queue.size });
      const write = this.writeDesign(id, doc);
      this.idle = Promise.all([this.idle, write]).then(() => undefined);
    } else {
      this.queue.set(id, doc);
      this.set({ pending: this.queue.size });
      if (!this.draining) this.idle = this.drain();
    }
    this.askPersistence(doc);
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.size > 0) {
        const [id, doc] = this.queue.entries().next().value as [string, Topology];
        // A large design's text is written a slice at a time first (the first text of a
        // 10,000-node design takes 100 ms); the write itself then only joins the cached texts.
        // A smaller one is written at once: a reload right after an edit must find it.
        let text: string | undefined;
        if (doc.nodes.length > DesignSession.warmAbove) {
          await warmText(doc);
          // Meanwhile a newer version came (it is written instead), or the page went and wrote it.
          if (this.queue.get(id) !== doc) continue;
          // The text is joined here and copied whole (once, by the write) in the next task:
          // at 10,000 nodes each was some 30 ms, and together one of the edit's longest tasks.
          text = jsonText(doc)!;
          if (text.length > PART_CHARS) {
            await new Promise((resolve) => setTimeout(resolve, 0));
            if (this.queue.get(id) !== doc) continue;
          }
        }
        this.queue.delete(id);
        await this.writeDesign(id, doc, text);
        this.set({ pending: this.queue.size });
      }
    } finally {
      this.draining = false;
    }
  }

  /** Writes every queued document now, without waiting for its text to be warmed (the page is going). */
  private flushDesigns(): void {
    for (const [id, doc] of [...this.queue]) {
      this.queue.delete(id);
      void this.writeDesign(id, doc);
    }
    this.set({ pending: this.queue.size });
  }

  private async writeDesign(id: string, doc: Topology, joined?: string): Promise<void> {
    const db = this.db!;
    // Only the nodes, links and sites changed since the last write are turned into text again.
    const text = joined ?? jsonText(doc)!;
    const outcome = await db.save(id, text, doc);
    if (outcome.ok) {
      const before = this.status.getState().lastSave;
      this.set({ lastSave: { ok: true, at: Date.now() } });
      await db.setSetting(LAST_DESIGN_SETTING, id);
      this.channel.post({ type: 'saved', designId: id });
      this.bumpLibrary();
      if (before && !before.ok) {
        this.dismissStorageNotice();
        this.notify({ tone: 'success', text: 'Autosave works again: the design is stored in this browser.' });
      }
      this.checkLimits(doc, text);
      if (id === this.designId) this.scheduleHistory();
      return;
    }
    await this.reportFailure(outcome);
  }

  /** Stores the comparison with the design shown (the owner only), when it or the design changed. */
  private syncBaseline(): void {
    const id = this.designId;
    const store = this.store;
    if (!id || !store || !this.db || this.status.getState().mode !== 'owner') return;
    const baseline = store.getState().baseline;
    const last = this.storedBaseline;
    if (last && last.designId === id && last.baseline === baseline) return;
    // A new design with nothing to compare has nothing stored to forget.
    if (!baseline && !last) return;
    this.storedBaseline = { designId: id, baseline };
    const db = this.db;
    const write = this.baselineWrite.then(() => db.saveBaseline(id, baseline ? baselineRecord(baseline) : undefined));
    this.baselineWrite = write.then((r) => {
      if (!r.ok)
        this.notify({
          tone: 'warning',
          text: `The comparison with the current deployment could not be kept for your next visit (${r.reason === 'full' ? "the browser's storage is full" : r.message}). It stays shown here; the design itself is not affected.`,
        });
    });
  }

  /** The comparison stored with a design, put beside it (a stored one that cannot be read is said, and kept). */
  private async showBaseline(id: string): Promise<void> {
    const record = await this.db!.baseline(id);
    let baseline: CompareBaseline | undefined;
    if (record !== undefined) {
      const r = readBaselineRecord(record);
      if (r.ok) baseline = r.baseline;
      else
        this.notify({
          tone: 'warning',
          text: `The comparison kept with this design could not be read (${r.message}). It stays stored; choose the current deployment again in Compare with current.`,
        });
    }
    if (this.designId !== id) return;
    // Remembered as stored, so showing it does not write it again, and an unreadable one is not
    // overwritten by "none" (only by a comparison the user chooses).
    this.storedBaseline = { designId: id, baseline };
    this.loading = true;
    try {
      this.store!.getState().setBaseline(baseline);
    } finally {
      this.loading = false;
    }
  }

  /** Every failed save is told, with the space used and what to do; nothing is deleted to make room. */
  private async reportFailure(outcome: Extract<WriteOutcome, { ok: false }>): Promise<void> {
    const before = this.status.getState().lastSave;
    const failures = before && !before.ok ? before.failures + 1 : 1;
    this.set({ lastSave: { ok: false, reason: outcome.reason, message: outcome.message, at: Date.now(), failures } });
    let text: string;
    if (outcome.reason === 'full') {
      const est = await this.estimate();
      const used = est ? ` (${formatSize(est.usage)} of ${formatSize(est.quota)} used)` : '';
      text = `Autosave failed${failures > 1 ? ` again (${failures} times)` : ''}: this browser's storage for the designer is full${used}. Your design is still open here and nothing stored was deleted. Save a file (Ctrl+S), or free space in My designs (empty the trash, delete designs you no longer need).`;
    } else
      text = `Autosave failed${failures > 1 ? ` again (${failures} times)` : ''}: the browser refused to store the design (${outcome.message}). Your design is still open here: save a file (Ctrl+S) to keep it.`;
    this.dismissStorageNotice();
    this.storageNoticeId = this.notify({ tone: 'error', text, action: { label: 'My designs', run: () => this.showLibrary() } });
  }

  private dismissStorageNotice(): void {
    if (this.storageNoticeId !== undefined) this.store?.getState().dismiss(this.storageNoticeId);
    this.storageNoticeId = undefined;
  }

  private limitWarned = false;
  /** A design edited past the limits is kept, but a file saved now would not open again: say so, once per crossing. */
  private checkLimits(doc: Topology, compact: string): void {
    const over =
      doc.nodes.length > LIMITS.maxNodes ||
      doc.sites.length > LIMITS.maxSites ||
      doc.links.length > LIMITS.maxLinks ||
      (compact.length > LIMITS.maxDocumentChars / 2 && this.fileChars(doc, compact) > LIMITS.maxDocumentChars);
    if (over && !this.limitWarned)
      this.notify({
        tone: 'warning',
        text: `This design has grown past what the designer opens (at most ${num(LIMITS.maxNodes)} nodes, ${num(LIMITS.maxLinks)} links, ${num(LIMITS.maxSites)} sites, a ${num(LIMITS.maxDocumentChars)}-character file). It is kept here, but undo the last change or split the design before you save a file.`,
      });
    this.limitWarned = over;
  }

  private fileSize: { compact: number; file: number } | undefined;
  /**
   * About how long the file Save would write is. Writing it (indented, 16 MB) after every
   * edit of a large design would freeze the page; it grows with the compact text, so it
   * is measured again only when that changed by more than 1% or the estimate is within 2%
   * of the limit.
   */
  private fileChars(doc: Topology, compact: string): number {
    const last = this.fileSize;
    if (last && Math.abs(compact.length - last.compact) < compact.length / 100) {
      const estimate = (compact.length * last.file) / last.compact;
      if (Math.abs(estimate - LIMITS.maxDocumentChars) > LIMITS.maxDocumentChars / 50) return estimate;
    }
    const file = designFileText(doc).length;
    this.fileSize = { compact: compact.length, file };
    return file;
  }

  /** Asks the browser to keep the site's storage once the user has real work (a design with something in it). */
  private askPersistence(doc: Topology): void {
    if (this.askedPersist || doc.nodes.length === 0) return;
    this.askedPersist = true;
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.persist) return;
    void (async () => {
      try {
        const already = await storage.persisted?.();
        this.set({ persisted: already || (await storage.persist()) });
      } catch {
        this.set({ persisted: false });
      }
    })();
  }

  async estimate(): Promise<StorageEstimate | undefined> {
    try {
      const e = await navigator.storage?.estimate?.();
      return e && typeof e.usage === 'number' && typeof e.quota === 'number' ? { usage: e.usage, quota: e.quota } : undefined;
    } catch {
      return undefined;
    }
  }

  // ------------------------------------------------------------ undo history

  private scheduleHistory(): void {
    if (this.historyTimer) clearTimeout(this.historyTimer);
    this.historyTimer = setTimeout(() => void this.warmThenFlushHistory(), HISTORY_DELAY_MS);
  }

  /** Bumped by every history write: a warming whose round is over does not write. */
  private historyRound = 0;

  /** The steps' texts are written a slice at a time, then the history in one short task. */
  private async warmThenFlushHistory(): Promise<void> {
    this.historyTimer = undefined;
    const round = ++this.historyRound;
    const store = this.store;
    if (!store) return;
    const { past, future } = store.getState().history;
    try {
      await (await import('./warm-history')).warmHistoryText(past, future);
    } catch {
      // Not loaded (offline, not yet cached): written at once instead.
    }
    if (round === this.historyRound) this.flushHistory();
  }

  private flushHistory(): void {
    if (this.historyTimer) clearTimeout(this.historyTimer);
    this.historyTimer = undefined;
    this.historyRound += 1;
    const id = this.designId;
    if (!id || !this.db || !this.store || this.status.getState().mode !== 'owner') return;
    const { past, future } = this.store.getState().history;
    void this.db.saveHistory(id, historyText(past, future));
  }

  // ------------------------------------------------------------ which design this tab shows

  /** Puts a document into the store as the design shown (not an undoable edit, not a change to save). */
  private show(doc: Topology, history: { past: Topology[]; future: Topology[] } | undefined): void {
    const store = this.store!;
    this.loading = true;
    try {
      const s = store.getState();
      store.setState({
        doc,
        history: history ?? { past: [], future: [] },
        revision: s.revision + 1,
        loadSeq: s.loadSeq + 1,
        dragLayout: null,
      });
      store.getState().markSaved();
    } finally {
      this.loading = false;
    }
  }

  /** Reads, checks and shows a stored design, owning it when no other tab does. */
  private async load(
    id: string,
    opts: { waitMs?: number; steal?: boolean } = {},
  ): Promise<{ ok: true } | { ok: false; message: string }> {
    const db = this.db!;
    const text = await db.text(id);
    if (text === undefined) return { ok: false, message: 'it is no longer stored' };
    const parsed = await runOpen({ kind: 'design', text }, (p) => this.setProgress(p));
    if (!parsed.ok) return { ok: false, message: parsed.message };
    const ownership = await claimDesign(id, { waitMs: opts.waitMs, steal: opts.steal, onLost: () => this.lost(id) });
    this.ownership?.release();
    this.ownership = ownership;
    const history = ownership ? await storedHistory(db, id) : undefined;
    this.set({ designId: id, mode: ownership ? 'owner' : 'readOnly' });
    this.show(ensureLayout(parsed.topology), history);
    await this.showBaseline(id);
    // Read-only is shown by the bar over the canvas (with Take over here / Work on a copy).
    if (ownership) await db.setSetting(LAST_DESIGN_SETTING, id);
    return { ok: true };
  }

  /** A new, empty slot owned by this tab (New, Open a file, a share link). The design shown before stays in the library. */
  async startNew(): Promise<void> {
    this.flushHistory();
    this.ownership?.release();
    const id = newDesignId();
    this.ownership = { designId: id, release: () => undefined };
    this.set({ designId: id, mode: this.db ? 'owner' : 'noStorage' });
    this.limitWarned = false;
    // A fresh id is free: the lock is granted at once; held so a later "open" elsewhere sees it.
    const own = await claimDesign(id, { onLost: () => this.lost(id) });
    if (this.designId === id) this.ownership = own;
    else own?.release();
  }

  /** Opens a design from the library in this tab. */
  async open(id: string): Promise<{ ok: true } | { ok: false; message: string }> {
    if (id === this.designId) return { ok: true };
    this.flushHistory();
    await this.idle;
    return this.load(id);
  }

  /** "Take over here": this tab becomes the owner; the other tab turns read-only. */
  async takeOver(): Promise<void> {
    const id = this.designId;
    if (!id || !this.db) return;
    const r = await this.load(id, { steal: true });
    if (r.ok) this.notify({ tone: 'success', text: 'This tab now edits the design; the other tab shows it read-only.' });
    else this.notify({ tone: 'error', text: `The design could not be taken over (${r.message}).` });
  }

  /** "Work on a copy": the design shown becomes a new design of this tab's own. */
  async workOnCopy(): Promise<void> {
    const store = this.store;
    if (!store || !this.db) return;
    const taken = new Set((await this.db.list()).map((d) => d.name));
    const doc = { ...store.getState().doc, name: copyName(store.getState().doc.name, taken) };
    await this.startNew();
    this.show(doc, undefined);
    this.enqueue();
    this.notify({ tone: 'info', text: `This tab now works on its own copy, "${doc.name}".` });
  }

  private lost(id: string): void {
    if (this.designId !== id) return;
    this.ownership = undefined;
    this.queue.delete(id);
    this.set({ mode: 'readOnly' });
    this.notify({
      tone: 'warning',
      text: 'This design was taken over in another tab: this tab shows it read-only now.',
      action: { label: 'Take over here', run: () => void this.takeOver() },
    });
  }

  private async refreshReadOnly(): Promise<void> {
    const id = this.designId;
    if (!id || !this.db) return;
    const text = await this.db.text(id);
    if (text === undefined || this.designId !== id || !this.isReadOnly()) return;
    const parsed = await runOpen({ kind: 'design', text });
    if (parsed.ok && this.designId === id && this.isReadOnly()) this.show(ensureLayout(parsed.topology), undefined);
  }

  /** An edit was refused because this tab is read-only: say so (not on every keystroke). */
  blockedEdit(): void {
    const now = Date.now();
    if (now - this.lastBlockedNotice < 4_000) return;
    this.lastBlockedNotice = now;
    this.notify({
      tone: 'warning',
      text: 'This tab is read-only: the design is being edited in another tab.',
      action: { label: 'Take over here', run: () => void this.takeOver() },
    });
  }

  // ------------------------------------------------------------ the library

  /** A stored design read without opening it (the current deployment of a comparison): the library and this tab stay as they are. */
  async read(id: string): Promise<OpenJobResult> {
    const text = await this.db?.text(id);
    if (text === undefined) return { ok: false, message: 'it is no longer stored' };
    return runOpen({ kind: 'design', text });
  }

  async list(): Promise<DesignSummary[]> {
    return this.db ? this.db.list() : [];
  }

  async rename(id: string, name: string): Promise<WriteOutcome> {
    const trimmed = name.trim().slice(0, LIMITS.maxNameChars);
    if (!trimmed) return { ok: false, reason: 'unavailable', message: 'a design needs a name' };
    if (id === this.designId && this.store) {
      if (this.isReadOnly())
        return {
          ok: false,
          reason: 'unavailable',
          message: 'this tab shows the design read-only; rename it in the tab that edits it',
        };
      this.store.getState().setName(trimmed);
      await this.idle;
      return { ok: true };
    }
    if ((await heldDesigns()).has(id))
      return { ok: false, reason: 'unavailable', message: 'it is open in another tab; rename it there' };
    // The library's own operations are loaded when used (not part of the first load).
    const { renameStored } = await import('./library-ops');
    return renameStored(this.libraryAccess(this.db!), id, trimmed);
  }

  async duplicate(id: string): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
    const db = this.db;
    if (!db) return { ok: false, message: 'the browser storage is not available' };
    await this.idle;
    const shown =
      id === this.designId && this.store ? (this.store.getState().doc as unknown as Record<string, unknown>) : undefined;
    const { duplicateStored } = await import('./library-ops');
    return duplicateStored(this.libraryAccess(db), id, shown);
  }

  async trash(id: string): Promise<WriteOutcome> {
    if (id === this.designId)
      return { ok: false, reason: 'unavailable', message: 'it is open in this tab; open another design first' };
    if ((await heldDesigns()).has(id))
      return { ok: false, reason: 'unavailable', message: 'it is open in another tab; close it there first' };
    const r = await this.db!.trash(id);
    this.libraryChanged();
    return r;
  }

  async restore(id: string): Promise<WriteOutcome> {
    const r = await this.db!.restore(id);
    this.libraryChanged();
    return r;
  }

  /** Deletes a design in the trash for ever (the user asked). */
  async purge(id: string): Promise<WriteOutcome> {
    const r = await this.db!.purge(id);
    this.libraryChanged();
    return r;
  }

  async emptyTrash(): Promise<number> {
    let n = 0;
    for (const d of await this.list()) if (d.deletedAt !== undefined && (await this.db!.purge(d.id)).ok) n++;
    this.libraryChanged();
    return n;
  }

  /** Designs whose 30 days in the trash are over leave it (the user deleted them; the trash said when they go). */
  private async purgeExpired(): Promise<void> {
    for (const d of expiredInTrash(await this.list(), Date.now())) await this.db!.purge(d.id);
  }

  /** Every design of the library (not the trash) in one file. */
  async exportAll(): Promise<{ text: string; count: number }> {
    await this.idle;
    const { exportLibrary } = await import('./library-ops');
    return exportLibrary(this.libraryAccess(this.db!));
  }

  /** Adds the designs of an exported library file (each checked like any file); ones already here are skipped. */
  async importAll(
    text: string,
  ): Promise<{ ok: true; added: number; skipped: number; refused: string[] } | { ok: false; message: string }> {
    const db = this.db;
    if (!db) return { ok: false, message: 'the browser storage is not available' };
    const { importLibrary } = await import('./library-ops');
    return importLibrary(this.libraryAccess(db), text);
  }

  private libraryAccess(db: DesignDb): LibraryAccess {
    return {
      db,
      list: () => this.list(),
      changed: () => this.libraryChanged(),
    };
  }

  private libraryChanged(): void {
    this.bumpLibrary();
    this.channel.post({ type: 'library-changed' });
  }

  private bumpLibrary(): void {
    this.set({ libraryVersion: this.status.getState().libraryVersion + 1 });
  }

  /** The progress of a long open (the page shows it over the canvas); undefined when done. */
  setProgress(progress: StorageStatus['progress']): void {
    this.set({ progress });
  }

  private set(patch: Partial<StorageStatus>): void {
    this.status.setState(patch);
  }

  private notify(n: Parameters<Notify>[0]): number | undefined {
    const store = this.store;
    if (!store) return undefined;
    store.getState().notify(n);
    return store.getState().notices.at(-1)?.id;
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** Fills jsonText's cache for a document a slice at a time (its code is loaded when first used). */
async function warmText(doc: Topology): Promise<void> {
  try {
    const warm = await import('../../lib/json-text-warm');
    await warm.warmJsonText(doc);
    // The write joins the texts in a task of its own: the walk over every object of a
    // 10,000-node design and the write made one long task after each edit.
    await warm.nextTask();
  } catch {
    // Not loaded (offline, not yet cached): the text is written at once instead.
  }
}

/** The undo history stored with a design; none when it cannot be read (the design itself opens all the same). */
async function storedHistory(db: DesignDb, id: string): Promise<{ past: Topology[]; future: Topology[] } | undefined> {
  try {
    return (await import('./read-history')).readHistory(await db.history(id));
  } catch {
    return undefined;
  }
}
