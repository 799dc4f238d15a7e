import { describe, expect, it } from 'vitest';
import { GroupOrder } from '../../functions/kpi/structures/group-order.ts';

describe('GroupOrder', () => {
  it('orders by key, -1 first, keeping the order of equal keys', () => {
    const keys = Int32Array.of(2, 0, -1, 2, 1, 0, -1, 2);
    const order = new GroupOrder().of(keys, keys.length, 3);
    expect([...order.subarray(0, keys.length)]).toEqual([2, 6, 1, 5, 4, 0, 3, 7]);
  });

  it('looks at only the first `count` keys and can be used again', () => {
    const grouping = new GroupOrder();
    grouping.of(Int32Array.of(1, 1, 0, 0, 1), 5, 2);
    const order = grouping.of(Int32Array.of(1, 0, 0, 9), 3, 2);
    expect([...order.subarray(0, 3)]).toEqual([1, 2, 0]);
  });
});
