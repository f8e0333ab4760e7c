/**
 * The events' locks (private to the module): one lease per name in the events' lock sets, so a
 * holder that stopped loses it `leaseMs` later; a second try takes over a lease that has ended.
 */
import type { Host } from '../../host/index';
import { BonusError } from '../../kernel/errors';
import { LeaseLocks } from '../../kernel/lease';
import { periodById, type Period } from '../../kernel/periods';
import { isMonthId } from './domain-contest';
import { EVENTS_KEYS } from './store';

export class EventLocks {
  private readonly locks: LeaseLocks;

  constructor(private readonly host: Host, private readonly leaseMs: number) {
    this.locks = new LeaseLocks(host.db, EVENTS_KEYS.locks, EVENTS_KEYS.lockLeases);
  }

  /** Runs `fn` holding `name`; refused as busy (`error.events.busy`) while another holds it. */
  async run<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const now = () => this.host.clock.now();
    const held = (await this.locks.tryLock(name, now(), this.leaseMs)) || (await this.locks.tryLock(name, now(), this.leaseMs));
    if (!held) throw new BonusError('error.events.busy', [], 'conflict');
    try {
      return await fn();
    } finally {
      await this.locks.unlock(name);
    }
  }
}

/** The calendar month `month` (YYYY-MM) in the programme's zone; `missing` (not found) for anything else. */
export function monthPeriod(month: string, zone: string, missing: string): Period {
  const p = isMonthId(month) ? periodById(month, zone) : undefined;
  if (!p) throw new BonusError(missing, [], 'not-found');
  return p;
}
