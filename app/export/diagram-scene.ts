/**
 * The drawing of a design as plain shapes, computed once and drawn by every exporter
 * (SVG, PDF, PowerPoint) so they all look like the canvas and like each other: site
 * frames, cards (kind colour, icon, name, FQDN, version, key facts), routed links with
 * their arrowheads, label pills and finding badges. Text is already fitted to its room.
 * Pure: no DOM, no fonts (text-metrics.ts measures).
 */
import { NODE_HEIGHT, NODE_WIDTH, SITE_HEADER } from '../model/grid-layout';
import { positionOf } from '../model/layout';
import { nodeFacts, versionBadge } from '../model/node-facts';
import { productVersionOf } from '../model/schema';
import type { Link, NodeKind, SiteLink, Topology } from '../model/schema';
import { siteFrames } from '../model/site-frames';
import { routeSiteLinks, type SiteLinkRoute } from '../model/site-link-routing';
import { isWeakSiteLink } from '../model/site-link-text';
import { displayText } from './escape';
import {
  ARROW_LINKS,
  KIND_FAMILY,
  KIND_ICON,
  LINK_STYLE,
  linkColor,
  SITE_ICON,
  THEMES,
  type DiagramTheme,
  type DiagramThemeName,
  type IconPart,
  type Paint,
  type Severity,
} from './diagram-style';
import { linkLabelText, routeLinks as routeDiagramLinks } from '../model/link-routing';
import { routeLinks as elbowRoutes, type Box, type Point } from './link-route';
import { fitText, textWidth, type FontStyle } from './text-metrics';
import { num } from '../lib/text';

/** What the drawing needs of a finding (the rule engine's findings fit this shape). */
export interface DiagramFinding {
  severity: Severity;
  nodeIds: readonly string[];
  linkIds: readonly string[];
  siteIds: readonly string[];
}

export interface SceneOptions {
  theme?: DiagramThemeName;
  findings?: readonly DiagramFinding[];
  /** Finding badges on cards, frames and links, as on the canvas (default true). */
  badges?: boolean;
  margin?: number;
}

export interface TextRun {
  text: string;
  /** Left edge, or centre when anchor is 'middle'. */
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  style: FontStyle;
  color: string;
  anchor?: 'middle';
}

export interface Pill {
  box: Box;
  fill: Paint;
  stroke: Paint;
  text: TextRun;
}

export interface BadgeShape {
  box: Box;
  severity: Severity;
  color: string;
  fill: string;
  /** The severity mark: a 12-pixel icon whose centre is here. */
  icon: Point;
  count: TextRun;
}

export interface IconShape {
  parts: readonly IconPart[];
  x: number;
  y: number;
  size: number;
  color: string;
}

export interface SiteShape {
  id: string;
  box: Box;
  branch: boolean;
  fill: Paint;
  stroke: Paint;
  rule: Paint;
  icon: IconShape;
  name: TextRun;
  meta?: TextRun;
  badge?: BadgeShape;
}

export interface CardShape {
  id: string;
  kind: NodeKind;
  box: Box;
  accent: string;
  fill: string;
  border: string;
  icon: IconShape;
  name: TextRun;
  /** The rest of a name too long for the line beside the pills. */
  name2?: TextRun;
  fqdn: TextRun;
  facts: TextRun[];
  pills: Pill[];
  badge?: BadgeShape;
  /** Full name and FQDN, for tooltips and slide notes. */
  title: string;
}

export interface LinkShape {
  id: string;
  kind: Link['kind'];
  from: string;
  to: string;
  /** The stroked polyline, shortened where an arrowhead sits. */
  points: Point[];
  color: string;
  width: number;
  dash?: string;
  /** Closed triangles (tip first) at the ends that have one. */
  arrows: Point[][];
  label?: LabelShape;
}

export interface LabelShape {
  box: Box;
  fill: string;
  stroke: Paint;
  /** One line, or two when one would hide a short link; none for a badge alone. */
  text: TextRun[];
  badge?: BadgeShape;
}

