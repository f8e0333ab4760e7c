/**
 * Tax records of the sellers' prizes (issue 16, item 7; seed 004 §7.2.4). Every prize a seller
 * receives is recorded with its value in roubles (1 seller point = 1 rouble): today each line of a
 * paid prize order (contest places and draw wins will be recorded the same way). When a prize — or
 * the seller's prizes of a calendar year, a setting — exceed the threshold, the seller gives the
 * details the tax report needs (full name, date of birth, address, tax number) before it ships.
 * Only admins see the details; the ACP exports a year as CSV; they go with the member's data.
 *
 * Every write is idempotent and one record is one key (its JSON field and its index entries can be
 * written again), so a payment finished twice or after a crash records each prize once.
 */
import { z } from 'zod';
import type { Caller, Database, Host } from '../../host';
import { BonusError, keyArg } from '../../kernel/errors';
import { parseOrThrow } from '../../kernel/input';
import { localDateTime } from '../../kernel/periods';
import { toCsv } from '../../kernel/csv';
import { assertAdmin } from '../catalog';
import type { SettingsService } from '../settings';

const K = {
  /** record key → when it was received */
  all: 'bonus:retail:tax:prizes',
  /** One hash per record, written once (a cached read of it is never stale); its JSON in `data`. */
  record: (key: string) => `bonus:retail:tax:prize:${key}`,
  member: (uid: number) => `bonus:retail:tax:member:${uid}`,
  details: (uid: number) => `bonus:retail:tax:details:${uid}`,
} as const;

export interface PrizeRecord {
  key: string;
  uid: number;
  /** What it is (`order`: a line of a prize order). */
  source: 'order';
  orderId: number;
  line: number;
  title: { 'en-GB': string; ru: string };
  /** Roubles (= the seller points paid). */
  value: number;
  at: number;
}

export interface TaxDetails {
  fullName: string;
  birthDate: string;
  address: string;
  taxNumber: string;
  givenAt: number;
}

/** Russian INN: 12 digits for a person (10 for an organisation is not a seller's). */
export const taxDetailsSchema = z.object({
  fullName: z.string().trim().min(3).max(200),
  birthDate: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }),
  address: z.string().trim().min(5).max(500),
  taxNumber: z.string().trim().regex(/^\d{12}$/),
}).strict();

interface PaidOrder {
  id: number;
  uid: number;
  createdAt: number;
  lines: { title: { 'en-GB': string; ru: string }; paidInPoints: number; quantity: number }[];
}

export class TaxRecords {
  constructor(private readonly host: Host, private readonly settings: SettingsService) {}

  private get db(): Database {
    return this.host.db;
  }

  /** The prize lines of a paid order (idempotent). */
  async recordOrder(order: PaidOrder): Promise<void> {
    for (const [line, l] of order.lines.entries()) {
      const rec: PrizeRecord = { key: `order:${order.id}:${line}`, uid: order.uid, source: 'order', orderId: order.id, line, title: l.title, value: l.paidInPoints, at: order.createdAt };
      await this.db.setObjectField(K.record(rec.key), 'data', JSON.stringify(rec));
      await this.db.sortedSetAddBulk([[K.all, rec.at, rec.key], [K.member(order.uid), rec.at, rec.key]]);
    }
  }

  /** A prize given back (its line refunded or the order cancelled): no longer received. */
  async voidOrderLine(uid: number, orderId: number, line: number): Promise<void> {
    const key = `order:${orderId}:${line}`;
    await this.db.sortedSetsRemove([K.all, K.member(uid)], key);
    await this.db.delete(K.record(key));
  }

  private async records(keys: string[]): Promise<PrizeRecord[]> {
    if (keys.length === 0) return [];
    const raw = await this.db.getObjectsFields(keys.map(K.record), ['data']);
    return raw.flatMap((r) => {
      try {
        return r?.data ? [JSON.parse(String(r.data)) as PrizeRecord] : [];
      } catch {
        return [];
      }
    });
  }

  private async memberRecords(uid: number): Promise<PrizeRecord[]> {
    return this.records(await this.db.getSortedSetRange(K.member(uid), 0, -1));
  }

  /** The value of the member's prizes received in the calendar year of `at` (the club's zone). */
  private yearTotal(records: PrizeRecord[], at: number, timeZone: string): number {
    const year = localDateTime(at, timeZone).year;
    return records.reduce((sum, r) => sum + (localDateTime(r.at, timeZone).year === year ? r.value : 0), 0);
  }

  /**
   * Whether a prize order needs the seller's tax details: a line above the threshold (`prize`), or
   * the seller's prizes of the order's calendar year above it together (`year`).
   */
  async required(order: PaidOrder): Promise<boolean> {
    const s = await this.settings.get();
    if (s.retailTaxScope === 'prize') return order.lines.some((l) => l.quantity > 0 && l.paidInPoints / l.quantity > s.retailTaxThreshold);
    const all = await this.memberRecords(order.uid);
    const own = all.some((r) => r.orderId === order.id) ? 0 : order.lines.reduce((sum, l) => sum + l.paidInPoints, 0);
    return this.yearTotal(all, order.createdAt, s.timeZone) + own > s.retailTaxThreshold;
  }

