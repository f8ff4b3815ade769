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

export const DetailLevelContext = createContext<DetailLevel>('full');

export function useDetailLevel(): DetailLevel {
  return useContext(DetailLevelContext);
}
