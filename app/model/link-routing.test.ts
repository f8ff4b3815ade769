import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boxesOverlap,
  DEFAULT_ROUTER_OPTIONS,
  laneSegments,
  routeConnectors,
  RoutingScene,
  segmentCrossesBox,
  spreadLanes,
  spreadSegments,
  type Box,
  type Point,
  type RoutedConnector,
} from '../lib/orthogonal-router';
import { diagramGeometry, labelSize, linkLabelText, LinkRouter, routeLinks, routerInput, textWidth } from './link-routing';
import { REFERENCE_DESIGNS } from './samples/index';
import type { Topology } from './schema';
import { emptyTopology, defaultNode, defaultSite, defaultLink } from './defaults';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

function crossings(doc: Topology, routes: ReturnType<typeof routeLinks>): string[] {
  const { cards } = diagramGeometry(doc);
  const out: string[] = [];
  for (const l of doc.links) {
    const r = routes.get(l.id);
    if (!r) continue;
    for (let i = 0; i + 1 < r.points.length; i++)
      for (const [id, b] of cards)
        if (id !== l.from && id !== l.to && segmentCrossesBox(r.points[i]!, r.points[i + 1]!, b))
          out.push(`${l.id} crosses ${id}`);
  }
  return out;
}

const orthogonal = (p: Point[]) => p.every((a, i) => i === 0 || a.x === p[i - 1]!.x || a.y === p[i - 1]!.y);
const onBorder = (p: Point, b: Box) =>
  p.x === b.x || p.x === b.x + b.width
    ? p.y >= b.y && p.y <= b.y + b.height
    : (p.y === b.y || p.y === b.y + b.height) && p.x >= b.x && p.x <= b.x + b.width;

describe('routeLinks on the reference designs', () => {
  for (const d of REFERENCE_DESIGNS) {
    it(`${d.id}: every link routed orthogonally from border to border, through no other card`, () => {
      const doc = d.build();
      const routes = routeLinks(doc);
      const { cards } = diagramGeometry(doc);
      expect(routes.size).toBe(doc.links.length);
      for (const l of doc.links) {
        const r = routes.get(l.id)!;
        expect(r.clear).toBe(true);
        expect(orthogonal(r.points)).toBe(true);
        expect(onBorder(r.points[0]!, cards.get(l.from)!)).toBe(true);
        expect(onBorder(r.points[r.points.length - 1]!, cards.get(l.to)!)).toBe(true);
      }
      expect(crossings(doc, routes)).toEqual([]);
    });
    it(`${d.id}: labels clear of every card, header and other label`, () => {
      const doc = d.build();
      const routes = routeLinks(doc);
      const { cards, headers } = diagramGeometry(doc);
      const labels = [...routes.values()].flatMap((r) => (r.label ? [r.label] : []));
      expect(labels.length).toBeGreaterThan(0);
      for (const l of labels) {
        for (const c of [...cards.values(), ...headers]) expect(boxesOverlap(l, c), `${l.text} over a card`).toBe(false);
        for (const m of labels) if (m !== l) expect(boxesOverlap(l, m), `${l.text} over ${m.text}`).toBe(false);
        // Nor against a card's findings badge, astride its top-right corner.
        for (const c of cards.values()) {
          const badge = { x: c.x + c.width - 46, y: c.y - 11, width: 57, height: 22 };
          expect(boxesOverlap(l, badge), `${l.text} against a card's badge`).toBe(false);
        }
      }
    });
  }
  it('is deterministic', () => {
    const doc = REFERENCE_DESIGNS[0]!.build();
    expect(JSON.stringify([...routeLinks(doc)])).toBe(JSON.stringify([...routeLinks(doc)]));
  });
  it('parallel links between one pair of cards get separate lanes', () => {
    const doc = REFERENCE_DESIGNS.find((d) => d.id === 'pair-2019-ag')!.build();
    const a = doc.nodes[0]!;
    const b = doc.nodes[1]!;
    const twice: Topology = {
      ...doc,
      links: [defaultLink('backEnd', 'x1', a.id, b.id), defaultLink('witness', 'x2', a.id, b.id)] as Topology['links'],
    };
    const r = routeLinks(twice);
    const p1 = r.get('x1')!.points;
    const p2 = r.get('x2')!.points;
    expect(p1[0]).not.toEqual(p2[0]);
    expect(p1[p1.length - 1]).not.toEqual(p2[p2.length - 1]);
  });
});

