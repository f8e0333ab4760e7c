/**
 * The box-code game on the database port, under `bonus:game:` (private to the module).
 *
 * - A seller's plays started: one counter (`started`), moved by atomic increments: a start takes a
 *   play by incrementing it and gives it back at once (decrement) if that went past the accepted
 *   codes, so parallel starts never spend more plays than there are codes.
 * - A session: one hash (uid, seed, times, status, the verified score). Its submission runs under
 *   the session's lock (`locks`, `lock-leases`: lib/kernel/lease.ts LeaseLocks).
 * - The month's scores: a sorted set of `uid:session` by score (the leaderboard reads its top).
 */
import type { Database } from '../../host';

const K = {
  ids: 'bonus:game:ids',
  seller: (uid: number) => `bonus:game:seller:${uid}`,
  session: (id: number) => `bonus:game:session:${id}`,
  sessions: (uid: number) => `bonus:game:sessions:${uid}`,
  scores: (month: string) => `bonus:game:scores:${month}`,
  locks: 'bonus:game:locks',
  lockLeases: 'bonus:game:lock-leases',
} as const;
export const GAME_KEYS = K;

export type SessionStatus = 'started' | 'verified' | 'paid' | 'expired';

export interface Session {
  id: number;
  uid: number;
  seed: number;
  startedAt: number;
  expiresAt: number;
  status: SessionStatus;
  score: number;
  points: number;
  ticks: number;
  month: string;
}

const int = (v: unknown): number => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : 0;
};

export class GameStore {
  constructor(readonly db: Database) {}

  async started(uid: number): Promise<number> {
    return int(await this.db.getObjectField(K.seller(uid), 'started'));
  }

  /** Takes a play: the count of plays started after this one. */
  takePlay(uid: number): Promise<number> {
    return this.db.incrObjectFieldBy(K.seller(uid), 'started', 1);
  }

  async returnPlay(uid: number): Promise<void> {
    await this.db.incrObjectFieldBy(K.seller(uid), 'started', -1);
  }

  nextSessionId(): Promise<number> {
    return this.db.incrObjectField(K.ids, 'session');
  }

  async writeSession(s: Session): Promise<void> {
    await this.db.setObject(K.session(s.id), { ...s });
    await this.db.sortedSetAdd(K.sessions(s.uid), s.startedAt, s.id);
  }

  async session(id: number): Promise<Session | null> {
    const row = await this.db.getObject(K.session(id));
    if (!row || !row.id) return null;
    return {
      id: int(row.id), uid: int(row.uid), seed: int(row.seed), startedAt: int(row.startedAt), expiresAt: int(row.expiresAt),
      status: String(row.status) as SessionStatus, score: int(row.score), points: int(row.points), ticks: int(row.ticks), month: String(row.month ?? ''),
    };
  }

  /** The seller's latest sessions, newest first. */
  async sessions(uid: number, count: number): Promise<Session[]> {
    const ids = await this.db.getSortedSetRevRange(K.sessions(uid), 0, count - 1);
    const all = await Promise.all(ids.map((id) => this.session(Number(id))));
    return all.filter((s): s is Session => s !== null);
  }

  async finish(id: number, fields: Pick<Session, 'status' | 'score' | 'points' | 'ticks' | 'month'>): Promise<void> {
    await this.db.setObject(K.session(id), { ...fields });
  }

  async addScore(month: string, uid: number, sessionId: number, score: number): Promise<void> {
    await this.db.sortedSetAdd(K.scores(month), score, `${uid}:${sessionId}`);
  }

  /** The month's best scores, best first: `limit` entries from `start`. */
  async topScores(month: string, limit: number, start = 0): Promise<{ uid: number; session: number; score: number }[]> {
    const rows = await this.db.getSortedSetRevRangeWithScores(K.scores(month), start, start + limit - 1);
    return rows.map((r) => {
      const [uid, session] = String(r.value).split(':');
      return { uid: int(uid), session: int(session), score: r.score };
    });
  }
}
