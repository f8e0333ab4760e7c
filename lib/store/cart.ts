/**
 * A member's cart, minimal: one hash per member `bonus:cart:{uid}`, field = the line's identity
 * (`{productId}|{variantId}|{region}|{amount}`), value = quantity, changed by atomic increments.
 * The cart holds intentions only; checkout validates everything again.
 */
import type { Database } from '../host';

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

const key = (uid: number) => `bonus:cart:${uid}`;

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
    return this.db.incrObjectFieldBy(key(uid), lineField(line), quantity);
  }

  /** Sets a line's quantity (at least 1: a line is removed only by `remove`). */
  async setQuantity(uid: number, line: CartLineKey, quantity: number): Promise<void> {
    if (!Number.isSafeInteger(quantity) || quantity < 1) throw new Error(`cart quantity ${quantity}: a line is removed with remove()`);
    await this.db.setObjectField(key(uid), lineField(line), quantity);
  }

  async remove(uid: number, line: CartLineKey): Promise<void> {
    await this.db.deleteObjectField(key(uid), lineField(line));
  }

  async lines(uid: number): Promise<CartLine[]> {
    const raw = (await this.db.getObject(key(uid))) ?? {};
    return Object.entries(raw).map(([f, v]) => parseLine(f, v)).filter((l): l is CartLine => l !== null);
  }

  async clear(uid: number): Promise<void> {
    await this.db.delete(key(uid));
  }
}