describe('LinkRouter (the canvas, while cards move)', () => {
  it('after a move gives the routes a fresh routing gives for the moved card’s links', () => {
    const doc = REFERENCE_DESIGNS.find((d) => d.id === 'global')!.build();
    const router = new LinkRouter();
    router.route(doc);
    const n = doc.nodes[3]!;
    const moved: Topology = {
      ...doc,
      layout: { ...doc.layout, [n.id]: { x: doc.layout![n.id]!.x + 40, y: doc.layout![n.id]!.y + 16 } },
    };
    const incremental = router.route(moved);
    const full = routeLinks(moved);
    for (const l of doc.links.filter((k) => k.from === n.id || k.to === n.id))
      expect(incremental.get(l.id)!.points).toEqual(full.get(l.id)!.points);
    expect(crossings(moved, incremental)).toEqual([]);
  });
});

describe('LinkRouter during a drag', () => {
  it('draws the dragged card’s links orthogonally on each frame, then on release routes them as a fresh routing does', () => {
    const doc = REFERENCE_DESIGNS.find((d) => d.id === 'global')!.build();
    const router = new LinkRouter();
    const start = router.route(doc);
    const n = doc.nodes[3]!;
    const at = (dx: number, dy: number): Topology => ({
      ...doc,
      layout: { ...doc.layout, [n.id]: { x: doc.layout![n.id]!.x + dx, y: doc.layout![n.id]!.y + dy } },
    });
    let frame: Topology = doc;
    for (let i = 1; i <= 6; i++) {
      frame = at(i * 24, i * 10);
      const live = router.route(frame, {}, undefined, true);
      const box = diagramGeometry(frame).cards.get(n.id)!;
      for (const l of doc.links.filter((k) => k.from === n.id || k.to === n.id)) {
        const p = live.get(l.id)!.points;
        expect(orthogonal(p)).toBe(true);
        // Attached to the card where it is now, on its border.
        expect(onBorder(l.from === n.id ? p[0]! : p[p.length - 1]!, box)).toBe(true);
      }
      // A frame draws the dragged card's links only: every other link keeps its route until the release.
      for (const l of doc.links.filter((k) => k.from !== n.id && k.to !== n.id)) expect(live.get(l.id)).toBe(start.get(l.id));
    }
    // Released where the last frame left it: the same document, not live.
    const settled = router.route(frame);
    const full = routeLinks(frame);
    for (const l of doc.links.filter((k) => k.from === n.id || k.to === n.id))
      expect(settled.get(l.id)!.points, l.id).toEqual(full.get(l.id)!.points);
    // No link crosses a card it does not join where the same move made in one step crosses none.
    const oneStep = new LinkRouter();
    oneStep.route(doc);
    const inOneStep = new Set(crossings(frame, oneStep.route(frame)));
    expect(crossings(frame, settled).filter((c) => !inOneStep.has(c))).toEqual([]);
  });
});

/** A queue standing for the page's later tasks: `schedule` as the canvas gives it, run by hand. */
function taskQueue() {
  const queued: (() => void)[] = [];
  const schedule = (work: () => void) => {
    queued.push(work);
    return () => queued.splice(queued.indexOf(work), 1);
  };
  return { queued, schedule };
}

