/**
 * The sellers' programme (issue 16): registering a box code against a registry of 1 000 000 issued
 * codes costs what it costs against 1 000 (membership is one sorted-set lookup, the claim one hash
 * field), reported as the ratio of the two; and importing 100 000 registry lines as the ACP sends
 * them (chunks of 5 000), in codes per second and against a baseline of the same run. Runs on the
 * in-memory database and on Redis with REDIS_URL.
 */
import { okValue } from '../host/results';
import { createServices } from '../../lib/services';
import { ADMIN, backends, testHost } from '../catalog/backends';
import { IMPORT_CHUNK } from '../../lib/modules/retail';
import type { BenchResult } from './catalog.bench';

const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
/** A valid box code from a number: `PXXXX-…`, 20 letters and digits in four blocks. */
const boxCode = (prefix: string, n: number) => {
  const raw = `${prefix}${String(n).padStart(20 - prefix.length, '0')}`;
  return `${raw.slice(0, 5)}-${raw.slice(5, 10)}-${raw.slice(10, 15)}-${raw.slice(15, 20)}`;
};

/** Registrations measured per registry: five batches, alternating with the other registry's (noise falls on both). */
const BATCH = 100;
const ROUNDS = 5;
const REGISTRATIONS = BATCH * ROUNDS;

export async function retailBenchmarks(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const backend of backends()) {
    const db = await backend.open();
    const s = createServices(testHost(db, { retailDailyLimit: '10000', retailSpotCheckPercent: '0', retailFailuresPerHour: '1000' }));
    const r = s.sellers;
    const [small, large] = await r.products();
    await okValue(r.saveProduct(ADMIN, { ...small, mode: 'registry' }));
    await okValue(r.saveProduct(ADMIN, { ...large, mode: 'registry' }));
    // the registries: 1 000 and 1 000 000 issued codes (written directly: the import is measured below)
    for (let i = 0; i < 1_000; i += 1_000) await r.store.addToRegistry(small.id, Array.from({ length: 1_000 }, (_, j) => boxCode('S', i + j)) as never);
    for (let i = 0; i < 1_000_000; i += 10_000) await r.store.addToRegistry(large.id, Array.from({ length: 10_000 }, (_, j) => boxCode('L', i + j)) as never);
    // one active seller (the approval's group join is not what is measured)
    await r.store.writeApplication({ uid: 2, status: 'pending', shopName: 'Bench', city: 'Bench', address: 'Bench', appliedAt: 0 });
    await r.store.writeStatus(2, 'active', 0, '');

    let t = process.hrtime.bigint();
    for (let i = 0; i < 10_000; i += 500) await Promise.all(Array.from({ length: 500 }, (_, j) => db.incrObjectField('bench:baseline', String(i + j))));
    const baselineMs = ms(t);
    const rate = (n: number, took: number) => `${((n / took) / (10_000 / baselineMs)).toFixed(3)}x baseline rate`;
    results.push({ name: 'baseline: 10 000 hash increments (500 in flight)', backend: backend.name, ms: baselineMs, ops: 10_000, note: '1.00x' });

    const register = async (productId: string, prefix: string, from: number, count = REGISTRATIONS) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < count; i += 1) {
        const [line] = await okValue(r.register({ uid: 2 }, boxCode(prefix, from + i), productId));
        if (!line.result.ok) throw new Error(`refused: ${JSON.stringify(line.result)}`);
      }
      return ms(start);
    };
    // warm-up (code paths compiled, connections open) on codes the measured runs do not use
    await register(small.id, 'S', 900, 50);
    await register(large.id, 'L', 900, 50);
    let smallMs = 0;
    let largeMs = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      smallMs += await register(small.id, 'S', round * BATCH, BATCH);
      largeMs += await register(large.id, 'L', 500_000 + round * BATCH, BATCH);
    }
    results.push({ name: `register ${REGISTRATIONS} codes, registry of 1 000`, backend: backend.name, ms: smallMs, ops: REGISTRATIONS, note: rate(REGISTRATIONS, smallMs) });
    results.push({ name: `register ${REGISTRATIONS} codes, registry of 1 000 000`, backend: backend.name, ms: largeMs, ops: REGISTRATIONS, note: `${(largeMs / smallMs).toFixed(2)}x the time against 1 000 (target ≈ 1)` });

    t = process.hrtime.bigint();
    let added = 0;
    for (let i = 0; i < 100_000; i += IMPORT_CHUNK) {
      const text = Array.from({ length: IMPORT_CHUNK }, (_, j) => boxCode('I', i + j)).join('\n');
      added += (await okValue(r.importCodes(ADMIN, 'registry', small.id, text))).added;
    }
    if (added !== 100_000) throw new Error(`imported ${added}`);
    const importMs = ms(t);
    results.push({ name: 'import 100 000 registry lines (chunks of 5 000)', backend: backend.name, ms: importMs, ops: 100_000, note: `${Math.round(100_000 / (importMs / 1000))} codes/s; ${rate(100_000, importMs)}` });
    await backend.close();
  }
  return results;
}

if (require.main === module) {
  retailBenchmarks().then((rows) => console.table(rows), (err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
