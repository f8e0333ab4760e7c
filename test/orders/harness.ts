/**
 * A minimal host for the checkout and order services on any backend (the catalog's test host plus
 * members, groups and languages), and a small catalog to buy from.
 */
import { okValue } from '../host/results';
import type { Database } from '../../lib/host/index';
import { createServices, type Services } from '../../lib/services';
import { ADMIN, testHost, type TestHost } from '../catalog/backends';
import { sampleCodes } from '../catalog/seed-catalog';

export { ADMIN };
export const NOW = Date.parse('2026-11-22T12:00:00Z');

export interface OrdersHost extends TestHost {
  groupsOf: Map<number, string[]>;
  emails: { template: string; uid: number; params: Record<string, unknown> }[];
}

export function ordersHost(db: Database, settings: Record<string, string> = {}): OrdersHost {
  const h = testHost(db, { lowStockThreshold: '0', pickupPlace: 'Club office, Mondays 18–20', promoCodeActivists: 'ACT15', ...settings }) as OrdersHost;
  h.groupsOf = new Map();
  h.emails = [];
  Object.assign(h.messaging, { sendEmail: async (template: string, uid: number, params: Record<string, unknown>) => { h.emails.push({ template, uid, params }); } });
  Object.assign(h.groups, { getUserGroupNames: async (uids: number[]) => uids.map((u) => h.groupsOf.get(u) ?? []) });
  Object.assign(h.users, {
    getUsers: async (uids: number[]) => uids.map((uid) => ({ uid, username: `m${uid}`, userslug: `m${uid}`, displayname: `Member ${uid}`, picture: null, birthday: '', banned: false, email: `m${uid}@example.org`, joindate: 0 })),
    getLanguage: async () => 'en-GB',
  });
  h.setNow(NOW);
  return h;
}

export interface Shop {
  mug: number;
  tshirt: number;
  license: number;
  powerbank: number;
}

/** Mug 1000 (stock `mugs`), T-shirt 700 (S, M), license 1800 (codes), power bank 2500 (Russia only). */
export async function seedShop(s: Services, mugs = 20, codes = 5): Promise<Shop> {
  const t = (en: string, ru: string) => ({ 'en-GB': en, ru });
  const mug = (await okValue(s.catalogAdmin.create(ADMIN, { kind: 'souvenir', title: t('Mug', 'Кружка'), priceInPoints: 1000, visibility: 'on-sale' }))).id;
  const tshirt = (await okValue(s.catalogAdmin.create(ADMIN, { kind: 'souvenir', title: t('T-shirt', 'Футболка'), priceInPoints: 700, visibility: 'on-sale', deliveryClass: 'clothing', variants: [{ label: 'S' }, { label: 'M' }] }))).id;
  const license = (await okValue(s.catalogAdmin.create(ADMIN, { kind: 'license', title: t('KIS', 'KIS'), priceInPoints: 1800, visibility: 'on-sale', limit: { maxUnits: 1, months: 11, scope: 'product' } }))).id;
  const powerbank = (await okValue(s.catalogAdmin.create(ADMIN, { kind: 'souvenir', title: t('Power bank', 'Аккумулятор'), priceInPoints: 2500, visibility: 'on-sale', deliveryClass: 'russia-only' }))).id;
  if (mugs > 0) await okValue(s.catalogAdmin.adjustStock(ADMIN, mug, { delta: mugs, reason: 'initial' }));
  await okValue(s.catalogAdmin.adjustStock(ADMIN, tshirt, { variantId: 's', delta: 5, reason: 'initial' }));
  await okValue(s.catalogAdmin.adjustStock(ADMIN, tshirt, { variantId: 'm', delta: 5, reason: 'initial' }));
  await okValue(s.catalogAdmin.adjustStock(ADMIN, powerbank, { delta: 5, reason: 'initial' }));
  if (codes > 0) await okValue(s.codes.importCodes(ADMIN, license, { text: sampleCodes('KISAA', codes).join('\n') }));
  return { mug, tshirt, license, powerbank };
}

export const CONTACT = { name: 'Anna Petrova', email: 'anna@example.org', phone: '+7 900 123-45-67' };
export const ADDRESS = { method: 'delivery', country: 'RU', region: 'Moscow', city: 'Moscow', address: 'Tverskaya 1', postcode: '125009' };

/** A member with points, contact and address saved, ready to pay. */
export async function readyMember(s: Services, uid: number, points: number): Promise<void> {
  if (points > 0) await s.ledger.credit({ uid, amount: points, key: `test:grant:${uid}`, reason: 'other' });
  await okValue(s.checkout.saveContact({ uid }, CONTACT));
  await okValue(s.checkout.saveDelivery({ uid }, ADDRESS));
}

export async function stockOf(s: Services, productId: number, variantId: string | null = null): Promise<number> {
  const field = variantId ? `p${productId}:${variantId}` : `p${productId}`;
  return s.host.db.incrObjectFieldBy('bonus:catalog:stock', field, 0);
}

export { createServices, sampleCodes };
