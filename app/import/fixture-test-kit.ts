/**
 * Test helper: the project's own Topology Builder documents in `app/import/fixtures/`
 * (see its README), for tests that need whole files rather than documents built by
 * xml-test-kit.ts. Tests only: it reads files with node:fs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Every well-formed Topology Builder document among the fixtures, by file name. */
export const FIXTURE = {
  /** Published (`Get-CsTopology -AsXml`), UTF-8 without BOM, LF: Enterprise pool of 3 on an AlwaysOn Back End, Edge pool of 2 behind NAT, CMS on the pool. */
  enterpriseAg: 'published-enterprise-ag.xml',
  /** Saved Topology Builder file (.tbxml), UTF-8 with BOM and XML declaration, not published: Enterprise pool of 2, Edge pool of 3 behind NAT, one file share unused. */
  builderFile: 'builder-file.tbxml',
  /** Published, UTF-16 LE with BOM and CRLF: Standard Edition server with collocated Mediation, one Edge server behind NAT, a PSTN gateway, Office Online Server by a short name. */
  standardEditionUtf16: 'published-standard-edition.utf16.xml',
  /** Published, from a deployment script: `$Variables` in FQDNs, instance and share names. */
  scriptTemplate: 'script-template.xml',
} as const;

/** The first part of published-enterprise-ag.xml, cut inside an attribute value. */
export const TRUNCATED = 'truncated.xml';

export const FIXTURE_FILES: readonly string[] = Object.values(FIXTURE);

export const fixturePath = (name: string): string => path.join(FIXTURES_DIR, name);
export const fixtureBytes = (name: string): Uint8Array => new Uint8Array(fs.readFileSync(fixturePath(name)));

/** The document as text: BOM sniffed like the importer does (UTF-16 LE or UTF-8). */
export function fixtureText(name: string): string {
  const b = fixtureBytes(name);
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  return new TextDecoder().decode(b).replace(/^\uFEFF/, '');
}
