/**
 * The text Save writes for a design: JSON with two-space indentation, layout positions
 * rounded to whole pixels. parseTopology accepts a design only when this text fits
 * LIMITS.maxDocumentChars, so every design the designer holds can be saved and opened again.
 */
import type { Topology } from './schema';

export function designFileText(doc: Topology): string {
  const { layout, ...rest } = doc;
  return `${JSON.stringify({ ...rest, layout: roundLayout(layout ?? {}) }, null, 2)}\n`;
}

function roundLayout(layout: Record<string, { x: number; y: number }>): Record<string, { x: number; y: number }> {
  const out: Record<string, { x: number; y: number }> = {};
  // Math.round(-0.4) is -0, which JSON writes as 0: the same text either way.
  for (const [k, p] of Object.entries(layout)) out[k] = { x: Math.round(p.x), y: Math.round(p.y) };
  return out;
}
