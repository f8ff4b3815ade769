/**
 * Writes each reference design as JSON beside its builder (app/model/samples/<id>.json),
 * for the command line and for people who want a file to start from.
 * `samples.test.ts` fails when a file is out of date. Run: npx tsx scripts/gen-samples.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REFERENCE_DESIGNS } from '../app/model/samples/index';
import { REFERENCE_MIGRATIONS } from '../app/model/samples/migrations';

export const SAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../app/model/samples');
export const sampleJson = (doc: unknown): string => `${JSON.stringify(doc, null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const d of REFERENCE_DESIGNS) fs.writeFileSync(path.join(SAMPLES_DIR, `${d.id}.json`), sampleJson(d.build()));
  // A reference migration's current design is a reference design already; its target gets a file of its own.
  for (const m of REFERENCE_MIGRATIONS) fs.writeFileSync(path.join(SAMPLES_DIR, `${m.targetFile}.json`), sampleJson(m.target()));
  console.log(`wrote ${REFERENCE_DESIGNS.length} reference designs and ${REFERENCE_MIGRATIONS.length} migration targets`);
}
