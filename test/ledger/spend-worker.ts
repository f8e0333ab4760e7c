/**
 * A separate process for the multi-process ledger test: connects to REDIS_URL, fires its share of
 * concurrent spends against one member, reports how many succeeded to the parent.
 */
import { LedgerStore } from '../../lib/modules/ledger/store';
import { loadRedisDatabase } from './backends';

async function main() {
  const [uid, from, count] = process.argv.slice(2).map(Number);
  const db = await loadRedisDatabase().connect(process.env.REDIS_URL as string);
  const store = new LedgerStore(db, { now: () => Date.now() });
  const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
  process.send?.('ready');
  await go;
  const results = await Promise.all(Array.from({ length: count }, (_, i) => store.append({
    kind: 'spend', uid, amount: 1, key: `transfer:${from + i}:out`, reason: 'transfer-out', actorUid: uid,
  })));
  process.send?.({ ok: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok && r.code === 'insufficient-points').length });
  await db.client.quit();
}

void main();
