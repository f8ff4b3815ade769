/**
 * Offline use and updates (issue 22). The built designer registers its service worker
 * (sw.js, written by scripts/service-worker.ts), which keeps every file of the build so
 * that the designer opens with no network after one visit. When a new version has been
 * installed beside the running one, a notice says so; the new version takes over only
 * when the user chooses "Reload", after the open design's last changes are saved in the
 * browser. Nothing reloads by itself in the middle of an edit.
 */
import { useEffect, useState } from 'react';
import { useDesigner } from './store/designer-context';
import { whenPageQuiet } from './lib/page-quiet';

/** How often an open designer asks the server whether there is a new version. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;
/**
 * The service worker is registered once the page has been this long without a long task
 * (lib/page-quiet.ts), at the latest SW_LATEST_MS after the start: on a first visit it
 * fetches and caches every file of the designer, which took a processor from the opening
 * of a large share link on a two-core machine.
 */
const SW_QUIET_MS = 2000;
const SW_LATEST_MS = 30_000;

export function UpdatePrompt() {
  const session = useDesigner((s) => s.autosave);
  const [waiting, setWaiting] = useState<ServiceWorker | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const [updating, setUpdating] = useState(false);

  useEffect(() => {
    // Development serves modules one by one: no service worker there.
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    let live = true;
    let timer: ReturnType<typeof setInterval> | undefined;
    const offer = (w: ServiceWorker | null) => {
      if (live && w && navigator.serviceWorker.controller) {
        setWaiting(w);
        setDismissed(false);
      }
    };
    void whenPageQuiet(SW_QUIET_MS, SW_LATEST_MS)
      .then(() => (live ? navigator.serviceWorker.register('./sw.js', { scope: './', updateViaCache: 'none' }) : undefined))
      .then((registration) => {
        if (!registration || !live) return;
        offer(registration.waiting);
        registration.addEventListener('updatefound', () => {
          const installing = registration.installing;
          installing?.addEventListener('statechange', () => {
            if (installing.state === 'installed') offer(installing);
          });
        });
        timer = setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
      })
      .catch(() => undefined); // A browser or host that refuses it: the designer still works online.
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  if (!waiting || dismissed) return null;
  const reload = async () => {
    if (updating) return;
    setUpdating(true);
    // Keep the open design: wait for its queued saves, then let the new version take over.
    await session.whenIdle();
    await takeOver(waiting);
  };
  return (
    <div className="update-prompt" role="status" aria-live="polite" data-testid="update-prompt">
      <span>A new version of the designer is ready. Your design is saved in this browser and stays open after the reload.</span>
      <button className="btn small primary" onClick={() => void reload()} data-testid="update-reload" aria-disabled={updating}>
        {updating ? 'Updating…' : 'Reload'}
      </button>
      <button className="btn small" onClick={() => setDismissed(true)} disabled={updating}>
        Later
      </button>
    </div>
  );
}

/** How long the new version gets to take over before the page fetches it afresh. */
export const TAKE_OVER_MS = 5_000;

/**
 * Lets the waiting version take over, then reloads into it. Chromium can hold a waiting
 * worker back after `skipWaiting()` for as long as it counts work in flight on the old one
 * (seen under load: still "installed" a minute later, with no request of the page open).
 * So, when online and it has not taken over within TAKE_OVER_MS, the old registration is
 * dropped and the page reloads from the server: the new version installs again from there.
 * Offline, the page keeps waiting for the takeover (the server cannot be asked).
 */
export function takeOver(waiting: ServiceWorker, wait = TAKE_OVER_MS): Promise<void> {
  return new Promise<void>((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      clearInterval(poll);
      clearTimeout(fallback);
      resolve();
      location.reload();
    };
    navigator.serviceWorker.addEventListener('controllerchange', go, { once: true });
    waiting.addEventListener('statechange', () => {
      if (waiting.state === 'activated') go();
    });
    waiting.postMessage({ type: 'SKIP_WAITING' });
    // Both events can be missed (the worker may be active before the listeners are in): look twice a second too.
    const poll = setInterval(() => {
      if (waiting.state === 'activated' || waiting.state === 'redundant') go();
    }, 500);
    const fallback = setTimeout(() => {
      if (done || !navigator.onLine) return;
      void navigator.serviceWorker
        .getRegistration()
        .then((r) => r?.unregister())
        .catch(() => undefined)
        .then(go);
    }, wait);
  });
}
