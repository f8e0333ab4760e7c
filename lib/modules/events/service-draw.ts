/**
 * The monthly prize draw (seed 004 §6.3, issue 17 items 5–8).
 *
 * 1. At the start of a month the admin announces each category's prize (the rules' "statuses": a
 *    category is a group, or a number of accepted sales in the month).
 * 2. Once the month has ended the list of each category is frozen (the daily job, or the admin):
 *    active sellers in it with an accepted sale registered in the month, in the published order
 *    (first accepted sale of the month, then member id), with the list's SHA-256. Written once,
 *    under a lock, before the plugin knows any rate.
 * 3. The admin enters the rate (and the mode): each category's position is computed
 *    (domain-draw.ts), an ineligible winner (annulled, banned) replaced by the documented re-draw,
 *    the prize paid in seller points once (its ledger key) and recorded for tax, the winner
 *    notified and the results announced.
 */
import { refusable, type Result } from '../../kernel/result';
import type { Caller, Host } from '../../host';
import { BonusError, translationToken } from '../../kernel/errors';
import { EventLocks, monthPeriod } from './locks';
import { monthOf, type Period } from '../../kernel/periods';
import { assertAdmin } from '../catalog';
import type { SettingsService } from '../settings';
import type { SellersService } from '../retail';
import type { Announcer } from '../publishing';
import { DRAW_MODES, draw, freezeOrder, listHash, parseRate, type DrawMode, type DrawOutcome, type Participant } from './domain-draw';
import { drawKey } from './ledger-keys';
import { EventsStore } from './store';
import { titleInBoth } from './service-titles';

const LOCK_MS = 60_000;

export interface DrawCategory {
  /** The admin's name of the category (text, shown escaped). */
  name: string;
  /** The prize (text, shown escaped). */
  prize: string;
  /** Its value in roubles (what the tax record says). */
  value: number;
  /** `points`: the value is paid as seller points; `goods`: the organiser hands the prize over (recorded, nothing paid). */
  payAs: 'points' | 'goods';
  /** The category's condition: membership of a group, else at least this many accepted sales in the month. */
  group: string;
  minSales: number;
}

export interface FrozenList {
  category: number;
  list: Participant[];
  hash: string;
}

export interface DrawResult {
  category: number;
  outcome: DrawOutcome;
  winnerUid: number;
}

export interface DrawState {
  month: string;
  categories: DrawCategory[];
  frozenAt: number;
  lists: FrozenList[];
  rate: string;
  rateDate: string;
  mode: DrawMode;
  drawnAt: number;
  results: DrawResult[];
}

