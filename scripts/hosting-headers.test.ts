/** The example hosting headers say what the build's policy says, plus the header-only framing ban. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CSP } from '../vite.config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');
const HEADER_CSP = `${CSP}; frame-ancestors 'none'`;

describe('hosting headers', () => {
  it("public/_headers sends the build's policy with frame-ancestors 'none', and X-Frame-Options DENY", () => {
    const headers = read('public/_headers');
    expect(headers).toContain(`Content-Security-Policy: ${HEADER_CSP}\n`);
    expect(headers).toMatch(/^ {2}X-Frame-Options: DENY$/m);
    expect(headers).toMatch(/^\/\*$/m);
  });

  it('docs/hosting.md gives the same policy for every server it names', () => {
    const doc = read('docs/hosting.md');
    const policies = [...doc.matchAll(/default-src[^"\n]*/g)].map((m) => m[0]);
    expect(policies.length).toBeGreaterThanOrEqual(5);
    for (const p of policies) expect(p).toBe(HEADER_CSP);
    expect(doc.match(/X-Frame-Options/g)?.length).toBeGreaterThanOrEqual(5);
  });

  it('the policy in the page cannot forbid framing, so the header is the only place that does', () => {
    expect(CSP).not.toContain('frame-ancestors');
  });
});
