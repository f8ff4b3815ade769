import { beforeAll, describe, expect, it } from 'vitest';
import { Position } from '@xyflow/react';
import { globalMultiSite, pair2019AlwaysOn } from '../model/samples/index';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import type { Topology } from '../model/schema';
import { loadRuleEngine, selectFindingIndex } from '../store/selectors';
import { borderPoint } from './topology-edge';
import { dashAt, detailLevelAt, COMPACT_ZOOM, DASH_SCALE, OVERVIEW_ZOOM } from './detail-level';
import { fittedViewport, EMPTY_VIEWPORT, FIT_OPTIONS } from './fit';
import { LinkRouter } from '../model/link-routing';
import { CENTRE_HANDLE, FlowMapper, SIDE_HANDLES, TOPOLOGY_NODE_HANDLES, type FlowInput } from './to-flow';
import type { TopologyFlowNode } from './flow-types';

// The page loads the rule engine as it starts; so do these tests.
beforeAll(() => loadRuleEngine());

function input(doc: Topology, over: Partial<FlowInput> = {}): FlowInput {
  return { doc, selected: new Set(), findings: selectFindingIndex(doc), highlighted: new Set(), ...over };
}

function moved(doc: Topology, id: string, dx: number): Topology {
  const p = doc.layout![id]!;
  return { ...doc, layout: { ...doc.layout, [id]: { x: p.x + dx, y: p.y } } };
}

describe('FlowMapper', () => {
  it('gives every card its size and its centre anchor, so edges draw before React Flow measures', () => {
    const doc = pair2019AlwaysOn();
    const { nodes } = new FlowMapper(new LinkRouter()).map(input(doc));
    const cards = nodes.filter((n): n is TopologyFlowNode => n.type === 'topology');
    expect(cards).toHaveLength(doc.nodes.length);
    for (const c of cards) {
      expect(c.measured).toEqual({ width: NODE_WIDTH, height: NODE_HEIGHT });
      expect(c.handles?.[0]).toMatchObject({
        id: CENTRE_HANDLE,
        type: 'source',
        x: NODE_WIDTH / 2,
        y: NODE_HEIGHT / 2,
        width: 0,
        height: 0,
      });
    }
    // React Flow takes the first source handle when a link names none: the centre.
    expect(TOPOLOGY_NODE_HANDLES[0]!.position).toBe(Position.Top);
    for (const s of nodes.filter((n) => n.type === 'site')) expect(s.measured).toEqual({ width: s.width, height: s.height });
  });

  it('declares the four side handles a connection starts from, on the sides the card draws them', () => {
    // React Flow replaces a node's measured handles by these whenever the node object
    // changes (a selection, new findings): a side missing here starts no connection.
    const { nodes } = new FlowMapper(new LinkRouter()).map(input(pair2019AlwaysOn()));
    const card = nodes.find((n): n is TopologyFlowNode => n.type === 'topology')!;
    const sides = card.handles!.slice(1);
    expect(sides.map((h) => h.id)).toEqual([...SIDE_HANDLES]);
    for (const h of sides) {
      const cx = h.x + (h.width ?? 0) / 2;
      const cy = h.y + (h.height ?? 0) / 2;
      const onSide = {
        [Position.Top]: cy >= 0 && cy <= 4 && Math.abs(cx - NODE_WIDTH / 2) <= 4,
        [Position.Bottom]: cy <= NODE_HEIGHT && cy >= NODE_HEIGHT - 4 && Math.abs(cx - NODE_WIDTH / 2) <= 4,
        [Position.Left]: cx >= 0 && cx <= 4 && Math.abs(cy - NODE_HEIGHT / 2) <= 4,
        [Position.Right]: cx <= NODE_WIDTH && cx >= NODE_WIDTH - 4 && Math.abs(cy - NODE_HEIGHT / 2) <= 4,
      }[h.position];
      expect(onSide, `${h.id} at ${cx},${cy}`).toBe(true);
      expect(h.position).toBe(h.id);
    }
  });

  it("during a drag, reuses every card that did not move and keeps the edges, changing only the moved links' routes", () => {
    const doc = globalMultiSite();
    const mapper = new FlowMapper(new LinkRouter());
    const base = input(doc);
    const first = mapper.map(base);
    const id = doc.nodes[3]!.id;
    // As the canvas maps a drag frame: the site frames keep their size until the drop (and the WAN lines with them).
    const second = mapper.map({ ...base, doc: moved(doc, id, 40), freezeFrames: true, dragging: true });
    // The same edges array: React Flow does not rebuild its connection index on a drag frame.
    expect(second.edges).toBe(first.edges);
    // The moved card's own links are re-routed; most of the others keep their route.
    const own = doc.links.filter((l) => l.from === id || l.to === id);
    expect(own.length).toBeGreaterThan(0);
    for (const l of own) expect(second.routes.get(l.id)).not.toBe(first.routes.get(l.id));
    const kept = doc.links.filter((l) => second.routes.get(l.id) === first.routes.get(l.id));
    expect(kept.length).toBeGreaterThan(doc.links.length / 2);
    const byId = new Map(first.nodes.map((n) => [n.id, n]));
    for (const n of second.nodes) {
      if (n.id === id) {
        expect(n).not.toBe(byId.get(id));
        expect(n.position.x).toBe(doc.layout![id]!.x + 40);
        expect(n.data).toBe(byId.get(id)!.data);
      } else if (n.type === 'topology') expect(n).toBe(byId.get(n.id));
    }
  });

  it('rebuilds what changed when more than positions change', () => {
    const doc = globalMultiSite();
    const mapper = new FlowMapper(new LinkRouter());
    const first = mapper.map(input(doc));
    const link = doc.links[0]!;
    const second = mapper.map(input(doc, { selected: new Set([link.id]) }));
    expect(second.edges).not.toBe(first.edges);
    expect(second.edges.find((e) => e.id === link.id)!.selected).toBe(true);
    expect(second.edges.filter((e, i) => e !== first.edges[i])).toHaveLength(1);
    const renamed = { ...doc, nodes: doc.nodes.map((n, i) => (i === 0 ? { ...n, name: 'Renamed' } : n)) };
    const third = mapper.map(input(renamed));
    const card = third.nodes.find((n) => n.id === doc.nodes[0]!.id) as TopologyFlowNode;
    expect(card.data.node.name).toBe('Renamed');
  });
});

