/**
 * The birthday gift (PROGRAM §2). Two indexes kept current from registration and profile hooks:
 * `bonus:birthdays` (sorted set uid → MMDD as a number) and the due index `bonus:birthdays:due`
 * (sorted set uid → the day number the job should next look at the member: 0 after a profile change,
 * else today while a window is open and unpaid, else the day the next window opens). The hourly job
 * reads only members due by today, and each one it handles moves past today, so a run after the
 * day's gifts reads nobody, whatever the number of members (issue 13, item 6; it used to re-read
 * every member whose window was open, a sixth of all members with the default two-month window).
 * The due days depend on the window's settings: when they change, the due index is rebuilt from
 * `bonus:birthdays` (also the first run after an upgrade). The member's current birthday is re-read
 * before paying. The ledger key `birthday:{uid}:{giftYear}` pays once per year even if the member
 * changes their birthday.
 */
import { refusable, type Result } from '../../kernel/result';
import { assertAdmin } from '../../kernel/access';
import type { Caller, Host } from '../../host/index';
import { birthdayKey, giftYearOn, lookDayAfterGift, nextLookDay, parseBirthday } from './domain-birthday';
import { BirthdayStore } from './store-birthdays';
import { dayNumber, localDate, type LocalDate } from '../../kernel/periods';
import type { SettingsService } from '../settings';
import { isNew, type EarningLedger } from './ledger-port';
import type { EarningNotifier } from './notify';
import { excludedMembers } from './roles';
import { zoneOf } from './service';
import { mapLimited } from '../../kernel/concurrency';

/** Members whose gift is written at once within a batch of the due index. */
const GIFT_CONCURRENCY = 64;

export { BIRTHDAY_INDEX, BIRTHDAY_DUE } from './store-birthdays';
const BATCH = 500;

export class BirthdayService {
  private readonly store: BirthdayStore;

  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly ledger: EarningLedger,
    private readonly notifier: EarningNotifier,
  ) {
    this.store = new BirthdayStore(host.db);
  }

  /** Keeps the index current for one member (registration, profile change, reindex). */
  async index(uid: number, raw: unknown): Promise<void> {
    const b = parseBirthday(raw);
    if (b) await this.store.setBirthday(uid, b); // and looked at on the next run
    else await this.store.forget(uid);
  }

  /** Admins (ACP): the birthday index rebuilt. */
  reindexFor(caller: Caller): Promise<Result<number>> {
    return refusable(() => this.doReindexFor(caller));
  }

  private async doReindexFor(caller: Caller): Promise<number> {
    await assertAdmin(this.host, caller);
    return this.reindexAll();
  }

  /** Rebuilds the index from every member, in batches (ACP action; once after installing). */
  async reindexAll(batch = 500): Promise<number> {
    const total = await this.host.users.count();
    let indexed = 0;
    for (let start = 0; start < total + batch; start += batch) {
      const uids = await this.host.users.getUidsByJoinDate(start, start + batch - 1);
      if (!uids.length) break;
      const users = await this.host.users.getUsers(uids);
      for (const u of users) {
        if (!u) continue;
        await this.index(u.uid, u.birthday);
        if (parseBirthday(u.birthday)) indexed++;
      }
    }
    return indexed;
  }

  /** Pays every member whose window holds today (in the forum's zone). Safe to run at any time. */
  async run(now: number): Promise<number> {
    const s = await this.settings.get();
    if (s.pointsBirthday <= 0) return 0;
    const today = localDate(now, zoneOf(s));
    const t = dayNumber(today);
    await this.ensureDueIndex(today, s.birthdayMonthsBefore, s.birthdayMonthsAfter);
    let paid = 0;
    const seen = new Set<number>();
    for (;;) {
      const uids = (await this.store.due(t, BATCH)).filter((u) => !seen.has(u));
      if (!uids.length) break;
      for (const u of uids) seen.add(u);
      const [excluded, users] = await Promise.all([excludedMembers(this.host, s, uids, s.excludeBirthday), this.host.users.getUsers(uids)]);
      const next: [uid: number, day: number][] = [];
      const gone: number[] = [];
      // Each member's gift is their own (own ledger key): a batch of them at once (issue 14, goal 4).
      await mapLimited([...uids.entries()], GIFT_CONCURRENCY, async ([i, uid]) => {
        const user = users[i];
        const b = user ? parseBirthday(user.birthday) : null;
        if (!user || !b) {
          gone.push(uid);
          return;
        }
        const year = giftYearOn(b, today, s.birthdayMonthsBefore, s.birthdayMonthsAfter);
        if (year === null) {
          next.push([uid, nextLookDay(b, today, s.birthdayMonthsBefore, s.birthdayMonthsAfter)]);
          return;
        }
        // excluded today (a Newcomer, banned): looked at again tomorrow, while the window is open
        if (excluded.has(uid)) {
          next.push([uid, t + 1]);
          return;
        }
        const key = birthdayKey(uid, year);
        const result = await this.ledger.credit({ uid, amount: s.pointsBirthday, key, reason: 'birthday', source: { type: 'birthday', id: year } });
        // not written (busy): still due, so the next run tries again
        if (!result.ok) return;
        next.push([uid, lookDayAfterGift(b, year, s.birthdayMonthsBefore, s.birthdayMonthsAfter)]);
        if (isNew(result)) {
          paid++;
          await this.notifier.gift(uid, s.pointsBirthday, 'birthday', key);
        }
      });
      await this.store.setDue(next);
      await this.store.notDue(gone);
    }
    return paid;
  }

  /** Rebuilds the due index from `bonus:birthdays` when the window's settings differ from the ones it was computed for. */
  private async ensureDueIndex(today: LocalDate, before: number, after: number): Promise<void> {
    const window = `${before}:${after}`;
    if ((await this.store.dueWindow()) === window) return;
    for (let start = 0; ; start += BATCH) {
      const rows = await this.store.birthdays(start, BATCH);
      await this.store.setDue(rows.map((r) => [r.uid, nextLookDay(r.birthday, today, before, after)]));
      if (rows.length < BATCH) break;
    }
    await this.store.setDueWindow(window);
  }
}
