/**
 * Client idempotency keys (issue 11, item 3), one mechanism for every form that carries one
 * (ACP operations, transfers, loan repayments, warnings, checkout payments, claims): a key is
 * `CLIENT_KEY` (8–64 letters, digits, `-`, `_`; anything else is a validation error, never a request
 * without protection), and it is bound to the fingerprint of the request it first came with. The same
 * key with another request is refused (409 `error.idempotency.key-reused`) before anything changes.
 *
 * The binding is a sorted-set increment by the request's fingerprint (a 40-bit number from a hash of
 * its canonical JSON): the first caller reads back exactly its own fingerprint and keeps it; a later
 * one takes its increment back, and its request is the same exactly when what it read is a multiple
 * of its own fingerprint (the first one's plus those of the same request racing it). A request
 * refused for another reason frees its key (`release` takes the first increment back), so the member
 * may correct the form and send it again.
 */
import { createHash } from 'node:crypto';
import { BonusError } from './errors';
import type { Database } from '../host/index';

export const CLIENT_KEY = /^[A-Za-z0-9_-]{8,64}$/;
const BINDINGS = 'bonus:idempotency';

export function isClientKey(key: unknown): key is string {
  return typeof key === 'string' && CLIENT_KEY.test(key);
}

/** JSON with object keys sorted, so that the same request always reads the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A number in [1, 2^40] standing for the request (exact as a Redis score, even summed by racers). */
export function fingerprint(request: unknown): number {
  const hex = createHash('sha256').update(canonicalJson(request)).digest('hex').slice(0, 10);
  return parseInt(hex, 16) + 1;
}

export class ClientKeys {
  constructor(private readonly db: Database) {}

  /**
   * Binds `{scope}:{uid}:{key}` to `request` (what the request asks, without the key), or checks
   * that it is the request the key was first used with. Throws a validation error for a malformed
   * key and 409 for the key reused with another request.
   */
  async bind(scope: string, uid: number, key: unknown, request: unknown): Promise<Binding> {
    if (!isClientKey(key)) throw new BonusError('error.idempotency.invalid-key');
    const member = `${scope}:${uid}:${key}`;
    const fp = fingerprint(request);
    const score = await this.db.sortedSetIncrBy(BINDINGS, fp, member);
    const first = score === fp;
    if (!first) {
      await this.db.sortedSetIncrBy(BINDINGS, -fp, member);
      if (score % fp !== 0) throw new BonusError('error.idempotency.key-reused', [], 'conflict');
    }
    return {
      key,
      // Only the first binder holds the key; a repeat refused has nothing to free.
      release: async () => {
        if (first) await this.db.sortedSetIncrBy(BINDINGS, -fp, member);
      },
    };
  }
}

/** A key bound to its request; `release` frees it when the request was refused before changing anything. */
export interface Binding {
  key: string;
  release(): Promise<void>;
}
