/**
 * The weekly and monthly top-3's frozen results on the database port (private to the earning module):
 * `bonus:top:{kind}:{id}` (winners as JSON, amount, frozenAt, `done` once published) and the run
 * claims `top:{kind}:{id}` in `bonus:jobs`.
 */
import type { Database } from '../../host/index';
import type { PeriodKind } from '../../kernel/periods';
import type { RankedMember } from './domain-top';

export const JOBS_HASH = 'bonus:jobs';
const resultKey = (kind: PeriodKind, id: string) => `bonus:top:${kind}:${id}`;

export interface FrozenTop { winners: RankedMember[]; amount: number }

export class TopStore {
  constructor(private readonly db: Database) {}

  async result(kind: PeriodKind, periodId: string): Promise<FrozenTop | null> {
    const h = await this.db.getObject(resultKey(kind, periodId));
    if (!h?.winners) return null;
    return { winners: JSON.parse(h.winners) as RankedMember[], amount: Number(h.amount) };
  }

  async freeze(kind: PeriodKind, periodId: string, top: FrozenTop, now: number): Promise<void> {
    await this.db.setObject(resultKey(kind, periodId), { winners: JSON.stringify(top.winners), amount: top.amount, frozenAt: now });
  }

  async isDone(kind: PeriodKind, periodId: string): Promise<boolean> {
    return (await this.db.getObjectField(resultKey(kind, periodId), 'done')) === '1';
  }

  async markDone(kind: PeriodKind, periodId: string): Promise<void> {
    await this.db.setObjectField(resultKey(kind, periodId), 'done', '1');
  }

  /** How many runs have claimed the period so far, this one included (1: the first). */
  claim(kind: PeriodKind, periodId: string): Promise<number> {
    return this.db.incrObjectField(JOBS_HASH, `top:${kind}:${periodId}`);
  }
}
