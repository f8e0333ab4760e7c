/**
 * The finance services on one database (in memory, or a real Redis when REDIS_URL is set), on the
 * shared fake forum's Host (test/host/port.ts): members of every program group, an admin, a clock.
 */
import type { Database, Host, Notification } from '../../lib/host/index';
import { createServices, type Services } from '../../lib/services';
import type { FakeForum } from '../host/forum';
import { createFakePort, type FakeClock, type FakePort } from '../host/port';

// The same databases as the catalog's tests: in memory, and Redis when REDIS_URL is set.
export { backends, type Backend } from '../catalog/backends';

export const ROLE_GROUPS = {
  newcomers: 'Newcomers', participants: 'Participants', activists: 'Activists', consultants: 'Consultants',
  oldTimers: 'Old-timers', clubCouncil: 'Club council',
} as const;

export interface Finance {
  host: Host;
  services: Services;
  forum: FakeForum;
  notifications: { notification: Notification; uids: number[] }[];
  clock: FakeClock;
  /** The shared fake forum's port this Host is (test/host/port.ts): e-mails, messages, logs… */
  fake: FakePort;
  admin: number;
  /** uid by username */
  uid: Record<string, number>;
  setSettings(values: Record<string, string>): Promise<void>;
  credit(uid: number, amount: number, key?: string): Promise<void>;
  spendable(uid: number): Promise<number>;
}

/** A forum with one member per program role (`activists`, …), a banned member, a charity and an admin. */
export async function openFinance(db: Database, now = Date.parse('2026-09-01T09:00:00Z')): Promise<Finance> {
  const port = createFakePort({ db, now });
  const { forum, host, clock } = port;
  const admin = forum.createUser({ username: 'admin', groups: ['administrators'] });
  const uid: Record<string, number> = {};
  for (const [role, group] of Object.entries(ROLE_GROUPS)) uid[role] = forum.createUser({ username: role, groups: [group] });
  uid.second = forum.createUser({ username: 'second', groups: ['Activists'] });
  uid.plain = forum.createUser({ username: 'plain' });
  uid.charity = forum.createUser({ username: 'gooddeed', groups: ['Newcomers'] });
  uid.banned = forum.createUser({ username: 'banned', groups: ['Activists'] });
  forum.ban(uid.banned, { byUid: admin });
  const services = createServices(host);
  let n = 0;
  return {
    host, services, forum, notifications: port.notifications, admin, uid, clock, fake: port,
    setSettings: (values) => port.setSettings(values),
    credit: async (to, amount, key) => {
      const r = await services.ledger.credit({ uid: to, amount, key: key ?? `test:${to}:${++n}`, reason: 'event' });
      if (!r.ok) throw new Error(r.code);
    },
    spendable: async (u) => (await services.ledger.store.readCounters(u)).spendable,
  };
}
