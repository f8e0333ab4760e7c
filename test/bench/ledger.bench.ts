/**
 * Ledger benchmarks on Redis (REDIS_URL): entries appended per second for one member and for 1 000
 * members in parallel, and the time to read one history page (10 entries) of a member with 10 and with 100 000 entries. Each
 * figure is also given as a ratio against a baseline measured in the same run (a single HINCRBY
 * round trip; the 10-entry page read for the 100 000-entry one), so the numbers compare across machines.
 */
import { LedgerStore } from '../../lib/modules/ledger/store';
import { loadRedisDatabase } from '../ledger/backends';

export interface BenchResult { name: string; backend: string; ms: number; ops: number; note?: string }

const now = () => Number(process.hrtime.bigint()) / 1e6;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = now();
  await fn();
  return now() - t;
}

async function inChunks(total: number, chunk: number, fn: (i: number) => Promise<unknown>) {
  for (let start = 0; start < total; start += chunk) {
    await Promise.all(Array.from({ length: Math.min(chunk, total - start) }, (_, j) => fn(start + j)));
  }
}

export async function ledgerBenchmarks(): Promise<BenchResult[]> {
  const url = process.env.REDIS_URL;
  if (!url) {
    console.log('ledger benchmarks skipped: REDIS_URL not set');
    return [];
  }
  const db = await loadRedisDatabase().connect(url);
  await db.client.flushdb();
  const store = new LedgerStore(db, { now: () => Date.now() });
  const credit = (uid: number, key: string) => store.append({ kind: 'credit', uid, amount: 1, key, reason: 'other', actorUid: 0 });
  const rows: BenchResult[] = [];

  const baselineOps = 2_000;
  const baselineMs = await timed(() => inChunks(baselineOps, 100, () => db.incrObjectFieldBy('bench:baseline', 'n', 1)));
  const baselineRate = baselineOps / (baselineMs / 1000);
  rows.push({ name: 'baseline: HINCRBY round trips (100 in flight)', backend: 'redis', ms: baselineMs, ops: baselineOps, note: '1.00x' });

  const oneOps = 5_000;
  const oneMs = await timed(() => inChunks(oneOps, 100, (i) => credit(1, `one:${i}`)));
  rows.push({ name: 'append, one member (100 in flight)', backend: 'redis', ms: oneMs, ops: oneOps, note: `${((oneOps / (oneMs / 1000)) / baselineRate).toFixed(3)}x baseline rate` });

  const manyOps = 5_000;
  const manyMs = await timed(() => inChunks(manyOps, 1_000, (i) => credit(1_000 + (i % 1_000), `many:${i}`)));
  rows.push({ name: 'append, 1 000 members in parallel', backend: 'redis', ms: manyMs, ops: manyOps, note: `${((manyOps / (manyMs / 1000)) / baselineRate).toFixed(3)}x baseline rate` });

  await inChunks(10, 10, (i) => credit(2, `small:${i}`));
  const bigMs = await timed(() => inChunks(100_000, 1_000, (i) => credit(3, `big:${i}`)));
  rows.push({ name: 'append 100 000 entries, one member (setup)', backend: 'redis', ms: bigMs, ops: 100_000 });

  const reads = 200;
  const read = (uid: number) => inChunks(reads, 1, () => store.historyNewestFirst(uid, 0, 10));
  await read(2); await read(3); // warm up
  // seven rounds, the three reads in turn within each, and the median of each: one read of a few
  // tens of milliseconds on a shared machine moves by a third from one moment to the next
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const small: number[] = []; const deep: number[] = []; const big: number[] = [];
  for (let round = 0; round < 7; round += 1) {
    small.push(await timed(() => read(2)));
    big.push(await timed(() => read(3)));
    deep.push(await timed(() => inChunks(reads, 1, () => store.historyNewestFirst(3, 50_000, 10))));
  }
  const [smallMs, deepMs, bigReadMs] = [median(small), median(deep), median(big)];
  rows.push({ name: 'history page, 10 entries', backend: 'redis', ms: smallMs, ops: reads, note: '1.00x' });
  rows.push({ name: 'history page, 100 000 entries (first page)', backend: 'redis', ms: bigReadMs, ops: reads, note: `${(bigReadMs / smallMs).toFixed(2)}x the 10-entry read` });
  rows.push({ name: 'history page, 100 000 entries (entries 50 000-50 009)', backend: 'redis', ms: deepMs, ops: reads, note: `${(deepMs / smallMs).toFixed(2)}x the 10-entry read` });
  await db.client.flushdb();
  await db.client.quit();
  return rows;
}

if (require.main === module) {
  ledgerBenchmarks().then((rows) => console.table(rows), (err) => { console.error(err); process.exitCode = 1; });
}
