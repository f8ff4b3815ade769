/**
 * Level of detail by zoom. Below COMPACT_ZOOM a card's 10–13 px text is under 6 px on
 * screen and cannot be read, so nodes show a compact card (kind colour, name in a large
 * font, worst-finding badge) and links drop their labels. That keeps a zoomed-out
 * 500-node design to a few elements per node, which is what lets it open and drag as
 * fast as plain React Flow (issue 4; `npm run bench -- --only browser/`).
 */
import { createContext, useContext } from 'react';

export const COMPACT_ZOOM = 0.5;

export type DetailLevel = 'full' | 'compact';

export function detailLevelAt(zoom: number): DetailLevel {
  return zoom < COMPACT_ZOOM ? 'compact' : 'full';
}

export const DetailLevelContext = createContext<DetailLevel>('full');

export function useDetailLevel(): DetailLevel {
  return useContext(DetailLevelContext);
}
