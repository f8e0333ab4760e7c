/**
 * The birthday gift (PROGRAM §2). An own index `bonus:birthdays` (sorted set uid → MMDD as a number)
 * is kept current from registration and profile hooks, so the daily run reads only the members
 * whose window may hold today instead of scanning 100 000 members. The member's current birthday
 * is re-read before paying (the index only narrows the search). The ledger key
 * `birthday:{uid}:{giftYear}` pays once per year even if the member changes their birthday.
 */
import type { Host } from '../../host/index';
import { birthdayKey, giftYearOn, monthDayKeysAround, parseBirthday } from './domain-birthday';
import { localDate } from '../../kernel/periods';
import type { SettingsService } from '../settings';
import { isNew, type EarningLedger } from './ledger-port';
import type { EarningNotifier } from './notify';
import { excludedMembers } from './roles';
import { zoneOf } from './service';

export const BIRTHDAY_INDEX = 'bonus:birthdays';

const scoreOf = (key: string) => Number(key.replace('-', ''));

export class BirthdayService {
  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly ledger: EarningLedger,
    private readonly notifier: EarningNotifier,
  ) {}

  /** Keeps the index current for one member (registration, profile change, reindex). */
  async index(uid: number, raw: unknown): Promise<void> {
    const b = parseBirthday(raw);
    if (b) await this.host.db.sortedSetAdd(BIRTHDAY_INDEX, b.month * 100 + b.day, uid);
    else await this.host.db.sortedSetRemove(BIRTHDAY_INDEX, uid);
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
    const candidates = new Set<number>();
    for (const key of monthDayKeysAround(today, s.birthdayMonthsBefore, s.birthdayMonthsAfter)) {
      const score = scoreOf(key);
      for (const uid of await this.host.db.getSortedSetRangeByScore(BIRTHDAY_INDEX, 0, -1, score, score)) candidates.add(Number(uid));
    }
    const uids = [...candidates];
    const excluded = await excludedMembers(this.host, s, uids, s.excludeBirthday);
    const users = await this.host.users.getUsers(uids);
    let paid = 0;
    for (const user of users) {
      if (!user || excluded.has(user.uid)) continue;
      const b = parseBirthday(user.birthday);
      if (!b) continue;
      const year = giftYearOn(b, today, s.birthdayMonthsBefore, s.birthdayMonthsAfter);
      if (year === null) continue;
      const key = birthdayKey(user.uid, year);
      const result = await this.ledger.credit({ uid: user.uid, amount: s.pointsBirthday, key, reason: 'birthday', source: { type: 'birthday', id: year } });
      if (isNew(result)) {
        paid++;
        await this.notifier.gift(user.uid, s.pointsBirthday, 'birthday', key);
      }
    }
    return paid;
  }
}
