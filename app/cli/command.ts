/** What every `topo` command is given and how it reads its arguments (main.ts loads the commands). */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  /** Binary output (a PDF); absent where stdout is a terminal. */
  outBytes?(bytes: Uint8Array): void;
}

export type Command = (args: string[], io: CommandIo) => Promise<number>;

/** Splits `--flag value` options from positional arguments. */
export function parseArgs(
  args: string[],
  flags: readonly string[],
  valued: readonly string[],
): { positional: string[]; options: Record<string, string | true>; error?: string } {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (valued.includes(key)) {
        const v = inline ?? args[++i];
        if (v === undefined) return { positional, options, error: `--${key} needs a value` };
        options[key] = v;
      } else if (flags.includes(key)) options[key] = true;
      else return { positional, options, error: `unknown option --${key}` };
    } else positional.push(a);
  }
  return { positional, options };
}
