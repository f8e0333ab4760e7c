/**
 * Purchase limits (PROGRAM §8): at most N units within M months per member, per product or per store
 * category. The window is rolling: a purchase at instant t counts against a new purchase at `now`
 * while now < t + M calendar months (UTC), so the next unit is allowed exactly M months after the
 * purchase that frees it. Month arithmetic clamps the day (30 November + 3 months = 28/29 February);
 * the window is defined forward from each purchase because clamping makes "now − M months" lossy.
 */
import type { PurchaseLimit } from '../catalog';
import { addMonthsUtc } from '../../kernel/periods';

/** One earlier purchase by the member (from their orders; cancelled lines excluded by the caller). */
export interface PastPurchase {
  productId: number;
  categoryId: number | null;
  quantity: number;
  at: number;
}

export interface LimitRequest {
  limit: PurchaseLimit | null;
  productId: number;
  categoryId: number | null;
  quantity: number;
  history: PastPurchase[];
  now: number;
}

export type LimitCheck =
  | { ok: true; remaining: number | null }
  | { ok: false; code: 'limit-exceeded'; maxUnits: number; months: number; scope: PurchaseLimit['scope']; usedUnits: number; nextAllowedAt: number }
  | { ok: false; code: 'limit-quantity-too-large'; maxUnits: number; months: number; scope: PurchaseLimit['scope'] };

/** Purchases that count for this limit at `now`, oldest first. */
export function purchasesInWindow(req: Omit<LimitRequest, 'quantity'>): PastPurchase[] {
  const { limit } = req;
  if (!limit) return [];
  return req.history
    .filter((p) => (limit.scope === 'product' ? p.productId === req.productId : req.categoryId !== null && p.categoryId === req.categoryId))
    .filter((p) => p.at <= req.now && req.now < addMonthsUtc(p.at, limit.months))
    .sort((a, b) => a.at - b.at);
}

/**
 * May the member buy `quantity` more now? When not, `nextAllowedAt` is the first instant at which
 * enough earlier units have left the window for this quantity.
 */
export function checkPurchaseLimit(req: LimitRequest): LimitCheck {
  const { limit } = req;
  if (!limit) return { ok: true, remaining: null };
  if (req.quantity > limit.maxUnits) {
    return { ok: false, code: 'limit-quantity-too-large', maxUnits: limit.maxUnits, months: limit.months, scope: limit.scope };
  }
  const inWindow = purchasesInWindow(req);
  const used = inWindow.reduce((sum, p) => sum + p.quantity, 0);
  if (used + req.quantity <= limit.maxUnits) return { ok: true, remaining: limit.maxUnits - used - req.quantity };
  let excess = used + req.quantity - limit.maxUnits;
  let freeing = inWindow[0];
  for (const p of inWindow) {
    freeing = p;
    excess -= p.quantity;
    if (excess <= 0) break;
  }
  return {
    ok: false, code: 'limit-exceeded', maxUnits: limit.maxUnits, months: limit.months, scope: limit.scope,
    usedUnits: used, nextAllowedAt: addMonthsUtc(freeing.at, limit.months),
  };
}