describe('borderPoint', () => {
  it('puts a link end on the border of the card, on the line between the centres', () => {
    const a = { x: 0, y: 0, w: NODE_WIDTH, h: NODE_HEIGHT };
    expect(borderPoint(a, { x: 1000, y: 0 }, 0)).toEqual({ x: NODE_WIDTH / 2, y: 0 });
    expect(borderPoint(a, { x: 0, y: -1000 }, 0)).toEqual({ x: 0, y: -NODE_HEIGHT / 2 });
    const diagonal = borderPoint(a, { x: 1000, y: 1000 }, 0);
    expect(diagonal.y).toBeCloseTo(NODE_HEIGHT / 2);
    expect(diagonal.x).toBeCloseTo(NODE_HEIGHT / 2);
  });
});

describe('FlowMapper: a window without WAN links', () => {
  it('tells the router no WAN lines are wanted, so a routing of them still waiting does not hold the canvas pending', () => {
    const doc = globalMultiSite();
    expect(doc.siteLinks?.length).toBeGreaterThan(0);
    let dropped = 0;
    const router = Object.assign(new LinkRouter(), { noWanLines: () => void dropped++ });
    const mapper = new FlowMapper(router);
    mapper.map(input(doc));
    expect(dropped).toBe(0);
    // Drawn as one picture: the window holds no card and no frame.
    const { nodes, edges } = mapper.map(input(doc, { window: new Set() }));
    expect(nodes).toHaveLength(0);
    expect(edges).toHaveLength(0);
    expect(dropped).toBe(1);
  });
});

describe('level of detail and the first view', () => {
  it('stretches a dash pattern by the level, so dashes stay a few screen pixels long', () => {
    expect(dashAt('8 5', 'full')).toBe('8 5');
    expect(dashAt('8 5', 'overview')).toBe(`${8 * DASH_SCALE.overview} ${5 * DASH_SCALE.overview}`);
    expect(dashAt(' 1.5  4 ', 'compact')).toBe(`${1.5 * DASH_SCALE.compact} ${4 * DASH_SCALE.compact}`);
    expect(dashAt(undefined, 'overview')).toBeUndefined();
    // On screen (zoom × canvas length), the overview's mirror dash is at least a pixel at its deepest zoom.
    expect(0.1 * 8 * DASH_SCALE.overview).toBeGreaterThanOrEqual(1);
  });

  it('is compact below the threshold zoom only', () => {
    expect(detailLevelAt(COMPACT_ZOOM)).toBe('full');
    expect(detailLevelAt(COMPACT_ZOOM - 0.01)).toBe('compact');
    expect(detailLevelAt(OVERVIEW_ZOOM)).toBe('compact');
    expect(detailLevelAt(OVERVIEW_ZOOM - 0.01)).toBe('overview');
    expect(detailLevelAt(1)).toBe('full');
  });

  it('fits the whole design into the pane, within the zoom limits', () => {
    const doc = globalMultiSite();
    const { nodes } = new FlowMapper(new LinkRouter()).map(input(doc));
    const vp = fittedViewport(nodes, 1000, 600);
    expect(vp.zoom).toBeLessThanOrEqual(FIT_OPTIONS.maxZoom);
    for (const n of nodes) {
      const left = n.position.x * vp.zoom + vp.x;
      const right = (n.position.x + (n.width ?? 0)) * vp.zoom + vp.x;
      const top = n.position.y * vp.zoom + vp.y;
      const bottom = (n.position.y + (n.height ?? 0)) * vp.zoom + vp.y;
      expect(left).toBeGreaterThanOrEqual(-0.5);
      expect(top).toBeGreaterThanOrEqual(-0.5);
      expect(right).toBeLessThanOrEqual(1000.5);
      expect(bottom).toBeLessThanOrEqual(600.5);
    }
    expect(fittedViewport([], 1000, 600)).toEqual(EMPTY_VIEWPORT);
    expect(fittedViewport(nodes, 0, 0)).toEqual(EMPTY_VIEWPORT);
  });
});