/**
 * A WAN link between two sites (format v2 site links): a thick line from one frame's
 * border to the other's, around the other frames, and a label saying what the architect
 * states about it (model/site-link-routing.ts, as the canvas draws it).
 */
export interface WanShape {
  id: string;
  from: string;
  to: string;
  /** From the edge of one frame to the edge of the other, round the frames between. */
  points: Point[];
  color: string;
  dash?: string;
  label: LabelShape;
}

export interface DiagramScene {
  theme: DiagramTheme;
  /** The drawing's extent, margin included: the SVG's viewBox. */
  bounds: Box;
  sites: SiteShape[];
  /** Site links (WAN); empty when the design describes none. */
  wan: WanShape[];
  links: LinkShape[];
  cards: CardShape[];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Per element, its worst severity and how many findings of that severity it has. */
function badgeCounts(findings: readonly DiagramFinding[]): Map<string, { worst: Severity; count: number }> {
  const out = new Map<string, { worst: Severity; count: number }>();
  for (const f of findings) {
    for (const id of new Set([...f.nodeIds, ...f.linkIds, ...f.siteIds])) {
      const cur = out.get(id);
      if (!cur || RANK[f.severity] < RANK[cur.worst]) out.set(id, { worst: f.severity, count: 1 });
      else if (cur.worst === f.severity) cur.count += 1;
    }
  }
  return out;
}

const BADGE_H = 18;

function badgeAt(theme: DiagramTheme, b: { worst: Severity; count: number }, right: number, centreY: number): BadgeShape {
  const text = num(b.count);
  const w = Math.round(textWidth(text, 11, 'bold') + 26);
  const box = { x: right - w, y: centreY - BADGE_H / 2, width: w, height: BADGE_H };
  const color = theme.severity[b.worst];
  return {
    box,
    severity: b.worst,
    color,
    fill: theme.badgeFill,
    icon: { x: box.x + 10, y: centreY },
    count: { text, x: box.x + 19, y: centreY + 4, size: 11, style: 'bold', color },
  };
}

/** Between the two lines of a card's name. */
const NAME_LINE = 15;

/**
 * A card's name on one line of `first` units, or on two: as many whole words as fit
 * beside the pills (or, when not even the first word does, as many letters), the rest on
 * a second line of `second` units, cut with an ellipsis only if it is longer still.
 */
export function nameLines(name: string, first: number, second: number): [string, string | undefined] {
  if (textWidth(name, 13, 'bold') <= first) return [name, undefined];
  const words = name.split(' ');
  let k = 0;
  while (k < words.length - 1 && textWidth(words.slice(0, k + 1).join(' '), 13, 'bold') <= first) k++;
  let head = words.slice(0, k).join(' ');
  if (!head) {
    const chars = Array.from(name);
    let n = 0;
    while (n < chars.length - 1 && textWidth(chars.slice(0, n + 1).join(''), 13, 'bold') <= first) n++;
    head = chars.slice(0, n).join('');
  }
  const rest = name.slice(head.length).trim();
  return [head, fitText(rest, 13, 'bold', second)];
}

/** The label a link shows on the canvas (the router's, so canvas and exports agree). */
export const linkLabel = (link: Link): string => linkLabelText(link);

export function buildScene(doc: Topology, options: SceneOptions = {}): DiagramScene {
  const theme = THEMES[options.theme ?? 'light'];
  const badges =
    options.badges === false ? new Map<string, { worst: Severity; count: number }>() : badgeCounts(options.findings ?? []);
  const frames = siteFrames(doc);

  const sites: SiteShape[] = doc.sites.map((s) => {
    const f = frames.get(s.id)!;
    const branch = s.kind === 'branch';
    const paint = branch ? theme.siteBranch : theme.siteCentral;
    const cy = f.y + SITE_HEADER / 2;
    const b = badges.get(s.id);
    const badge = b ? badgeAt(theme, b, f.x + f.width - 14, cy) : undefined;
    const nameX = f.x + 37;
    const room = (badge ? badge.box.x - 8 : f.x + f.width - 14) - nameX;
    const fullName = displayText(s.name, 200) || 'Unnamed site';
    const metaText = displayText([branch ? 'branch' : 'data center', s.region, s.datacenter].filter(Boolean).join(' · '), 120);
    const nameWidth = textWidth(fullName, 13.5, 'bold');
    const metaWidth = textWidth(metaText, 11, 'regular');
    let name = fullName;
    let meta: TextRun | undefined;
    if (nameWidth + 7 + metaWidth <= room)
      meta = { text: metaText, x: nameX + nameWidth + 7, y: cy + 4, size: 11, style: 'regular', color: theme.text3 };
    else if (nameWidth + 7 + 40 <= room) {
      const metaRoom = room - nameWidth - 7;
      meta = {
        text: fitText(metaText, 11, 'regular', metaRoom),
        x: nameX + nameWidth + 7,
        y: cy + 4,
        size: 11,
        style: 'regular',
        color: theme.text3,
      };
    } else name = fitText(fullName, 13.5, 'bold', room);
    return {
      id: s.id,
      box: { x: f.x, y: f.y, width: f.width, height: f.height },
      branch,
      fill: paint.fill,
      stroke: paint.stroke,
      rule: paint.rule,
      icon: { parts: SITE_ICON[branch ? 'branch' : 'central'], x: f.x + 14, y: cy - 8, size: 16, color: theme.siteText },
      name: { text: name, x: nameX, y: cy + 4.7, size: 13.5, style: 'bold', color: theme.text },
      ...(meta ? { meta } : {}),
      ...(badge ? { badge } : {}),
    };
  });

  const cms = doc.deployment.cmsHost;
  const boxes = new Map<string, Box>();
  const cards: CardShape[] = doc.nodes.map((n) => {
    const p = positionOf(doc.layout, n.id) ?? { x: 0, y: 0 };
    const box = { x: p.x, y: p.y, width: NODE_WIDTH, height: NODE_HEIGHT };
    boxes.set(n.id, box);
    const accent = theme.family[KIND_FAMILY[n.kind]];
    const headY = p.y + 18;
    const right = p.x + NODE_WIDTH - 11;
    const pills: Pill[] = [];
    let pillRight = right;
    // Subscription Edition is "Sub. Ed." on the card, as on the canvas, so the name keeps its room.
    const version = productVersionOf(n) === 'SE' ? 'Sub. Ed.' : versionBadge(n);
    const pill = (text: string, color: string) => {
      const w = Math.round(textWidth(text, 10, 'bold') + 14);
      const box = { x: pillRight - w, y: headY - 8, width: w, height: 16 };
      pillRight = box.x - 6;
      pills.push({
        box,
        fill: { color: theme.pillFill, opacity: 1 },
        stroke: { color, opacity: 0.4 },
        text: { text, x: box.x + w / 2, y: headY + 3.5, size: 10, style: 'bold', color, anchor: 'middle' },
      });
    };
    if (version) pill(version, version === '2019' ? theme.family.registrar : theme.family.sql);
    if (cms === n.id) pill('CMS', theme.ok);
    pills.reverse();
    const textX = p.x + 38;
    const name = displayText(n.name, 200) || 'Unnamed';
    const b = badges.get(n.id);
    // A name that does not fit beside the pills goes on to a second line, under them, and
    // the lines below move down: never cut to a few letters by the pills.
    const [line1, line2] = nameLines(name, pillRight - textX, right - textX);
    const shift = line2 === undefined ? 0 : NAME_LINE;
    return {
      id: n.id,
      kind: n.kind,
      box,
      accent,
      fill: theme.cardFill,
      border: theme.cardBorder,
      icon: { parts: KIND_ICON[n.kind], x: p.x + 14, y: headY - 9, size: 18, color: accent },
      name: { text: line1, x: textX, y: headY + 4.6, size: 13, style: 'bold', color: theme.text },
      ...(line2 === undefined
        ? {}
        : { name2: { text: line2, x: textX, y: headY + 4.6 + NAME_LINE, size: 13, style: 'bold' as const, color: theme.text } }),
      fqdn: {
        text: fitText(n.fqdn, 10.5, 'mono', right - textX),
        x: textX,
        y: p.y + 39.5 + shift,
        size: 10.5,
        style: 'mono',
        color: theme.text3,
      },
      facts: nodeFacts(n)
        .slice(0, 2)
        .map((f, i) => ({
          text: fitText(displayText(f, 200), 11.5, 'regular', right - textX),
          x: textX,
          y: p.y + 58.5 + shift + i * 16.7,
          size: 11.5,
          style: 'regular' as const,
          color: theme.text2,
        })),
      pills,
      ...(b ? { badge: badgeAt(theme, b, p.x + NODE_WIDTH + 9, p.y) } : {}),
      title: `${name} (${n.fqdn})`,
    };
  });

  // The canvas's router: orthogonal routes around cards and site headers, labels placed
  // clear of cards and of each other, sized here as this drawing draws them.
  const specs = new Map<string, { width: number; height: number }>();
  for (const l of doc.links) {
    const spec = labelSize(l, badges.get(l.id));
    if (spec) specs.set(l.id, spec);
  }
  const routed = routeDiagramLinks(doc, { labelled: (l) => specs.has(l.id), labelBox: (l) => specs.get(l.id)! });
  // Cards with no position (drawn at the origin, as on the canvas) are not routed: elbows for theirs.
  const fallback = doc.links.some((l) => !routed.has(l.id)) ? elbowRoutes(doc, boxes) : new Map<string, Point[]>();
  const placed: Box[] = [];
  const obstacles = [...boxes.values()];
  const links: LinkShape[] = [];
  for (const l of doc.links) {
    const r = routed.get(l.id);
    const route = r && r.points.length >= 2 ? r.points : fallback.get(l.id);
    if (!route || route.length < 2) continue;
    const style = LINK_STYLE[l.kind];
    const color = linkColor(l.kind, theme);
    const arrows: Point[][] = [];
    let points = route;
    if (ARROW_LINKS.has(l.kind)) {
      const tip = arrowhead(points[points.length - 1]!, points[points.length - 2]!, style.width);
      arrows.push(tip.triangle);
      points = [...points.slice(0, -1), tip.base];
      if (style.twoHeaded) {
        const tail = arrowhead(points[0]!, points[1]!, style.width);
        arrows.push(tail.triangle);
        points = [tail.base, ...points.slice(1)];
      }
    }
    const b = badges.get(l.id);
    // Only what is near the route can meet its label (a 500-node design has 850 links).
    const xs = route.map((p) => p.x);
    const ys = route.map((p) => p.y);
    const near = {
      x: Math.min(...xs) - 260,
      y: Math.min(...ys) - 80,
      width: Math.max(...xs) - Math.min(...xs) + 520,
      height: Math.max(...ys) - Math.min(...ys) + 160,
    };
    const hits = (k: Box) =>
      k.x < near.x + near.width && near.x < k.x + k.width && k.y < near.y + near.height && near.y < k.y + k.height;
    const label = r?.label
      ? labelAt(theme, l, b, r.label)
      : placeLabel(theme, l, route, b, obstacles.filter(hits), placed.filter(hits));
    if (label) placed.push(label.box);
    links.push({
      id: l.id,
      kind: l.kind,
      from: l.from,
      to: l.to,
      points,
      color,
      width: style.width,
      ...(style.dash ? { dash: style.dash } : {}),
      arrows,
      ...(label ? { label } : {}),
    });
  }

  // The WAN lines as the canvas draws them: around the frames and clear of the labels placed above.
  const wanRoutes = routeSiteLinks(doc, frames, {
    avoid: placed,
    lines: routed,
    labelBox: (text) => ({ width: Math.round(textWidth(text, 10.5, 'bold') + 14), height: LABEL_H + 2 }),
  });
  const wan = (doc.siteLinks ?? []).flatMap((l) => {
    const r = wanRoutes.get(l.id);
    return r ? [wanShape(theme, l, r)] : [];
  });
  const all: Box[] = [
    ...sites.map((s) => s.box),
    ...wan.map((w) => w.label.box),
    ...cards.map((c) => c.box),
    ...placed,
    ...sites.flatMap((s) => (s.badge ? [s.badge.box] : [])),
    ...cards.flatMap((c) => (c.badge ? [c.badge.box] : [])),
  ];
  const margin = options.margin ?? 40;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of all) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  }
  if (!Number.isFinite(minX)) [minX, minY, maxX, maxY] = [0, 0, 320, 160];
  const bounds = {
    x: Math.floor(minX - margin),
    y: Math.floor(minY - margin),
    width: Math.ceil(maxX - minX + 2 * margin),
    height: Math.ceil(maxY - minY + 2 * margin),
  };
  return { theme, bounds, sites, wan, links, cards };
}

