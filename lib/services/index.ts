import type { Host } from '../host';
import { SettingsService } from './settings';
import { CatalogService } from './catalog';
import { CatalogAdminService } from './catalog-admin';
import { CodesService } from './codes';
import { CartService } from './cart';
import { LedgerService } from './ledger';
import { OperationsService } from './operations';
import { Announcer } from './announcer';
import { OrdersService } from './orders';
import { CheckoutService } from './checkout';
import { OrdersAdminService } from './orders-admin';
import { ClaimsService } from './claims';
import { createEarningServices, type EarningServices } from './earning-services';
import { TransferService } from './transfers';
import { LoanService } from './loans';
import { withLoanAutoRepay } from './loan-autorepay';
import { bestEffortMessaging } from './best-effort';
import { StepsService } from './steps';

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
}

export function createServices(rawHost: Host): Services {
  const host = bestEffortMessaging(rawHost);
  const steps = new StepsService(host);
  const settings = new SettingsService(host);
  const catalog = new CatalogService(host, settings);
  const ledger = new LedgerService(host);
  const announcer = new Announcer(host, settings);
  const loans = new LoanService(host, settings, ledger, steps);
  const codes = new CodesService(host);
  const cart = new CartService(host, catalog);
  const orders = new OrdersService(host, ledger, catalog, codes, settings);
  // The earning rules pay through the ledger; a share of new earnings may repay an open loan.
  const earningServices = createEarningServices(host, settings, withLoanAutoRepay(host, ledger, loans), announcer);
  // Points whose hold window has ended are settled for the member before they spend.
  ledger.settleDueBeforeSpending((uid) => earningServices.earning.settleMember(uid, host.clock.now()));
  return {
    host,
    steps,
    settings,
    catalog,
    catalogAdmin: new CatalogAdminService(host, settings),
    codes,
    cart,
    ledger,
    operations: new OperationsService(host, ledger, announcer),
    transfers: new TransferService(host, settings, ledger, steps),
    loans,
    ...earningServices,
    orders,
    checkout: new CheckoutService(host, settings, catalog, cart, ledger, orders),
    ordersAdmin: new OrdersAdminService(host, settings, orders),
    claims: new ClaimsService(host, orders, ledger),
  };
}
