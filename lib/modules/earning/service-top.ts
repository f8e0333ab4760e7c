/**
 * Weekly and monthly top-3 (PROGRAM §2). Activity is counted by EarningService (only posts that
 * were not cancelled). A period is paid once it has ended AND its last posts have settled (end +
 * hold window), so a post cancelled after the period still does not count.
 *
 * Exactly once, with several hosts or a restart mid-run:
 * 1. the winners are frozen by the one run whose `incrObjectField('bonus:jobs', 'top:week:{id}')`
 *    returns 1 (hash `bonus:top:{kind}:{id}`); other runs use the frozen result;
 * 2. each award has the ledger key `top:{kind}:{id}:{rank}`, so re-running pays nothing twice;
 * 3. the results are published once, through the Announcer (key `top:{kind}:{id}`): a post of their own, or a
 *    line of the day's digest, as the admin chose for the "Points operations" topic.
 *
 * Catching up: each run considers the last CATCH_UP[kind] ended and settled periods, oldest first,
 * and pays every one not yet marked done (field `done` of its result hash, written once it is paid
 * and published), so a period that ended while the jobs were not running is still paid, once.
 */
import { periodText } from '../../kernel/dates';
import { countedToken } from '../../kernel/errors';
import type { Host } from '../../host/index';
import { periodById, periodOf, previousPeriod, type Period, type PeriodKind } from '../../kernel/periods';
import { rankActivity, topKey, topWinners, type ActivityEntry, type RankedMember } from './domain-top';
import { HOUR_MS } from './domain';
import type { SettingsService } from '../settings';
import { isNew, type EarningLedger } from './ledger-port';
import type { Announcer } from '../publishing';
import type { EarningNotifier } from './notify';
import { excludedMembers } from './roles';
import { TopStore } from './store-top';
import { zoneOf, type EarningService } from './service';

/** How many ended periods back a run catches up (a quarter of weeks, three months). */
export const CATCH_UP: Readonly<Record<PeriodKind, number>> = { week: 13, month: 3 };

export interface PeriodResult {
  kind: PeriodKind;
  id: string;
  winners: RankedMember[];
  amount: number;
}

