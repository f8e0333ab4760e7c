/**
 * Checkout (PROGRAM §5–§7): the member's remembered contact and delivery data, the quote of the cart
 * (every rule, lib/modules/orders/domain-checkout.ts), and payment (lib/modules/orders/service-payment.ts).
 *
 * `pay(caller, {idempotencyKey, promoCode})` is one idempotent operation: the same key gives back the
 * same order, however many requests race (the key is claimed; the rest wait for the winner). The
 * winner, under the member's checkout lock: checks every rule again, writes the order, holds the
 * points (`hold:order:{id}`), reserves stock line by line, and captures the hold — the commit point.
 * Anything refused after the hold releases it and gives the reservations back (Medusa-style
 * compensation): the payment is the durable-steps workflow `order-pay`, and `recover()` (a job)
 * finishes one a crash stopped whose hold was captured and undoes any other. Capture and release share
 * one ledger key, so a slow request and the recovery job can never both win.
 */
import { refusable, type Result } from '../../kernel/result';
import type { Caller, Host } from '../../host/index';
import { effectiveStockMode, type Product } from '../catalog';
import { quote, type CheckoutLine, type PromoCode, type Quote } from './domain-checkout';
import type { ContactInfo, DeliveryAddress } from './domain';
import { stockField } from '../catalog';
import { ClientKeys, type Binding } from '../../kernel/idempotency';
import { BonusError } from '../../kernel/errors';
import type { OrderStore } from './store';
import type { CatalogService } from '../catalog';
import type { CartService } from './service-cart';
import type { OrdersService } from './service';
import type { SettingsService } from '../settings';
import { assertMember } from '../catalog';
import { parseOrThrow } from '../catalog';
import { contactSchema, deliverySchema, paySchema } from './input-checkout';
import { PaymentService, type PayResult } from './service-payment';

const DAY_MS = 86_400_000;

export type { PayResult } from './service-payment';
export { holdKey } from './service-payment';


export interface CheckoutQuote {
  lines: CheckoutLine[];
  products: Map<number, Product>;
  quote: Quote;
}


