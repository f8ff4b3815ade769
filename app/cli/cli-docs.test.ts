/**
 * docs/cli.md is written by hand; this keeps it complete: every command and every option
 * the command line's usage text lists has its place there. A new command or option fails
 * here until docs/cli.md describes it (its output, its exit codes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { USAGE } from './main';

const CLI_MD = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/cli.md'), 'utf8');
const commands = [...USAGE.matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((m) => m[1]!);
const options = [...new Set([...USAGE.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]))];

describe('docs/cli.md', () => {
  it('the usage text lists the commands', () => {
    expect(commands).toEqual(expect.arrayContaining(['validate', 'steps', 'import', 'link', 'simulate']));
  });

  it.each(commands)('has a section for `%s` (add one to docs/cli.md)', (command) => {
    expect(CLI_MD).toContain(`\n## \`${command}\`\n`);
    expect(CLI_MD).toContain(`npm run -s topo -- ${command} `);
  });

  it.each(options)('describes %s (add it to docs/cli.md)', (option) => {
    expect(CLI_MD).toContain(`\`${option}`);
  });

  it('states every exit code', () => {
    for (const code of ['`0`', '`1`', '`2`']) expect(CLI_MD).toContain(code);
  });
});
