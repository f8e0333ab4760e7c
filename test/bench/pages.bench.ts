/**
 * Member page benchmarks on Redis (REDIS_URL), issue 14 goal 3: the Points page, the store and the
 * programme's home page through the fake host (routes, templates' data, the plugin's database on
 * Redis), for a member with a short history (5 posts) and one with a long one (316 pending posts,
 * as in the issue). Reported per page: database calls per request (a batched read, e.g. getObjects,
 * is one: the issue's "one batched read per kind of thing shown"; target ≤ 20), the Redis commands
 * NodeBB's adapter would send for them with a cold hash cache (one HGETALL per key of a getObjects;
 * test/host/counting-db.ts), requests/s, and the long history's time against the short one's.
 * Baseline, in the same run: a bare HGETALL round trip, one request at a time.
 */
import { RedisDatabase } from '../host/redis-db';
import { countingDatabase } from '../host/counting-db';
import { createFakeHost } from '../host/index';

export interface BenchResult { name: string; backend: string; ms: number; ops: number; note?: string }

const now = () => Number(process.hrtime.bigint()) / 1e6;
const REQUESTS = 100;

export async function pagesBenchmarks(): Promise<BenchResult[]> {
  const url = process.env.REDIS_URL;
  if (!url) {
    console.log('  (page benchmarks skipped: set REDIS_URL)');
    return [];
  }
  const redis = await RedisDatabase.connect(url);
  await redis.client.flushdb();
  const counting = countingDatabase(redis);
  let counted = false;
  const db = new Proxy(redis, { get: (target, prop) => Reflect.get(counted ? counting : target, prop) as unknown });
  const fake = await createFakeHost({ now: Date.now(), wrapDb: () => db });
  const admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
  const short = fake.forum.createUser({ username: 'short', groups: ['Participants'] });
  const long = fake.forum.createUser({ username: 'long', groups: ['Participants'] });
  const cid = fake.forum.createCategory('Club life');
  await fake.host.settings.set('bonus', { earningCids: String(cid) });
  const { tid } = fake.forum.createTopic(admin, cid, 'Talk', 'First');
  for (let i = 0; i < 5; i += 1) fake.forum.reply(short, tid, `reply ${i}`);
  for (let i = 0; i < 316; i += 1) {
    fake.forum.reply(long, tid, `reply ${i}`);
    if (i % 50 === 0) await fake.settle();
  }
  await fake.settle();
  const rows: BenchResult[] = [];

  const tb = now();
  for (let i = 0; i < REQUESTS * 10; i += 1) await redis.getObject('bench:baseline');
  const baseMs = now() - tb;
  const baseRate = (REQUESTS * 10) / baseMs;
  rows.push({ name: 'baseline: HGETALL round trips, one at a time', backend: 'redis', ms: baseMs, ops: REQUESTS * 10, note: '1.00x' });

  for (const page of ['/api/bonus/points', '/api/bonus/store', '/api/bonus']) {
    const rate: Record<string, number> = {};
    for (const [who, uid] of [['5 posts', short], ['316 pending posts', long]] as const) {
      const agent = fake.agent(uid);
      counting.counter.reset();
      counted = true;
      const res = await agent.get(page);
      counted = false;
      if (res.status !== 200) throw new Error(`${page}: ${res.status}`);
      const { commands, redisCommands, roundTrips } = counting.counter;
      await agent.get(page); // warm
      const t = now();
      for (let i = 0; i < REQUESTS; i += 1) await agent.get(page);
      const ms = now() - t;
      rate[who] = REQUESTS / ms;
      const vsShort = who === '5 posts' ? '' : `; ${(rate['5 posts'] / rate[who]).toFixed(2)}x the time of the short history`;
      rows.push({
        name: `${page}, a member with ${who}`, backend: 'redis', ms, ops: REQUESTS,
        note: `${commands} database calls (${commands > 20 ? 'over' : 'within'} the 20 of issue 14), ${redisCommands} Redis commands without NodeBB's hash cache, ${roundTrips} round trips a request; ${(rate[who] / baseRate).toFixed(3)}x baseline rate${vsShort}`,
      });
    }
  }
  await redis.client.quit();
  return rows;
}

if (require.main === module) {
  pagesBenchmarks().then((rows) => console.table(rows), (err) => { console.error(err); process.exitCode = 1; });
}
