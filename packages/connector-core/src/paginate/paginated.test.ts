import { describe, expect, it } from 'vitest';
import { paginated } from './paginated.js';

describe('paginated', () => {
  const list = () => {
    let passes = 0;
    const result = paginated(async function* () {
      passes++;
      yield { items: [1, 2], index: 0, total: 5 };
      yield { items: [3, 4], index: 1, total: 5 };
      yield { items: [5], index: 2, total: 5 };
    });
    return { result, passes: () => passes };
  };

  it('yields the items of every page in order, on a fresh pass each time', async () => {
    const { result, passes } = list();
    const seen: number[] = [];
    for await (const n of result) seen.push(n);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(await result.toArray()).toEqual([1, 2, 3, 4, 5]);
    expect(passes()).toBe(2);
  });

  it('stops reading pages once toArray has max items', async () => {
    const { result } = list();
    expect(await result.toArray({ max: 3 })).toEqual([1, 2, 3]);
    expect(await result.toArray({ max: 0 })).toEqual([]);
  });
});
