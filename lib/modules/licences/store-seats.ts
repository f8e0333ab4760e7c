import type { Database } from '../../host/index';
import { Leases } from '../../kernel/lease';

/**
 * The seats of licence codes: `bonus:licences:code:{code}:holders` (uid → time added) is the one
 * truth of who holds a code, so a seat is a single write (taken or freed by one sorted-set add or
 * remove) and cannot be half-taken. The count-then-add is done under the code's lease
 * (`bonus:licences:leases`, kernel/lease.ts), so parallel adds from more accounts than seats, in any
 * number of processes, leave exactly `seats` holders; a holder that stops keeps the lease only for
 * LEASE_MS.
 * The member's own list and the audit trail are written after the seat (store.ts says how a stop
 * between the writes is repaired).
 */
const LEASE_MS = 10_000;
const holdersKey = (code: string): string => `bonus:licences:code:${code}:holders`;

export type SeatClaim = 'taken' | 'already-held' | 'seats-used' | 'busy';

export class SeatStore {
  private readonly leases: Leases;

  constructor(private readonly db: Database) {
    this.leases = new Leases(db, 'bonus:licences:leases');
  }

  holders(code: string): Promise<number> {
    return this.db.sortedSetCard(holdersKey(code));
  }

  holds(code: string, uid: number): Promise<boolean> {
    return this.db.isSortedSetMember(holdersKey(code), uid);
  }

  /**
   * One try under the code's lease; 'busy' when another add or remove of the code holds it.
   * `otherSeats` are seats taken outside this set (the buyer of a store-sold code who still holds it).
   */
  async claim(code: string, uid: number, seats: number, now: number, otherSeats = 0): Promise<SeatClaim> {
    if (!(await this.leases.take(code, now, LEASE_MS))) return 'busy';
    try {
      if (await this.db.isSortedSetMember(holdersKey(code), uid)) return 'already-held';
      if ((await this.db.sortedSetCard(holdersKey(code))) + otherSeats >= seats) return 'seats-used';
      await this.db.sortedSetAdd(holdersKey(code), now, uid);
      return 'taken';
    } finally {
      await this.leases.release(code);
    }
  }

  /** Frees the member's seat at once (one write; no lease needed, a free seat never over-fills). */
  async free(code: string, uid: number): Promise<void> {
    await this.db.sortedSetRemove(holdersKey(code), uid);
  }
}
