/**
 * The club's assortment for the sandbox and for tests: licenses with codes, T-shirts and hoodies with
 * sizes, a mug, a Russia-only power bank, a wireless speaker, a backpack, a thermos, and seed 004's
 * prize list with its prices (gift cards, mobile top-up from 200 in steps of 100, KIS license 1800).
 * Call it with the plugin's services and an admin caller; it goes through the real services.
 */
import { okValue } from '../host/results';
import type { Caller } from '../../lib/host/index';
import type { Services } from '../../lib/services';
import type { Product } from '../../lib/modules/catalog/domain';

type Draft = Partial<Omit<Product, 'id' | 'createdAt' | 'updatedAt' | 'variants'>> & { kind: Product['kind']; variants?: { id?: string; label: string; inStock: boolean }[] };
const t = (en: string, ru: string) => ({ 'en-GB': en, ru });
/** Pictograms shipped with the plugin (staticDirs `static` → `/plugins/nodebb-plugin-bonus/static/`). */
const img = (name: string) => `/plugins/nodebb-plugin-bonus/static/images/store/${name}.svg`;

/** Deterministic test codes: `SEEDx-…`, valid format, unique per product and index. */
export function sampleCodes(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(5, '0');
    return `${prefix.slice(0, 5).padEnd(5, 'X')}-${n}-AAAAA-${String((i * 7919) % 100000).padStart(5, '0')}`.toUpperCase();
  });
}

/** Each item on sale with its initial stock (a count, or per size); returns the ids by key. */
async function createItems(services: Services, admin: Caller, items: [string, Draft, Record<string, number> | number | null][]): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const [key, draft, stock] of items) {
    const p = await okValue(services.catalogAdmin.create(admin, { visibility: 'on-sale', ...draft }));
    ids[key] = p.id;
    if (typeof stock === 'number') await okValue(services.catalogAdmin.adjustStock(admin, p.id, { delta: stock, reason: 'Initial stock' }));
    else if (stock) {
      for (const v of p.variants) {
        const n = stock[v.id] ?? 0;
        if (n > 0) await okValue(services.catalogAdmin.adjustStock(admin, p.id, { variantId: v.id, delta: n, reason: 'Initial stock' }));
      }
    }
  }
  return ids;
}