function parseJson<T>(raw: string | undefined, fallback: T): T {
  if (!raw) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

/** The prizes per category as the admin sends them; null when malformed. */
function parseCategories(input: unknown, count: number): DrawCategory[] | null {
  if (!Array.isArray(input) || input.length !== count) return null;
  const out: DrawCategory[] = [];
  for (const raw of input) {
    if (!raw || typeof raw !== 'object') return null;
    const c = raw as Record<string, unknown>;
    const name = typeof c.name === 'string' ? c.name.trim() : '';
    const prize = typeof c.prize === 'string' ? c.prize.trim() : '';
    const group = typeof c.group === 'string' ? c.group.trim() : '';
    const value = Number(c.value ?? 0);
    const minSales = Number(c.minSales ?? 1);
    if (!name || name.length > 100 || !prize || prize.length > 200 || group.length > 200) return null;
    if (!Number.isSafeInteger(value) || value < 0 || value > 10_000_000 || !Number.isSafeInteger(minSales) || minSales < 1 || minSales > 100_000) return null;
    const payAs = c.payAs === 'goods' ? 'goods' : c.payAs === 'points' || c.payAs === undefined ? 'points' : null;
    if (!payAs) return null;
    out.push({ name, prize, value, group, minSales, payAs });
  }
  return out;
}

export class DrawService {
  readonly store: EventsStore;
  private readonly locks: EventLocks;

  constructor(private readonly host: Host, private readonly settings: SettingsService, private readonly sellers: SellersService, private readonly announcer: Announcer) {
    this.store = new EventsStore(host.db);
    this.locks = new EventLocks(host, LOCK_MS);
  }

  private async period(month: string): Promise<Period> {
    return monthPeriod(month, (await this.settings.get()).timeZone, 'error.events.no-draw');
  }

  async state(month: string): Promise<DrawState> {
    const row = await this.store.draw(month);
    return {
      month,
      categories: parseJson<DrawCategory[]>(row.categories, []),
      frozenAt: Number(row.frozenAt ?? 0) || 0,
      lists: parseJson<FrozenList[]>(row.lists, []),
      rate: row.rate ?? '',
      rateDate: row.rateDate ?? '',
      mode: (DRAW_MODES as readonly string[]).includes(row.mode) ? row.mode as DrawMode : 'rules',
      drawnAt: Number(row.drawnAt ?? 0) || 0,
      results: parseJson<DrawResult[]>(row.results, []),
    };
  }

  async months(): Promise<string[]> {
    return this.store.drawMonths();
  }

  async currentMonth(): Promise<Period> {
    return monthOf(this.host.clock.now(), (await this.settings.get()).timeZone);
  }

  private underLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return this.locks.run(name, fn);
  }

  /** The admin announces the month's prizes (until its lists are frozen). */
  announce(caller: Caller, month: string, categories: unknown): Promise<Result<DrawState>> {
    return refusable(async () => {
      await assertAdmin(this.host, caller);
      const p = await this.period(month);
      const s = await this.settings.get();
      const parsed = parseCategories(categories, s.drawCategories);
      if (!parsed) throw new BonusError('error.events.categories', [s.drawCategories]);
      return this.underLock(`draw:${month}`, async () => {
        if ((await this.state(month)).frozenAt) throw new BonusError('error.events.frozen', [], 'conflict');
        await this.store.setDraw(month, { categories: JSON.stringify(parsed) }, p.start);
        return this.state(month);
      });
    });
  }

  /**
   * Freezes each category's list once the month has ended (the job runs it daily; the admin may).
   * Written once: a second call returns the lists as they were frozen.
   */
  freeze(caller: Caller | null, month: string): Promise<Result<DrawState>> {
    return refusable(async () => {
      if (caller) await assertAdmin(this.host, caller);
      const p = await this.period(month);
      if (this.host.clock.now() < p.end) throw new BonusError('error.events.month-not-over', [], 'conflict');
      return this.underLock(`draw:${month}`, async () => {
        const state = await this.state(month);
        if (state.frozenAt) return state;
        if (!state.categories.length) throw new BonusError('error.events.no-prizes', [], 'conflict');
        const sellers = await this.sellers.monthSellers(p.start, p.end);
        const users = await this.host.users.getUsers(sellers.map((x) => x.uid));
        const groupsOf = await this.host.groups.getUserGroupNames(sellers.map((x) => x.uid));
        const lists: FrozenList[] = state.categories.map((_, category) => ({ category, list: [], hash: '' }));
        sellers.forEach((x, i) => {
          // a seller is in the highest category whose condition they meet
          let at = -1;
          state.categories.forEach((c, ci) => {
            if (c.group ? groupsOf[i]?.includes(c.group) : x.acceptedSales >= c.minSales) at = ci;
          });
          if (at >= 0) lists[at].list.push({ uid: x.uid, username: users[i]?.username ?? `#${x.uid}`, firstSaleAt: x.firstSaleAt });
        });
        for (const l of lists) {
          l.list = freezeOrder(l.list);
          l.hash = listHash(l.list);
        }
        await this.store.setDraw(month, { lists: JSON.stringify(lists), frozenAt: this.host.clock.now() }, p.start);
        return this.state(month);
      });
    });
  }

  /** The daily job: freezes last month's lists once its prizes were announced. */
  async freezeDue(now: number): Promise<boolean> {
    const last = monthOf(monthOf(now, (await this.settings.get()).timeZone).start - 1, (await this.settings.get()).timeZone);
    const state = await this.state(last.id);
    if (state.frozenAt || !state.categories.length) return false;
    const r = await this.freeze(null, last.id);
    return r.ok;
  }

  /**
   * The admin enters the rate (the rules' date) and the mode: the winners are drawn, paid once,
   * recorded, notified and announced. Refused before the lists are frozen, or a second time.
   */
  enterRate(caller: Caller, month: string, input: { rate?: unknown; rateDate?: unknown; mode?: unknown }): Promise<Result<DrawState>> {
    return refusable(async () => {
      await assertAdmin(this.host, caller);
      const p = await this.period(month);
      const rate = typeof input.rate === 'string' || typeof input.rate === 'number' ? parseRate(String(input.rate)) : null;
      if (!rate) throw new BonusError('error.events.rate');
      const rateDate = typeof input.rateDate === 'string' ? input.rateDate.trim() : '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(rateDate)) throw new BonusError('error.events.rate-date');
      const mode = input.mode === 'fair' ? 'fair' : input.mode === 'rules' || input.mode === undefined ? 'rules' : null;
      if (!mode) throw new BonusError('error.events.mode');
      return this.underLock(`draw:${month}`, async () => {
        const state = await this.state(month);
        if (!state.frozenAt) throw new BonusError('error.events.not-frozen', [], 'conflict');
        if (state.drawnAt) throw new BonusError('error.events.drawn', [], 'conflict');
        const results: DrawResult[] = [];
        for (const l of state.lists) {
          const eligible = await this.eligibility(l.list);
          const outcome = draw(mode, l.list.length, 1, rate, l.hash, (pos) => eligible[pos - 1]);
          results.push({ category: l.category, outcome, winnerUid: outcome.winnerPosition ? l.list[outcome.winnerPosition - 1].uid : 0 });
        }
        const now = this.host.clock.now();
        await this.store.setDraw(month, { rate, rateDate, mode, drawnAt: now, results: JSON.stringify(results) }, p.start);
        await this.payOut(caller.uid, month);
        return this.state(month);
      });
    });
  }

  /** Pays, records and notifies the drawn winners (each by its key: repeating it does nothing twice). */
  async payOut(actorUid: number, month: string): Promise<void> {
    const state = await this.state(month);
    for (const r of state.results) {
      const c = state.categories[r.category];
      if (!r.winnerUid || !c) continue;
      const key = drawKey(month, r.category);
      if (c.payAs !== 'goods' && c.value > 0) {
        const paid = await this.sellers.ledger.credit({ uid: r.winnerUid, amount: c.value, key, reason: translationToken('events.reason.draw', [month]), actorUid });
        if (!paid.ok) throw new BonusError(`error.${paid.code}`, [], 'conflict');
      }
      if (c.value > 0) await this.sellers.tax.recordAward({ key, uid: r.winnerUid, source: 'draw', title: await titleInBoth(this.host, 'events.tax.draw', [month, c.prize]), value: c.value, at: state.drawnAt });
      await this.host.messaging.notify({ type: 'bonus-retail', nid: `bonus:events:draw:${month}:${r.category}`, bodyShort: translationToken('notify.events-draw-won', [month]), path: `/bonus/sellers/draw/${month}` }, [r.winnerUid]);
    }
    await this.announcer.announce(`events:draw:${month}`, `${translationToken('events.announce-draw', [month])}\n\n${translationToken('events.announce-link', [`/bonus/sellers/draw/${month}`])}`, actorUid, state.drawnAt, { tid: (await this.settings.get()).eventsResultsTid });
  }

  /** Who may still win: an active seller whose account is not banned. */
  private async eligibility(list: Participant[]): Promise<boolean[]> {
    const users = await this.host.users.getUsers(list.map((p) => p.uid));
    return Promise.all(list.map(async (p, i) => !!users[i] && !users[i]!.banned && (await this.sellers.isActive(p.uid))));
  }
}
