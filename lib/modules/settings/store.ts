/**
 * What the settings module keeps beside NodeBB's settings hash: `bonus:earning:cids-since`, when each
 * earning category joined the set (a changed setting applies from then on).
 */
import type { Database } from '../../host/index';

export const EARNING_SINCE = 'bonus:earning:cids-since';

export class SettingsStore {
  constructor(private readonly db: Database) {}

  async markEarningSince(cids: readonly number[], at: number): Promise<void> {
    if (cids.length) await this.db.setObject(EARNING_SINCE, Object.fromEntries(cids.map((cid) => [cid, at])));
  }

  async forgetEarningSince(cids: readonly number[]): Promise<void> {
    if (cids.length) await this.db.deleteObjectFields(EARNING_SINCE, cids.map(String));
  }

  async earningSince(): Promise<Record<number, number>> {
    const h = (await this.db.getObject(EARNING_SINCE)) ?? {};
    return Object.fromEntries(Object.entries(h).map(([cid, at]) => [Number(cid), Number(at)]));
  }
}
