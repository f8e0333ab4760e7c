/**
 * The checkout and order services' host on any backend (the shared fake forum with its members),
 * and a small catalog to buy from.
 */
import { okValue } from '../host/results';
import type { Database } from '../../lib/host/index';
import { createServices, type Services } from '../../lib/services';
import { ADMIN, testHost, type TestHost } from '../catalog/backends';
import { sampleCodes } from '../catalog/seed-catalog';
import { GroupsOf } from '../host/port';

export { ADMIN };
export const NOW = Date.parse('2026-11-22T12:00:00Z');

export interface OrdersHost extends TestHost {
  /** uid → the member's groups in the fake forum (set() joins and leaves them). */
  groupsOf: Map<number, string[]>;
  emails: { template: string; uid: number; params: Record<string, unknown> }[];
}

/** Members of the orders' forum: uid 1 … 1199, named `m{uid}`. */
export const MEMBERS = 1199;

/**
 * The shared fake forum's Host (test/catalog/backends.ts testHost) for the checkout and order
 * services: members `m1` … `m1199` (uid 1 the admin) with confirmed e-mails `m{uid}@example.org`,
 * shown as `Member {uid}`, joined at 0; the shop's settings saved.
 */
export function ordersHost(db: Database, settings: Record<string, string> = {}): OrdersHost {
  const h = testHost(db, { lowStockThreshold: '0', pickupPlace: 'Club office, Mondays 18–20', promoCodeActivists: 'ACT15', ...settings }, (port) => {
    for (let uid = 1; uid <= MEMBERS; uid += 1) {
      port.createUser({ uid, username: `m${uid}`, email: `m${uid}@example.org`, groups: uid === ADMIN.uid ? ['administrators'] : [] });
      Object.assign(port.forum.mustUser(uid), { displayname: `Member ${uid}`, joindate: 0 });
    }
  }) as OrdersHost;
  h.groupsOf = GroupsOf.of(h.fake.forum);
  h.emails = h.fake.emails;
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