export async function seedCatalog(services: Services, admin: Caller): Promise<Record<string, number>> {
  const cat = async (en: string, ru: string, sortOrder: number) => (await okValue(services.catalogAdmin.saveCategory(admin, { title: t(en, ru), sortOrder }))).id;
  const licenses = await cat('Licenses', 'Лицензии', 1);
  const clothing = await cat('Clothing', 'Одежда', 2);
  const gadgets = await cat('Gadgets', 'Гаджеты', 3);
  const souvenirs = await cat('Souvenirs', 'Сувениры', 4);
  const cards = await cat('Gift cards and top-ups', 'Подарочные карты и пополнение', 5);
  const sizes = ['S', 'M', 'L', 'XL', 'XXL'].map((label) => ({ label, inStock: true }));
  const gadgetLimit = { maxUnits: 1, months: 3, scope: 'product' as const };

  const items: [string, Draft, Record<string, number> | number | null][] = [
    ['kis', { kind: 'license', title: t('Kaspersky Internet Security, 1 year, 2 devices', 'Kaspersky Internet Security, 1 год, 2 устройства'), description: t('An activation code delivered by e-mail and on your Purchases page within minutes of payment.', 'Код активации придёт на почту и появится в разделе «Покупки» через несколько минут после оплаты.'), priceInPoints: 1800, categoryId: licenses, images: [img('license')], limit: { maxUnits: 1, months: 11, scope: 'product' }, sortOrder: 1 }, null],
    ['kts', { kind: 'license', title: t('Kaspersky Total Security, 1 year, 5 devices', 'Kaspersky Total Security, 1 год, 5 устройств'), description: t('Activation code.', 'Код активации.'), priceInPoints: 3500, categoryId: licenses, images: [img('license')], limit: { maxUnits: 1, months: 11, scope: 'product' }, sortOrder: 2 }, null],
    ['tshirt', { kind: 'souvenir', title: t('Club T-shirt "Internet and technology"', 'Футболка клуба «Интернет и технологии»'), description: t('100% cotton, unisex cut.', '100% хлопок, унисекс.'), priceInPoints: 500, categoryId: clothing, images: [img('tshirt')], deliveryClass: 'clothing', variants: sizes, sortOrder: 1 }, { s: 3, m: 12, l: 0, xl: 8, xxl: 2 }],
    ['hoodie', { kind: 'souvenir', title: t('Club hoodie', 'Толстовка клуба'), description: t('Warm hoodie with the club logo.', 'Тёплая толстовка с логотипом клуба.'), priceInPoints: 2000, categoryId: clothing, images: [img('hoodie')], deliveryClass: 'clothing', variants: sizes, sortOrder: 2 }, { s: 0, m: 4, l: 6, xl: 0, xxl: 1 }],
    ['powerbank', { kind: 'souvenir', title: t('Power bank 10 000 mAh', 'Внешний аккумулятор 10 000 мА·ч'), description: t('On the Russia-only list: delivered inside Russia or collected by pickup.', 'Входит в список «только по России»: доставка по России или самовывоз.'), priceInPoints: 2500, categoryId: gadgets, images: [img('powerbank')], deliveryClass: 'russia-only', limit: gadgetLimit, sortOrder: 1 }, 7],
    ['speaker', { kind: 'souvenir', title: t('Wireless speaker', 'Беспроводная колонка'), description: t('Bluetooth speaker with a built-in battery.', 'Bluetooth-колонка со встроенным аккумулятором.'), priceInPoints: 3200, categoryId: gadgets, images: [img('speaker')], deliveryClass: 'battery-electronics', limit: gadgetLimit, sortOrder: 2 }, 4],
    ['mug', { kind: 'souvenir', title: t('Mug', 'Кружка'), description: t('Ceramic mug, 330 ml.', 'Керамическая кружка, 330 мл.'), priceInPoints: 200, categoryId: souvenirs, images: [img('mug')], sortOrder: 1 }, 40],
    ['usb', { kind: 'souvenir', title: t('USB flash key', 'Флешка-ключ'), description: t('16 GB.', '16 ГБ.'), priceInPoints: 400, categoryId: souvenirs, sortOrder: 2 }, 25],
    ['travel', { kind: 'souvenir', title: t('Travel kit', 'Набор для путешествий'), description: t('', ''), priceInPoints: 700, categoryId: souvenirs, sortOrder: 3 }, 10],
    ['desk', { kind: 'souvenir', title: t('Desk organiser', 'Планшет настольный'), description: t('', ''), priceInPoints: 800, categoryId: souvenirs, sortOrder: 4 }, 10],
    ['gloves', { kind: 'souvenir', title: t('Touch-screen gloves', 'Перчатки для сенсорных экранов'), description: t('', ''), priceInPoints: 900, categoryId: clothing, deliveryClass: 'clothing', sortOrder: 3 }, 10],
    ['cooler', { kind: 'souvenir', title: t('Cooler bag', 'Сумка-холодильник'), description: t('', ''), priceInPoints: 1000, categoryId: souvenirs, sortOrder: 5 }, 6],
    ['thermomug', { kind: 'souvenir', title: t('Thermo mug', 'Термокружка'), description: t('', ''), priceInPoints: 1500, categoryId: souvenirs, sortOrder: 6 }, 12],
    ['selfie', { kind: 'souvenir', title: t('Selfie stick', 'Монопод для селфи'), description: t('Ships abroad without its battery.', 'За границу отправляется без аккумулятора.'), priceInPoints: 2500, categoryId: gadgets, deliveryClass: 'ships-without-battery', sortOrder: 3 }, 5],
    ['thermos', { kind: 'souvenir', title: t('Thermos', 'Термос'), description: t('Steel thermos, 0.75 l.', 'Стальной термос, 0,75 л.'), priceInPoints: 2700, categoryId: souvenirs, images: [img('thermos')], sortOrder: 7 }, 9],
    ['backpack', { kind: 'souvenir', title: t('Backpack', 'Рюкзак'), description: t('City backpack with a laptop pocket.', 'Городской рюкзак с отделением для ноутбука.'), priceInPoints: 3000, categoryId: souvenirs, images: [img('backpack')], sortOrder: 8 }, 3],
    ['itunes', { kind: 'gift-card', title: t('iTunes / App Store gift card', 'Подарочная карта iTunes, App Store'), description: t('', ''), priceInPoints: 1000, categoryId: cards, sortOrder: 1 }, null],
    ['detmir', { kind: 'gift-card', title: t('Detsky Mir gift card', 'Подарочная карта «Детский Мир»'), description: t('', ''), priceInPoints: 1000, categoryId: cards, sortOrder: 2 }, null],
    ['letual', { kind: 'gift-card', title: t("L'Etoile gift card", 'Подарочная карта «Летуаль»'), description: t('', ''), priceInPoints: 1000, categoryId: cards, sortOrder: 3 }, null],
    ['sportmaster', { kind: 'gift-card', title: t('Sportmaster gift card', 'Подарочная карта «Спортмастер»'), description: t('', ''), priceInPoints: 1000, categoryId: cards, sortOrder: 4 }, null],
    ['ozon', { kind: 'gift-card', title: t('Ozon gift card', 'Подарочная карта Ozon'), description: t('', ''), priceInPoints: 1000, categoryId: cards, sortOrder: 5 }, null],
    ['topup', { kind: 'mobile-top-up', title: t('Mobile phone top-up', 'Деньги на мобильный телефон'), description: t('From 200 points in steps of 100 (1 point = 1 rouble).', 'От 200 баллов с шагом 100 (1 балл = 1 рубль).'), priceInPoints: 0, categoryId: cards, sortOrder: 6 }, null],
  ];
  const ids = await createItems(services, admin, items);
  await okValue(services.codes.importCodes(admin, ids.kis, { text: sampleCodes('KISAA', 25).join('\n') }));
  await okValue(services.codes.importCodes(admin, ids.kts, { text: sampleCodes('KTSAA', 3).join('\n') }));
  return ids;
}

