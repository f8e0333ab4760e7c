import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import path from 'node:path';
import { RedisDatabase } from '../host/redis-db';
import { databaseContract } from './database.contract';
import { redisUrl } from './redis-env';

const url = redisUrl('Redis contract suite');

if (url) {
  databaseContract('Redis', async () => {
    const db = await RedisDatabase.connect(url);
    await db.client.flushdb();
    return { db, close: async () => void (await db.client.quit()) };
  });

  describe('Database contract: Redis from several processes', function () {
    it('4 processes × 250 concurrent increments of one field end at exactly 1000, every value seen once', async function () {
      const db = await RedisDatabase.connect(url);
      await db.client.flushdb();
      const worker = path.join(__dirname, 'incr-worker.js');
      const runs = Array.from({ length: 4 }, () => new Promise<number[]>((resolve, reject) => {
        const child = fork(worker, [url, 'contract:mp', '250']);
        let got: number[] = [];
        child.on('message', (m) => { got = m as number[]; });
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(got) : reject(new Error(`worker exit ${code}`))));
      }));
      const all = (await Promise.all(runs)).flat();
      assert.equal(await db.getObjectField('contract:mp', 'n'), '1000');
      assert.deepEqual([...all].sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i + 1));
      await db.client.quit();
    });
  });
}
