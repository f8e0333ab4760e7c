/**
 * The retail sellers' programme as members and admins meet it (issue 16, items 2–4 and 8): joining
 * (one membership per person, seed §5.1.3), the admin's approval, rejection and annulment (§5.5),
 * registering sales under the programme's settings, the retail products list, the registry and
 * blacklist imports, and the figures of the seller's page.
 *
 * A member's application and annulment run under the member's lock; approval, rejection and
 * annulment are durable workflows (a crash between the status, the group and the write-off is
 * finished by the recovery job).
 */
import { refusable, type Result } from '../../kernel/result';
import { annulmentKey } from './ledger-keys';
import type { Host } from '../../host';
import type { LedgerService } from '../ledger';
import type { SettingsService } from '../settings';
import { BonusError, countedToken, translationToken } from '../../kernel/errors';
import { LeaseLocks } from '../../kernel/lease';
import { settled, type StepsService, type Workflow } from '../../kernel/steps-service';
import { pastedLines } from './domain';
import { RetailService, type RegisterResult } from './service';
import { TaxRecords } from './service-tax';
import { RetailAdmin, type Caller } from './service-retail-admin';
import { assertAdmin, isSafeImageUrl } from '../catalog';
import type { PrizeGate } from '../orders';
import { RETAIL_KEYS, type SellerRecord, type SellerStatus } from './store';

export type { Caller, ImportReport } from './service-retail-admin';
export { IMPORT_CHUNK } from './service-retail-admin';

export interface Application {
  shopName: string;
  city: string;
  address: string;
  eligible: boolean;
  code: string;
  productId: string;
}

/** The shop fields' limits (characters). */
export const SHOP_LIMITS = { shopName: 200, city: 100, address: 300 } as const;
const LOCK_MS = 30_000;
/** The most active sellers whose gate the ACP dashboard reads. */
const DASHBOARD_SELLERS = 2000;

interface StatusData { uid: number; reason: string; at: number; group: string }


export class SellersService extends RetailAdmin {
  /** Tax records of the prizes (§7.2.4). */
  readonly tax: TaxRecords;
  private readonly locks: LeaseLocks;
  private readonly approveFlow: Workflow<StatusData>;
  private readonly rejectFlow: Workflow<StatusData>;
  private readonly annulFlow: Workflow<StatusData>;

  constructor(host: Host, settings: SettingsService, readonly ledger: LedgerService, private readonly steps: StepsService) {
    super(host, settings, new RetailService(host.db, host.clock, ledger, { steps, timeZone: async () => (await settings.get()).timeZone }));
    this.locks = new LeaseLocks(host.db, RETAIL_KEYS.locks, RETAIL_KEYS.lockLeases);
    this.tax = new TaxRecords(host, settings);
    this.approveFlow = steps.register(this.statusWorkflow('retail-approve', 'active'));
    this.rejectFlow = steps.register(this.statusWorkflow('retail-reject', 'rejected'));
    this.annulFlow = steps.register(this.statusWorkflow('retail-annul', 'annulled'));
  }

  /**
   * The ACP dashboard's sellers block (issue 21): the day figures of the given days (registrations,
   * refusals by reason, review decisions: RETAIL_KEYS.figures), the review queue's size and its oldest
   * sale's time, the active sellers and how many of them may order a prize now (the gate, §6.2.1).
   * The gate is read per active seller, two counts each in one batch, for at most
   * DASHBOARD_SELLERS of them (beyond that the figure is of the first ones, and says so).
   */
  async dashboardSummary(days: string[]): Promise<{
    days: Record<string, number>[]; review: number; oldestReviewAt: number | null;
    active: number; pending: number; eligible: number; eligibleOf: number;
  }> {
    const [rows, queue, active, pending, s] = await Promise.all([
      this.store.figures(days), this.store.reviewOldest(), this.store.membersPage('active', 0, DASHBOARD_SELLERS - 1),
      this.store.membersPage('pending', 0, 0), this.settings.get(),
    ]);
    const [oldest, gates] = await Promise.all([
      queue.oldestId === null ? Promise.resolve(null) : this.store.getSale(queue.oldestId),
      Promise.all(active.uids.map(async (uid) => {
        const [accepted, used] = await Promise.all([this.store.acceptedCount(uid), this.store.gateUsed(uid)]);
        return accepted - used >= s.retailGateSales;
      })),
    ]);
    return {
      days: rows, review: queue.count, oldestReviewAt: oldest?.createdAt ?? null,
      active: active.total, pending: pending.total, eligible: gates.filter(Boolean).length, eligibleOf: active.uids.length,
    };
  }

