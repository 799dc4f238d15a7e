import { describe, expect, it } from 'vitest';
import { recordKey, SHARD_COUNT, shardOf } from '../../functions/store/keys.ts';

describe('record keys', () => {
  it('keep the stored key format: a changed hash would duplicate every stored record', () => {
    expect(recordKey('task', 'jira-main', 'jira-main:1')).toEqual({ pk: 'REC#task#jira-main#00', sk: 'jira-main:1' });
    expect(['asana:1200000000000001', 'timesheet:te42'].map(shardOf)).toEqual([13, 6]);
  });

  it('spread sequential ids evenly over the shards', () => {
    const counts = new Array<number>(SHARD_COUNT).fill(0);
    for (let n = 0; n < 16_000; n++) {
      const shard = shardOf(`jira-main:${10_000 + n}`);
      counts[shard] = (counts[shard] ?? 0) + 1;
    }
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1_200);
  });
});