describe('LinkRouter on a large design (routing in the background)', () => {
  const doc = REFERENCE_DESIGNS.find((d) => d.id === 'global')!.build();
  const { queued, schedule } = taskQueue();

  it('routes in slices when asked to, however few links there are (a windowed canvas); at once when not', () => {
    const big = { backgroundAbove: Infinity, schedule, sliceMs: 0 };
    const asked = new LinkRouter(big);
    asked.route(doc, { background: true });
    expect(asked.busy).toBe(true);
    let slices = 0;
    while (queued.length > 0 && slices < 10_000) {
      queued.shift()!();
      slices += 1;
    }
    expect(asked.busy).toBe(false);
    const atOnce = new LinkRouter(big);
    atOnce.route(doc);
    expect(atOnce.busy).toBe(false);
    expect(queued).toHaveLength(0);
    const done = asked.route(doc, { background: true });
    for (const [id, r] of atOnce.route(doc)) expect(done.get(id)!.points, id).toEqual(r.points);
  });

  it('draws the obvious routes at once, the rest in slices, then gives what a full routing gives', () => {
    let changes = 0;
    const router = new LinkRouter({ backgroundAbove: 0, schedule, onChange: () => (changes += 1), sliceMs: 0 });
    const first = router.route(doc);
    expect(router.busy).toBe(true);
    expect(first.size).toBeGreaterThan(0);
    expect(first.size).toBeLessThan(doc.links.length);
    expect([...first.values()].every((r) => r.label === undefined)).toBe(true);
    let slices = 0;
    while (queued.length > 0 && slices < 10_000) {
      queued.shift()!();
      slices += 1;
    }
    expect(slices).toBeGreaterThan(2);
    expect(router.busy).toBe(false);
    expect(changes).toBe(1);
    const done = router.route(doc);
    const full = routeLinks(doc);
    expect(done.size).toBe(full.size);
    for (const [id, r] of full) expect(done.get(id)!.points, id).toEqual(r.points);
    expect([...done.values()].filter((r) => r.label).length).toBe([...full.values()].filter((r) => r.label).length);
    expect(crossings(doc, done)).toEqual([]);
  });

  it('on a very large design keeps the obvious routes only, found in slices between frames (straight links meanwhile)', () => {
    let changes = 0;
    const router = new LinkRouter({
      backgroundAbove: 0,
      obviousOnlyAbove: 0,
      schedule,
      sliceMs: 0,
      onChange: () => (changes += 1),
    });
    const before = queued.length;
    expect(router.route(doc).size).toBe(0);
    expect(router.busy).toBe(true);
    expect(queued.length).toBe(before + 1);
    while (queued.length > before) queued.shift()!();
    expect(router.busy).toBe(false);
    expect(changes).toBe(1);
    const routes = router.route(doc);
    expect(routes.size).toBeGreaterThan(0);
    expect(routes.size).toBeLessThan(doc.links.length);
    // The others are drawn straight by the canvas; no label is placed (the overview shows none).
    expect([...routes.values()].every((r) => r.label === undefined && r.points.length >= 2)).toBe(true);
  });

  it('starts again when cards move before it is done, and drops the older work', () => {
    let changes = 0;
    const router = new LinkRouter({ backgroundAbove: 0, schedule, onChange: () => (changes += 1), sliceMs: 0 });
    router.route(doc);
    queued.shift()!();
    const n = doc.nodes[3]!;
    const moved: Topology = {
      ...doc,
      layout: { ...doc.layout, [n.id]: { x: doc.layout![n.id]!.x + 40, y: doc.layout![n.id]!.y + 16 } },
    };
    router.route(moved);
    while (queued.length > 0) queued.shift()!();
    expect(changes).toBe(1);
    const full = routeLinks(moved);
    for (const [id, r] of full) expect(router.route(moved).get(id)!.points, id).toEqual(r.points);
  });
});

describe('LinkRouter on the first design the page opens (backgroundFirst)', () => {
  const doc = REFERENCE_DESIGNS.find((d) => d.id === 'global')!.build();

  it('routes it in slices, labels a few at a time, to exactly what one full routing gives; the next design at once', () => {
    const { queued, schedule } = taskQueue();
    let changes = 0;
    const router = new LinkRouter({ backgroundFirst: true, schedule, onChange: () => (changes += 1), sliceMs: 0 });
    const first = router.route(doc);
    expect(router.busy).toBe(true);
    expect([...first.values()].every((r) => r.label === undefined)).toBe(true);
    let slices = 0;
    while (queued.length > 0 && slices < 10_000) {
      queued.shift()!();
      slices += 1;
    }
    const full = routeLinks(doc);
    const labelled = [...full.values()].filter((r) => r.label).length;
    // Routing slices, one for the lanes, then the labels four per slice.
    expect(slices).toBeGreaterThan(Math.ceil(labelled / 4));
    expect(router.busy).toBe(false);
    expect(changes).toBe(1);
    const done = router.route(doc);
    expect(done.size).toBe(full.size);
    for (const [id, r] of full) {
      expect(done.get(id)!.points, id).toEqual(r.points);
      expect(done.get(id)!.label, id).toEqual(r.label);
    }
    // Another design (a link fewer) is routed at once, as without the option.
    const next: Topology = { ...doc, links: doc.links.slice(1) };
    const again = router.route(next);
    expect(router.busy).toBe(false);
    expect(queued).toEqual([]);
    for (const [id, r] of routeLinks(next)) expect(again.get(id)!.points, id).toEqual(r.points);
  });
});