  // --- membership ---

  member(uid: number): Promise<SellerRecord | null> {
    return this.store.getMember(uid);
  }

  /**
   * `/bonus/sellers` application: the shop, the eligibility confirmation and the first box code.
   * The code is checked before anything is written; with automatic approval the member joins at
   * once and the code is registered as a seller's, otherwise it waits in the review queue.
   */
  apply(caller: Caller, input: Application): Promise<Result<{ seller: SellerRecord; first: RegisterResult }>> {
    return refusable(() => this.doApply(caller, input));
  }

  private async doApply(caller: Caller, input: Application): Promise<{ seller: SellerRecord; first: RegisterResult }> {
    if (caller.uid <= 0) throw new BonusError('error.not-logged-in', [], 'forbidden');
    const shopName = input.shopName.trim();
    const city = input.city.trim();
    const address = input.address.trim();
    if (!shopName || shopName.length > SHOP_LIMITS.shopName) throw new BonusError('error.retail.shop-name');
    if (!city || city.length > SHOP_LIMITS.city) throw new BonusError('error.retail.city');
    if (!address || address.length > SHOP_LIMITS.address) throw new BonusError('error.retail.address');
    if (!input.eligible) throw new BonusError('error.retail.eligibility');
    const now = this.host.clock.now();
    return this.underLock(caller.uid, async () => {
      const existing = await this.store.statusOf(caller.uid);
      if (existing && existing !== 'rejected') throw new BonusError(existing === 'annulled' ? 'error.retail.annulled' : 'error.retail.already-applied', [], 'conflict');
      const s = await this.settings.get();
      const automatic = s.retailApproval === 'automatic';
      const config = await this.config(automatic);
      const refusal = await this.sales.precheck(input.code, input.productId, config);
      if (refusal) throw new BonusError(`retail.refusal.${refusal}`);
      await this.store.writeApplication({ uid: caller.uid, status: 'pending', shopName, city, address, appliedAt: now });
      const first = await this.sales.register(caller.uid, input.code, input.productId, config);
      if (automatic) await this.steps.run(this.approveFlow, String(caller.uid), { uid: caller.uid, reason: '', at: now, group: s.retailSellersGroup });
      else await this.notifyAdmins(caller.uid);
      return { seller: (await this.store.getMember(caller.uid))!, first };
    });
  }

  /** Runs `fn` under the member's lock: one application or decision on a member at a time. */
  private async underLock<T>(uid: number, fn: () => Promise<T>): Promise<T> {
    const lock = `member:${uid}`;
    // a second try takes over a lock whose holder stopped (the first try broke its ended lease)
    const held = (await this.locks.tryLock(lock, this.host.clock.now(), LOCK_MS)) || (await this.locks.tryLock(lock, this.host.clock.now(), LOCK_MS));
    if (!held) throw new BonusError('error.retail.busy', [], 'conflict');
    try {
      return await fn();
    } finally {
      await this.locks.unlock(lock);
    }
  }

  /** Registers pasted codes (one per line) for an active seller: a report per line. */
  register(caller: Caller, text: string, productId: string, photo = ''): Promise<Result<{ line: number; raw: string; result: RegisterResult }[]>> {
    return refusable(() => this.doRegister(caller, text, productId, photo));
  }

  private async doRegister(caller: Caller, text: string, productId: string, photo = ''): Promise<{ line: number; raw: string; result: RegisterResult }[]> {
    if ((await this.store.statusOf(caller.uid)) !== 'active') throw new BonusError('retail.refusal.not-a-seller', [], 'forbidden');
    const lines = pastedLines(text);
    if (lines.length === 0) throw new BonusError('error.retail.no-codes');
    if (lines.length > 100) throw new BonusError('error.retail.too-many-codes', [100]);
    // the box photo (optional): an image on the forum (NodeBB's uploader) or an http(s) address
    const image = photo.trim();
    if (image !== '' && !isSafeImageUrl(image)) throw new BonusError('error.retail.photo');
    return this.sales.registerMany(caller.uid, text, productId, await this.config(true), image);
  }