  async details(uid: number): Promise<TaxDetails | null> {
    const row = await this.db.getObject(K.details(uid));
    if (!row || !row.fullName) return null;
    return { fullName: String(row.fullName), birthDate: String(row.birthDate), address: String(row.address), taxNumber: String(row.taxNumber), givenAt: Number(row.givenAt) || 0 };
  }

  /** Does the seller owe their details: a recorded prize (or this year's prizes) above the threshold, none given yet. */
  async needed(uid: number): Promise<boolean> {
    if ((await this.details(uid)) !== null) return false;
    const s = await this.settings.get();
    const recs = await this.memberRecords(uid);
    if (s.retailTaxScope === 'prize') return recs.some((r) => r.value > s.retailTaxThreshold);
    return this.yearTotal(recs, this.host.clock.now(), s.timeZone) > s.retailTaxThreshold;
  }

  /** May the order be shipped: no details needed, or given. */
  async mayShip(order: PaidOrder): Promise<boolean> {
    return !(await this.required(order)) || (await this.details(order.uid)) !== null;
  }

  /** The seller gives (or corrects) the details; refused with the fields named, nothing written. */
  async saveDetails(caller: Caller, input: unknown): Promise<TaxDetails> {
    if (!(caller.uid > 0)) throw new BonusError('error.not-logged-in', [], 403);
    const r = taxDetailsSchema.safeParse(input);
    if (!r.success) {
      // the first wrong field, by its label in the member's language (else the generic refusal)
      const field = String(r.error.issues.find((i) => i.path.length)?.path[0] ?? '');
      const label = ({ fullName: 'full-name', birthDate: 'birth-date', address: 'address', taxNumber: 'tax-number' } as Record<string, string>)[field];
      if (label) throw new BonusError('error.retail.tax-field', [keyArg(`retail.tax.${label}`)]);
      parseOrThrow(taxDetailsSchema, input);
    }
    const d = r.data!;
    if (Date.parse(`${d.birthDate}T00:00:00Z`) >= this.host.clock.now()) throw new BonusError('error.retail.tax-field', [keyArg('retail.tax.birth-date')]);
    const details: TaxDetails = { ...d, givenAt: this.host.clock.now() };
    await this.db.setObject(K.details(caller.uid), { ...details });
    return details;
  }

  /** A year's prizes per seller, with their details (admins only). */
  async year(caller: Caller, year: number): Promise<{ uid: number; records: PrizeRecord[]; total: number; details: TaxDetails | null }[]> {
    await assertAdmin(this.host, caller);
    const { timeZone } = await this.settings.get();
    const start = Date.UTC(year - 1, 11, 30);
    const end = Date.UTC(year + 1, 0, 2);
    const keys = await this.db.getSortedSetRangeByScore(K.all, 0, -1, start, end);
    const recs = (await this.records(keys)).filter((r) => localDateTime(r.at, timeZone).year === year);
    const byUid = new Map<number, PrizeRecord[]>();
    for (const r of recs) byUid.set(r.uid, [...(byUid.get(r.uid) ?? []), r]);
    return Promise.all([...byUid].map(async ([uid, records]) => ({ uid, records, total: records.reduce((a, r) => a + r.value, 0), details: await this.details(uid) })));
  }

  /** The year as CSV, one line per prize, for the tax report. */
  async exportYear(caller: Caller, year: number): Promise<{ filename: string; csv: string; prizes: number }> {
    const rows = await this.year(caller, year);
    const { timeZone } = await this.settings.get();
    const users = await this.host.users.getUsers(rows.map((r) => r.uid));
    const pad = (n: number) => String(n).padStart(2, '0');
    const when = (ms: number) => {
      const t = localDateTime(ms, timeZone);
      return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
    };
    const lines = rows.flatMap((r, i) => r.records.map((p) => [
      users[i]?.username ?? `#${r.uid}`, r.details?.fullName ?? '', r.details?.birthDate ?? '', r.details?.address ?? '', r.details?.taxNumber ?? '',
      when(p.at), `order ${p.orderId}`, p.title.ru || p.title['en-GB'], p.value, r.total,
    ]));
    const header = ['member', 'full_name', 'birth_date', 'address', 'tax_number', `received (${timeZone})`, 'source', 'prize', 'value_rub', 'year_total_rub'];
    return { filename: `seller-prizes-${year}.csv`, csv: toCsv(header, lines, { excel: true }), prizes: lines.length };
  }

  /** The member's data on request (a deleted account): details and prize records go. */
  async deleteMember(uid: number): Promise<void> {
    const keys = await this.db.getSortedSetRange(K.member(uid), 0, -1);
    for (const k of keys) {
      await this.db.sortedSetRemove(K.all, k);
      await this.db.delete(K.record(k));
    }
    await this.db.deleteAll([K.member(uid), K.details(uid)]);
  }

}
