/**
 * Share-link size against draw.io's encoding: `npx tsx scripts/bench-link.ts` prints one
 * JSON line per design and a final median line. `npm run bench` calls runLinkBench().
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLinkBench, type LinkBenchRow } from '../app/share/link-bench';

export { runLinkBench, type LinkBenchRow };

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const row of runLinkBench()) console.log(JSON.stringify(row));
}
