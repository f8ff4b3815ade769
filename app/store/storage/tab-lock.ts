/**
 * One owner tab per design, through the Web Locks API: the owner holds the lock
 * `sfb-designer:design:<id>` for as long as it shows the design; the browser releases it
 * when the tab closes, crashes or reloads, so no stale lock survives and a reload never
 * sees its own earlier page as "another tab". A second tab on the same design does not
 * get the lock and shows the design read-only; "Take over here" steals the lock (the
 * first tab is told and turns read-only). Two tabs that start in the same instant both
 * ask; the browser grants the lock to exactly one.
 *
 * Where the Web Locks API is missing (very old browsers) every tab owns its design, as
 * before: the tab works, and a BroadcastChannel still tells other tabs of each save.
 */

export const lockName = (designId: string): string => `sfb-designer:design:${designId}`;

export interface Ownership {
  /** The design whose lock this is. */
  readonly designId: string;
  /** Lets go of the lock (switching to another design, or turning read-only). */
  release(): void;
}

export interface ClaimOptions {
  /** How long to wait for a lock that is held (a reloading page's own lock goes within a moment). */
  waitMs?: number;
  /** Take the lock from the tab holding it. */
  steal?: boolean;
  /** Called when another tab takes the lock over. */
  onLost?: () => void;
}

type LockManagerLike = {
  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal; mode?: 'exclusive' },
    cb: (lock: unknown) => Promise<unknown>,
  ): Promise<unknown>;
  query?(): Promise<{ held?: { name?: string }[] }>;
};

function locks(): LockManagerLike | undefined {
  const n = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManagerLike });
  return n?.locks;
}

export const hasWebLocks = (): boolean => locks() !== undefined;

/** Asks for a design's lock: the ownership when this tab gets it, undefined when another tab keeps it. */
export async function claimDesign(designId: string, opts: ClaimOptions = {}): Promise<Ownership | undefined> {
  const manager = locks();
  if (!manager) return { designId, release: () => undefined };
  let releaseLock: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (releaseLock = resolve));
  let released = false;
  let wasGranted = false;
  const granted = await new Promise<boolean>((resolve) => {
    const controller = opts.waitMs && !opts.steal ? new AbortController() : undefined;
    const timer = controller ? setTimeout(() => controller.abort(), opts.waitMs) : undefined;
    const options = opts.steal ? { steal: true } : controller ? { signal: controller.signal } : { ifAvailable: true };
    manager
      .request(lockName(designId), options, async (lock) => {
        if (timer) clearTimeout(timer);
        if (!lock) {
          resolve(false);
          return;
        }
        wasGranted = true;
        resolve(true);
        await held;
      })
      .then(
        () => undefined,
        (e: unknown) => {
          if (timer) clearTimeout(timer);
          // AbortError before the grant: the wait timed out. After it: another tab stole the lock.
          resolve(false);
          if (wasGranted && !released && (e as { name?: string })?.name === 'AbortError') opts.onLost?.();
        },
      );
  });
  if (!granted) {
    released = true;
    return undefined;
  }
  return {
    designId,
    release() {
      released = true;
      releaseLock();
    },
  };
}

/** Ids of designs whose lock some tab of this browser holds (empty without Web Locks). */
export async function heldDesigns(): Promise<Set<string>> {
  const manager = locks();
  const out = new Set<string>();
  if (!manager?.query) return out;
  try {
    const state = await manager.query();
    for (const l of state.held ?? []) if (l.name?.startsWith(lockName(''))) out.add(l.name.slice(lockName('').length));
  } catch {
    // no answer: nothing known to be held
  }
  return out;
}

/** What the tabs tell each other: a design was written (the read-only viewers refresh). */
export type TabMessage = { type: 'saved'; designId: string; tab: string } | { type: 'library-changed'; tab: string };

export class TabChannel {
  readonly tab = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly channel: BroadcastChannel | undefined;
  private readonly listeners = new Set<(m: TabMessage) => void>();

  constructor(name = 'sfb-designer') {
    this.channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(name);
    if (this.channel)
      this.channel.onmessage = (e: MessageEvent<TabMessage>) => {
        const m = e.data;
        if (!m || typeof m !== 'object' || m.tab === this.tab) return;
        for (const l of this.listeners) l(m);
      };
  }

  post(m: { type: 'saved'; designId: string } | { type: 'library-changed' }): void {
    try {
      this.channel?.postMessage({ ...m, tab: this.tab });
    } catch {
      // a closed channel: nobody to tell
    }
  }

  listen(l: (m: TabMessage) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  close(): void {
    this.listeners.clear();
    this.channel?.close();
  }
}