export class TopService {
  private readonly store: TopStore;

  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly earning: EarningService,
    private readonly ledger: EarningLedger,
    private readonly notifier: EarningNotifier,
    private readonly announcer: Announcer,
  ) {
    this.store = new TopStore(host.db);
  }

  /** Ranked members of a period (leaderboard), excluded members skipped. */
  async ranking(kind: PeriodKind, periodId: string, limit = 20): Promise<RankedMember[]> {
    const s = await this.settings.get();
    const entries = await this.candidates(kind, periodId, limit);
    const excluded = await excludedMembers(this.host, s, entries.map((e) => e.uid), s.excludeTop);
    return rankActivity(entries, excluded).slice(0, limit);
  }

  /** The top `limit` by count plus everyone tied with the last of them (the tie rule needs them). */
  private async candidates(kind: PeriodKind, periodId: string, limit: number): Promise<ActivityEntry[]> {
    const first = await this.earning.store.activity(kind, periodId, limit);
    if (first.length < limit) return first;
    const minCount = Math.min(...first.map((e) => e.count));
    const tied = await this.earning.store.activity(kind, periodId, await this.earning.store.activityAtLeast(kind, periodId, minCount));
    return tied;
  }

  /** The frozen winners of a paid period, or null. */
  async result(kind: PeriodKind, periodId: string): Promise<PeriodResult | null> {
    const top = await this.store.result(kind, periodId);
    return top && { kind, id: periodId, ...top };
  }

  /**
   * Pays every ended and settled period of both kinds that is due at `now` and not paid yet: the
   * last CATCH_UP[kind] of them, oldest first (periods missed while the jobs were not running).
   */
  async run(now: number): Promise<PeriodResult[]> {
    const s = await this.settings.get();
    const zone = zoneOf(s);
    const out: PeriodResult[] = [];
    for (const kind of ['week', 'month'] as const) {
      // The last ended period whose posts have all settled, and the ones before it.
      const periods = [previousPeriod(periodOf(kind, now - s.holdWindowHours * HOUR_MS, zone), zone)];
      while (periods.length < CATCH_UP[kind]) periods.unshift(previousPeriod(periods[0], zone));
      for (const period of periods) {
        if (await this.isDone(kind, period.id)) continue;
        const r = await this.payPeriod(period, now);
        if (r) out.push(r);
      }
    }
    return out;
  }

  private isDone(kind: PeriodKind, periodId: string): Promise<boolean> {
    return this.store.isDone(kind, periodId);
  }

  async payPeriodById(kind: PeriodKind, id: string, now: number): Promise<PeriodResult | null> {
    const s = await this.settings.get();
    const period = periodById(id, zoneOf(s));
    return period && period.kind === kind ? this.payPeriod(period, now) : null;
  }

  private async payPeriod(period: Period, now: number): Promise<PeriodResult | null> {
    const s = await this.settings.get();
    if (now < period.end + s.holdWindowHours * HOUR_MS) return null;
    const { kind, id } = period;
    let result = await this.result(kind, id);
    if (!result) {
      const places = s.topPlaces;
      const entries = await this.candidates(kind, id, places + 20);
      const excluded = await excludedMembers(this.host, s, entries.map((e) => e.uid), s.excludeTop);
      const winners = topWinners(entries, excluded, places);
      const amount = kind === 'week' ? s.pointsWeekTop : s.pointsMonthTop;
      const claim = await this.store.claim(kind, id);
      if (claim !== 1) {
        // Another run holds the claim. A second claim is its concurrent twin: leave it to the
        // holder. From the third on (a later tick) a missing result means the holder stopped
        // before freezing: freeze now. After end + hold window the ranking no longer changes,
        // and each rank's ledger key refuses a second, different winner anyway.
        result = await this.result(kind, id);
        if (result) return this.finish(result, now);
        if (claim === 2) return null;
      }
      await this.store.freeze(kind, id, { winners, amount }, now);
      result = { kind, id, winners, amount };
    }
    return this.finish(result, now);
  }

  /** Pays the frozen winners (keyed, so repeatable) and publishes once. */
  private async finish(result: PeriodResult, now: number): Promise<PeriodResult> {
    const { kind, id } = result;
    if (result.amount > 0) {
      for (const w of result.winners) {
        const key = topKey(kind, id, w.rank);
        const r = await this.ledger.credit({ uid: w.uid, amount: result.amount, key, reason: kind === 'week' ? 'top-week' : 'top-month', comment: id, source: { type: 'top', id: `${kind}:${id}` } });
        if (isNew(r)) await this.notifier.top(w.uid, result.amount, kind, id, w.rank);
      }
    }
    // Marked done only once published, so a failed publication is retried by the next run; paying
    // again is harmless (each award's ledger key takes effect once).
    if (await this.publish(result, now)) await this.store.markDone(kind, id);
    return result;
  }

  /** Posts the results in the "Points operations" topic (or its digest), as the admin chose. */
  private async publish(result: PeriodResult, now: number): Promise<boolean> {
    const s = await this.settings.get();
    if (!s.operationsTid || !result.winners.length) return true;
    const users = await this.host.users.getUsers(result.winners.map((w) => w.uid));
    // the topic is read in the forum's language: the period as its dates, not its id; the counts
    // in its plural forms ("1 post", not "1 posts")
    const lang = await this.host.translator.defaultLanguage();
    const lines = result.winners.map((w, i) => countedToken(lang, 'top.publish-line', [w.rank, `@${users[i]?.userslug ?? w.uid}`, { phrase: 'posts.count', count: w.count }, { phrase: 'points.count', count: result.amount }]));
    const label = periodText(result.id, lang).text.replace(/,/g, '&#44;');
    const text = [`[[bonus:top.publish-${result.kind}, ${label}]]`, '', ...lines].join('\n');
    try {
      const [topic] = await this.host.content.getTopics([s.operationsTid]);
      await this.announcer.announce(`top:${result.kind}:${result.id}`, text, topic?.uid ?? 1, now);
      return true;
    } catch (err) {
      // The announcer released its claim: the next run publishes it.
      this.host.log.error(`[bonus] publishing top ${result.kind} ${result.id} failed`, err);
      return false;
    }
  }
}