function wanShape(theme: DiagramTheme, l: SiteLink, r: SiteLinkRoute): WanShape {
  const box = { x: r.label.x, y: r.label.y, width: r.label.width, height: r.label.height };
  const color = isWeakSiteLink(l) ? theme.severity.warning : theme.edge;
  return {
    id: l.id,
    from: l.from,
    to: l.to,
    points: r.points,
    color,
    ...(l.resilient ? {} : { dash: '10 6' }),
    label: {
      box,
      fill: theme.background,
      stroke: { color, opacity: 0.6 },
      text: [
        { text: r.label.text, x: box.x + 7, y: box.y + box.height / 2 + 3.7, size: 10.5, style: 'bold', color: theme.text2 },
      ],
    },
  };
}

/** A closed arrowhead whose tip is at `end`, pointing away from `from`; base is where the line stops. */
function arrowhead(end: Point, from: Point, width: number): { triangle: Point[]; base: Point } {
  const len = Math.hypot(end.x - from.x, end.y - from.y) || 1;
  const ux = (end.x - from.x) / len;
  const uy = (end.y - from.y) / len;
  const long = Math.min(9 + width * 1.6, len * 0.6);
  const half = 3.5 + width * 0.9;
  const bx = end.x - ux * long;
  const by = end.y - uy * long;
  return {
    triangle: [end, { x: bx - uy * half, y: by + ux * half }, { x: bx + uy * half, y: by - ux * half }],
    base: { x: end.x - ux * long * 0.7, y: end.y - uy * long * 0.7 },
  };
}

