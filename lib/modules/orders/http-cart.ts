/**
 * Member pages of the cart and the three-step checkout (`/bonus/cart`, `/bonus/checkout?step=1|2|3`)
 * and their write API. Refusals are translated here into the member's language (plain text, rendered
 * escaped); everything else in the templates is a language key.
 */
import type { ApiRoute, PageResult, RequestContext } from '../../host/index';
import { parseId } from '../../kernel/input';
import { mapOk, ok, refusedPage } from '../../kernel/result';
import type { Services } from '../../services';
import { counted, countedToken } from '../../kernel/errors';
import { COUNTRY_CODES, countryNameKey } from '../../kernel/countries';
import { localized } from '../catalog';
import { isRussiaOnly } from './domain-delivery';
import type { RefusalCode } from './domain-checkout';
import { refusalMessage } from './checkout-messages';
import { MAX_LINE_QUANTITY } from './service-cart';
import { readBalance, unitKeyOf } from '../catalog';

/** Refusals shown at the line they concern; the rest are shown above the totals. */
const LINE_REFUSALS: readonly RefusalCode[] = [
  'not-on-sale', 'choose-size', 'choose-region', 'top-up-amount', 'out-of-stock', 'not-enough-stock',
  'limit-exceeded', 'limit-quantity-too-large', 'delivery-refused', 'pickup-not-allowed', 'pickup-not-offered',
];

export async function cartView(services: Services, ctx: RequestContext, promoCode: string, withDelivery: boolean) {
  const caller = { uid: ctx.uid };
  const [quoted, saved, settings] = await Promise.all([
    services.checkout.quoteFor(caller, promoCode, withDelivery), services.checkout.profile(caller), services.settings.get(),
  ]);
  if (!quoted.ok) return quoted;
  if (!saved.ok) return saved;
  const { lines, products, quote: q } = quoted.value;
  const profile = saved.value;
  const country = withDelivery ? profile.delivery?.country ?? null : null;
  const lineMessages = new Map<number, { text: string }[]>();
  const messages: { text: string }[] = [];
  const say = async (r: (typeof q.refusals)[number]) => {
    const m = await refusalMessage(services.host, r, lines, products, ctx.lang, country);
    return { text: await services.host.translator.translate(countedToken(ctx.lang, m.key, m.args), ctx.lang) };
  };
  for (const r of q.refusals) {
    if (!(LINE_REFUSALS.includes(r.code) && r.lines.length)) {
      messages.push(await say(r));
      continue;
    }
    // under each line, its own message naming only that line's product
    for (const i of r.lines) {
      const own = lines[i] ? { ...r, lines: [i], productIds: [lines[i].productId] } : r;
      lineMessages.set(i, [...(lineMessages.get(i) ?? []), await say(own)]);
    }
  }
  const unitKey = unitKeyOf(q.programme);
  const viewLines = lines.map((l, index) => {
    const p = products.get(l.productId);
    const priced = q.lines.find((x) => x.index === index);
    const unitPrice = priced?.unitPriceInPoints ?? (p?.kind === 'mobile-top-up' ? l.amount ?? 0 : p?.priceInPoints ?? 0);
    const own = lineMessages.get(index) ?? [];
    return {
      index, unitKey, productId: l.productId, variantId: l.variantId ?? '', region: l.region ?? '', amount: l.amount ?? '',
      title: p ? localized(p.title, ctx.lang) : `#${l.productId}`, url: `${ctx.relativePath}/bonus/store/product/${l.productId}`,
      image: p?.images[0] ?? '', hasImage: !!p?.images.length,
      variantLabel: p?.variants.find((v) => v.id === l.variantId)?.label ?? '', hasVariant: !!l.variantId,
      isLicense: p?.kind === 'license', isTopUp: p?.kind === 'mobile-top-up',
      regions: (p?.activationRegions ?? []).map((code) => ({ code, nameKey: countryNameKey(code), selected: code === l.region })),
      unitPrice, quantity: l.quantity, lineTotal: unitPrice * l.quantity, paid: priced?.paidInPoints ?? unitPrice * l.quantity,
      maxQuantity: Math.min(MAX_LINE_QUANTITY, p?.limit?.maxUnits ?? MAX_LINE_QUANTITY),
      messages: own, hasMessages: own.length > 0, withoutBattery: priced?.withoutBattery ?? false,
    };
  });
  const data = {
    programme: q.programme, isPrizes: q.programme === 'sellers', unitKey,
    lines: viewLines, hasLines: viewLines.length > 0, messages, hasMessages: messages.length > 0,
    subtotal: q.subtotal, discount: q.discount, hasDiscount: q.discount > 0, promoPercent: q.promo?.percent ?? 0, total: q.total,
    souvenirSubtotal: q.souvenirSubtotal, minSouvenirOrder: settings.minSouvenirOrder, shipDays: settings.retailShipDays, needsShipping: q.needsShipping,
    canPay: q.refusals.length === 0, pickupAllowed: q.pickupAllowed,
    hasRussiaOnly: [...products.values()].some((p) => isRussiaOnly(p.deliveryClass) && lines.some((l) => l.productId === p.id)),
  };
  return ok({ data, profile, settings });
}

