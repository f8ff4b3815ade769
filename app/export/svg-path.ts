/**
 * SVG path data as absolute moves, lines and cubic curves, for the writers that have no
 * SVG path (PDF, PowerPoint freeforms): relative commands resolved, H/V as lines,
 * smooth curves reflected, elliptical arcs split into cubic Béziers.
 */
import type { IconPart } from './diagram-style';

export type PathOp =
  | { op: 'M' | 'L'; x: number; y: number }
  | { op: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { op: 'Z' };

const ARGS: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0 };

export function parsePath(d: string): PathOp[] {
  const tokens = d.match(/[MLHVCSQTAZmlhvcsqtaz]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  const out: PathOp[] = [];
  let i = 0;
  let cmd = '';
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  let lastCtrl: { x: number; y: number } | undefined;
  const num = () => Number(tokens[i++]);
  while (i < tokens.length) {
    if (/[a-z]/i.test(tokens[i]!)) cmd = tokens[i++]!;
    else if (!cmd) break;
    const C = cmd.toUpperCase();
    const rel = cmd !== C;
    if (C === 'Z') {
      out.push({ op: 'Z' });
      x = sx;
      y = sy;
      lastCtrl = undefined;
      cmd = '';
      continue;
    }
    if (i + ARGS[C]! > tokens.length) break;
    const ox = rel ? x : 0;
    const oy = rel ? y : 0;
    switch (C) {
      case 'M':
        x = ox + num();
        y = oy + num();
        sx = x;
        sy = y;
        out.push({ op: 'M', x, y });
        cmd = rel ? 'l' : 'L';
        lastCtrl = undefined;
        break;
      case 'L':
        x = ox + num();
        y = oy + num();
        out.push({ op: 'L', x, y });
        lastCtrl = undefined;
        break;
      case 'H':
        x = ox + num();
        out.push({ op: 'L', x, y });
        lastCtrl = undefined;
        break;
      case 'V':
        y = oy + num();
        out.push({ op: 'L', x, y });
        lastCtrl = undefined;
        break;
      case 'C': {
        const x1 = ox + num();
        const y1 = oy + num();
        const x2 = ox + num();
        const y2 = oy + num();
        x = ox + num();
        y = oy + num();
        out.push({ op: 'C', x1, y1, x2, y2, x, y });
        lastCtrl = { x: x2, y: y2 };
        break;
      }
      case 'S': {
        const x1 = lastCtrl ? 2 * x - lastCtrl.x : x;
        const y1 = lastCtrl ? 2 * y - lastCtrl.y : y;
        const x2 = ox + num();
        const y2 = oy + num();
        x = ox + num();
        y = oy + num();
        out.push({ op: 'C', x1, y1, x2, y2, x, y });
        lastCtrl = { x: x2, y: y2 };
        break;
      }
      case 'Q':
      case 'T': {
        // Not used by the icons; drawn as a line to the end point.
        if (C === 'Q') i += 2;
        x = ox + num();
        y = oy + num();
        out.push({ op: 'L', x, y });
        lastCtrl = undefined;
        break;
      }
      case 'A': {
        const rx = Math.abs(num());
        const ry = Math.abs(num());
        const rot = num();
        const large = num() !== 0;
        const sweep = num() !== 0;
        const ex = ox + num();
        const ey = oy + num();
        out.push(...arcToCubics(x, y, rx, ry, rot, large, sweep, ex, ey));
        x = ex;
        y = ey;
        lastCtrl = undefined;
        break;
      }
    }
  }
  return out;
}

/** The SVG arc from (x1, y1) to (x2, y2) as cubic curves (SVG 1.1 appendix F.6). */
function arcToCubics(
  x1: number,
  y1: number,
  rx: number,
  ry: number,
  angle: number,
  large: boolean,
  sweep: boolean,
  x2: number,
  y2: number,
): PathOp[] {
  if (rx === 0 || ry === 0 || (x1 === x2 && y1 === y2)) return [{ op: 'L', x: x2, y: y2 }];
  const phi = (angle * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const xp = cos * dx + sin * dy;
  const yp = -sin * dx + cos * dy;
  const lambda = (xp * xp) / (rx * rx) + (yp * yp) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const num = rx * rx * ry * ry - rx * rx * yp * yp - ry * ry * xp * xp;
  const den = rx * rx * yp * yp + ry * ry * xp * xp;
  const coef = (large === sweep ? -1 : 1) * Math.sqrt(Math.max(0, num / den));
  const cxp = (coef * rx * yp) / ry;
  const cyp = (-coef * ry * xp) / rx;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const ang = (ux: number, uy: number, vx: number, vy: number) => {
    const a = Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
    return a;
  };
  const t1 = ang(1, 0, (xp - cxp) / rx, (yp - cyp) / ry);
  let dt = ang((xp - cxp) / rx, (yp - cyp) / ry, (-xp - cxp) / rx, (-yp - cyp) / ry);
  if (!sweep && dt > 0) dt -= 2 * Math.PI;
  else if (sweep && dt < 0) dt += 2 * Math.PI;
  const segments = Math.max(1, Math.ceil(Math.abs(dt) / (Math.PI / 2)));
  const step = dt / segments;
  const k = (4 / 3) * Math.tan(step / 4);
  const point = (t: number) => ({
    x: cx + rx * Math.cos(t) * cos - ry * Math.sin(t) * sin,
    y: cy + rx * Math.cos(t) * sin + ry * Math.sin(t) * cos,
  });
  const deriv = (t: number) => ({
    x: -rx * Math.sin(t) * cos - ry * Math.cos(t) * sin,
    y: -rx * Math.sin(t) * sin + ry * Math.cos(t) * cos,
  });
  const out: PathOp[] = [];
  for (let s = 0; s < segments; s++) {
    const a = t1 + s * step;
    const b = a + step;
    const p0 = point(a);
    const p3 = s === segments - 1 ? { x: x2, y: y2 } : point(b);
    const d0 = deriv(a);
    const d3 = deriv(b);
    out.push({ op: 'C', x1: p0.x + k * d0.x, y1: p0.y + k * d0.y, x2: p3.x - k * d3.x, y2: p3.y - k * d3.y, x: p3.x, y: p3.y });
  }
  return out;
}

const KAPPA = 0.5522847498;

/** Every icon part as path operations (rect with rounded corners, circle and ellipse included). */
export function iconOps(part: IconPart): PathOp[] {
  if ('path' in part) return parsePath(part.path);
  if ('rect' in part) {
    const [x, y, w, h, r] = part.rect;
    return parsePath(
      `M${x + r} ${y}H${x + w - r}A${r} ${r} 0 0 1 ${x + w} ${y + r}V${y + h - r}A${r} ${r} 0 0 1 ${x + w - r} ${y + h}H${x + r}A${r} ${r} 0 0 1 ${x} ${y + h - r}V${y + r}A${r} ${r} 0 0 1 ${x + r} ${y}Z`,
    );
  }
  const [cx, cy, rx, ry] = 'circle' in part ? [part.circle[0], part.circle[1], part.circle[2], part.circle[2]] : part.ellipse;
  const kx = rx * KAPPA;
  const ky = ry * KAPPA;
  return [
    { op: 'M', x: cx + rx, y: cy },
    { op: 'C', x1: cx + rx, y1: cy + ky, x2: cx + kx, y2: cy + ry, x: cx, y: cy + ry },
    { op: 'C', x1: cx - kx, y1: cy + ry, x2: cx - rx, y2: cy + ky, x: cx - rx, y: cy },
    { op: 'C', x1: cx - rx, y1: cy - ky, x2: cx - kx, y2: cy - ry, x: cx, y: cy - ry },
    { op: 'C', x1: cx + kx, y1: cy - ry, x2: cx + rx, y2: cy - ky, x: cx + rx, y: cy },
    { op: 'Z' },
  ];
}
