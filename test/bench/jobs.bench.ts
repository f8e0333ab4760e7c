/**
 * The jobs at scale on Redis (REDIS_URL), issue 14 goal 4: the settlement job over 100 000 pending
 * posts (target ≤ 30 s) and the birthday job over 100 000 members (target ≤ 5 s), the plugin loaded
 * through the fake host with its database on Redis. Sizes: BENCH_JOBS_POSTS, BENCH_JOBS_MEMBERS.
 *
 * Baseline, in the same run: as many sequential Redis round trips (one HINCRBY each) as there are
 * posts or members — what a job doing one round trip per item, one item after another, would cost.
 */
import { RedisDatabase } from '../host/redis-db';
import { createFakeHost } from '../host/index';

export interface BenchResult { name: string; backend: string; ms: number; ops: number; note?: string }

const now = () => Number(process.hrtime.bigint()) / 1e6;
const H = 3_600_000;

async function roundTrips(redis: RedisDatabase, n: number): Promise<number> {
  const t = now();
  for (let i = 0; i < n; i += 1) await redis.client.hincrby('bench:rt', 'n', 1);
  return now() - t;
}

export async function jobsBenchmarks(): Promise<BenchResult[]> {
  const url = process.env.REDIS_URL;
  if (!url) {
    console.log('  (jobs benchmarks skipped: set REDIS_URL)');
    return [];
  }
  const POSTS = Number(process.env.BENCH_JOBS_POSTS) || 100_000;
  const MEMBERS = Number(process.env.BENCH_JOBS_MEMBERS) || 100_000;
  const rows: BenchResult[] = [];
  const redis = await RedisDatabase.connect(url, { autoPipelining: true });

  // --- settlement: POSTS pending posts by 200 members, all due at once ----------------------------
  await redis.client.flushdb();
  const start = Date.parse('2026-11-02T09:00:00Z');
  let fake = await createFakeHost({ now: start, wrapDb: () => redis });
  const admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
  const authors = Array.from({ length: 200 }, (_, i) => fake.forum.createUser({ username: `p${i}`, groups: ['Participants'] }));
  const cid = fake.forum.createCategory('Club life');
  await fake.host.settings.set('bonus', { earningCids: String(cid) });
  const tids = Array.from({ length: 100 }, (_, i) => fake.forum.createTopic(admin, cid, `Topic ${i}`, 'First').tid);
  await fake.settle();
  for (let i = 0; i < POSTS; i += 1) {
    fake.forum.reply(authors[i % authors.length], tids[i % tids.length], `reply ${i}`);
    if (i % 500 === 499) await fake.settle();
  }
  await fake.settle();
  const pendingBefore = (await fake.plugin.services.ledger.balance(authors[0])).pending;
  fake.clock.advance(48 * H + 1);
  const settleJob = fake.jobs.find((j) => j.name === 'bonus:earning:settle')!;
  let t = now();
  // the job drains up to 10 000 a tick; NodeBB's cron ticks every 5 minutes
  let ticks = 0;
  for (;;) {
    ticks += 1;
    await settleJob.onTick();
    if ((await redis.client.zcount('bonus:earn:pending', '-inf', fake.clock.now())) === 0) break;
    if (ticks > 100) throw new Error('settlement did not drain');
  }
  const settleMs = now() - t;
  const after = await fake.plugin.services.ledger.balance(authors[0]);
  if (after.pending !== 0 || after.posted !== pendingBefore) throw new Error(`settlement: member p0 has ${after.pending} pending and ${after.posted} posted, expected 0 and ${pendingBefore}`);
  const settleBase = await roundTrips(redis, POSTS);
  rows.push({ name: `baseline: ${POSTS} sequential round trips (HINCRBY)`, backend: 'redis', ms: settleBase, ops: POSTS, note: '1.00x' });
  rows.push({ name: `settlement job: ${POSTS} pending posts matured (${ticks} ticks)`, backend: 'redis', ms: settleMs, ops: POSTS, note: `${(settleMs / settleBase).toFixed(2)}x the baseline's time; target ≤ 30 s` });

  // --- birthdays: MEMBERS members with birthdays spread over the year -----------------------------
  await redis.client.flushdb();
  fake = await createFakeHost({ now: Date.parse('2026-09-15T09:00:00Z'), wrapDb: () => redis });
  for (let i = 0; i < MEMBERS; i += 1) {
    const day = new Date(Date.UTC(1990 + (i % 30), 0, 1 + (i % 365)));
    fake.forum.createUser({ username: `b${i}`, groups: ['Participants'], birthday: `${String(day.getUTCMonth() + 1).padStart(2, '0')}/${String(day.getUTCDate()).padStart(2, '0')}/${day.getUTCFullYear()}` });
    if (i % 1000 === 999) await fake.settle();
  }
  await fake.settle();
  t = now();
  const indexed = await fake.plugin.services.birthdays.reindexAll();
  const reindexMs = now() - t;
  t = now();
  const firstPaid = await fake.plugin.services.birthdays.run(fake.clock.now());
  const firstMs = now() - t;
  fake.clock.advance(24 * H);
  t = now();
  const nextPaid = await fake.plugin.services.birthdays.run(fake.clock.now());
  const dayMs = now() - t;
  const birthdayBase = await roundTrips(redis, MEMBERS);
  rows.push({ name: `baseline: ${MEMBERS} sequential round trips (HINCRBY)`, backend: 'redis', ms: birthdayBase, ops: MEMBERS, note: '1.00x' });
  rows.push({ name: `birthdays: index of ${MEMBERS} members rebuilt (${indexed} with a birthday)`, backend: 'redis', ms: reindexMs, ops: MEMBERS, note: `${(reindexMs / birthdayBase).toFixed(2)}x; an ACP action, once after installing` });
  rows.push({ name: `birthday job, first run: ${firstPaid} gifts (every open window)`, backend: 'redis', ms: firstMs, ops: Math.max(1, firstPaid), note: `${(firstMs / birthdayBase).toFixed(2)}x the baseline's time; target ≤ 5 s` });
  rows.push({ name: `birthday job, the next day: ${nextPaid} gifts`, backend: 'redis', ms: dayMs, ops: Math.max(1, nextPaid), note: `${(dayMs / birthdayBase).toFixed(3)}x the baseline's time; target ≤ 5 s` });
  await redis.client.quit();
  return rows;
}

if (require.main === module) {
  jobsBenchmarks().then((rows) => console.table(rows), (err) => { console.error(err); process.exitCode = 1; });
}