const LABEL_H = 18;
const LINE_H = 13;

/** What a link's label says in this drawing: muted links carry only a badge, when they have findings. */
function labelText(link: Link): string {
  return LINK_STYLE[link.kind].muted ? '' : linkLabel(link);
}

/** The pill a link's label takes on one line (text, padding, badge), or none. */
function labelSize(link: Link, b: { worst: Severity; count: number } | undefined): { width: number; height: number } | undefined {
  const text = labelText(link);
  if (!text && !b) return undefined;
  const badgeW = b ? Math.round(textWidth(num(b.count), 11, 'bold') + 26) : 0;
  return {
    width: Math.ceil((text ? textWidth(text, 10.5, 'bold') + 14 : 4) + (b ? badgeW + (text ? 2 : 0) : 0)),
    height: b ? BADGE_H + 4 : LABEL_H,
  };
}

/** The label drawn in the box the router placed it in. */
function labelAt(theme: DiagramTheme, link: Link, b: { worst: Severity; count: number } | undefined, box: Box): LabelShape {
  const text = labelText(link);
  const cy = box.y + box.height / 2;
  const color = link.kind === 'pairing' ? theme.family.registrar : theme.text2;
  const stroke: Paint =
    link.kind === 'pairing' ? { color: theme.family.registrar, opacity: 0.4 } : { color: theme.cardBorder, opacity: 1 };
  return {
    box: { x: box.x, y: box.y, width: box.width, height: box.height },
    fill: theme.background,
    stroke,
    text: text ? [{ text, x: box.x + 7, y: cy + 3.7, size: 10.5, style: 'bold', color }] : [],
    ...(b ? { badge: badgeAt(theme, b, box.x + box.width - 2, cy) } : {}),
  };
}

