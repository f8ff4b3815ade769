/**
 * SECURITY.md says only what is true: every limit it states is the number the code
 * enforces (LIMITS), and every LIMITS entry is stated. The behaviour behind each promise
 * is tested where it lives: storage (app/store/storage/*.test.ts, e2e/no-design-is-lost),
 * the CLI (app/cli/input-limits.test.ts), the headers (scripts/hosting-headers.test.ts),
 * the inputs (the *.fuzz.test.ts files).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../app/model/limits';
import { XML_LIMITS } from '../app/import/xml';
import { MAX_LIBRARY_DESIGNS } from '../app/store/storage/library-bundle';
import { TRASH_DAYS } from '../app/store/storage/library';
import { LINK_EXPANSION, OFF_THREAD_CHARS } from '../app/store/open-job';
import { OFF_THREAD_NODES, OPENED_OFF_THREAD_NODES } from '../app/store/selectors';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const security = fs.readFileSync(path.join(root, 'SECURITY.md'), 'utf8').replace(/\s+/g, ' ');
const n = (v: number) => v.toLocaleString('en-US');

describe('SECURITY.md', () => {
  it('names every limit with the number the code enforces', () => {
    for (const [key, value] of Object.entries(LIMITS)) {
      expect(security, key).toContain(n(value));
    }
    for (const key of [
      'maxInputBytes',
      'maxDocumentChars',
      'maxJsonDepth',
      'maxSites',
      'maxNodes',
      'maxLinks',
      'maxListItems',
      'maxNameChars',
      'maxDescriptionChars',
      'maxTextChars',
      'maxServersPerPool',
      'maxInflatedBytes',
      'maxXmlChars',
      'maxSvgChars',
      'maxPngChunks',
      'maxStoredUndoSteps',
      'maxStoredUndoChars',
    ])
      expect(security, key).toContain(`\`${key}\``);
    expect(security).toContain(`${n(XML_LIMITS.maxElements)} elements`);
    expect(security).toContain(`${n(MAX_LIBRARY_DESIGNS)} designs`);
    expect(security).toContain(`${TRASH_DAYS} days`);
    // The CLI's stdin caps, as the code computes them.
    expect(security).toContain(
      `${n(LIMITS.maxDocumentChars * 3)} bytes for a design or link, ${n(LIMITS.maxXmlChars * 4)} for XML`,
    );
  });

  it('states the sizes above which work leaves the page for a worker, as the code has them', () => {
    expect(security).toContain(
      `over about ${n(OFF_THREAD_CHARS)} characters, or a share link over ${n(OFF_THREAD_CHARS / LINK_EXPANSION)}`,
    );
    expect(security).toContain(`a design of more than ${n(OFF_THREAD_NODES)} nodes in a worker`);
    expect(security).toMatch(
      new RegExp(`a design of more than ${n(OPENED_OFF_THREAD_NODES)}\\s+nodes in a worker when it is opened`),
    );
  });

  it('no longer promises what the old storage did', () => {
    expect(security).not.toMatch(/up to 8\s+designs/);
    expect(security).not.toMatch(/writes each design you edit to this browser's `localStorage`/);
  });
});