  approve(caller: Caller, uid: number): Promise<Result<SellerRecord>> {
    return refusable(() => this.doApprove(caller, uid));
  }

  private async doApprove(caller: Caller, uid: number): Promise<SellerRecord> {
    await assertAdmin(this.host, caller);
    return this.underLock(uid, async () => {
      if ((await this.mustStatus(uid)) !== 'pending') throw new BonusError('error.retail.not-pending', [], 'conflict');
      const s = await this.settings.get();
      const run = await this.steps.run(this.approveFlow, String(uid), { uid, reason: '', at: this.host.clock.now(), group: s.retailSellersGroup });
      if (!run.started) throw new BonusError('error.retail.not-pending', [], 'conflict');
      return (await this.store.getMember(uid))!;
    });
  }

  reject(caller: Caller, uid: number, reason: unknown): Promise<Result<SellerRecord>> {
    return refusable(() => this.doReject(caller, uid, reason));
  }

  private async doReject(caller: Caller, uid: number, reason: unknown): Promise<SellerRecord> {
    await assertAdmin(this.host, caller);
    const text = this.reasonOf(reason);
    return this.underLock(uid, async () => {
      if ((await this.mustStatus(uid)) !== 'pending') throw new BonusError('error.retail.not-pending', [], 'conflict');
      // One rejection per application: the id names the application by its time.
      const run = await this.steps.run(this.rejectFlow, `${uid}-${await this.store.appliedAt(uid)}`, { uid, reason: text, at: this.host.clock.now(), group: '' });
      if (!run.started) throw new BonusError('error.retail.not-pending', [], 'conflict');
      return (await this.store.getMember(uid))!;
    });
  }

  /** §5.5: the seller is excluded; the seller points balance is written off; pending sales are rejected. */
  annul(caller: Caller, uid: number, reason: unknown): Promise<Result<SellerRecord>> {
    return refusable(() => this.doAnnul(caller, uid, reason));
  }

  private async doAnnul(caller: Caller, uid: number, reason: unknown): Promise<SellerRecord> {
    await assertAdmin(this.host, caller);
    const text = this.reasonOf(reason);
    return this.underLock(uid, async () => {
      if ((await this.mustStatus(uid)) !== 'active') throw new BonusError('error.retail.not-active', [], 'conflict');
      const s = await this.settings.get();
      const run = await this.steps.run(this.annulFlow, String(uid), { uid, reason: text, at: this.host.clock.now(), group: s.retailSellersGroup });
      if (!run.started) throw new BonusError('error.retail.not-active', [], 'conflict');
      return (await this.store.getMember(uid))!;
    });
  }

  /** approve / reject / annul: the status, the forum group, the money, the member told — each step idempotent. */
  private statusWorkflow(name: string, status: SellerStatus): Workflow<StatusData> {
    const flow: Workflow<StatusData> = {
      name,
      steps: [
        { name: 'status', run: async (d) => this.store.writeStatus(d.uid, status, d.at, d.reason) },
        {
          name: 'group',
          run: async (d) => {
            if (status === 'active' && d.group) await this.host.groups.join(d.group, d.uid);
            if (status === 'annulled' && d.group) await this.host.groups.leave(d.group, d.uid);
          },
        },
        {
          name: 'sales',
          // a rejected applicant's and an annulled seller's sales under review are rejected with the reason
          run: async (d) => {
            if (status === 'active') return;
            for (const sale of await this.sales.sales(d.uid)) {
              if (sale.status === 'pending') await this.sales.decide(sale.id, 'reject', d.reason);
            }
          },
        },
        {
          name: 'write-off',
          run: async (d) => {
            if (status !== 'annulled') return;
            const balance = await this.ledger.balance(d.uid);
            if (balance.spendable > 0) {
              settled(await this.ledger.debit({ uid: d.uid, amount: balance.spendable, key: annulmentKey(d.uid, d.at), reason: 'retail-annulled' }), `retail annulment of ${d.uid}`);
            }
          },
        },
        {
          name: 'notify',
          run: async (d, ctx) => ctx.once('notify', () => this.notifyMember(d.uid, `bonus:retail:${name}:${ctx.id}`, status, d.reason)),
        },
      ],
    };
    return flow;
  }

