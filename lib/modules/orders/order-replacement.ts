/**
 * Deciding a line's replacement at packing (PROGRAM §8) and the souvenir minimum after a change
 * (PROGRAM §6): pure decisions on the order as it stands, run under the order's lease by service.ts;
 * the replacement itself is the `order-replace` workflow (order-workflows.ts).
 */
import { BonusError, counted } from '../../kernel/errors';
import { isPhysical, type CatalogService } from '../catalog';
import { checkDelivery } from './domain-delivery';
import { belowMinimum, replacementPrice, REPLACEABLE_STATUSES, souvenirSubtotal, type LineReplacement, type Order } from './domain';
import type { OrderState } from './service';
import type { z } from 'zod';
import type { replaceLineSchema } from './input-checkout';

export type ReplaceRequest = z.infer<typeof replaceLineSchema>;

/**
 * PROGRAM §6: refuses (409, the admin may confirm) a change that takes the souvenirs left below the
 * souvenir minimum. `linesAfter` are the lines as they would be (a replacement's new total).
 */
export function checkMinimum(
  order: Pick<Order, 'programme'>, linesAfter: Order['lines'], refundedBefore: ReadonlySet<number>, refundedAfter: ReadonlySet<number>, confirmed: boolean,
  minSouvenirOrder: number, linesBefore = linesAfter,
): void {
  // the souvenir minimum is the club's rule; sellers' prizes have none
  if (confirmed || order.programme !== 'club') return;
  const before = souvenirSubtotal(linesBefore.filter((_, i) => !refundedBefore.has(i))).subtotal;
  const low = belowMinimum(before, souvenirSubtotal(linesAfter.filter((_, i) => !refundedAfter.has(i))), minSouvenirOrder);
  if (low !== null) throw new BonusError('error.orders.below-minimum', [counted(low), counted(minSouvenirOrder, 'points.gen')], 'conflict');
}

/**
 * The replacement of `req.line` by another souvenir (and size), refused with the reason when it may
 * not be: the order's status, the line, the product, its size, its delivery to the order's address,
 * and a dearer product only when the club pays the difference.
 */
export async function decideReplacement(
  catalog: CatalogService, state: OrderState, req: ReplaceRequest, actorUid: number, seq: number, at: number,
): Promise<{ rec: LineReplacement; quantity: number; linesAfter: Order['lines'] }> {
  if (!REPLACEABLE_STATUSES.includes(state.status)) throw new BonusError('error.orders.replace-status', [state.order.id]);
  const { order } = state;
  const line = order.lines[req.line];
  if (!line || state.refundedLines.has(req.line)) throw new BonusError('error.orders.replace-no-line');
  if (line.kind === 'license') throw new BonusError('error.orders.replace-license');
  if (!isPhysical(line.kind)) throw new BonusError('error.orders.replace-not-souvenir');
  const product = await catalog.getProduct(req.productId);
  if (!product) throw new BonusError('error.orders.replace-no-product', [req.productId]);
  if (!isPhysical(product.kind)) throw new BonusError('error.orders.replace-not-souvenir');
  const variant = product.variants.find((v) => v.id === req.variantId) ?? null;
  if (product.variants.length ? !variant : req.variantId !== null) throw new BonusError('error.orders.replace-choose-size');
  if (product.id === line.productId && req.variantId === line.variantId) throw new BonusError('error.orders.replace-same');
  let withoutBattery = false;
  if (order.delivery) {
    const d = checkDelivery(product, order.delivery.country, order.delivery.method, await catalog.deliveryRules());
    if (!d.ok) throw new BonusError('error.orders.replace-delivery');
    withoutBattery = d.withoutBattery;
  }
  const lineTotal = product.priceInPoints * line.quantity;
  const { paid, difference } = replacementPrice(lineTotal, order.promo?.percent ?? 0, line.paidInPoints);
  if (difference < 0 && !req.clubPays) throw new BonusError('error.orders.replace-dearer', [counted(-difference)]);
  const linesAfter = order.lines.map((l, i) => (i === req.line ? { ...l, kind: product.kind, lineTotal } : l));
  const rec: LineReplacement = {
    line: req.line, seq, at, actorUid: actorUid, status: state.status, note: req.note,
    from: {
      productId: line.productId, variantId: line.variantId, variantLabel: line.variantLabel, title: line.title, kind: line.kind,
      categoryId: line.categoryId, unitPriceInPoints: line.unitPriceInPoints, lineTotal: line.lineTotal, paidInPoints: line.paidInPoints,
    },
    to: {
      productId: product.id, variantId: variant?.id ?? null, variantLabel: variant?.label ?? null, title: product.title, kind: product.kind,
      categoryId: product.categoryId, unitPriceInPoints: product.priceInPoints, lineTotal,
      paidInPoints: difference > 0 ? paid : line.paidInPoints, withoutBattery,
    },
    refund: Math.max(0, difference), clubPays: Math.max(0, -difference),
  };
  return { rec, quantity: line.quantity, linesAfter };
}
