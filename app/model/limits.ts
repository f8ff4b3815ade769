/**
 * Hard limits checked before any expensive work, so hostile input (a huge file, a
 * link that inflates to megabytes) is refused with a clear message instead of
 * freezing the tab. Generous compared with any real deployment.
 */
export const LIMITS = {
  /** JSON text of one document, in characters. */
  maxDocumentChars: 5_000_000,
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
} as const;