export class CheckoutService {
  readonly store: OrderStore;
  private readonly payment: PaymentService;

  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly catalog: CatalogService,
    private readonly cart: CartService,
    private readonly orders: OrdersService,
  ) {
    this.store = orders.store;
    this.keys = new ClientKeys(host.db);
    this.payment = new PaymentService(host, catalog, cart, settings, orders, (uid, promoCode) => this.doQuoteFor({ uid }, promoCode, true));
  }

  private readonly keys: ClientKeys;

  // --- remembered data -------------------------------------------------------------------------

  /** The member's last contact and delivery data; the contact defaults to their forum name and e-mail. */
  profile(caller: Caller): Promise<Result<{ contact: ContactInfo; delivery: DeliveryAddress | null; hasContact: boolean }>> {
    return refusable(() => this.doProfile(caller));
  }

  private async doProfile(caller: Caller): Promise<{ contact: ContactInfo; delivery: DeliveryAddress | null; hasContact: boolean }> {
    assertMember(caller);
    const saved = await this.store.getProfile(caller.uid);
    if (saved.contact) return { contact: saved.contact, delivery: saved.delivery, hasContact: true };
    const [user] = await this.host.users.getUsers([caller.uid]);
    return { contact: { name: user?.displayname ?? '', email: user?.email ?? '', phone: '' }, delivery: saved.delivery, hasContact: false };
  }

  saveContact(caller: Caller, input: unknown): Promise<Result<ContactInfo>> {
    return refusable(() => this.doSaveContact(caller, input));
  }

  private async doSaveContact(caller: Caller, input: unknown): Promise<ContactInfo> {
    assertMember(caller);
    const contact = parseOrThrow(contactSchema, input);
    await this.store.setProfile(caller.uid, 'contact', contact);
    return contact;
  }

  saveDelivery(caller: Caller, input: unknown): Promise<Result<DeliveryAddress>> {
    return refusable(() => this.doSaveDelivery(caller, input));
  }

  private async doSaveDelivery(caller: Caller, input: unknown): Promise<DeliveryAddress> {
    assertMember(caller);
    const delivery = parseOrThrow(deliverySchema, input);
    await this.store.setProfile(caller.uid, 'delivery', delivery);
    return delivery;
  }

  // --- quote -----------------------------------------------------------------------------------

  /** The cart priced and checked; `withDelivery` adds the delivery rules for the saved address. */
  quoteFor(caller: Caller, promoCode: string, withDelivery: boolean): Promise<Result<CheckoutQuote>> {
    return refusable(() => this.doQuoteFor(caller, promoCode, withDelivery));
  }

  private async doQuoteFor(caller: Caller, promoCode: string, withDelivery: boolean): Promise<CheckoutQuote> {
    assertMember(caller);
    const uid = caller.uid;
    const [lines, settings, rules, saved] = await Promise.all([
      this.cart.store.lines(uid), this.settings.get(), this.catalog.deliveryRules(), this.store.getProfile(uid),
    ]);
    const ids = [...new Set(lines.map((l) => l.productId))];
    // every line's stock counter is read with the products (issue 14: one round trip): only the
    // products tell which of them count stock, and a counter nobody counts is just not used
    const fields = [...new Set(lines.map((l) => stockField(l.productId, l.variantId)))];
    const [found, counts] = await Promise.all([Promise.all(ids.map((id) => this.catalog.getProduct(id))), fields.length ? this.catalog.stock.counts(fields) : {}]);
    const products = new Map(found.filter((p): p is Product => p !== null).map((p) => [p.id, p]));
    // Purchase limits look back at most their window: only that stretch of the member's purchases
    // is read (never their whole history), and nothing when no product in the cart has a limit.
    const now = this.host.clock.now();
    const windowMonths = Math.max(0, ...[...products.values()].map((p) => p.limit?.months ?? 0));
    const available = this.availability(lines, products, counts);
    const history = windowMonths > 0 ? await this.store.purchasesSince(uid, now - (windowMonths * 31 + 1) * DAY_MS) : [];
    const memberGroups = promoCode.trim() ? (await this.host.groups.getUserGroupNames([uid]))[0] ?? [] : [];
    const promos: PromoCode[] = [
      { code: settings.promoCodeActivists, group: settings.roleActivists, percent: settings.discountActivists },
      { code: settings.promoCodeConsultants, group: settings.roleConsultants, percent: settings.discountConsultants },
      { code: settings.promoCodeOldTimers, group: settings.roleOldTimers, percent: settings.discountOldTimers },
      { code: settings.promoCodeClubCouncil, group: settings.roleClubCouncil, percent: settings.discountClubCouncil },
    ].filter((p) => p.code !== '' && p.group !== '');
    const delivery = withDelivery && saved.delivery ? { method: saved.delivery.method, country: saved.delivery.country } : null;
    // a club cart asks nothing of the sellers' programme (who is a seller, the gate)
    const prizes = [...products.values()].some((p) => p.programme === 'sellers');
    const [memberProgrammes, gate] = prizes
      ? await Promise.all([this.catalog.programmesOf(uid), this.orders.prizeGate?.status(uid) ?? null])
      : [['club'] as const, null];
    const q = quote({
      memberProgrammes, gate,
      lines, products, available, delivery, deliveryRules: rules, pickupOffered: settings.pickupPlace !== '', promoCode,
      memberGroups, promos, minSouvenirOrder: settings.minSouvenirOrder, history, now,
    });
    return { lines, products, quote: q };
  }

  /** The largest discount a promo code of one of the member's groups would give (0 without one). */
  bestDiscountPercent(caller: Caller): Promise<Result<number>> {
    return refusable(() => this.doBestDiscountPercent(caller));
  }

  private async doBestDiscountPercent(caller: Caller): Promise<number> {
    assertMember(caller);
    const [settings, groups] = await Promise.all([this.settings.get(), this.host.groups.getUserGroupNames([caller.uid])]);
    const mine = groups[0] ?? [];
    return Math.max(0, ...[
      [settings.promoCodeActivists, settings.roleActivists, settings.discountActivists],
      [settings.promoCodeConsultants, settings.roleConsultants, settings.discountConsultants],
      [settings.promoCodeOldTimers, settings.roleOldTimers, settings.discountOldTimers],
      [settings.promoCodeClubCouncil, settings.roleClubCouncil, settings.discountClubCouncil],
    ].filter(([code, group]) => code !== '' && group !== '' && mine.includes(String(group))).map(([, , percent]) => Number(percent)));
  }

  /** Display counters per stock key (the binding check is the reservation at payment). */
  private availability(lines: CheckoutLine[], products: Map<number, Product>, counts: Record<string, number>): Map<string, number> {
    const out = new Map<string, number>();
    const counted: { key: string; field: string }[] = [];
    for (const l of lines) {
      const p = products.get(l.productId);
      if (!p) continue;
      const key = `${l.productId}:${l.variantId ?? ''}`;
      const mode = effectiveStockMode(p);
      if (mode === 'counted') counted.push({ key, field: stockField(p.id, l.variantId) });
      else if (mode === 'manual') {
        const flag = l.variantId ? p.variants.find((v) => v.id === l.variantId)?.inStock : p.inStock;
        if (!flag) out.set(key, 0);
      }
    }
    for (const c of counted) out.set(c.key, counts[c.field] ?? 0);
    return out;
  }

  // --- payment ---------------------------------------------------------------------------------

  /** See the file comment; the work is the payment service's. */
  pay(caller: Caller, input: unknown): Promise<Result<PayResult>> {
    return refusable(() => this.doPay(caller, input));
  }

  private async doPay(caller: Caller, input: unknown): Promise<PayResult> {
    assertMember(caller);
    const req = parseOrThrow(paySchema, input);
    // The key stands for this payment only (issue 11, item 3); a refused payment frees it. Bound in
    // the payment's first round trip (issue 14).
    // (`paySchema` checked the key's form: binding it cannot refuse it as malformed after the
    // payment's first writes.)
    const key = req.idempotencyKey;
    const bound: { binding?: Binding } = {};
    const bind = async () => {
      bound.binding = await this.keys.bind('pay', caller.uid, key, { promoCode: req.promoCode, expectedTotal: req.expectedTotal ?? null });
    };
    try {
      return await this.payment.pay(caller.uid, key, req.promoCode, req.expectedTotal, bind);
    } catch (err) {
      if (err instanceof BonusError && bound.binding && (await this.store.orderIdByKey(caller.uid, key)) === null) await bound.binding.release();
      throw err;
    }
  }

  /** The job: payments stopped by a crash (older than the lease) are finished or undone. */
  recover(): Promise<number> {
    return this.payment.recover();
  }
}
