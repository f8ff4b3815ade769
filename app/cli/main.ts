/**
 * `npm run -s topo -- <command>`: the pure core from a shell (docs/cli.md).
 * Output on stdout, messages for people on stderr; exit 2 with one line on stderr for
 * unusable input. Commands load lazily so each call stays fast.
 */
import type { Command, CommandIo } from './command';

export type { Command, CommandIo } from './command';

const COMMANDS: Record<string, () => Promise<{ run: Command }>> = {
  validate: () => import('./commands/validate'),
  steps: () => import('./commands/steps'),
  import: () => import('./commands/import'),
  link: () => import('./commands/link'),
  simulate: () => import('./commands/simulate'),
  'export-tb': () => import('./commands/export-tb'),
  render: () => import('./commands/render'),
  diff: () => import('./commands/diff'),
  migrate: () => import('./commands/migrate'),
};

export const USAGE = `usage: npm run -s topo -- <command> ...
  validate <input> [--json|--format F]      run every rule (F: text, json, md or csv); exit 0 no errors, 1 error findings, 2 unusable input
  steps <input> [--format md|ps1|json]      ordered deployment steps
  import <file.xml|file.tbxml>              Topology Builder document to topology JSON
  link <input> [--base URL]                 share link that opens the topology in the designer
  simulate <input> --fail-site <siteId>     what happens when a site is lost (JSON; or --fail-pool <poolId>)
  export-tb <input> [--shape published|tbxml] [--force]
                                            Topology Builder document (XML); exit 1 when the design has errors (--force exports anyway)
  render <input> --format svg|pdf|pptx      the diagram as SVG (as the designer exports it), the PDF report or the PowerPoint deck (> file);
                                            --theme light|dark, --date YYYY-MM-DD for the title block, --no-badges
  diff <current> <target> [--format text|md|json] [--json]
                                            what changes from the current deployment to the target design;
                                            exit 0 the same deployment, 1 they differ, 2 unusable input
  migrate <current> <target> [--format md|ps1|json] [--procedure M1|M2|M3]
                                            migration runbook from the current design to the target; exit 1 when it has blocking notes
<input> is a topology JSON file, a Topology Builder XML file, a share link, or - for stdin.`;

export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`topo: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
    return 2;
  }
  // Messages for people are held until the command ends: unusable input (exit 2) shows
  // exactly one line, the reason, and never the warnings written before it.
  const held: string[] = [];
  const buffered: CommandIo = { out: io.out, err: (t) => held.push(t), ...(io.outBytes ? { outBytes: io.outBytes } : {}) };
  let code: number;
  try {
    const { run } = await load();
    code = await run(rest, buffered);
  } catch (e) {
    held.push(`topo ${name}: internal error: ${e instanceof Error ? e.message : String(e)}`);
    code = 2;
  }
  const lines = held
    .flatMap((t) => t.split('\n'))
    .filter((l) => l.trim() !== '')
    .map(cleanLine);
  if (code === 2) io.err(lines[lines.length - 1] ?? `topo ${name}: the input could not be used`);
  else for (const l of lines) io.err(l);
  return code;
}

/** A line for a terminal: no control characters, escape sequences or bidi overrides from user text. */
export function cleanLine(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?')
    .replace(/\t/g, ' ');
}

const isEntry =
  typeof process !== 'undefined' && process.argv[1] !== undefined && /(?:^|[\\/])(main\.ts|topo\.mjs)$/.test(process.argv[1]);
if (isEntry) {
  // `… | head` closes the pipe early: that is the reader being done, not an error to print.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2), {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    ...(process.stdout.isTTY ? {} : { outBytes: (b: Uint8Array) => process.stdout.write(b) }),
  }).then((code) => {
    process.exitCode = code;
  });
}
