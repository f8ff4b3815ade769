import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LinkRoute } from '../model/link-routing';
import { RouteBoard } from './route-board';

const route = (id: string, x: number): LinkRoute => ({
  id,
  points: [
    { x, y: 0 },
    { x, y: 10 },
  ],
  clear: true,
});

/** A stand-in for the canvas's task queue: the test runs each task when it wants. */
function taskQueue() {
  const tasks: (() => void)[] = [];
  const schedule = (work: () => void) => {
    tasks.push(work);
    return () => {
      const i = tasks.indexOf(work);
      if (i >= 0) tasks.splice(i, 1);
    };
  };
  return { tasks, schedule };
}

describe('RouteBoard', () => {
  it('tells only the links whose route changed', () => {
    const board = new RouteBoard();
    const a1 = route('a', 0);
    const b1 = route('b', 5);
    board.publish(
      new Map([
        ['a', a1],
        ['b', b1],
      ]),
    );
    const told: string[] = [];
    const stopA = board.subscribe('a', () => told.push('a'));
    board.subscribe('b', () => told.push('b'));
    const a2 = route('a', 1);
    board.publish(
      new Map([
        ['a', a2],
        ['b', b1],
      ]),
    );
    expect(told).toEqual(['a']);
    expect(board.get('a')).toBe(a2);
    // A link that lost its route is told too; an unsubscribed one is not.
    stopA();
    board.publish(new Map([['a', a2]]));
    expect(told).toEqual(['a', 'b']);
    expect(board.get('b')).toBeUndefined();
  });

  it('tells many changed links a batch per task, each showing its old route until told', () => {
    const board = new RouteBoard();
    const ids = Array.from({ length: 7 }, (_, i) => `l${i}`);
    const old = new Map(ids.map((id) => [id, route(id, 0)]));
    board.publish(old);
    const told: string[] = [];
    for (const id of ids) board.subscribe(id, () => told.push(id));
    const { tasks, schedule } = taskQueue();
    let done = 0;
    const fresh = new Map(ids.map((id) => [id, route(id, 1)]));
    board.publish(fresh, { batch: 3, schedule, onDone: () => done++ });
    expect(told).toEqual(['l0', 'l1', 'l2']);
    expect(board.get('l2')).toBe(fresh.get('l2'));
    expect(board.get('l3')).toBe(old.get('l3'));
    expect(board.pending).toBe(4);
    tasks.shift()!();
    expect(told).toHaveLength(6);
    expect(done).toBe(0);
    tasks.shift()!();
    expect(told.sort()).toEqual([...ids].sort());
    expect(ids.every((id) => board.get(id) === fresh.get(id))).toBe(true);
    expect(board.pending).toBe(0);
    expect(done).toBe(1);
    expect(tasks).toHaveLength(0);
  });

  it('a newer publish while links are held tells each link at most once more, with the newest route', () => {
    const board = new RouteBoard();
    const ids = ['a', 'b', 'c', 'd'];
    board.publish(new Map(ids.map((id) => [id, route(id, 0)])));
    const told: string[] = [];
    for (const id of ids) board.subscribe(id, () => told.push(id));
    const { tasks, schedule } = taskQueue();
    board.publish(new Map(ids.map((id) => [id, route(id, 1)])), { batch: 2, schedule });
    expect(told).toEqual(['a', 'b']);
    // A drag: everything at once (no batch), the held links included, and the pending task is cancelled.
    const newest = new Map(ids.map((id) => [id, route(id, 2)]));
    board.publish(newest);
    expect(tasks).toHaveLength(0);
    expect(told).toEqual(['a', 'b', 'a', 'b', 'c', 'd']);
    expect(ids.every((id) => board.get(id) === newest.get(id))).toBe(true);
    expect(board.pending).toBe(0);
  });

  it('whatever the batches, every link ends on the last routes published (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.nat(3), { maxLength: 10 }),
        (versions, batch, runs) => {
          const board = new RouteBoard();
          const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
          const seen = new Map<string, LinkRoute | undefined>();
          for (const id of ids) board.subscribe(id, () => seen.set(id, board.get(id)));
          const { tasks, schedule } = taskQueue();
          let last = new Map<string, LinkRoute>();
          versions.forEach((xs, v) => {
            last = new Map(ids.flatMap((id, i) => (xs[i] === 0 ? [] : [[id, route(id, v * 10 + xs[i]!)] as const])));
            board.publish(last, { batch, schedule });
            for (let k = 0; k < (runs[v] ?? 0) && tasks.length; k++) tasks.shift()!();
          });
          while (tasks.length) tasks.shift()!();
          for (const id of ids) {
            expect(board.get(id)).toBe(last.get(id));
            // What a link last read when told is what it shows (told whenever it changed).
            if (seen.has(id)) expect(seen.get(id)).toBe(last.get(id));
          }
          expect(board.pending).toBe(0);
        },
      ),
    );
  });
});
