import assert from 'node:assert/strict';
import { mapLimited } from '../../lib/kernel/concurrency';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('kernel/concurrency: mapLimited', () => {
  it('keeps the items\' order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimited([5, 1, 4, 2, 3, 0, 6], 3, async (n, i) => {
      running += 1;
      most = Math.max(most, running);
      await tick(n);
      running -= 1;
      return `${i}:${n * 10}`;
    });
    assert.deepEqual(out, ['0:50', '1:10', '2:40', '3:20', '4:30', '5:0', '6:60']);
    assert.equal(most, 3);
    assert.deepEqual(await mapLimited([], 4, async () => 1), []);
  });

  it('throws the first failure after the calls under way have ended, and starts no new one', async () => {
    const started: number[] = [];
    const ended: number[] = [];
    await assert.rejects(mapLimited([0, 1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      await tick(n === 1 ? 1 : 5);
      if (n === 1) throw new Error('item 1 failed');
      ended.push(n);
    }), /item 1 failed/);
    assert.deepEqual(started, [0, 1], 'nothing started after the failure');
    assert.deepEqual(ended, [0], 'the call under way ended before the failure was thrown');
  });
});
