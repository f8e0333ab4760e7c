/**
 * A separate process for the multi-process checkout test: connects to REDIS_URL, pays the carts of
 * its share of members (and the one cart every worker pays with the same key), reports to the parent.
 */
import { asThrown, settleAll } from '../host/results';
import { loadRedisDatabase } from '../ledger/backends';
import { createServices, ordersHost } from './harness';

async function main() {
  const [from, count, sharedUid] = process.argv.slice(2).map(Number);
  const db = await loadRedisDatabase().connect(process.env.REDIS_URL as string);
  const s = createServices(ordersHost(db));
  const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
  process.send?.('ready');
  await go;
  const uids = Array.from({ length: count }, (_, i) => from + i);
  const [results, shared] = await Promise.all([
    settleAll(uids.map((uid) => s.checkout.pay({ uid }, { idempotencyKey: `mp-${uid}-0001` }))),
    asThrown(s.checkout.pay({ uid: sharedUid }, { idempotencyKey: 'mp-shared-key' })).then((r) => r.order.id, () => null),
  ]);
  process.send?.({
    ok: results.filter((r) => r.status === 'fulfilled').length,
    refused: results.filter((r) => r.status === 'rejected').length,
    sharedOrder: shared,
  });
  await db.client.quit();
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
