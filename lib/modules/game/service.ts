/**
 * The box-code game (seed 004 §6.2.3; issue 18 items 3–5).
 *
 * - Plays: every accepted registered box code gives the seller one play; plays left = accepted codes
 *   − plays started, taken atomically (store.ts), so parallel starts never spend more than there are.
 * - Start: takes a play and returns a single-use session with a seed (32 random bits).
 * - Submit: the browser sends the inputs it recorded per tick (run-length encoded); the server
 *   replays them with domain-sim.ts, the module the browser runs, and pays floor(score / the
 *   `gamePointsDivisor` setting) seller points from the REPLAYED score. A score the client claims
 *   is never paid: it is only compared (a different claim is reported back, the replay paid).
 *   A session's submission runs under the session's lock (a lease, lib/kernel/lease.ts): the
 *   status is read again under it, the replayed outcome stored (`verified`), then paid under its own
 *   ledger key and marked `paid`. Parallel submits pay once (the others are told the play is being
 *   submitted, or already was); a submit that stopped anywhere in between (a crash) leaves at most
 *   its lease, which ends after `SUBMIT_LEASE_MS`, and the next submit finishes the work: a session
 *   still `started` is replayed from the inputs sent again, one left `verified` pays the stored
 *   score, still once (the ledger key).
 * - Refusals change nothing: a malformed replay (a bad input, too long, inputs after the game's
 *   end) or a too-large body is refused and the session stays open until it expires.
 * - The credit rule: a play is spent when its session starts (its seed is out) and is NEVER given
 *   back after that: not for an expired, abandoned or refused session. The only play given back is
 *   one a start took but could not complete (no play left, or writing the session failed).
 */
import { randomInt } from 'node:crypto';
import { refusable, type Result } from '../../kernel/result';
import type { Caller, Host } from '../../host';
import { BonusError, translationToken } from '../../kernel/errors';
import { LeaseLocks } from '../../kernel/lease';
import { monthOf } from '../../kernel/periods';
import type { SettingsService } from '../settings';
import type { SellersService } from '../retail';
import { MAX_TICKS, pointsFor, replay, TICKS_PER_SECOND } from './domain-sim';
import { sessionKey } from './ledger-keys';
import { GAME_KEYS, GameStore, type Session } from './store';

/** The largest replay accepted: run-length pairs (a 10-minute game changing input every tick is 36 000). */
export const MAX_RUNS = MAX_TICKS;

/** How long a submit holds its session: a replay costs milliseconds; a holder that stopped frees it after this. */
export const SUBMIT_LEASE_MS = 30_000;

export interface Started {
  id: number;
  seed: number;
  maxTicks: number;
  expiresAt: number;
  playsLeft: number;
}

export interface Verified {
  id: number;
  score: number;
  points: number;
  ticks: number;
  /** The score the browser claimed differed from the replay's (the replay was paid). */
  claimDiffered: boolean;
}

export interface LeaderRow {
  uid: number;
  score: number;
  session: number;
}

export class GameService {
  readonly store: GameStore;
  readonly locks: LeaseLocks;

  constructor(private readonly host: Host, private readonly settings: SettingsService, private readonly sellers: SellersService) {
    this.store = new GameStore(host.db);
    this.locks = new LeaseLocks(host.db, GAME_KEYS.locks, GAME_KEYS.lockLeases);
  }

  /** Accepted codes − plays started (never below 0). */
  async playsLeft(uid: number): Promise<number> {
    const member = await this.sellers.member(uid);
    if (!member) return 0;
    return Math.max(0, member.acceptedSales - (await this.store.started(uid)));
  }

  start(caller: Caller): Promise<Result<Started>> {
    return refusable(() => this.doStart(caller));
  }

  private async doStart(caller: Caller): Promise<Started> {
    if (!(await this.sellers.isActive(caller.uid))) throw new BonusError('error.game.not-seller', [], 'forbidden');
    const member = await this.sellers.member(caller.uid);
    const accepted = member?.acceptedSales ?? 0;
    const taken = await this.store.takePlay(caller.uid);
    if (taken > accepted) {
      await this.store.returnPlay(caller.uid);
      throw new BonusError('error.game.no-plays', [], 'conflict');
    }
    const s = await this.settings.get();
    const now = this.host.clock.now();
    try {
      const id = await this.store.nextSessionId();
      const session: Session = {
        id, uid: caller.uid, seed: randomInt(0, 2 ** 32 - 1), startedAt: now, expiresAt: now + s.gameSessionMinutes * 60_000,
        status: 'started', score: 0, points: 0, ticks: 0, month: '',
      };
      await this.store.writeSession(session);
      return { id, seed: session.seed, maxTicks: MAX_TICKS, expiresAt: session.expiresAt, playsLeft: Math.max(0, accepted - taken) };
    } catch (err) {
      // the session was not written: the play was not used
      await this.store.returnPlay(caller.uid);
      throw err;
    }
  }

