/**
 * Issue 15, item 6: actions that cannot be taken back ask first in NodeBB's bootbox dialog, saying
 * what will happen; "Cancel" changes nothing. In Chromium against the sandbox, in both languages.
 */
import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FakeHost } from '../host/index';
import { browserSandbox, loginAs, openPage, SHOTS } from './setup';


describe('browser: confirmations before irreversible actions', function () {
  this.timeout(90_000);
  let fake: FakeHost;
  let base: string;
  const sb = browserSandbox();
  before(() => ({ fake, base } = sb));

  const admin = (): Promise<Page> => loginAs(sb, 'admin');

  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;

  it('a deduction says its total first; Cancel deducts nothing, "Yes" deducts once', async function () {
    const page = await admin();
    const s = fake.plugin.services;
    const before = [(await s.ledger.balance(uid('anna'))).spendable, (await s.ledger.balance(uid('pavel'))).spendable];
    await page.goto(`${base}/admin/plugins/bonus/operations?lang=en-GB`, { waitUntil: 'networkidle' });
    await page.locator('#bonus-op-usernames').fill('anna, pavel');
    const reasons = () => page.locator('#bonus-op-reason option:not([disabled])').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    assert.deepEqual(await reasons(), ['contest-win', 'souvenir-review', 'honorary-title', 'event', 'club-help', 'other']);
    await page.locator('#bonus-op-direction').selectOption('deduct');
    assert.deepEqual(await reasons(), ['rule-violation', 'other'], 'the reasons follow the direction (issue 15, item 8)');
    assert.equal(await page.locator('#bonus-op-reason').inputValue(), 'rule-violation');
    await page.locator('#bonus-op-amount').fill('500');
    await page.locator('#bonus-op-reason').selectOption('rule-violation');
    await page.locator('#bonus-operation-form button[type="submit"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.equal((await dialog.innerText()).split('\n')[0], 'Members: 2. Deduct 500 points from each, −1000 points in all? A balance may go below zero.');
    await page.screenshot({ path: path.join(SHOTS, 'confirm-deduct-en.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.deepEqual([(await s.ledger.balance(uid('anna'))).spendable, (await s.ledger.balance(uid('pavel'))).spendable], before, 'Cancel changed nothing');
    await page.locator('#bonus-operation-form button[type="submit"]').click();
    // the operation's answer comes after every member's deduction (waiting for the first member's
    // balance to move read the second one's before it moved, now and then)
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v3/plugins/bonus/operations'));
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, do it' }).click();
    assert.equal((await answered).status(), 200);
    assert.deepEqual([(await s.ledger.balance(uid('anna'))).spendable, (await s.ledger.balance(uid('pavel'))).spendable], before.map((b) => b - 500));
    await page.close();
  });

  it('deleting a store category says how many products it leaves without one, in Russian, with its name as written', async function () {
    const s = fake.plugin.services;
    const admin1 = { uid: uid('admin') };
    const cat = await okValue(s.catalogAdmin.saveCategory(admin1, { title: { 'en-GB': 'Mugs <b>&</b> cups', ru: 'Кружки <b>и</b> чашки' }, sortOrder: 50 }));
    for (const n of [1, 2]) {
      await okValue(s.catalogAdmin.create(admin1, { kind: 'souvenir', title: { 'en-GB': `Cup ${n}`, ru: `Чашка ${n}` }, priceInPoints: 100, categoryId: cat.id, visibility: 'on-sale' }));
    }
    const page = await admin();
    await page.goto(`${base}/admin/plugins/bonus/catalog?lang=ru`, { waitUntil: 'networkidle' });
    await page.locator(`[data-action="delete-category"][data-id="${cat.id}"]`).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.equal((await dialog.innerText()).split('\n')[0], 'Удалить категорию магазина «Кружки <b>и</b> чашки»? Товары из неё (2 товара) останутся в магазине без категории.');
    await page.screenshot({ path: path.join(SHOTS, 'confirm-category-ru.png') });
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    assert.ok((await s.catalogAdmin.listCategories()).some((c) => c.id === cat.id), 'Cancel kept the category');
    await page.locator(`[data-action="delete-category"][data-id="${cat.id}"]`).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Да, выполнить' }).click();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    assert.ok(!(await s.catalogAdmin.listCategories()).some((c) => c.id === cat.id), 'deleted after "Yes"');
    await page.close();
  });
});

describe('browser: forms speak the forum\'s language and mark the field (issue 15, item 7)', function () {
  this.timeout(90_000);
  let browser: Browser;
  let base: string;
  const sb = browserSandbox();
  before(() => ({ browser, base } = sb));

  it('an empty required field and a number out of range: the messages in Russian under the fields, nothing sent', async function () {
    const page = await openPage(browser, 390, 844);
    await page.goto(`${base}/login`);
    await page.getByRole('button', { name: 'admin', exact: true }).click();
    await page.goto(`${base}/admin/plugins/bonus/operations?lang=ru`, { waitUntil: 'networkidle' });
    let requests = 0;
    page.on('request', (r) => { if (r.url().includes('/api/v3/plugins/bonus/operations')) requests += 1; });
    await page.locator('#bonus-op-amount').fill('0');
    await page.locator('#bonus-operation-form button[type="submit"]').click();
    await page.locator('.invalid-feedback').first().waitFor();
    assert.deepEqual(await page.locator('.invalid-feedback').allInnerTexts(), ['Заполните это поле.', 'Не меньше 1.']);
    assert.equal(await page.locator('#bonus-op-usernames').getAttribute('class').then((c) => /is-invalid/.test(c ?? '')), true);
    assert.equal(await page.getByRole('dialog').count(), 0, 'no confirmation for a form that does not hold');
    await page.screenshot({ path: path.join(SHOTS, 'form-messages-ru-390.png'), fullPage: true });
    assert.ok(await page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth'), 'the Operations page fits 390 px');
    await page.locator('#bonus-op-usernames').fill('anna');
    assert.deepEqual(await page.locator('.invalid-feedback').allInnerTexts(), ['Не меньше 1.'], 'a corrected field loses its message');
    assert.equal(requests, 0);
    await page.close();
  });
});

describe('browser: a transfer reversal and a warning revocation ask first (issue 15, item 6)', function () {
  this.timeout(90_000);
  let browser: Browser;
  let base: string;
  const sb = browserSandbox();
  before(() => ({ browser, base } = sb));

  for (const [url, button, question] of [
    ['/admin/plugins/bonus/transfers?lang=en-GB', '[data-bonus="reverse"]', /^Reverse transfer #\d+\? Its points go back from the recipient to the sender/],
    ['/bonus/warnings/all?lang=ru', '[data-bonus="revoke"]', /^Отменить предупреждение №\d+\? Списанные за него баллы вернутся участнику\.$/],
  ] as const) {
    it(`${url}: the question, and Cancel leaves the button as it was`, async function () {
      const page = await openPage(browser);
      await page.goto(`${base}/login`);
      await page.getByRole('button', { name: 'admin', exact: true }).click();
      await page.goto(`${base}${url}`, { waitUntil: 'networkidle' });
      const first = page.locator(button).first();
      const id = await first.getAttribute('data-id');
      await first.click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      assert.match((await dialog.innerText()).split('\n')[0], question);
      await dialog.getByRole('button').first().click();
      await page.reload({ waitUntil: 'networkidle' });
      assert.equal(await page.locator(`${button}[data-id="${id}"]`).count(), 1, 'still there after Cancel');
      await page.close();
    });
  }
});

describe('browser: the ACP bulk status list offers only allowed moves (issue 15, item 9)', function () {
  this.timeout(90_000);
  let fake: FakeHost;
  let browser: Browser;
  let base: string;
  const sb = browserSandbox();
  before(() => ({ fake, browser, base } = sb));

  it('a processing order may be shipped, delivered or cancelled; with a delivered one beside it there is no common move', async function () {
    const rows = (await okValue(fake.plugin.services.ordersAdmin.listPage({ uid: [...fake.forum.users.values()].find((u) => u.username === 'admin')!.uid }, { status: '', month: '' }))).rows;
    const open = rows.find((r) => r.state.status === 'processing');
    const done = rows.find((r) => r.state.status === 'delivered');
    assert.ok(open && done, `the sandbox has a processing and a delivered order (${rows.map((r) => r.state.status).join(', ')})`);
    const page = await openPage(browser);
    await page.goto(`${base}/login`);
    await page.getByRole('button', { name: 'admin', exact: true }).click();
    await page.goto(`${base}/admin/plugins/bonus/orders?lang=en-GB`, { waitUntil: 'networkidle' });
    const offered = () => page.locator('#bonus-bulk-status option:not([disabled])').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    assert.deepEqual(await offered(), [], 'nothing selected, nothing offered');
    await page.locator(`input[name="ids"][value="${open.state.order.id}"]`).check();
    assert.deepEqual(await offered(), ['shipped', 'delivered', 'cancelled']);
    await page.locator(`input[name="ids"][value="${done.state.order.id}"]`).check();
    assert.deepEqual(await offered(), [], 'a delivered order moves nowhere');
    assert.equal(await page.locator('form[data-form="bulk"] button[type="submit"]').isDisabled(), true);
    await page.locator(`input[name="ids"][value="${done.state.order.id}"]`).uncheck();
    assert.deepEqual(await offered(), ['shipped', 'delivered', 'cancelled']);
    await page.close();
  });
});
