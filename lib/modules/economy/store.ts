/**
 * The economy's daily figures on host.db, per programme (`bonus:economy:{programme}:…`):
 * - `day:{YYYY-MM-DD}` hash: the day's figures (domain.ts `dayIncrements`), the day in the forum's time zone;
 * - `totals` hash: running sums of members' posted, pending and held points, and entries counted;
 * - `counted` sorted set: entry id → claims; an entry's figures are added only by the claim that
 *   makes it 1, so a repeated write (recovery after a crash, a replay) counts it once;
 * - `rebuild` hash: the last rebuild's (or check's) result (JSON).
 * A crash between the claim and the increments leaves an entry uncounted: the rebuild's check finds it.
 */
import type { Database } from '../../host/index';
import type { Programme } from '../ledger';
import { parseStoredInt } from '../../kernel/points';
import { addInto } from './domain';

export function economyKeys(programme: Programme) {
  const p = `bonus:economy:${programme}:`;
  return {
    day: (day: string) => `${p}day:${day}`,
    totals: `${p}totals`,
    counted: `${p}counted`,
    rebuild: `${p}rebuild`,
  } as const;
}

function numbers(h: Record<string, unknown> | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(h ?? {})) {
    const n = parseStoredInt(v as string);
    if (n !== null && n !== 0) out[k] = n;
  }
  return out;
}

export class EconomyStore {
  constructor(private readonly db: Database) {}

  /** Claims the entry id; true only for the first claim. */
  async claim(programme: Programme, entryId: number): Promise<boolean> {
    return (await this.db.sortedSetIncrBy(economyKeys(programme).counted, 1, entryId)) === 1;
  }

  /** Adds one entry's increments to its day and to the running totals (one call). */
  async add(programme: Programme, day: string, dayInc: Record<string, number>, totalInc: Record<string, number>): Promise<void> {
    const K = economyKeys(programme);
    await this.db.incrObjectFieldByBulk([[K.day(day), dayInc], [K.totals, totalInc]]);
  }

  /** Adds many entries' summed increments (by programme and day) in one call, the totals of a programme summed across its days; zero sums are not sent. */
  async addAll(parts: { programme: Programme; day: string; dayInc: Record<string, number>; totalInc: Record<string, number> }[]): Promise<void> {
    const items = new Map<string, Record<string, number>>();
    for (const p of parts) {
      const K = economyKeys(p.programme);
      for (const [key, inc] of [[K.day(p.day), p.dayInc], [K.totals, p.totalInc]] as const) {
        if (!items.has(key)) items.set(key, {});
        addInto(items.get(key)!, inc);
      }
    }
    const nonZero = [...items].map(([k, inc]) => [k, Object.fromEntries(Object.entries(inc).filter(([, n]) => n !== 0))] as [string, Record<string, number>]);
    await this.db.incrObjectFieldByBulk(nonZero.filter(([, inc]) => Object.keys(inc).length > 0));
  }

  /** The figures of the given days (one batched read). */
  async days(programme: Programme, days: string[]): Promise<Record<string, number>[]> {
    const K = economyKeys(programme);
    return (await this.db.getObjects(days.map((d) => K.day(d)))).map((h) => numbers(h));
  }

  async totals(programme: Programme): Promise<Record<string, number>> {
    return numbers(await this.db.getObject(economyKeys(programme).totals));
  }

  /**
   * Moves stored figures by the given differences (relative increments: an entry counted meanwhile
   * keeps its own), and claims every entry the recount saw, so none of them is counted again.
   */
  async repair(programme: Programme, days: { day: string; inc: Record<string, number> }[], totals: Record<string, number>, entryIds: number[]): Promise<void> {
    const K = economyKeys(programme);
    await this.db.incrObjectFieldByBulk([...days.map(({ day, inc }) => [K.day(day), inc] as [string, Record<string, number>]), [K.totals, totals]]);
    for (let i = 0; i < entryIds.length; i += 1000) {
      const ids = entryIds.slice(i, i + 1000);
      const claimed = await this.db.sortedSetScores(K.counted, ids);
      const missing = ids.flatMap((id, j) => (claimed[j] === null ? [[K.counted, 1, id] as [string, number, number]] : []));
      if (missing.length) await this.db.sortedSetAddBulk(missing);
    }
  }

  async saveRebuild(programme: Programme, result: unknown): Promise<void> {
    await this.db.setObject(economyKeys(programme).rebuild, { result: JSON.stringify(result) });
  }

  async lastRebuild(programme: Programme): Promise<string | null> {
    return this.db.getObjectField(economyKeys(programme).rebuild, 'result');
  }
}
