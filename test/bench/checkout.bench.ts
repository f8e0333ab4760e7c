/**
 * Checkout benchmarks on Redis (REDIS_URL): paid checkouts per second (cart of two mugs → order,
 * points held and captured, stock reserved) with 1 member paying one order after another, and with
 * 50 members paying at the same time. Each figure is also a ratio against a baseline measured in the
 * same run (bare HINCRBY round trips at the same concurrency), so the numbers compare across machines.
 */
import { okValue } from '../host/results';
import { loadRedisDatabase } from '../ledger/backends';
import { countingDatabase } from '../host/counting-db';
import { ADMIN, createServices, ordersHost, readyMember } from '../orders/harness';

export interface BenchResult { name: string; backend: string; ms: number; ops: number; note?: string }

const now = () => Number(process.hrtime.bigint()) / 1e6;

export async function checkoutBenchmarks(): Promise<BenchResult[]> {
  const url = process.env.REDIS_URL;
  if (!url) {
    console.log('  (checkout benchmarks skipped: set REDIS_URL)');
    return [];
  }
  const db = await loadRedisDatabase().connect(url);
  await db.client.flushdb();
  // counted only while one checkout is measured (the counter's own size reads would distort the timings)
  const counting = countingDatabase(db);
  let counted = false;
  const host = ordersHost(new Proxy(db, { get: (target, prop) => Reflect.get(counted ? counting : target, prop) as unknown }));
  const s = createServices(host);
  const mug = (await okValue(s.catalogAdmin.create(ADMIN, { kind: 'souvenir', title: { 'en-GB': 'Mug', ru: 'Кружка' }, priceInPoints: 1000, visibility: 'on-sale' }))).id;
  await okValue(s.catalogAdmin.adjustStock(ADMIN, mug, { delta: 100_000, reason: 'bench' }));
  const rows: BenchResult[] = [];

  /** `members` members pay `rounds` orders each, all members at once, round after round. */
  async function run(members: number, rounds: number, first: number): Promise<number> {
    const uids = Array.from({ length: members }, (_, i) => first + i);
    await Promise.all(uids.map((uid) => readyMember(s, uid, rounds * 2_000 + 1)));
    const t = now();
    for (let r = 0; r < rounds; r += 1) {
      await Promise.all(uids.map(async (uid) => {
        await okValue(s.cart.add({ uid }, { productId: mug, quantity: 2 }));
        await okValue(s.checkout.pay({ uid }, { idempotencyKey: `bench-${uid}-${String(r).padStart(6, '0')}` }));
      }));
    }
    return now() - t;
  }

  // one paid checkout, counted (issue 14 goal 2: ≤ 20 round trips)
  await readyMember(s, 99_999, 10_000);
  await okValue(s.cart.add({ uid: 99_999 }, { productId: mug, quantity: 2 }));
  counting.counter.reset();
  counted = true;
  await okValue(s.checkout.pay({ uid: 99_999 }, { idempotencyKey: 'bench-99999-000000' }));
  counted = false;
  const cost = `${counting.counter.roundTrips} round trips, ${counting.counter.commands} database calls a paid checkout (issue 14 target: 20 round trips)`;

  for (const [members, rounds, first] of [[1, 200, 1], [50, 8, 1_000]] as const) {
    const n = members * rounds;
    const base = 2_000;
    const tb = now();
    for (let i = 0; i < base; i += members) await Promise.all(Array.from({ length: members }, (_, j) => db.incrObjectFieldBy('bench:baseline', String(j), 1)));
    const baseMs = now() - tb;
    rows.push({ name: `baseline: HINCRBY round trips (${members} in flight)`, backend: 'redis', ms: baseMs, ops: base, note: '1.00x' });
    const ms = await run(members, rounds, first);
    rows.push({ name: `checkout (cart → paid order), ${members} member${members > 1 ? 's' : ''} at once`, backend: 'redis', ms, ops: n, note: `${((n / ms) / (base / baseMs)).toFixed(4)}x baseline rate; ${cost}` });
  }
  const paid = (await okValue(s.orders.memberOrders({ uid: 1 }))).length;
  if (paid !== 200) throw new Error(`member 1 has ${paid} orders, expected 200`);
  await db.client.quit();
  return rows;
}

if (require.main === module) {
  checkoutBenchmarks().then((rows) => console.table(rows), (err) => { console.error(err); process.exitCode = 1; });
}