/**
 * The label pill on a straight segment of the route, at the first of a few spots along
 * it (longest segment first) that overlaps no card and no label already placed; beside
 * the line when the line has no room; on two lines ("backup pool" over "voice failover")
 * when one line would cover a short link end to end.
 */
function placeLabel(
  theme: DiagramTheme,
  link: Link,
  route: Point[],
  b: { worst: Severity; count: number } | undefined,
  cards: readonly Box[],
  placed: readonly Box[],
): LabelShape | undefined {
  const text = labelText(link);
  if (!text && !b) return undefined;
  const badgeW = b ? Math.round(textWidth(num(b.count), 11, 'bold') + 26) : 0;
  const segments = route
    .slice(1)
    .map((p, i) => ({ a: route[i]!, b: p, len: Math.hypot(p.x - route[i]!.x, p.y - route[i]!.y) }))
    .sort((s, t) => t.len - s.len);
  const overlap = (a: Box, k: Box) =>
    Math.max(0, Math.min(a.x + a.width, k.x + k.width) - Math.max(a.x, k.x)) *
    Math.max(0, Math.min(a.y + a.height, k.y + k.height) - Math.max(a.y, k.y));

  const layout = (lines: string[]) => {
    const textW = Math.max(0, ...lines.map((l) => textWidth(l, 10.5, 'bold')));
    const w = Math.ceil((text ? textW + 14 : 4) + (b ? badgeW + (text ? 2 : 0) : 0));
    const h = Math.max(b ? BADGE_H + 4 : LABEL_H, LABEL_H + (lines.length - 1) * LINE_H);
    const boxAt = (c: Point): Box => ({ x: c.x - w / 2, y: c.y - h / 2, width: w, height: h });
    let at = { x: (segments[0]!.a.x + segments[0]!.b.x) / 2, y: (segments[0]!.a.y + segments[0]!.b.y) / 2 };
    let best = Infinity;
    search: for (const side of [0, 1, -1])
      for (const s of segments) {
        const nx = s.len ? -(s.b.y - s.a.y) / s.len : 0;
        const ny = s.len ? (s.b.x - s.a.x) / s.len : 0;
        const shift = side * (Math.abs(nx) * (w / 2 + 4) + Math.abs(ny) * (h / 2 + 4));
        // A label longer than its segment would hide the whole link.
        const along = Math.abs(nx) > Math.abs(ny) ? h : w;
        const hides = side === 0 && along > s.len - 16 ? 5_000 : 0;
        for (const t of [0.5, 0.35, 0.65, 0.2, 0.8]) {
          const c = { x: s.a.x + (s.b.x - s.a.x) * t + nx * shift, y: s.a.y + (s.b.y - s.a.y) * t + ny * shift };
          const box = boxAt(c);
          const score =
            hides +
            cards.reduce((sum, k) => sum + overlap(box, k) * 10, 0) +
            placed.reduce(
              (sum, k) => sum + overlap(box, { x: k.x - 2, y: k.y - 2, width: k.width + 4, height: k.height + 4 }),
              0,
            ) +
            (side === 0 ? 0 : 1);
          if (score < best) {
            best = score;
            at = c;
            if (score <= 1) break search;
          }
        }
      }
    return { lines, w, h, at, best, box: boxAt(at) };
  };
  let chosen = layout(text ? [text] : []);
  if (chosen.best > 1 && text.includes(' · ')) {
    const stacked = layout(text.split(' · '));
    if (stacked.best < chosen.best) chosen = stacked;
  }
  const { box, at, lines } = chosen;
  const color = link.kind === 'pairing' ? theme.family.registrar : theme.text2;
  const stroke: Paint =
    link.kind === 'pairing' ? { color: theme.family.registrar, opacity: 0.4 } : { color: theme.cardBorder, opacity: 1 };
  const top = at.y - ((lines.length - 1) * LINE_H) / 2 + 3.7;
  return {
    box,
    fill: theme.background,
    stroke,
    text: lines.map((l, i) => ({ text: l, x: box.x + 7, y: top + i * LINE_H, size: 10.5, style: 'bold' as const, color })),
    ...(b ? { badge: badgeAt(theme, b, box.x + box.width - 2, at.y) } : {}),
  };
}
