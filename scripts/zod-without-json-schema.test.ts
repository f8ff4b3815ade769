import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { exportedNames, standIn, zodWithoutJsonSchema } from './zod-without-json-schema';

const core = path.dirname(createRequire(import.meta.url).resolve('zod/v4/core'));
const classic = path.join(core, '..', 'classic', 'schemas.js');

type Hook = (this: unknown, source: string, importer?: string) => unknown;
const plugin = zodWithoutJsonSchema();
const resolveId = plugin.resolveId as Hook;
const load = plugin.load as (this: unknown, id: string) => string | null;

describe('the build without zod JSON Schema generation', () => {
  it('stands in for both generator modules when zod imports them, and for nothing else', () => {
    expect(resolveId.call({}, '../core/json-schema-processors.js', classic)).toMatch(/json-schema-processors\.js$/);
    expect(resolveId.call({}, '../core/to-json-schema.js', classic)).toMatch(/to-json-schema\.js$/);
    expect(resolveId.call({}, '../core/schemas.js', classic)).toBeNull();
    // Our own code (or any other package) with a file of the same name is left alone.
    expect(resolveId.call({}, './to-json-schema.js', path.resolve('app/model/parse.ts'))).toBeNull();
    expect(plugin.apply).toBe('build');
  });

  it('exports every name the real module exports, and each says why it is missing when called', async () => {
    for (const file of ['json-schema-processors.js', 'to-json-schema.js']) {
      const real = exportedNames(fs.readFileSync(path.join(core, file), 'utf8'));
      expect(real.length).toBeGreaterThan(3);
      const id = resolveId.call({}, `../core/${file}`, classic) as string;
      const code = load.call({}, id)!;
      expect(exportedNames(code).sort()).toEqual([...real].sort());
      const mod = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as Record<string, () => unknown>;
      const name = real.find((n) => !n.startsWith('create'))!;
      expect(() => mod[name]!()).toThrow(/not part of the designer build/);
    }
  });

  it('lets a schema give its standard properties and parse as before', async () => {
    const code = standIn(['createStandardJSONSchemaMethod', 'createToJSONSchemaMethod']);
    const mod = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as Record<
      string,
      (...a: unknown[]) => () => unknown
    >;
    const method = mod.createToJSONSchemaMethod!({}, {});
    expect(typeof method).toBe('function');
    expect(() => method()).toThrow(/JSON Schema generation/);
  });
});