describe('LinkRouter keeps what did not move', () => {
  it('routes nothing again when only a name changed, and places labels again when only their options changed', () => {
    const doc = REFERENCE_DESIGNS.find((d) => d.id === 'global')!.build();
    const router = new LinkRouter();
    const before = router.route(doc);
    const renamed: Topology = {
      ...doc,
      nodes: doc.nodes.map((n, i) => (i === 0 ? { ...n, name: `${n.name} (renamed)` } : n)),
      sites: doc.sites.map((s) => ({ ...s })),
    };
    expect(router.route(renamed)).toBe(before);
    const none = router.route(renamed, { labelled: () => false });
    expect([...none.values()].some((r) => r.label)).toBe(false);
    for (const [id, r] of before) expect(none.get(id)!.points).toBe(r.points);
  });
});

describe('LinkRouter on a large design given new label options (the zoom crossed a detail level)', () => {
  const doc = REFERENCE_DESIGNS.find((d) => d.id === 'global')!.build();
  const pairingOnly = { labelled: (l: Topology['links'][number]) => l.kind === 'pairing' };
  const drain = (queued: (() => void)[]) => {
    let slices = 0;
    while (queued.length > 0 && slices < 10_000) {
      queued.shift()!();
      slices += 1;
    }
    return slices;
  };

  it('keeps the routes, draws them without labels, then places the labels in slices where one call places them', () => {
    const { queued, schedule } = taskQueue();
    let changes = 0;
    const router = new LinkRouter({ backgroundAbove: 0, schedule, onChange: () => (changes += 1), sliceMs: 0 });
    router.route(doc, pairingOnly);
    drain(queued);
    const routed = router.route(doc, pairingOnly);
    changes = 0;
    const meanwhile = router.route(doc);
    expect(router.busy).toBe(true);
    expect(changes).toBe(0);
    expect([...meanwhile.values()].every((r) => r.label === undefined)).toBe(true);
    for (const [id, r] of routed) expect(meanwhile.get(id)!.points, id).toBe(r.points);
    expect(drain(queued)).toBeGreaterThan(1);
    expect(router.busy).toBe(false);
    expect(changes).toBe(1);
    const done = router.route(doc);
    // The same size limits, without a schedule: everything at once.
    const atOnce = new LinkRouter({ backgroundAbove: 0 });
    atOnce.route(doc, pairingOnly);
    const expected = atOnce.route(doc);
    expect([...expected.values()].filter((r) => r.label).length).toBeGreaterThan(8);
    for (const [id, r] of expected) {
      expect(done.get(id)!.points, id).toEqual(r.points);
      expect(done.get(id)!.label, id).toEqual(r.label);
    }
  });

  it('follows the options asked for last when the zoom changes again before the labels are placed', () => {
    const { queued, schedule } = taskQueue();
    const router = new LinkRouter({ backgroundAbove: 0, schedule, sliceMs: 0 });
    router.route(doc);
    drain(queued);
    router.route(doc, pairingOnly);
    queued.shift()!();
    const none = { labelled: () => false };
    router.route(doc, none);
    drain(queued);
    expect(router.busy).toBe(false);
    expect([...router.route(doc, none).values()].some((r) => r.label)).toBe(false);
  });

  it('near miss: a design at or under the background size places them at once', () => {
    const { queued, schedule } = taskQueue();
    const router = new LinkRouter({ backgroundAbove: doc.links.length, schedule, sliceMs: 0 });
    router.route(doc);
    const labelled = router.route(doc, pairingOnly);
    expect(router.busy).toBe(false);
    expect(queued).toEqual([]);
    expect([...labelled.values()].some((r) => r.label)).toBe(true);
  });
});

