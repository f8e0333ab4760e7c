/**
 * Tax records of the sellers' prizes (issue 16, item 7; seed 004 §7.2.4). Every prize a seller
 * receives is recorded with its value in roubles (1 seller point = 1 rouble): today each line of a
 * paid prize order (contest places and draw wins will be recorded the same way). When a prize — or
 * the seller's prizes of a calendar year, a setting — exceed the threshold, the seller gives the
 * details the tax report needs (full name, date of birth, address, tax number) before it ships.
 * Only admins see the details; the ACP exports a year as CSV; they go with the member's data.
 *
 * Every write is idempotent and one record is one key (store-tax.ts), so a payment finished twice or
 * after a crash records each prize once.
 */
import { refusable, type Result } from '../../kernel/result';
import { z } from 'zod';
import type { Caller, Host } from '../../host';
import { BonusError, keyArg } from '../../kernel/errors';
import { parseOrThrow } from '../../kernel/input';
import { localDateTime } from '../../kernel/periods';
import { toCsv } from '../../kernel/csv';
import { assertAdmin } from '../catalog';
import type { SettingsService } from '../settings';
import { TaxStore, type PrizeRecord, type TaxDetails } from './store-tax';

export type { PrizeRecord, TaxDetails } from './store-tax';

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
  private readonly store: TaxStore;

  constructor(private readonly host: Host, private readonly settings: SettingsService) {
    this.store = new TaxStore(host.db);
  }

  /** The prize lines of a paid order (idempotent). */
  async recordOrder(order: PaidOrder): Promise<void> {
    for (const [line, l] of order.lines.entries()) {
      const rec: PrizeRecord = { key: `order:${order.id}:${line}`, uid: order.uid, source: 'order', orderId: order.id, line, title: l.title, value: l.paidInPoints, at: order.createdAt };
      await this.store.put(rec);
    }
  }

  /**
   * A prize that is not a prize order (issue 17: contest places, the audience's choice, draw prizes
   * paid in points), under its own key: recorded once however often it is paid again.
   */
  async recordAward(award: { key: string; uid: number; source: 'contest' | 'draw'; title: { 'en-GB': string; ru: string }; value: number; at: number }): Promise<void> {
    await this.store.put({ ...award, key: `${award.source}:${award.key}`, orderId: 0, line: 0 });
  }

  /** A prize given back (its line refunded or the order cancelled): no longer received. */
  async voidOrderLine(uid: number, orderId: number, line: number): Promise<void> {
    await this.store.remove(uid, `order:${orderId}:${line}`);
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
    const all = await this.store.ofMember(order.uid);
    const own = all.some((r) => r.orderId === order.id) ? 0 : order.lines.reduce((sum, l) => sum + l.paidInPoints, 0);
    return this.yearTotal(all, order.createdAt, s.timeZone) + own > s.retailTaxThreshold;
  }

  details(uid: number): Promise<TaxDetails | null> {
    return this.store.details(uid);
  }

  /** Does the seller owe their details: a recorded prize (or this year's prizes) above the threshold, none given yet. */
  async needed(uid: number): Promise<boolean> {
    if ((await this.details(uid)) !== null) return false;
    const s = await this.settings.get();
    const recs = await this.store.ofMember(uid);
    if (s.retailTaxScope === 'prize') return recs.some((r) => r.value > s.retailTaxThreshold);
    return this.yearTotal(recs, this.host.clock.now(), s.timeZone) > s.retailTaxThreshold;
  }

  /** May the order be shipped: no details needed, or given. */
  async mayShip(order: PaidOrder): Promise<boolean> {
    return !(await this.required(order)) || (await this.details(order.uid)) !== null;
  }

  /** The seller gives (or corrects) the details; refused with the fields named, nothing written. */
  saveDetails(caller: Caller, input: unknown): Promise<Result<TaxDetails>> {
    return refusable(() => this.doSaveDetails(caller, input));
  }

  private async doSaveDetails(caller: Caller, input: unknown): Promise<TaxDetails> {
    if (!(caller.uid > 0)) throw new BonusError('error.not-logged-in', [], 'forbidden');
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
    await this.store.saveDetails(caller.uid, details);
    return details;
  }

  /** A year's prizes per seller, with their details (admins only). */
  year(caller: Caller, year: number): Promise<Result<{ uid: number; records: PrizeRecord[]; total: number; details: TaxDetails | null }[]>> {
    return refusable(() => this.doYear(caller, year));
  }

  private async doYear(caller: Caller, year: number): Promise<{ uid: number; records: PrizeRecord[]; total: number; details: TaxDetails | null }[]> {
    await assertAdmin(this.host, caller);
    const { timeZone } = await this.settings.get();
    const start = Date.UTC(year - 1, 11, 30);
    const end = Date.UTC(year + 1, 0, 2);
    const recs = (await this.store.between(start, end)).filter((r) => localDateTime(r.at, timeZone).year === year);
    const byUid = new Map<number, PrizeRecord[]>();
    for (const r of recs) byUid.set(r.uid, [...(byUid.get(r.uid) ?? []), r]);
    return Promise.all([...byUid].map(async ([uid, records]) => ({ uid, records, total: records.reduce((a, r) => a + r.value, 0), details: await this.details(uid) })));
  }

  /** The year as CSV, one line per prize, for the tax report. */
  exportYear(caller: Caller, year: number): Promise<Result<{ filename: string; csv: string; prizes: number }>> {
    return refusable(() => this.doExportYear(caller, year));
  }

  private async doExportYear(caller: Caller, year: number): Promise<{ filename: string; csv: string; prizes: number }> {
    const rows = await this.doYear(caller, year);
    const { timeZone } = await this.settings.get();
    const users = await this.host.users.getUsers(rows.map((r) => r.uid));
    const pad = (n: number) => String(n).padStart(2, '0');
    const when = (ms: number) => {
      const t = localDateTime(ms, timeZone);
      return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
    };
    const lines = rows.flatMap((r, i) => r.records.map((p) => [
      users[i]?.username ?? `#${r.uid}`, r.details?.fullName ?? '', r.details?.birthDate ?? '', r.details?.address ?? '', r.details?.taxNumber ?? '',
      when(p.at), p.source === 'order' ? `order ${p.orderId}` : `${p.source} ${p.key.slice(p.source.length + 1)}`, p.title.ru || p.title['en-GB'], p.value, r.total,
    ]));
    const header = ['member', 'full_name', 'birth_date', 'address', 'tax_number', `received (${timeZone})`, 'source', 'prize', 'value_rub', 'year_total_rub'];
    return { filename: `seller-prizes-${year}.csv`, csv: toCsv(header, lines, { excel: true }), prizes: lines.length };
  }

  /** The member's data on request (a deleted account): details and prize records go. */
  deleteMember(uid: number): Promise<void> {
    return this.store.deleteMember(uid);
  }
}
