/**
 * The ACP dashboard at scale (issue 21, item 2), on Redis (REDIS_URL): the dashboard's API twin
 * (`/api/admin/plugins/bonus?period=30`, the fake host's routes and the plugin's database on Redis)
 * with 1 000 ledger entries, then with 1 000 000 (`BENCH_DASHBOARD_ENTRIES`), measured the same way;
 * reported: database calls and Redis commands a request (counting wrapper, test/host/counting-db.ts)
 * and the large ledger's time against the small one's (goal: the same, as the figures are daily
 * aggregates; no journal is read).
 *
 * The first 1 000 entries are written through the ledger (their aggregates by its observer); the rest
 * are written straight into the ledger's keys in pipelines (entry hash, journal, key index, members)
 * with their day figures added in one batch, as the observer would have (a million appends through the
 * ledger would take the bench an hour and measure the ledger, not the dashboard).
 */
import { RedisDatabase } from '../host/redis-db';
import { countingDatabase } from '../host/counting-db';
import { createFakeHost } from '../host/index';
import { ledgerKeys, encodeEntry } from '../../lib/modules/ledger/store-codec';
import { dayIncrements, totalIncrements, addInto } from '../../lib/modules/economy/domain';
import { economyKeys } from '../../lib/modules/economy/store';
import type { LedgerEntry } from '../../lib/modules/ledger';

export interface BenchResult { name: string; backend: string; ms: number; ops: number; note?: string }

const now = () => Number(process.hrtime.bigint()) / 1e6;
const DAY = 24 * 60 * 60 * 1000;
const REQUESTS = 60;
const REASONS = ['reply', 'topic', 'birthday', 'group-entry', 'top-week'];

export async function dashboardBenchmarks(): Promise<BenchResult[]> {
  const url = process.env.REDIS_URL;
  if (!url) {
    console.log('  (dashboard benchmark skipped: set REDIS_URL)');
    return [];
  }
  const large = Number(process.env.BENCH_DASHBOARD_ENTRIES ?? 1_000_000);
  const redis = await RedisDatabase.connect(url);
  await redis.client.flushdb();
  const counting = countingDatabase(redis);
  let counted = false;
  const db = new Proxy(redis, { get: (target, prop) => Reflect.get(counted ? counting : target, prop) as unknown });
  const started = Date.now();
  const fake = await createFakeHost({ now: started, wrapDb: () => db });
  const admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
  await fake.host.settings.set('bonus', { timeZone: 'UTC' });
  const members = Array.from({ length: 200 }, (_, i) => fake.forum.createUser({ username: `m${i}`, groups: ['Participants'] }));
  const ledger = fake.plugin.services.ledger;
  for (let i = 0; i < 1000; i += 1) {
    fake.clock.set(started - (i % 120) * DAY);
    await ledger.credit({ uid: members[i % members.length], amount: 1 + (i % 10), key: `bench:small:${i}`, reason: REASONS[i % REASONS.length] });
  }
  fake.clock.set(started);
  const agent = fake.agent(admin);
  const page = '/api/admin/plugins/bonus?period=30';

  const measure = async (label: string, entries: number): Promise<BenchResult & { rate: number }> => {
    counting.counter.reset();
    counted = true;
    const res = await agent.get(page);
    counted = false;
    if (res.status !== 200) throw new Error(`${page}: ${res.status}`);
    const { commands, redisCommands } = counting.counter;
    await agent.get(page);
    const t = now();
    for (let i = 0; i < REQUESTS; i += 1) await agent.get(page);
    const ms = now() - t;
    return { name: `${page}, ${label}`, backend: 'redis', ms, ops: REQUESTS, rate: REQUESTS / ms, note: `${entries.toLocaleString('en')} ledger entries; ${commands} database calls, ${redisCommands} Redis commands` };
  };
  const small = await measure('1 000 entries', 1000);

  // the large ledger, straight into its keys
  const K = ledgerKeys('club');
  const E = economyKeys('club');
  const first = Number(await redis.client.hincrby(K.ids, K.idField, large - 1000)) - (large - 1000) + 1;
  const days = new Map<string, Record<string, number>>();
  const totals: Record<string, number> = {};
  const BATCH = 5000;
  for (let from = 0; from < large - 1000; from += BATCH) {
    const pipe = redis.client.pipeline();
    for (let j = from; j < Math.min(from + BATCH, large - 1000); j += 1) {
      const id = first + j;
      const e: LedgerEntry = { id, uid: members[j % members.length], kind: 'credit', amount: 1 + (j % 10), key: `bench:large:${j}`, reason: REASONS[j % REASONS.length], actorUid: 0, createdAt: started - (j % 365) * DAY - 1000 };
      pipe.hset(K.entry(id), encodeEntry(e));
      pipe.zadd(K.journal(e.uid), id, String(id));
      pipe.zadd(K.keyIndex, id, e.key);
      const day = new Date(e.createdAt).toISOString().slice(0, 10);
      const inc = dayIncrements(e);
      const acc = days.get(day) ?? {};
      addInto(acc, inc);
      days.set(day, acc);
      addInto(totals, totalIncrements(inc));
    }
    await pipe.exec();
  }
  const pipe = redis.client.pipeline();
  for (const uid of members) pipe.zadd(K.members, uid, String(uid));
  for (const [day, inc] of days) for (const [f, v] of Object.entries(inc)) pipe.hincrby(E.day(day), f, v);
  for (const [f, v] of Object.entries(totals)) pipe.hincrby(E.totals, f, v);
  await pipe.exec();
  const big = await measure(`${large.toLocaleString('en')} entries`, large);

  // and the small one's time again after it (the machine's drift between the two)
  const rows: BenchResult[] = [
    { ...small, note: `${small.note}; 1.00x` },
    { ...big, note: `${big.note}; ${(small.rate / big.rate).toFixed(2)}x the time of 1 000 entries` },
  ];
  await redis.client.flushdb();
  await redis.client.quit();
  return rows.map(({ name, backend, ms, ops, note }) => ({ name, backend, ms, ops, note }));
}

if (require.main === module) {
  dashboardBenchmarks().then((rows) => console.table(rows), (err) => { console.error(err); process.exitCode = 1; });
}
