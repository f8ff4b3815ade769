/**
 * The new version takes over after "Reload": by the worker's activation when the browser
 * allows it, else (online) by dropping the old registration and reloading from the server.
 * Browser objects are stood in for: the service worker container, the waiting worker, the
 * page's location and its online state.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { takeOver } from './update-prompt';

class FakeWorker extends EventTarget {
  state: ServiceWorkerState = 'installed';
  readonly messages: unknown[] = [];
  postMessage(m: unknown) {
    this.messages.push(m);
  }
  activate() {
    this.state = 'activated';
    this.dispatchEvent(new Event('statechange'));
  }
}

let reloads: number;
let unregistered: number;
let online: boolean;
const container = new EventTarget() as EventTarget & { getRegistration: () => Promise<{ unregister: () => Promise<boolean> }> };
container.getRegistration = () =>
  Promise.resolve({
    unregister: () => {
      unregistered++;
      return Promise.resolve(true);
    },
  });

beforeEach(() => {
  vi.useFakeTimers();
  reloads = 0;
  unregistered = 0;
  online = true;
  vi.stubGlobal('location', { reload: () => reloads++ });
  vi.stubGlobal('navigator', {
    serviceWorker: container,
    get onLine() {
      return online;
    },
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('takeOver', () => {
  it('asks the waiting worker to skip waiting and reloads once when it activates', async () => {
    const w = new FakeWorker();
    const done = takeOver(w as unknown as ServiceWorker, 5_000);
    expect(w.messages).toEqual([{ type: 'SKIP_WAITING' }]);
    await vi.advanceTimersByTimeAsync(1_200);
    expect(reloads).toBe(0);
    w.activate();
    container.dispatchEvent(new Event('controllerchange'));
    await done;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reloads).toBe(1);
    expect(unregistered).toBe(0);
  });

  it('sees an activation whose events were missed, by looking at the state', async () => {
    const w = new FakeWorker();
    const done = takeOver(w as unknown as ServiceWorker, 5_000);
    w.state = 'activated'; // no event
    await vi.advanceTimersByTimeAsync(600);
    await done;
    expect(reloads).toBe(1);
    expect(unregistered).toBe(0);
  });

  it('online, a worker held back drops the old registration and reloads from the server', async () => {
    const w = new FakeWorker();
    const done = takeOver(w as unknown as ServiceWorker, 5_000);
    await vi.advanceTimersByTimeAsync(4_900);
    expect(reloads).toBe(0);
    await vi.advanceTimersByTimeAsync(200);
    await done;
    expect(unregistered).toBe(1);
    expect(reloads).toBe(1);
  });

  it('offline, a worker held back is waited for: nothing is unregistered, the page does not reload onto no network', async () => {
    online = false;
    const w = new FakeWorker();
    const done = takeOver(w as unknown as ServiceWorker, 5_000);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(unregistered).toBe(0);
    expect(reloads).toBe(0);
    w.activate();
    await done;
    expect(reloads).toBe(1);
  });
});
