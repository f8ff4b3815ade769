/**
 * Share links: the whole topology in the URL fragment, compressed. Pure; never throws.
 * STUB: filled in by the share work (issue 6).
 */
import { err, type Result } from '../lib/result';
import type { TopologyError } from '../model/errors';
import type { Topology } from '../model/schema';

export const DEFAULT_BASE = 'http://localhost:5173/';

export interface LinkError {
  tag: 'notALink' | 'truncated' | 'corrupt' | 'tooLarge' | 'versionTooNew' | 'invalidTopology';
  message: string;
  cause?: TopologyError;
}

/** The fragment payload (without `#`). */
export function encodeTopologyFragment(_doc: Topology): string {
  throw new Error('share links are not available yet');
}

export function shareLink(doc: Topology, base = DEFAULT_BASE): string {
  return `${base.replace(/#.*$/, '')}#${encodeTopologyFragment(doc)}`;
}

/** Accepts a whole link or just its fragment. */
export function decodeShareLink(_link: string): Result<Topology, LinkError> {
  return err({ tag: 'notALink', message: 'share links are not available yet' });
}

/** Does this text look like a share link (so callers know which door to use)? */
export function looksLikeShareLink(text: string): boolean {
  return /^\s*https?:\/\/\S*#/.test(text) || /^\s*#?t1[.~]/.test(text);
}
