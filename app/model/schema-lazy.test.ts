/**
 * The schemas are made on first use, not when the module loads: every page load evaluates
 * this module in its first task, and making them there was 10–15 ms of it.
 */
import { describe, expect, it, vi } from 'vitest';

const made = vi.hoisted(() => ({ objects: 0 }));

vi.mock('zod', async (importOriginal) => {
  const actual = await importOriginal<typeof import('zod')>();
  const strictObject: typeof actual.z.strictObject = (...args) => {
    made.objects += 1;
    return actual.z.strictObject(...args);
  };
  return { ...actual, z: { ...actual.z, strictObject } };
});

describe('the document schemas', () => {
  it('are not made when the module loads; all are made on first use, once', async () => {
    const { schemas } = await import('./schema');
    expect(made.objects).toBe(0);
    const first = schemas();
    // One per entity: 13 node kinds, 12 link kinds, the document and what it holds.
    expect(made.objects).toBeGreaterThan(30);
    const after = made.objects;
    expect(schemas()).toBe(first);
    expect(made.objects).toBe(after);
  });

  it('check what they say once made (a site without a name is refused)', async () => {
    const { schemas } = await import('./schema');
    const site = { id: 'S1', name: 'Dublin', kind: 'central' };
    expect(schemas().site.safeParse(site).success).toBe(true);
    const { name: _name, ...nameless } = site;
    expect(schemas().site.safeParse(nameless).success).toBe(false);
  });
});
