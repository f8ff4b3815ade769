import { describe, expect, it, vi } from 'vitest';
import { LazyLinkRouter } from './lazy-link-router';
import type { Topology } from '../model/schema';

const doc = { version: 1, name: 'x', sites: [], nodes: [], links: [] } as unknown as Topology;
const router = (onChange = () => {}) => new LazyLinkRouter({ onChange });

describe('LazyLinkRouter', () => {
  it('is not busy before anything is asked of it (a canvas drawing one picture never asks)', () => {
    expect(router().busy).toBe(false);
  });

  it('is busy from the first request until the router is in, then says so', async () => {
    const onChange = vi.fn();
    const r = router(onChange);
    expect(r.route(doc).size).toBe(0);
    expect(r.busy).toBe(true);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(r.busy).toBe(false);
  });
});

describe('LazyLinkRouter: WAN lines in a task of their own', () => {
  const sites = {
    ...doc,
    sites: [
      { id: 'a', name: 'A', kind: 'central' },
      { id: 'b', name: 'B', kind: 'central' },
    ],
    siteLinks: [{ id: 'w', from: 'a', to: 'b' }],
  } as unknown as Topology;
  const frames = new Map([
    ['a', { x: 0, y: 0, width: 300, height: 200 }],
    ['b', { x: 600, y: 0, width: 300, height: 200 }],
  ]);
  const loaded = async () => {
    const onChange = vi.fn();
    // The task they wait for never comes here: what is measured is what the canvas waits on.
    const r = new LazyLinkRouter({ onChange, wanInBackground: true, schedule: () => () => {} });
    r.route(doc);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled());
    return r;
  };

  it('is busy while a WAN routing waits for its task', async () => {
    const r = await loaded();
    expect(r.routeSiteLinks(sites, frames)).toBeUndefined();
    expect(r.busy).toBe(true);
  });

  it('is not busy once the canvas has no WAN lines to draw (a design turned into one picture)', async () => {
    const r = await loaded();
    r.routeSiteLinks(sites, frames);
    r.noWanLines();
    expect(r.busy).toBe(false);
  });
});
