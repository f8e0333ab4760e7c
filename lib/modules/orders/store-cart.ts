/**
 * A member's cart, minimal: one sorted set per member `bonus:cart:{uid}:lines`, value = the line's
 * identity (`{productId}|{variantId}|{region}|{amount}`), score = quantity, changed by atomic
 * increments. A sorted set, not a hash: NodeBB caches hash reads per process (Redis, MongoDB) and
 * another process may pay for a cart the member has changed since; sorted set reads are not cached.
 * The cart holds intentions only; checkout validates everything again.
 */
import type { Database } from '../../host/index';

export interface CartLineKey {
  productId: number;
  variantId: string | null;
  /** License: the activation country the member picked. */
  region: string | null;
  /** Mobile top-up: the amount. */
  amount: number | null;
}

export interface CartLine extends CartLineKey {
  quantity: number;
}

const key = (uid: number) => `bonus:cart:${uid}:lines`;
/** Before 0.2: one hash per member (moved by the plugin's upgrade script, lib/upgrades/cart-lines.ts). */
export const legacyCartKey = (uid: number) => `bonus:cart:${uid}`;

export function lineField(l: CartLineKey): string {
  return [l.productId, l.variantId ?? '', l.region ?? '', l.amount ?? ''].join('|');
}

function parseLine(field: string, value: string): CartLine | null {
  const [pid, variantId, region, amount] = field.split('|');
  const productId = Number(pid);
  const quantity = Number.parseInt(value, 10);
  if (!Number.isSafeInteger(productId) || !(quantity > 0)) return null;
  return { productId, variantId: variantId || null, region: region || null, amount: amount ? Number(amount) : null, quantity };
}

export class CartStore {
  constructor(private readonly db: Database) {}

  /** Adds to a line; returns the line's new quantity. */
  async add(uid: number, line: CartLineKey, quantity: number): Promise<number> {
    return this.db.sortedSetIncrBy(key(uid), quantity, lineField(line));
  }

  /** Sets a line's quantity (at least 1: a line is removed only by `remove`). */
  async setQuantity(uid: number, line: CartLineKey, quantity: number): Promise<void> {
    if (!Number.isSafeInteger(quantity) || quantity < 1) throw new Error(`cart quantity ${quantity}: a line is removed with remove()`);
    await this.db.sortedSetAdd(key(uid), quantity, lineField(line));
  }

  async remove(uid: number, line: CartLineKey): Promise<void> {
    await this.db.sortedSetRemove(key(uid), lineField(line));
  }

  /** The lines, by product then variant (a stable order whatever the quantities). */
  async lines(uid: number): Promise<CartLine[]> {
    const raw = await this.db.getSortedSetRangeWithScores(key(uid), 0, -1);
    return raw.map((r) => parseLine(r.value, String(r.score))).filter((l): l is CartLine => l !== null)
      .sort((a, b) => a.productId - b.productId || lineField(a).localeCompare(lineField(b)));
  }

  async clear(uid: number): Promise<void> {
    await this.db.deleteAll([key(uid), legacyCartKey(uid)]);
  }

  /** Upgrade: a member's cart hash of an older version moved into the sorted set (idempotent). */
  async migrateLegacy(uid: number): Promise<number> {
    const old = await this.db.getObject(legacyCartKey(uid));
    const lines = Object.entries(old ?? {}).map(([f, v]) => parseLine(f, v)).filter((l): l is CartLine => l !== null);
    if (lines.length) await this.db.sortedSetAddBulk(lines.map((l) => [key(uid), l.quantity, lineField(l)]));
    await this.db.delete(legacyCartKey(uid));
    return lines.length;
  }
}
