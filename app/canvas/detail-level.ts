/**
 * Level of detail by zoom. Below COMPACT_ZOOM a card's 10–13 px text is under 6 px on
 * screen and cannot be read, so nodes show a compact card (kind colour, name in a large
 * font, worst-finding badge) and links keep only the pairing label, also enlarged. Below
 * OVERVIEW_ZOOM even that text is a smudge: links show no label at all. That keeps a
 * zoomed-out 500-node design to a few elements per node, which is what lets it open and
 * drag as fast as plain React Flow (issue 4; `npm run bench -- --only browser/`).
 */
import { createContext, useContext } from 'react';

export const COMPACT_ZOOM = 0.5;
export const OVERVIEW_ZOOM = 0.2;

export type DetailLevel = 'full' | 'compact' | 'overview';

export function detailLevelAt(zoom: number): DetailLevel {
  return zoom >= COMPACT_ZOOM ? 'full' : zoom >= OVERVIEW_ZOOM ? 'compact' : 'overview';
}

/**
 * How much a link's dash pattern is stretched at each level, so that dashes stay a few
 * screen pixels long. Left in canvas units, a mirror's dashes at 8% zoom are under a
 * pixel: the line reads as solid and Skia draws hundreds of sub-pixel dashes per link,
 * which was most of the raster time of a drag frame in the overview.
 */
export const DASH_SCALE: Record<DetailLevel, number> = { full: 1, compact: 4, overview: 8 };

/** A link's dash pattern ("8 5") scaled for a detail level; undefined stays solid. */
export function dashAt(dash: string | undefined, level: DetailLevel): string | undefined {
  const k = DASH_SCALE[level];
  if (dash === undefined || k === 1) return dash;
  return dash
    .trim()
    .split(/\s+/)
    .map((n) => String(Number(n) * k))
    .join(' ');
}

export const DetailLevelContext = createContext<DetailLevel>('full');

export function useDetailLevel(): DetailLevel {
  return useContext(DetailLevelContext);
}
