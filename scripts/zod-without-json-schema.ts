/**
 * Build plugin: the designer's bundle without zod's JSON Schema generator.
 *
 * zod's classic schemas import the generator (`toJSONSchema`, its processors) whether or
 * not anything calls it: about 17 KB of minified code, over 5 KB gzipped, in the first
 * load that issue 22 caps at 200 KB. Only `scripts/gen-docs.ts` calls it, in Node, where
 * this plugin does not apply (build only: vitest and tsx keep the real modules).
 *
 * In the build, the two modules are replaced by stand-ins that export the same names
 * (read from the installed zod, so a zod update cannot leave one out) and throw if called.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const REPLACED = ['json-schema-processors.js', 'to-json-schema.js'] as const;
const PREFIX = '\0zod-without-json-schema:';

/** Every name a module exports with `export const` or `export function`. */
export function exportedNames(source: string): string[] {
  return [...source.matchAll(/^export\s+(?:const|let|function\*?|async\s+function|class)\s+([A-Za-z_$][\w$]*)/gm)].map(
    (m) => m[1]!,
  );
}

/** A module exporting `names`, each a function that says why it is missing. */
export function standIn(names: readonly string[]): string {
  const missing =
    "() => { throw new Error('JSON Schema generation is not part of the designer build (scripts/zod-without-json-schema.ts)'); }";
  // createStandardJSONSchemaMethod / createToJSONSchemaMethod are called when a schema's
  // `~standard` is read and return the method: they return the thrower instead of throwing.
  return names
    .map((n) => (n.startsWith('create') ? `export const ${n} = () => ${missing};` : `export const ${n} = ${missing};`))
    .join('\n');
}

export function zodWithoutJsonSchema(): Plugin {
  const require = createRequire(import.meta.url);
  const core = path.dirname(require.resolve('zod/v4/core'));
  return {
    name: 'zod-without-json-schema',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !importer.split(path.sep).join('/').includes('/node_modules/zod/')) return null;
      const file = REPLACED.find((f) => source.endsWith(`/${f}`));
      if (!file || path.resolve(path.dirname(importer), source) !== path.join(core, file)) return null;
      return PREFIX + file;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length);
      return standIn(exportedNames(fs.readFileSync(path.join(core, file), 'utf8')));
    },
  };
}
