/**
 * Purchase limits (PROGRAM §8): at most N units within M months per member, per product or per store
 * category. The window is rolling: a purchase at instant t counts against a new purchase at `now`
 * while now < t + M calendar months (UTC), so the next unit is allowed exactly M months after the
 * purchase that frees it. Month arithmetic clamps the day (30 November + 3 months = 28/29 February);
 * the window is defined forward from each purchase because clamping makes "now − M months" lossy.
 */
import type { PurchaseLimit } from './catalog';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): { y: number; m: number; d: number } {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

function daysInMonth(y: number, m: number): number {
  return daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1);
}

/** `ms` moved by `months` calendar months in UTC, the day clamped to the target month's length. */
export function addMonthsUtc(ms: number, months: number): number {
  const days = Math.floor(ms / DAY_MS);
  const timeOfDay = ms - days * DAY_MS;
  const { y, m, d } = civilFromDays(days);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return daysFromCivil(ny, nm, nd) * DAY_MS + timeOfDay;
}

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
