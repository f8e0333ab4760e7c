import type { Host } from './host/index';
import { SettingsService } from './modules/settings';
import { CatalogService } from './modules/catalog';
import { CatalogAdminService } from './modules/catalog';
import { CodesService } from './modules/catalog';
import { CartService } from './modules/orders';
import { LedgerService } from './modules/ledger';
import { OperationsService } from './modules/publishing';
import { Announcer } from './modules/publishing';
import { OrdersService } from './modules/orders';
import { CheckoutService } from './modules/orders';
import { OrdersAdminService } from './modules/orders';
import { ClaimsService } from './modules/orders';
import { createEarningServices, type EarningServices } from './modules/earning';
import { TransferService } from './modules/finance';
import { LoanService } from './modules/finance';
import { withLoanAutoRepay } from './modules/finance';
import { bestEffortMessaging } from './kernel/best-effort';
import { StepsService } from './kernel/steps-service';
import { SellersService } from './modules/retail';
import { ContestService, DrawService } from './modules/events';
import { QuizzesService } from './modules/quizzes';
import { GameService } from './modules/game';
import { LicencesService, maskCode } from './modules/licences';
import { RequestsService } from './modules/requests';
import { EconomyService } from './modules/economy';

/**
 * The plugin's use cases, built once per process around one Host. Features get this container, so
 * that one feature calls another's service instead of its store. Each service is added here.
 */
export interface Services extends EarningServices {
  host: Host;
  /** The durable-steps runner every workflow registers on, and its recovery job's entry point. */
  steps: StepsService;
  settings: SettingsService;
  catalog: CatalogService;
  catalogAdmin: CatalogAdminService;
  codes: CodesService;
  cart: CartService;
  ledger: LedgerService;
  operations: OperationsService;
  transfers: TransferService;
  loans: LoanService;
  orders: OrdersService;
  checkout: CheckoutService;
  ordersAdmin: OrdersAdminService;
  claims: ClaimsService;
  /** The retail sellers' programme (issue 16), paid through its own ledger (programme `sellers`). */
  sellers: SellersService;
  /** The sellers' shop-window photo contest (issue 17). */
  contest: ContestService;
  /** The sellers' monthly prize draw (issue 17). */
  draw: DrawService;
  /** The sellers' training quizzes (issue 18 part 1). */
  quizzes: QuizzesService;
  /** The sellers' box-code game (issue 18): plays from accepted codes, scores proven by replay. */
  game: GameService;
  /** The member's licences (issue 19): codes bought or added by hand, seats, registry, reminders. */
  licences: LicencesService;
  /** Support requests (issue 20): a member's private conversation with the staff group of the settings. */
  requests: RequestsService;
  /** The economy's daily figures (issue 21), written with every ledger entry; the ACP dashboard reads them. */
  economy: EconomyService;
}

