/**
 * Catalog benchmarks: importing a 10 000-line code file, and claiming codes for 1 000 orders
 * concurrently. Runs on every backend the catalog tests use (in-memory database, Redis with
 * REDIS_URL). Standalone: `node build/test/bench/catalog.bench.js`; `catalogBenchmarks` is exported
 * for the shared runner (test/bench/run.ts) when it exists.
 */
import { okValue } from '../host/results';
import { createServices } from '../../lib/services';
import { ADMIN, backends, testHost } from '../catalog/backends';
import { sampleCodes } from '../catalog/seed-catalog';

export interface BenchResult { name: string; backend: string; ms: number; ops: number; note?: string }

const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

export async function catalogBenchmarks(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const backend of backends()) {
    const s = createServices(testHost(await backend.open()));
    const product = await okValue(s.catalogAdmin.create(ADMIN, { kind: 'license', title: { 'en-GB': 'Bench', ru: 'Bench' }, priceInPoints: 1, visibility: 'on-sale' }));
    const text = sampleCodes('BENCH', 10_000).join('\n');
    // Baseline in the same run: 10 000 bare hash increments, 500 in flight (what an import chunk does
    // per code), so the figures below read as ratios that compare across machines.
    let t = process.hrtime.bigint();
    const { db } = s.host;
    for (let i = 0; i < 10_000; i += 500) await Promise.all(Array.from({ length: 500 }, (_, j) => db.incrObjectField('bench:baseline', String(i + j))));
    const baselineMs = ms(t);
    const rate = (n: number, took: number) => `${((n / took) / (10_000 / baselineMs)).toFixed(3)}x baseline rate`;
    results.push({ name: 'baseline: 10 000 hash increments (500 in flight)', backend: backend.name, ms: baselineMs, ops: 10_000, note: '1.00x' });
    t = process.hrtime.bigint();
    const report = await okValue(s.codes.importCodes(ADMIN, product.id, { text }));
    if (report.added !== 10_000) throw new Error(`imported ${report.added}`);
    const importMs = ms(t);
    results.push({ name: 'import 10 000 codes', backend: backend.name, ms: importMs, ops: 10_000, note: rate(10_000, importMs) });
    t = process.hrtime.bigint();
    const claimed = await Promise.all(Array.from({ length: 1_000 }, (_, i) => s.codes.deliverToOrder(`bench${i}`, product.id, 1)));
    if (new Set(claimed.flat()).size !== 1_000) throw new Error('duplicate claim');
    const claimMs = ms(t);
    results.push({ name: 'claim 1 000 codes concurrently', backend: backend.name, ms: claimMs, ops: 1_000, note: rate(1_000, claimMs) });
    await backend.close();
  }
  return results;
}

if (require.main === module) {
  catalogBenchmarks().then((rows) => {
    for (const r of rows) console.log(`${r.backend.padEnd(7)} ${r.name.padEnd(32)} ${r.ms.toFixed(0).padStart(7)} ms  ${(r.ops / (r.ms / 1000)).toFixed(0)} ops/s`);
  }, (err) => { console.error(err); process.exitCode = 1; });
}
