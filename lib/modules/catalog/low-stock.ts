import type { Host } from '../../host/index';
import type { Product } from './domain';
import { translationToken } from '../../kernel/errors';

/**
 * Notifies the forum's administrators when a counter crosses the low-stock threshold downwards
 * (`before > threshold >= after`). Decided on values returned by atomic increments, so exactly one
 * of several concurrent takers sees the crossing. The same nid replaces an earlier notice.
 */
export async function notifyIfLowStock(host: Host, product: Product, variantId: string | null, after: number, taken: number, threshold: number): Promise<void> {
  const before = after + taken;
  if (!(taken > 0 && before > threshold && after <= threshold)) return;
  const admins = await host.groups.getMembers('administrators', 0, -1);
  if (admins.length === 0) return;
  const title = product.title['en-GB'] || product.title.ru;
  const variant = product.variants.find((v) => v.id === variantId);
  await host.messaging.notify({
    type: 'bonus-low-stock',
    nid: `bonus:low-stock:${product.id}:${variantId ?? ''}`,
    bodyShort: translationToken(variant ? 'notify.low-stock-variant' : 'notify.low-stock', variant ? [title, variant.label, after] : [title, after]),
    path: `/admin/plugins/bonus/catalog/${product.id}`,
  }, admins);
}
