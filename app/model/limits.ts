/**
 * The designer's limits, stated once. Every input (a file, a share link, pasted text,
 * the browser database, an exported SVG or PNG, the command line) is held to them
 * before any expensive work, so hostile input is refused with a clear message instead
 * of freezing the page. They fit together: whatever opens can be kept by autosave and
 * written by Save, and what Save writes opens again (a design is accepted only when the
 * file Save would write for it is within `maxDocumentChars`). Generous compared with any
 * real deployment. SECURITY.md lists them; a test checks that it says these numbers.
 */
export const LIMITS = {
  /** Bytes read from any one file or stdin (browser and command line), checked before reading. */
  maxInputBytes: 200_000_000,
  /** A design's JSON text before parsing, and the file Save writes for it (so each opens the other), in characters. */
  maxDocumentChars: 16_000_000,
  /** Bracket nesting of any JSON text, checked before parsing (a topology nests about 6 deep). */
  maxJsonDepth: 64,
  maxSites: 2_000,
  maxNodes: 10_000,
  maxLinks: 20_000,
  /** Servers counted in one pool (Front End, Edge, Director, Mediation, Office Online). */
  maxServersPerPool: 1_000,
  /** AG replicas or Persistent Chat servers on one node. */
  maxListItems: 64,
  maxNameChars: 200,
  maxDescriptionChars: 2_000,
  /** Any other free text field (region, share, domain, update levels). */
  maxTextChars: 256,
  /** Decompressed share-link payload, in bytes. */
  maxInflatedBytes: 5_000_000,
  /** XML text accepted by the Topology Builder importer, in characters. */
  maxXmlChars: 20_000_000,
  /** Chunks in a PNG, counted before any is read (an exported drawing has a few dozen to a few thousand). */
  maxPngChunks: 100_000,
  /** SVG text of an exported drawing, in characters. */
  maxSvgChars: 64_000_000,
  /** Undo steps kept with a design in the browser, and the characters they may take together. */
  maxStoredUndoSteps: 100,
  maxStoredUndoChars: 16_000_000,
} as const;
