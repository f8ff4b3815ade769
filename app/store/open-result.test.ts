import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateTopology } from '../model/generate';
import type { Topology } from '../model/schema';
import { ResultAssembler, resultMessages, type OpenJobResult, type OpenMessage } from './open-result';

/** What the page gets back from the worker's messages, taken one by one as the page does. */
function carried(result: OpenJobResult, size?: number): { result: OpenJobResult; messages: OpenMessage[] } {
  const messages = [...resultMessages(result, size)];
  const parts = new ResultAssembler();
  let done: OpenJobResult | undefined;
  for (const m of structuredClone(messages)) {
    if (m.type === 'part') parts.add(m);
    else if (m.type === 'done') done = parts.result(m.result);
  }
  return { result: done!, messages };
}

const design = (nodes: number, seed: number): Topology => {
  const r = generateTopology({ nodes }, seed);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('a large design crossing from the open worker in parts', () => {
  it('arrives whole and in order, whatever the part size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 120 }), fc.integer({ min: 1, max: 200 }), fc.integer(), (nodes, size, seed) => {
        const topology = design(nodes, seed);
        const sent: OpenJobResult = { ok: true, topology, warnings: [], opened: 'link' };
        const { result, messages } = carried(sent, size);
        expect(result).toEqual(sent);
        // No message carries more than a part's worth of any list.
        for (const m of messages)
          if (m.type === 'part') expect(m.nodes?.length ?? m.links?.length ?? m.layout?.length).toBeLessThanOrEqual(size);
        expect(messages.at(-1)?.type).toBe('done');
      }),
      { numRuns: 30 },
    );
  });

  it('keeps a design without a layout without one, and an empty one empty', () => {
    const { layout: _layout, ...rest } = design(30, 1);
    const bare: OpenJobResult = { ok: true, topology: rest, warnings: [], opened: 'file' };
    expect(carried(bare).result).toEqual(bare);
    expect('layout' in (carried(bare).result as { topology: Topology }).topology).toBe(false);
    const empty: OpenJobResult = {
      ok: true,
      topology: { ...rest, nodes: [], links: [], layout: {} },
      warnings: [],
      opened: 'file',
    };
    expect(carried(empty).result).toEqual(empty);
  });

  it('sends a refusal as it is, in one message', () => {
    const refused: OpenJobResult = { ok: false, message: 'is not a design' };
    const { result, messages } = carried(refused);
    expect(result).toEqual(refused);
    expect(messages).toHaveLength(1);
  });
});
