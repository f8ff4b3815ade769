/**
 * The SVG path of a routed link. Apart from the router (lib/orthogonal-router.ts) because
 * the canvas draws routes from the first paint, while the router itself loads just after it.
 */

/** The SVG path of a route, corners slightly rounded. */
export function routePath(points: readonly { x: number; y: number }[], radius = 6): string {
  if (points.length === 0) return '';
  const f = (n: number) => String(Math.round(n * 10) / 10);
  let d = `M${f(points[0]!.x)},${f(points[0]!.y)}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i]!;
    const next = points[i + 1];
    if (!next || radius <= 0) {
      d += ` L${f(p.x)},${f(p.y)}`;
      continue;
    }
    const prev = points[i - 1]!;
    const r = Math.min(
      radius,
      (Math.abs(p.x - prev.x) + Math.abs(p.y - prev.y)) / 2,
      (Math.abs(next.x - p.x) + Math.abs(next.y - p.y)) / 2,
    );
    const inDir = { x: Math.sign(p.x - prev.x), y: Math.sign(p.y - prev.y) };
    const outDir = { x: Math.sign(next.x - p.x), y: Math.sign(next.y - p.y) };
    d += ` L${f(p.x - inDir.x * r)},${f(p.y - inDir.y * r)} Q${f(p.x)},${f(p.y)} ${f(p.x + outDir.x * r)},${f(p.y + outDir.y * r)}`;
  }
  return d;
}