export async function cartPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const rp = ctx.relativePath;
  const view = await cartView(services, ctx, '', false);
  if (!view.ok) return refusedPage(view);
  const { data } = view.value;
  // the balance of the programme whose points pay for this cart; group discounts are the club's
  const [balance, best] = await Promise.all([
    readBalance(services, ctx.uid, data.programme), data.isPrizes ? Promise.resolve(ok(0)) : services.checkout.bestDiscountPercent({ uid: ctx.uid }),
  ]);
  const discount = best.ok ? best.value : 0;
  const phrase = data.isPrizes ? 'sellerpoints.count' : 'points.count';
  // "Proceed" only with enough points for the cart, saying why not (issue 15, item 12); the promo code
  // comes at the last step, so a cart the member's group discount would make affordable may proceed
  const short = balance !== null && data.hasLines && balance.spendable < Math.floor(data.total * (100 - discount) / 100);
  const messages = short
    ? [...data.messages, { text: await services.host.translator.translate(countedToken(ctx.lang, 'error.checkout.insufficient-points', [counted(data.total, phrase), counted(Math.max(0, balance.spendable), phrase)]), ctx.lang) }]
    : data.messages;
  return {
    kind: 'render',
    template: 'bonus/cart',
    title: '[[bonus:cart.title]]',
    breadcrumbs: [{ text: '[[bonus:store.title]]', url: `/bonus/store` }, { text: '[[bonus:cart.title]]' }],
    data: {
      ...data, messages, hasMessages: messages.length > 0, canPay: data.canPay && !short,
      balance, hasBalance: balance !== null, storeUrl: data.isPrizes ? `${rp}/bonus/sellers/prizes` : `${rp}/bonus/store`, checkoutUrl: `${rp}/bonus/checkout`,
    },
  };
}

const STEPS = ['information', 'delivery', 'confirm'] as const;

export async function checkoutPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const rp = ctx.relativePath;
  const promoCode = (ctx.query.promo ?? '').slice(0, 50);
  // the promo code entered at the last step travels with every step's link (back and forth)
  const url = (step: number) => `${rp}/bonus/checkout?${new URLSearchParams({ step: String(step), ...(promoCode ? { promo: promoCode } : {}) }).toString()}`;
  const requested = Math.min(3, parseId(ctx.query.step) ?? 1);
  const shown = await cartView(services, ctx, promoCode, requested === 3);
  if (!shown.ok) return refusedPage(shown);
  const { data: view, profile, settings } = shown.value;
  const balance = await readBalance(services, ctx.uid, view.programme);
  if (!view.hasLines) return { kind: 'redirect', to: `${rp}/bonus/cart` };
  if (requested > 1 && !profile.hasContact) return { kind: 'redirect', to: url(1) };
  if (requested === 2 && !view.needsShipping) return { kind: 'redirect', to: url(3) };
  if (requested === 3 && view.needsShipping && !profile.delivery) return { kind: 'redirect', to: url(2) };
  const delivery = profile.delivery ?? { method: 'delivery', country: 'RU', region: '', city: '', address: '', postcode: '' };
  const cart = view;
  return {
    kind: 'render',
    template: 'bonus/checkout',
    title: '[[bonus:checkout.title]]',
    breadcrumbs: [{ text: '[[bonus:cart.title]]', url: `/bonus/cart` }, { text: '[[bonus:checkout.title]]' }],
    data: {
      step: requested, isStep1: requested === 1, isStep2: requested === 2, isStep3: requested === 3,
      steps: STEPS.map((key, i) => ({
        n: i + 1, key, active: i + 1 === requested, done: i + 1 < requested, url: url(i + 1),
        skipped: i === 1 && !view.needsShipping,
      })),
      contact: profile.contact,
      delivery: { ...delivery, isPickup: delivery.method === 'pickup', countryNameKey: countryNameKey(delivery.country) },
      countries: COUNTRY_CODES.map((code) => ({ code, nameKey: countryNameKey(code), selected: code === delivery.country })),
      offerPickup: settings.pickupPlace !== '' && (view.hasRussiaOnly || delivery.method === 'pickup'),
      pickupPlace: settings.pickupPlace,
      cart,
      promoCode,
      balance, hasBalance: balance !== null,
      enoughPoints: balance !== null && balance.spendable >= cart.total,
      canPay: cart.canPay && balance !== null && balance.spendable >= cart.total,
      // One key per rendering of the confirm step: a double click or a retried request pays once.
      payKey: `pay-${ctx.uid}-${services.host.clock.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      nextUrl: url(view.needsShipping && requested === 1 ? 2 : 3),
      step1Url: url(1), step2Url: url(2),
      cartUrl: `${rp}/bonus/cart`, ordersUrl: `${rp}/bonus/orders`,
    },
  };
}

export const cartApi = (services: Services): ApiRoute[] => [
  { method: 'get', path: '/bonus/cart', access: 'member', handler: async (ctx) => mapOk(await cartView(services, ctx, '', false), (v) => v.data) },
  { method: 'put', path: '/bonus/cart/line', access: 'member', handler: async (ctx) => mapOk(await services.cart.update({ uid: ctx.uid }, ctx.body), (lines) => ({ lines })) },
  { method: 'delete', path: '/bonus/cart/line', access: 'member', handler: async (ctx) => mapOk(await services.cart.remove({ uid: ctx.uid }, ctx.body), (lines) => ({ lines })) },
  { method: 'put', path: '/bonus/checkout/contact', access: 'member', handler: (ctx) => services.checkout.saveContact({ uid: ctx.uid }, ctx.body) },
  { method: 'put', path: '/bonus/checkout/delivery', access: 'member', handler: (ctx) => services.checkout.saveDelivery({ uid: ctx.uid }, ctx.body) },
  {
    method: 'get', path: '/bonus/checkout/quote', access: 'member',
    handler: async (ctx) => mapOk(await cartView(services, ctx, (ctx.query.promoCode ?? '').slice(0, 50), true), (v) => v.data),
  },
  {
    method: 'post', path: '/bonus/checkout/pay', access: 'member', handler: async (ctx) => {
      return mapOk(await services.checkout.pay({ uid: ctx.uid }, ctx.body), ({ order, replayed }) => ({ orderId: order.id, total: order.total, replayed, url: `${ctx.relativePath}/bonus/orders/${order.id}` }));
    },
  },
];