export function createServices(rawHost: Host): Services {
  const host = bestEffortMessaging(rawHost);
  const steps = new StepsService(host);
  const settings = new SettingsService(host);
  const catalog = new CatalogService(host, settings);
  const ledger = new LedgerService(host);
  const announcer = new Announcer(host, settings);
  const loans = new LoanService(host, settings, ledger, steps);
  const codes = new CodesService(host, steps);
  const cart = new CartService(host, catalog);
  const sellersLedger = new LedgerService(host, 'sellers');
  // Every entry of either ledger adds to the economy's daily figures (counted once per entry).
  const economy = new EconomyService(host, settings, { club: ledger, sellers: sellersLedger });
  economy.observeLedgers();
  const orders = new OrdersService(host, { club: ledger, sellers: sellersLedger }, catalog, codes, settings, steps);
  // The earning rules pay through the ledger; a share of new earnings may repay an open loan.
  const earningServices = createEarningServices(host, settings, withLoanAutoRepay(host, ledger, loans), announcer, steps);
  // Points whose hold window has ended are settled for the member before they spend.
  ledger.settleDueBeforeSpending((uid) => earningServices.earning.settleMember(uid, host.clock.now()));
  // A post's pending credit is noted, not written, until it settles: the member's pending list asks the earning rules what it is.
  ledger.describePendingNotes((keys) => earningServices.earning.describeNotes(keys));
  // The sellers' programme (PROGRAM §9): its prizes are for active sellers, paid through its ledger,
  // and a prize order uses the seller's accepted sales (the gate, kept by the retail module).
  const sellers = new SellersService(host, settings, sellersLedger, steps);
  catalog.useProgrammeMembership(async (uid) => ((await sellers.isActive(uid)) ? ['club', 'sellers'] : ['club']));
  orders.usePrizeGate(sellers.prizeGate());
  // "My licences" lists the codes bought in the store and counts their buyer on the code's seats.
  const licences = new LicencesService(host, settings);
  licences.usePurchases({
    boughtCodes: async (uid) => {
      const out = [];
      for (let start = 0; start < 1000; start += 50) {
        const page = await orders.memberLicenceOrdersPage({ uid }, start, 50);
        if (!page.ok) break;
        for (const state of page.value.orders) {
          const byLine = await orders.codesByLine({ uid }, state);
          if (!byLine.ok) continue;
          for (const [i, codes] of byLine.value) for (const code of codes) out.push({ code, orderId: state.order.id, at: state.order.createdAt, title: state.order.lines[i].title });
        }
        if (!page.value.hasMore) break;
      }
      return out;
    },
    soldCode: async (code) => {
      const orderId = await codes.soldOrderOf(code);
      const state = orderId ? await orders.state(orderId) : null;
      if (!state) return null;
      const byLine = await orders.codesByLine({ uid: state.order.uid }, state);
      const index = byLine.ok ? [...byLine.value].find(([, list]) => list.includes(code))?.[0] : undefined;
      const line = index !== undefined ? state.order.lines[index] : state.order.lines.find((l) => l.kind === 'license');
      return { uid: state.order.uid, orderId: state.order.id, title: line?.title ?? { 'en-GB': '', ru: '' } };
    },
  });
  // Support requests: step 2 offers the member's licences and orders; staff are the settings' group and admins.
  const DAY_MS = 24 * 60 * 60 * 1000;
  const memberOrders = async (uid: number) => {
    const page = await orders.memberOrdersPage({ uid }, 0, 100);
    return page.ok ? page.value.orders : [];
  };
  const requests = new RequestsService(host, {
    ownsLicence: async (uid, id) => (await licences.list(uid)).some((h) => h.id === id),
    ownsOrder: async (uid, id) => {
      const state = Number.isSafeInteger(id) && id > 0 ? await orders.state(id) : null;
      return state !== null && state.order.uid === uid;
    },
    licences: async (uid) => (await licences.list(uid)).map((h) => ({ id: h.id, label: maskCode(h.code), title: h.product, at: h.addedAt })),
    orders: async (uid) => (await memberOrders(uid)).map((st) => ({ id: st.order.id, label: `#${st.order.id}`, title: st.order.lines[0]?.title ?? null, at: st.order.createdAt })),
  }, {
    isStaff: async (uid) => {
      if (!(uid > 0)) return false;
      if (await host.privileges.isAdmin(uid)) return true;
      const group = (await settings.get()).requestsStaffGroup;
      return group !== '' && host.groups.isMember(uid, group);
    },
    handles: async (uid, handledBy) => {
      if (!(uid > 0)) return false;
      if (await host.privileges.isAdmin(uid)) return true;
      const group = handledBy === 'staff' ? (await settings.get()).requestsStaffGroup : handledBy;
      return group !== '' && host.groups.isMember(uid, group);
    },
    members: async (handledBy = 'staff') => {
      const group = handledBy === 'staff' ? (await settings.get()).requestsStaffGroup : handledBy;
      return [...(await host.groups.getMembers('administrators', 0, -1)), ...(group ? await host.groups.getMembers(group, 0, -1) : [])];
    },
  }, async () => {
    const s = await settings.get();
    return {
      timing: { reopenWindow: s.requestsReopenDays * DAY_MS, remindEvery: s.requestsReminderDays * DAY_MS, autoCloseAfter: s.requestsAutoCloseDays * DAY_MS },
      dailyLimit: s.requestsDailyLimit,
      maxFileBytes: s.requestsMaxFileKb * 1024,
    };
  });
  return {
    host,
    steps,
    settings,
    catalog,
    catalogAdmin: new CatalogAdminService(host, settings),
    codes,
    cart,
    ledger,
    operations: new OperationsService(host, ledger, announcer, { ledger: sellersLedger, isActive: (uid) => sellers.isActive(uid) }, steps),
    transfers: new TransferService(host, settings, ledger, steps),
    loans,
    ...earningServices,
    orders,
    checkout: new CheckoutService(host, settings, catalog, cart, orders),
    ordersAdmin: new OrdersAdminService(host, settings, orders, catalog),
    claims: new ClaimsService(host, orders),
    sellers,
    contest: new ContestService(host, settings, sellers, announcer),
    draw: new DrawService(host, settings, sellers, announcer),
    quizzes: new QuizzesService(host, sellers),
    game: new GameService(host, settings, sellers),
    licences,
    requests,
    economy,
  };
}
