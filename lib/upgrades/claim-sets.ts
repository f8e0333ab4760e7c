/**
 * NodeBB plugin upgrade (plugin.json `upgrades`): the claim registries move from single hashes that
 * grow with the forum's history (one field per post, ledger key or transfer ever made: on MongoDB one
 * document, capped at 16 MB and read whole; on PostgreSQL one jsonb row rewritten by every increment)
 * to sorted sets, where a claim touches one member (issue 13, item 5). Idempotent.
 */
import type { Database } from '../host/index';
import { moveHashToSortedSet } from '../kernel/migrate';
import { ledgerKeys } from '../modules/ledger/store-codec';
import { LEGACY_EARN_CLAIMS } from '../modules/earning/store';
import { LEGACY_TRANSFER_CLAIMS } from '../modules/finance/store-transfers';
import { plugin } from '../runtime';

export const name = 'Bonus: claim registries as sorted sets (cost independent of history)';
export const timestamp = Date.UTC(2026, 11, 3, 23);

export const CLAIM_MOVES: readonly (readonly [hash: string, set: string])[] = [
  ...LEGACY_EARN_CLAIMS,
  ...(['club', 'sellers'] as const).map((p) => [ledgerKeys(p).legacyClaims, ledgerKeys(p).claims] as const),
  LEGACY_TRANSFER_CLAIMS,
];

export async function moveClaimSets(db: Database): Promise<number> {
  let moved = 0;
  for (const [hash, set] of CLAIM_MOVES) moved += await moveHashToSortedSet(db, hash, set);
  return moved;
}

export async function method(this: { progress?: { total: number; incr(n?: number): void } } | undefined): Promise<void> {
  const moved = await moveClaimSets(plugin().host.db);
  if (this?.progress) this.progress.total = moved;
  this?.progress?.incr(moved);
}