  /**
   * The gate (seed §6.2.1): accepted sales since joining or since the previous paid prize order (a
   * prize order uses every sale counted so far; one cancelled in full gives them back), out of the
   * number needed. `have` is capped at `need` for display.
   */
  async gate(uid: number): Promise<{ have: number; need: number; open: boolean }> {
    const [available, s] = await Promise.all([this.gateAvailable(uid), this.settings.get()]);
    return { have: Math.min(available, s.retailGateSales), need: s.retailGateSales, open: available >= s.retailGateSales };
  }

  private async gateAvailable(uid: number): Promise<number> {
    const [accepted, used] = await Promise.all([this.store.acceptedCount(uid), this.store.gateUsed(uid)]);
    return Math.max(0, accepted - used);
  }

  /** An active seller (the prize shop is theirs; an applicant, a rejected or annulled seller is not). */
  /**
   * The active sellers with at least one accepted sale registered in [start, end) (issue 17, the
   * monthly draw): each with the time of their first such sale and how many they have.
   */
  async monthSellers(start: number, end: number): Promise<{ uid: number; firstSaleAt: number; acceptedSales: number }[]> {
    const { uids } = await this.store.membersPage('active', 0, -1);
    const out: { uid: number; firstSaleAt: number; acceptedSales: number }[] = [];
    for (const uid of uids) {
      const accepted = (await this.store.sellerSalesBetween(uid, start, end)).filter((x) => x.status === 'accepted');
      if (accepted.length) out.push({ uid, firstSaleAt: Math.min(...accepted.map((x) => x.createdAt)), acceptedSales: accepted.length });
    }
    return out;
  }

  async isActive(uid: number): Promise<boolean> {
    return uid > 0 && (await this.store.statusOf(uid)) === 'active';
  }

  /**
   * The gate as the orders module uses it. `consume` runs under the member's checkout lock (so two
   * prize orders are decided one after the other), refuses a member who is not an active seller,
   * and is idempotent per order (a payment finished after a crash asks again and gets the same yes).
   */
  prizeGate(): PrizeGate {
    return {
      recordPaid: (order) => this.tax.recordOrder(order),
      voidLine: (order, line) => this.tax.voidOrderLine(order.uid, order.id, line),
      mayShip: (order) => this.tax.mayShip(order),
      status: (uid) => this.gate(uid),
      consume: async (uid, orderId) => {
        if ((await this.store.gateUseOf(uid, orderId)) !== null) return true;
        if (!(await this.isActive(uid))) return false;
        const [available, s] = await Promise.all([this.gateAvailable(uid), this.settings.get()]);
        if (available < s.retailGateSales) return false;
        await this.store.useGate(uid, orderId, available);
        return true;
      },
      restore: (uid, orderId) => this.store.restoreGate(uid, orderId),
    };
  }

  // --- helpers ---

  private reasonOf(reason: unknown): string {
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (!text) throw new BonusError('error.retail.reason-required');
    if (text.length > 500) throw new BonusError('error.retail.reason-too-long', [500]);
    return text;
  }

  private async mustStatus(uid: number): Promise<SellerStatus> {
    const status = await this.store.statusOf(uid);
    if (!status) throw new BonusError('error.retail.seller-not-found', [], 'not-found');
    return status;
  }

  private async notifyAdmins(uid: number): Promise<void> {
    const admins = await this.host.groups.getMembers('administrators', 0, 49);
    // (the host's messaging is best effort: lib/kernel/best-effort.ts logs a failure)
    if (admins.length) await this.host.messaging.notify({ type: 'bonus-retail', nid: `bonus:retail:applied:${uid}`, bodyShort: translationToken('notify.retail-applied'), path: '/admin/plugins/bonus/sellers' }, admins);
  }

  /** The text is written in the member's language; the admin's reason is text, never a key. */
  private async notifyMember(uid: number, nid: string, status: SellerStatus, reason: string): Promise<void> {
    const lang = await this.host.users.getLanguage(uid).catch(() => 'en-GB');
    const bodyShort = status === 'active' ? countedToken(lang, 'notify.retail-approved') : countedToken(lang, `notify.retail-${status}`, [reason]);
    await this.host.messaging.notify({ type: 'bonus-retail', nid, bodyShort, path: '/bonus/sellers' }, [uid]);
  }
}

