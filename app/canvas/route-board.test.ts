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
});
