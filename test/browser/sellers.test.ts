/**
 * Issue 16 in Chromium: a seller registers pasted codes and reads the report per line (English,
 * desktop); the page at phone width in Russian; a member applies (the form's own check first); the
 * admin approves the application and decides the review queue in bulk; an eligible seller orders a
 * prize from the prize shop in seller points (cart → three checkout steps → the order with its date).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { FakeHost } from '../host/index';
import { browserSandbox, fillCheckout, loginAs, SHOTS } from './setup';

const code = (prefix: string, n: number) => `${prefix}-00000-00000-${String(n).padStart(5, '0')}`;

describe('browser: the sellers\' programme', function () {
  this.timeout(90_000);
  let fake: FakeHost;
  let base: string;
  const sb = browserSandbox();
  before(() => ({ fake, base } = sb));

  const as = (username: string, width = 1280): Promise<Page> => loginAs(sb, username, width);
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;
  const overflow = (page: Page) => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;

  it('a seller pastes three codes and reads a report per line; the sale shows in the list', async function () {
    const page = await as('denis');
    await page.goto(`${base}/bonus/sellers?lang=en-GB`, { waitUntil: 'networkidle' });
    const kis2 = (await fake.plugin.services.sellers.products())[0];
    await page.selectOption('#bonus-sale-product', kis2.id);
    await page.fill('#bonus-sale-codes', [code('KIS2R', 30).toLowerCase(), 'ABCDE-1234', code('KIS2R', 2)].join('\n'));
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const lines = page.locator('[data-bonus="report-line"]');
    await lines.nth(2).waitFor();
    assert.match(await lines.nth(0).innerText(), /KIS2R-00000-00000-00030 registered, 20 points credited/);
    assert.match(await lines.nth(1).innerText(), /ABCDE-1234 This is not a box code/);
    assert.match(await lines.nth(2).innerText(), /This code has already been registered/);
    // the refused lines stay in the box to correct
    assert.equal(await page.inputValue('#bonus-sale-codes'), `ABCDE-1234\n${code('KIS2R', 2)}`);
    await page.screenshot({ path: path.join(SHOTS, 'sellers-register-en.png'), fullPage: true });
    await page.reload({ waitUntil: 'networkidle' });
    assert.match(await page.locator('[data-bonus="sale"]').first().innerText(), /KIS2R-00000-00000-00030/);
    await page.close();
  });

  it('the seller\'s page in Russian at phone width fits the screen', async function () {
    const page = await as('irina', 390);
    await page.goto(`${base}/bonus/sellers?lang=ru`, { waitUntil: 'networkidle' });
    assert.match(await page.locator('[data-bonus="gate"]').innerText(), /5 из 5 продаж/);
    assert.ok((await overflow(page)) <= 0, 'nothing wider than the phone');
    await page.screenshot({ path: path.join(SHOTS, 'sellers-ru-phone.png'), fullPage: true });
    await page.close();
  });

  it('a member applies (the form checks itself first), the admin approves, and the review queue is decided in bulk', async function () {
    const anna = await as('anna');
    await anna.goto(`${base}/bonus/sellers?lang=ru`, { waitUntil: 'networkidle' });
    await anna.fill('#bonus-shop-name', 'Мир софта');
    await anna.fill('#bonus-shop-city', 'Тверь');
    await anna.fill('#bonus-shop-address', 'Советская, 1');
    await anna.fill('#bonus-first-code', code('KIS3A', 1));
    await anna.selectOption('#bonus-first-product', (await fake.plugin.services.sellers.products())[1].id);
    await anna.locator('[data-bonus="apply-form"] button[type="submit"]').click();
    await anna.locator('#bonus-eligible.is-invalid').waitFor();
    assert.equal(await fake.plugin.services.sellers.member(uid('anna')), null, 'nothing sent');
    await anna.check('#bonus-eligible');
    await anna.locator('[data-bonus="apply-form"] button[type="submit"]').click();
    await anna.locator('[data-bonus="pending"]').waitFor();
    await anna.screenshot({ path: path.join(SHOTS, 'sellers-applied-ru.png'), fullPage: true });
    await anna.close();

    const admin = await as('admin');
    await admin.goto(`${base}/admin/plugins/bonus/sellers?tab=applications&lang=en-GB`, { waitUntil: 'networkidle' });
    await admin.screenshot({ path: path.join(SHOTS, 'sellers-acp-applications-en.png'), fullPage: true });
    await admin.locator(`[data-bonus="approve"][data-uid="${uid('anna')}"]`).click();
    await admin.locator(`[data-bonus="approve"][data-uid="${uid('anna')}"]`).waitFor({ state: 'detached' });
    assert.equal((await fake.plugin.services.sellers.member(uid('anna')))?.status, 'active');

    await admin.goto(`${base}/admin/plugins/bonus/sellers?tab=review&lang=ru`, { waitUntil: 'networkidle' });
    const before = await admin.locator('[data-bonus="sale"]').count();
    assert.ok(before >= 2);
    await admin.check('[data-bonus="all"]');
    await admin.locator('[data-bonus="bulk"][data-decision="approve"]').click();
    await admin.locator('[data-bonus="empty"]').waitFor();
    assert.equal((await fake.plugin.services.sellers.sales.reviewQueue()).length, 0);
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.goto(`${base}/admin/plugins/bonus/sellers?tab=products&lang=ru`, { waitUntil: 'networkidle' });
    await admin.screenshot({ path: path.join(SHOTS, 'sellers-acp-products-ru-phone.png'), fullPage: true });
    await admin.close();
  });

  it('an eligible seller orders a prize in seller points: prize shop → cart (live total) → checkout → the order with its ship-by date', async function () {
    const irina = uid('irina');
    const clubBefore = (await fake.plugin.services.ledger.balance(irina)).spendable;
    const sellerBefore = (await fake.plugin.services.sellers.ledger.balance(irina)).spendable;
    const page = await as('irina', 390);
    await page.goto(`${base}/bonus/sellers?lang=ru`, { waitUntil: 'networkidle' });
    await page.locator('[data-bonus="prize-shop"]').click();
    await page.waitForURL(/\/bonus\/sellers\/prizes/);
    assert.match(await page.locator('[data-bonus="gate"]').innerText(), /5 из 5 продаж/);
    await page.locator('#content a[href*="/bonus/store/product/"]', { hasText: 'Флешка-ключ' }).first().click();
    await page.waitForURL(/\/bonus\/store\/product\//);
    await page.waitForLoadState('networkidle');
    await page.locator('form.bonus-add-to-cart button[type="submit"]').click();
    await page.locator('dialog [data-action="complete"]').click();
    await page.waitForURL(/\/bonus\/cart/);
    await page.waitForLoadState('networkidle');
    await page.locator('[data-bonus="line"] [data-action="quantity"]').fill('2');
    // the live total is counted in seller points, in the page's plural form
    await page.waitForFunction('/^800 баллов продавца$/.test(document.querySelector(\'[data-bonus="subtotal"]\')?.textContent ?? "")');
    await page.waitForFunction('document.querySelector(\'[data-bonus="line"] [data-action="quantity"]\')?.defaultValue === "2"');
    assert.match(await page.locator('[data-bonus="prize-note"]').innerText(), /только по России, в течение 30 дней/);
    await page.screenshot({ path: path.join(SHOTS, 'prize-cart-ru-phone.png'), fullPage: true });
    await page.locator('[data-action="checkout"]').click();
    await fillCheckout(page, { name: 'Ирина Соколова', email: 'irina@example.org', phone: '+7 927 000-11-22' }, { city: 'Самара', address: 'пр. Ленина, 5', postcode: '443000' });
    assert.equal(await page.locator('form[data-form="promo"]').count(), 0, 'no promo code for a prize');
    assert.match(await page.locator('[data-bonus="total"]').innerText(), /^800 баллов продавца$/);
    assert.ok((await overflow(page)) <= 0, 'nothing wider than the phone');
    await page.screenshot({ path: path.join(SHOTS, 'prize-checkout-ru-phone.png'), fullPage: true });
    await page.locator('[data-action="pay"]').click();
    await page.waitForURL(/\/bonus\/orders\/\d+/);
    const text = await page.locator('#content').innerText();
    assert.match(text, /Оплачен/);
    assert.match(text, /Отправка до /);
    assert.doesNotMatch(text, /\[\[/);
    await page.screenshot({ path: path.join(SHOTS, 'prize-order-ru-phone.png'), fullPage: true });
    await page.close();
    assert.equal((await fake.plugin.services.sellers.ledger.balance(irina)).spendable, sellerBefore - 800);
    assert.equal((await fake.plugin.services.ledger.balance(irina)).spendable, clubBefore, 'no club point moved');
    assert.deepEqual(await fake.plugin.services.sellers.gate(irina), { have: 0, need: 5, open: false });
  });
});
