/**
 * NodeBB plugin upgrade (plugin.json `upgrades`, run once by `./nodebb upgrade`): refunds and line
 * replacements an earlier version left pending under their own record (`bonus:order:{id}:pending`, its
 * recovery before durable steps) are handed to the `order-refund` / `order-replace` workflows and
 * finished. Idempotent.
 */
import { plugin } from '../runtime';

export const name = 'Bonus: interrupted order refunds and replacements finished on durable steps';
export const timestamp = Date.UTC(2026, 11, 4, 8);

export async function method(this: { progress?: { total: number; incr(n?: number): void } } | undefined): Promise<void> {
  const finished = await plugin().services.orders.finishLegacyPending();
  if (this?.progress) this.progress.total = finished;
  this?.progress?.incr(finished);
}
