/**
 * `npm run bench`: runs every test/bench/*.bench.js next to this file (each exports one or more
 * async `…Benchmarks()` functions returning rows) and prints one table. Timings are reported, never
 * asserted.
 */
import fs from 'node:fs';
import path from 'node:path';

interface Row { name: string; backend: string; ms: number; ops: number; note?: string }

async function main() {
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.bench.js')).sort();
  const table: Record<string, string | number>[] = [];
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(__dirname, file)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      if (typeof fn !== 'function' || !name.endsWith('Benchmarks')) continue;
      const rows = (await (fn as () => Promise<Row[]>)()) ?? [];
      for (const r of rows) {
        table.push({
          file: file.replace(/\.bench\.js$/, ''), backend: r.backend, benchmark: r.name,
          ms: Math.round(r.ms), 'ops/s': Math.round(r.ops / (r.ms / 1000)), note: r.note ?? '',
        });
      }
    }
  }
  console.table(table);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
