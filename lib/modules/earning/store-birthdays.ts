/**
 * The birthday gift's indexes (private to the earning module): `bonus:birthdays` (sorted set
 * uid → MMDD as a number) and the due index `bonus:birthdays:due` (sorted set uid → the day number
 * the job should next look at the member), with `bonus:birthdays:due:meta` (hash field `window`:
 * the `{monthsBefore}:{monthsAfter}` the due days were computed for).
 */
import type { Database } from '../../host/index';
import type { MonthDay } from './domain-birthday';

export const BIRTHDAY_INDEX = 'bonus:birthdays';
export const BIRTHDAY_DUE = 'bonus:birthdays:due';
const DUE_META = 'bonus:birthdays:due:meta';

export class BirthdayStore {
  constructor(private readonly db: Database) {}

  /** The member's birthday as indexed, due at the next run (0). */
  async setBirthday(uid: number, b: MonthDay): Promise<void> {
    await this.db.sortedSetAdd(BIRTHDAY_INDEX, b.month * 100 + b.day, uid);
    await this.db.sortedSetAdd(BIRTHDAY_DUE, 0, uid);
  }

  async forget(uid: number): Promise<void> {
    await this.db.sortedSetsRemove([BIRTHDAY_INDEX, BIRTHDAY_DUE], uid);
  }

  /** Up to `count` members due by the day `day`. */
  async due(day: number, count: number): Promise<number[]> {
    return (await this.db.getSortedSetRangeByScore(BIRTHDAY_DUE, 0, count, '-inf', day)).map(Number);
  }

  async setDue(next: [uid: number, day: number][]): Promise<void> {
    if (next.length) await this.db.sortedSetAddBulk(next.map(([uid, day]) => [BIRTHDAY_DUE, day, uid]));
  }

  async notDue(uids: number[]): Promise<void> {
    for (const uid of uids) await this.db.sortedSetRemove(BIRTHDAY_DUE, uid);
  }

  /** A page of the birthday index: members with their birthday. */
  async birthdays(start: number, count: number): Promise<{ uid: number; birthday: MonthDay }[]> {
    const rows = await this.db.getSortedSetRangeWithScores(BIRTHDAY_INDEX, start, start + count - 1);
    return rows.map((r) => ({ uid: Number(r.value), birthday: { month: Math.floor(r.score / 100), day: r.score % 100 } }));
  }

  async dueWindow(): Promise<string | null> {
    return this.db.getObjectField(DUE_META, 'window');
  }

  async setDueWindow(window: string): Promise<void> {
    await this.db.setObjectField(DUE_META, 'window', window);
  }
}
