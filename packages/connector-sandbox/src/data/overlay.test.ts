import { describe, expect, it } from 'vitest';
import { Overlay } from './overlay.js';

describe('Overlay', () => {
  it('pages the base range, skipping removals, then additions', () => {
    const o = new Overlay(10);
    o.remove(0);
    o.remove(4);
    o.add(2);
    expect(o.count).toBe(10);
    expect(o.range(0, 100)).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10, 11]);
    expect(o.range(3, 3)).toEqual([5, 6, 7]);
    expect(o.rangeDesc(0, 3)).toEqual([11, 10, 9]);
    expect([...o.scan()]).toEqual(o.range(0, 100));
  });

  it('strided sub-collections count and page around removals', () => {
    const o = new Overlay(20);
    o.remove(3);
    o.remove(13);
    expect(o.stridedCount(3, 5)).toBe(2);
    expect(o.strided(3, 5, 0, 10)).toEqual([8, 18]);
    expect(o.strided(0, 5, 1, 2)).toEqual([5, 10]);
  });

  it('natural order moves changed rows to the end', () => {
    const o = new Overlay(5);
    o.patch(1, { a: 1 });
    expect(o.naturalRange(0, 10)).toEqual([0, 2, 3, 4, 1]);
    expect(o.naturalRange(3, 10)).toEqual([4, 1]);
    expect(o.range(0, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(o.patchOf(1)).toEqual({ a: 1 });
  });
});
