/**
 * How a WAN link between two sites reads on the canvas, in the inspector and in the
 * exports. Apart from the router (site-link-routing.ts) so the first paint does not load it.
 */
import type { SiteLink } from './schema';

/** "WAN · fast, secured, resilient", or what it lacks ("WAN · slow, not secured, single path"). */
export function siteLinkText(l: Pick<SiteLink, 'fast' | 'secured' | 'resilient'>): string {
  return `WAN · ${[l.fast ? 'fast' : 'slow', l.secured ? 'secured' : 'not secured', l.resilient ? 'resilient' : 'single path'].join(', ')}`;
}

/** A link lacking one of the three is drawn as a warning: the checks that read the WAN may object. */
export const isWeakSiteLink = (l: Pick<SiteLink, 'fast' | 'secured' | 'resilient'>): boolean =>
  !l.fast || !l.secured || !l.resilient;

/** Zoomed out, what a WAN link lacks: "WAN" alone, or "WAN · slow, single path". */
export function siteLinkShortText(l: Pick<SiteLink, 'fast' | 'secured' | 'resilient'>): string {
  const lacks = [l.fast ? '' : 'slow', l.secured ? '' : 'not secured', l.resilient ? '' : 'single path'].filter(Boolean);
  return lacks.length ? `WAN · ${lacks.join(', ')}` : 'WAN';
}