  submit(caller: Caller, sessionId: number, body: unknown): Promise<Result<Verified>> {
    return refusable(() => this.doSubmit(caller, sessionId, body));
  }

  private async doSubmit(caller: Caller, sessionId: number, body: unknown): Promise<Verified> {
    const first = Number.isSafeInteger(sessionId) && sessionId > 0 ? await this.store.session(sessionId) : null;
    if (!first || first.uid !== caller.uid) throw new BonusError('error.game.no-session', [], 'not-found');
    if (first.status === 'paid' || first.status === 'expired') throw new BonusError('error.game.session-used', [], 'conflict');
    const name = `session:${first.id}`;
    // a lease that ended is broken by one try and taken by the next: two tries, no waiting
    const now = this.host.clock.now();
    const held = (await this.locks.tryLock(name, now, SUBMIT_LEASE_MS)) || (await this.locks.tryLock(name, now, SUBMIT_LEASE_MS));
    if (!held) throw new BonusError('error.game.submit-busy', [], 'conflict');
    try {
      // read again under the lock: another submit may have finished in between
      const session = await this.store.session(first.id);
      if (!session) throw new BonusError('error.game.no-session', [], 'not-found');
      // verified but not paid (a submit stopped between the two): the stored replay's score is paid now, once (its key)
      if (session.status === 'verified') return await this.pay(session, session.score, session.ticks, false);
      if (session.status !== 'started') throw new BonusError('error.game.session-used', [], 'conflict');
      if (now > session.expiresAt) throw new BonusError('error.game.session-expired', [], 'conflict');
      const b = body && typeof body === 'object' && !Array.isArray(body) ? body as Record<string, unknown> : {};
      const runs = b.inputs;
      if (!Array.isArray(runs) || runs.length === 0 || runs.length > MAX_RUNS) throw new BonusError('error.game.bad-replay', [], 'invalid');
      const outcome = replay(session.seed, runs as [number, number][]);
      if (!outcome.ok) throw new BonusError(`error.game.replay-${outcome.reason}`, [], 'invalid');
      // a game cannot have been played faster than real time (plus a margin for the page's timers)
      if (outcome.ticks > Math.ceil(((now - session.startedAt) / 1000) * TICKS_PER_SECOND * 1.1) + TICKS_PER_SECOND) throw new BonusError('error.game.replay-too-fast', [], 'invalid');
      // the replay's outcome is written before the payment, so a payment cut short is finished by a later submit
      await this.store.finish(session.id, { status: 'verified', score: outcome.score, points: 0, ticks: outcome.ticks, month: '' });
      const claimed = b.score;
      return await this.pay(session, outcome.score, outcome.ticks, claimed !== undefined && claimed !== outcome.score);
    } finally {
      await this.locks.unlock(name);
    }
  }

  /**
   * Pays a verified score (its ledger key: once) and marks the session paid; under the session's
   * lock. A payment that went through before its submit stopped replays here (the key) and the
   * session is completed the same way.
   */
  private async pay(session: Session, score: number, ticks: number, claimDiffered: boolean): Promise<Verified> {
    const s = await this.settings.get();
    const points = pointsFor(score, s.gamePointsDivisor);
    const month = monthOf(session.startedAt, s.timeZone).id;
    if (points > 0) {
      const paid = await this.sellers.ledger.credit({ uid: session.uid, amount: points, key: sessionKey(session.id), reason: translationToken('game.reason.play', [score]) });
      if (!paid.ok) throw new BonusError('error.game.not-paid', [], 'conflict');
    }
    // the score on the board before the paid mark: a stop between them leaves the session
    // `verified`, which the next submit completes (the board's entry is the same one again)
    await this.store.addScore(month, session.uid, session.id, score);
    await this.store.finish(session.id, { status: 'paid', score, points, ticks, month });
    return { id: session.id, score, points, ticks, claimDiffered };
  }

  /** The month's best verified scores: one row per seller (their best), best first. */
  async leaderboard(month: string, count = 10): Promise<LeaderRow[]> {
    // read in pages until `count` sellers are found: a seller with many good games cannot push
    // the others off the board (each page is one call; the month's scores are at most its plays)
    const page = Math.max(50, count * 5);
    const seen = new Set<number>();
    const out: LeaderRow[] = [];
    for (let start = 0; out.length < count; start += page) {
      const rows = await this.store.topScores(month, page, start);
      for (const r of rows) {
        if (seen.has(r.uid)) continue;
        seen.add(r.uid);
        out.push(r);
        if (out.length >= count) break;
      }
      if (rows.length < page) break;
    }
    return out;
  }

  async month(now: number): Promise<string> {
    return monthOf(now, (await this.settings.get()).timeZone).id;
  }
}
