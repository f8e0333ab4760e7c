/**
 * Member pages of the store (`/bonus/store`, `/bonus/store/product/:id`) and the add-to-cart API.
 * Every string is a language key; product text is data, rendered escaped (`{…}`) by the templates.
 */
import type { ApiRoute, PageResult, RequestContext } from '../../host/index';
import { parseId } from '../../kernel/input';
import { mapOk } from '../../kernel/result';
import type { Services } from '../../services';
import { countryNameKey } from '../../kernel/countries';
import type { RuleNotice } from '../orders';
import { MAX_LINE_QUANTITY } from '../orders';
import { counted, countedToken, translationToken } from '../../kernel/errors';
import type { Programme } from '../../kernel/programmes';

export interface BalanceView {
  spendable: number;
  pending: number;
}

/** The member's balance in one programme, for the store's "Points" menu; guests have none. */
export async function readBalance(services: Services, uid: number, programme: Programme = 'club'): Promise<BalanceView | null> {
  if (!(uid > 0)) return null;
  const b = await (programme === 'sellers' ? services.sellers.ledger : services.ledger).balance(uid);
  return { spendable: b.spendable, pending: b.pending };
}

/** The counted phrase prices of a programme are written with ("5 points", "5 seller points"). */
export const unitKeyOf = (programme: Programme) => (programme === 'sellers' ? 'bonus:sellerpoints.count' : 'bonus:points.count');

const noticeView = (n: RuleNotice) => ({ key: n.key, countries: n.countries.map((code) => ({ code, nameKey: countryNameKey(code) })) });

/**
 * The store home (`/bonus/store`), or the sellers' prize shop (`/bonus/sellers/prizes`): the same
 * page over the products of one programme, priced in its points. The prize shop is for active
 * sellers only (anyone else is sent to the sellers' page, where they can apply).
 */
export async function storePage(services: Services, ctx: RequestContext, programme: Programme = 'club'): Promise<PageResult> {
  const rp = ctx.relativePath;
  const prizes = programme === 'sellers';
  if (prizes && !(await services.sellers.isActive(ctx.uid))) return { kind: 'redirect', to: `${rp}/bonus/sellers` };
  const [groups, balance, cart, gate] = await Promise.all([
    services.catalog.storeHome(ctx.lang, programme), readBalance(services, ctx.uid, programme), services.cart.lines({ uid: ctx.uid }),
    prizes ? services.sellers.gate(ctx.uid) : Promise.resolve(null),
  ]);
  const unitKey = unitKeyOf(programme);
  const categories = groups.map((g, i) => ({
    anchor: g.id === null ? 'other' : String(g.id),
    title: g.title,
    hasTitle: g.title !== '',
    first: i === 0,
    products: g.products.map((p) => ({ ...p, unitKey, url: `${rp}/bonus/store/product/${p.id}` })),
  }));
  const title = prizes ? '[[bonus:prizes.title]]' : '[[bonus:store.title]]';
  return {
    kind: 'render',
    template: 'bonus/store',
    title,
    breadcrumbs: prizes
      ? [{ text: '[[bonus:home.title]]', url: `/bonus` }, { text: '[[bonus:retail.title]]', url: `/bonus/sellers` }, { text: title }]
      : [{ text: '[[bonus:home.title]]', url: `/bonus` }, { text: title }],
    data: {
      isPrizes: prizes,
      unitKey,
      gate: gate ? { ...gate, text: countedToken(ctx.lang, 'retail.gate', [gate.have, counted(gate.need, 'sales.gen')]) } : null,
      hasGate: gate !== null,
      sellersUrl: `${rp}/bonus/sellers`,
      storeUrl: `${rp}/bonus/store`,
      balance,
      hasBalance: balance !== null,
      cartItems: cart.ok ? cart.value.reduce((s, l) => s + l.quantity, 0) : 0,
      cartUrl: `${rp}/bonus/cart`,
      ordersUrl: `${rp}/bonus/orders`,
      purchasesUrl: `${rp}/bonus/purchases`,
      historyUrl: `${rp}/bonus/points`,
      categories,
      hasProducts: categories.length > 0,
    },
  };
}

export async function productPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const rp = ctx.relativePath;
  const id = parseId(ctx.params.id);
  if (id === null) return { kind: 'not-found' };
  const view = await services.catalog.productPage({ uid: ctx.uid }, id, ctx.lang);
  if (!view) return { kind: 'not-found' };
  const [balance, settings] = await Promise.all([readBalance(services, ctx.uid, view.programme), services.settings.get()]);
  const prize = view.programme === 'sellers';
  const limit = view.limit;
  const maxQuantity = Math.min(MAX_LINE_QUANTITY, limit?.maxUnits ?? MAX_LINE_QUANTITY);
  return {
    kind: 'render',
    template: 'bonus/product',
    // NodeBB translates a page's title (and the theme its breadcrumbs) as a key: the product's name is an argument
    title: translationToken('store.product-title', [view.title]),
    breadcrumbs: [
      prize ? { text: '[[bonus:prizes.title]]', url: `/bonus/sellers/prizes` } : { text: '[[bonus:store.title]]', url: `/bonus/store` },
      { text: translationToken('store.product-title', [view.title]) },
    ],
    data: {
      product: {
        ...view,
        unitKey: unitKeyOf(view.programme),
        regions: view.regions.map((r) => ({ code: r.code, nameKey: countryNameKey(r.code) })),
        notices: view.notices.map(noticeView),
        hasNotices: view.notices.length > 0,
        hasImages: view.images.length > 0,
        hasLowSizes: view.sizes.some((z) => z.low),
        hasDescription: view.description.trim() !== '',
        isPreview: view.visibility !== 'on-sale',
      },
      limit,
      hasLimit: limit !== null,
      limitKey: limit ? `limit.${limit.scope}` : '',
      maxQuantity,
      topUp: view.topUp,
      pickupPlace: settings.pickupPlace,
      hasPickupPlace: settings.pickupPlace !== '' && view.notices.some((n) => n.key === 'delivery.notice.russia-only'),
      balance,
      hasBalance: balance !== null,
      storeUrl: prize ? `${rp}/bonus/sellers/prizes` : `${rp}/bonus/store`,
      cartUrl: `${rp}/bonus/cart`,
      isPrize: prize,
    },
  };
}

export const storeApi = (services: Services): ApiRoute[] => [
  { method: 'post', path: '/bonus/store/cart', access: 'member', handler: (ctx) => services.cart.add({ uid: ctx.uid }, ctx.body) },
  { method: 'get', path: '/bonus/store/cart', access: 'member', handler: async (ctx) => mapOk(await services.cart.lines({ uid: ctx.uid }), (lines) => ({ lines })) },
];
