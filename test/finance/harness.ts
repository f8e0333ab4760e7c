/**
 * The finance services on one database (in memory, or a real Redis when REDIS_URL is set), around
 * the fake forum's users, groups and privileges: members of every program group, an admin, a clock.
 */
import type { Database, Host, Notification } from '../../lib/host/index';
import { createServices, type Services } from '../../lib/services';
import { FakeForum } from '../host/forum';
import { fakePause } from '../host/pause';

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
  clock: { now(): number; set(ms: number): void; advance(ms: number): void };
  admin: number;
  /** uid by username */
  uid: Record<string, number>;
  setSettings(values: Record<string, string>): Promise<void>;
  credit(uid: number, amount: number, key?: string): Promise<void>;
  spendable(uid: number): Promise<number>;
}

/** A forum with one member per program role (`activists`, …), a banned member, a charity and an admin. */
export async function openFinance(db: Database, now = Date.parse('2026-09-01T09:00:00Z')): Promise<Finance> {
  let t = now;
  const forum = new FakeForum({ action: () => undefined, static: async () => undefined }, () => t);
  const admin = forum.createUser({ username: 'admin', groups: ['administrators'] });
  const uid: Record<string, number> = {};
  for (const [role, group] of Object.entries(ROLE_GROUPS)) uid[role] = forum.createUser({ username: role, groups: [group] });
  uid.second = forum.createUser({ username: 'second', groups: ['Activists'] });
  uid.plain = forum.createUser({ username: 'plain' });
  uid.charity = forum.createUser({ username: 'gooddeed', groups: ['Newcomers'] });
  uid.banned = forum.createUser({ username: 'banned', groups: ['Activists'] });
  forum.ban(uid.banned, { byUid: admin });
  const settings: Record<string, string> = {};
  const notifications: Finance['notifications'] = [];
  const unsupported = () => { throw new Error('not in the finance test host'); };
  const host: Host = {
    db,
    users: forum.usersPort(),
    groups: forum.groupsPort(),
    privileges: forum.privilegesPort(),
    content: forum.contentPort(),
    settings: { get: async () => ({ ...settings }), set: async (_h, v) => { Object.assign(settings, v); } },
    messaging: { notify: async (notification, uids) => void notifications.push({ notification, uids }), sendPrivateMessage: unsupported, sendEmail: unsupported },
    jobs: { add: () => undefined },
    translator: { translate: async (text) => text, defaultLanguage: async () => 'en-GB' },
    clock: { now: () => t, pause: fakePause },
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    http: { mountPages: unsupported, mountApi: unsupported },
  };
  const services = createServices(host);
  let n = 0;
  return {
    host, services, forum, notifications, admin, uid,
    clock: { now: () => t, set: (ms) => { t = ms; }, advance: (ms) => { t += ms; } },
    setSettings: async (values) => { Object.assign(settings, values); },
    credit: async (to, amount, key) => {
      const r = await services.ledger.credit({ uid: to, amount, key: key ?? `test:${to}:${++n}`, reason: 'event' });
      if (!r.ok) throw new Error(r.code);
    },
    spendable: async (u) => (await services.ledger.store.readCounters(u)).spendable,
  };
}