/**
 * The sellers' prize shop (issue 16, item 5; seed 004 §6.2.2): the same assortment priced in seller
 * points and seen by active sellers only, gift cards and the KIS licence delivered as codes from
 * their pools, mobile top-ups from 200 in steps of 100.
 */
export async function seedPrizes(services: Services, admin: Caller): Promise<Record<string, number>> {
  const cat = async (en: string, ru: string, sortOrder: number) => (await okValue(services.catalogAdmin.saveCategory(admin, { title: t(en, ru), sortOrder }))).id;
  const goods = await cat('Prizes', 'Призы', 10);
  const cards = await cat('Gift cards, top-ups and licences', 'Подарочные карты, пополнение и лицензии', 11);
  const sizes = ['S', 'M', 'L', 'XL', 'XXL'].map((label) => ({ label, inStock: true }));
  const prize = (en: string, ru: string, price: number, extra: Partial<Draft> = {}): Draft => ({
    kind: 'souvenir', programme: 'sellers', title: t(en, ru), description: t('', ''), priceInPoints: price, categoryId: goods, ...extra,
  });
  const card = (en: string, ru: string, sortOrder: number): Draft => ({
    kind: 'gift-card', programme: 'sellers', stockMode: 'counted', title: t(en, ru), description: t('The card\'s code is delivered on your order page and by e-mail.', 'Код карты придёт на страницу заказа и на почту.'),
    priceInPoints: 1000, categoryId: cards, sortOrder,
  });
  const items: [string, Draft, Record<string, number> | number | null][] = [
    ['mug', prize('Mug', 'Кружка', 200, { images: [img('mug')], sortOrder: 1 }), 30],
    ['usb', prize('USB flash key', 'Флешка-ключ', 400, { sortOrder: 2 }), 20],
    ['tshirt', prize('T-shirt', 'Футболка', 500, { images: [img('tshirt')], deliveryClass: 'clothing', variants: sizes, sortOrder: 3 }), { s: 2, m: 5, l: 5, xl: 3, xxl: 0 }],
    ['travel', prize('Travel set', 'Дорожный набор', 700, { sortOrder: 4 }), 8],
    ['desk', prize('Desk tablet', 'Планшет настольный', 800, { sortOrder: 5 }), 8],
    ['gloves', prize('Touchscreen gloves', 'Перчатки для сенсорных экранов', 900, { deliveryClass: 'clothing', sortOrder: 6 }), 8],
    ['cooler', prize('Cooler bag', 'Сумка-холодильник', 1000, { sortOrder: 7 }), 5],
    ['thermomug', prize('Thermo mug', 'Термокружка', 1500, { sortOrder: 8 }), 10],
    ['hoodie', prize('Hoodie', 'Толстовка', 2000, { images: [img('hoodie')], deliveryClass: 'clothing', variants: sizes, sortOrder: 9 }), { s: 1, m: 3, l: 3, xl: 2, xxl: 1 }],
    ['selfie', prize('Selfie stick', 'Монопод для селфи', 2500, { sortOrder: 10 }), 4],
    ['thermos', prize('Thermos', 'Термос', 2700, { images: [img('thermos')], sortOrder: 11 }), 6],
    ['backpack', prize('Backpack', 'Рюкзак', 3000, { images: [img('backpack')], sortOrder: 12 }), 3],
    ['appstore', card('App Store gift card', 'Подарочная карта App Store', 1), null],
    ['detmir', card('Detsky Mir gift card', 'Подарочная карта «Детский Мир»', 2), null],
    ['letual', card("L'Etoile gift card", 'Подарочная карта «Летуаль»', 3), null],
    ['sportmaster', card('Sportmaster gift card', 'Подарочная карта «Спортмастер»', 4), null],
    ['ozon', card('Ozon gift card', 'Подарочная карта Ozon', 5), null],
    ['topup', { kind: 'mobile-top-up', programme: 'sellers', title: t('Mobile phone top-up', 'Пополнение мобильного телефона'), description: t('From 200 in steps of 100 (1 point = 1 rouble); the phone number of your contact details is topped up.', 'От 200 с шагом 100 (1 балл = 1 рубль); пополняется телефон из ваших контактных данных.'), priceInPoints: 0, categoryId: cards, sortOrder: 6 }, null],
    ['kis', { kind: 'license', programme: 'sellers', title: t('Kaspersky Internet Security licence', 'Лицензия Kaspersky Internet Security'), description: t('An activation code.', 'Код активации.'), priceInPoints: 1800, categoryId: cards, images: [img('license')], activationRegions: ['RU'], sortOrder: 7 }, null],
  ];
  const ids = await createItems(services, admin, items);
  for (const key of ['appstore', 'detmir', 'letual', 'sportmaster', 'ozon']) {
    await okValue(services.codes.importCodes(admin, ids[key], { text: sampleCodes(`G${key.slice(0, 4)}`, 5).join('\n') }));
  }
  await okValue(services.codes.importCodes(admin, ids.kis, { text: sampleCodes('SKISA', 10).join('\n') }));
  return ids;
}