describe('random cards in a site', () => {
  it('routes cross no card they do not join', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { minLength: 2, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 14 }),
        (cells, pairs) => {
          const unique = [...new Map(cells.map(([c, r]) => [`${c},${r}`, [c, r] as const])).values()];
          fc.pre(unique.length >= 2);
          const doc = emptyTopology('t');
          doc.sites = [defaultSite('s', 'S', 'central')];
          doc.nodes = unique.map((_, i) =>
            defaultNode('fileStore', { id: `n${i}`, siteId: 's', name: `n${i}`, fqdn: `n${i}.x.com` }),
          );
          doc.layout = Object.fromEntries(unique.map(([c, r], i) => [`n${i}`, { x: c * 300, y: r * 160 }]));
          doc.links = pairs.flatMap(([a, b], i) => {
            const f = a % unique.length;
            const t = b % unique.length;
            return f === t ? [] : [defaultLink('fileStore', `l${i}`, `n${f}`, `n${t}`)];
          }) as Topology['links'];
          const routes = routeLinks(doc);
          for (const r of routes.values()) expect(orthogonal(r.points)).toBe(true);
          expect(crossings(doc, [...routes.values()].every((r) => r.clear) ? routes : new Map())).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('labels', () => {
  it('say what the link is in the architect’s words', () => {
    expect(linkLabelText(defaultLink('store', 'l', 'a', 'b') as never)).not.toMatch(/[a-z][A-Z]/);
    expect(linkLabelText({ id: 'l', kind: 'store', from: 'a', to: 'b', role: 'persistentChatCompliance' })).toBe(
      'Persistent Chat compliance',
    );
    expect(linkLabelText({ id: 'l', kind: 'pairing', from: 'a', to: 'b', voiceFailover: true } as never)).toBe(
      'backup pool · voice failover',
    );
  });
  it('are sized from the text, wider for longer text', () => {
    expect(textWidth('mirror')).toBeLessThan(textWidth('backup pool · voice failover'));
    expect(labelSize('mirror').width).toBeGreaterThan(textWidth('mirror'));
  });
});

describe('lanes spread a few routes at a time (a large design routed in the background)', () => {
  const copy = (routes: ReadonlyMap<string, RoutedConnector>): Map<string, RoutedConnector> =>
    new Map([...routes].map(([id, r]): [string, RoutedConnector] => [id, { ...r, points: [...r.points] }]));

  it('property: the channels found in chunks, in any order, spread to exactly what one call gives', () => {
    const designs = REFERENCE_DESIGNS.map((d) => d.build()).filter((doc) => doc.links.length > 1);
    expect(designs.length).toBeGreaterThan(0);
    const prepared = designs.map((doc) => {
      const scene = new RoutingScene(routerInput(doc, diagramGeometry(doc), undefined), DEFAULT_ROUTER_OPTIONS);
      const routes = routeConnectors(scene);
      const whole = copy(routes);
      spreadLanes(whole, scene);
      return { scene, routes, whole };
    });
    fc.assert(
      fc.property(fc.nat(prepared.length - 1), fc.integer({ min: 1, max: 7 }), fc.integer(), (which, chunk, seed) => {
        const { scene, routes, whole } = prepared[which]!;
        const ids = [...routes.keys()];
        // A shuffle from the seed: the order the chunks come in must not matter.
        let x = seed >>> 0;
        for (let i = ids.length - 1; i > 0; i--) {
          x = (x * 1103515245 + 12345) >>> 0;
          const j = x % (i + 1);
          [ids[i], ids[j]] = [ids[j]!, ids[i]!];
        }
        const mine = copy(routes);
        const segs = [];
        for (let i = 0; i < ids.length; i += chunk) segs.push(...laneSegments(mine, scene, ids.slice(i, i + chunk)));
        spreadSegments(mine, segs, scene.options.laneGap);
        for (const [id, r] of whole) expect(mine.get(id)!.points, id).toEqual(r.points);
      }),
      { numRuns: 40 },
    );
  });
});
