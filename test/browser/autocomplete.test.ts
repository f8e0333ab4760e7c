/**
 * Issue 15, item 8: username fields suggest members with NodeBB's own user search (its `autocomplete`
 * module over GET /api/users?query=, jQuery UI as NodeBB loads it): Transfer's recipient, the warning's
 * member, and the ACP Operations list, where a choice replaces only the name being typed and a
 * username with a space stays one name. In Chromium against the sandbox.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { FakeHost } from '../host/index';
import { browserSandbox, loginAs, SHOTS } from './setup';

describe('browser: username autocomplete with the forum\'s user search', function () {
  this.timeout(90_000);
  let fake: FakeHost;
  let base: string;
  const sb = browserSandbox();
  before(() => ({ fake, base } = sb));

  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;
  const suggestions = (page: Page) => page.locator('.ui-autocomplete:visible .ui-menu-item');

  it('the user search answers members only, by the start of the name, as NodeBB\'s does', async function () {
    const guest = await fetch(`${base}/api/users?query=pa`);
    assert.equal(guest.status, 403, 'guests lack search:users');
    const page = await loginAs(sb, 'anna');
    const json = await page.evaluate(async () => (await fetch('/api/users?query=PA')).json()) as { users: { username: string; userslug: string }[] };
    assert.deepEqual(json.users.map((u) => u.username), ['pavel']);
    await page.close();
  });

  it('Transfer: typing the start of a name offers the member; a choice fills the recipient', async function () {
    const page = await loginAs(sb, 'anna', 390, 800);
    await page.goto(`${base}/bonus/transfer?lang=ru`, { waitUntil: 'networkidle' });
    await page.locator('#bonus-transfer-to').pressSequentially('pa', { delay: 30 });
    await suggestions(page).first().waitFor();
    assert.deepEqual(await suggestions(page).allInnerTexts(), ['pavel']);
    await page.screenshot({ path: path.join(SHOTS, 'autocomplete-transfer-ru-390.png') });
    await suggestions(page).first().click();
    assert.equal(await page.locator('#bonus-transfer-to').inputValue(), 'pavel');
    await page.close();
  });

  it('Warnings: the member field suggests names for a moderator', async function () {
    const page = await loginAs(sb, 'moderator');
    await page.goto(`${base}/bonus/warnings/all?lang=en-GB`, { waitUntil: 'networkidle' });
    await page.locator('#bonus-warn-username').pressSequentially('ann', { delay: 30 });
    await suggestions(page).first().waitFor();
    await suggestions(page).first().click();
    assert.equal(await page.locator('#bonus-warn-username').inputValue(), 'anna');
    await page.close();
  });

  it('Operations: a choice completes only the name being typed; a username with a space is one member', async function () {
    fake.forum.createUser({ username: 'Иван Петров', groups: ['Participants'], language: 'ru' });
    const s = fake.plugin.services;
    const before = [(await s.ledger.balance(uid('anna'))).spendable, (await s.ledger.balance(uid('Иван Петров'))).spendable];
    const page = await loginAs(sb, 'admin');
    await page.goto(`${base}/admin/plugins/bonus/operations?lang=ru`, { waitUntil: 'networkidle' });
    const list = page.locator('#bonus-op-usernames');
    await list.pressSequentially('anna, Ив', { delay: 30 });
    await suggestions(page).first().waitFor();
    assert.deepEqual(await suggestions(page).allInnerTexts(), ['Иван Петров']);
    await page.screenshot({ path: path.join(SHOTS, 'autocomplete-operations-ru.png') });
    await suggestions(page).first().click();
    assert.equal(await list.inputValue(), 'anna, Иван Петров, ');
    await page.locator('#bonus-op-amount').fill('7');
    await page.locator('#bonus-operation-form button[type="submit"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Участников: 2/);
    await dialog.getByRole('button', { name: 'Да, выполнить' }).click();
    // the operation awards one member after the other: wait for the last one's entry
    const awarded = async () => (await s.ledger.balance(uid('anna'))).spendable !== before[0] && (await s.ledger.balance(uid('Иван Петров'))).spendable !== before[1];
    for (let i = 0; i < 50 && !(await awarded()); i += 1) await page.waitForTimeout(100);
    assert.deepEqual([(await s.ledger.balance(uid('anna'))).spendable, (await s.ledger.balance(uid('Иван Петров'))).spendable], before.map((b) => b + 7),
      'both members were awarded: "Иван Петров" was not split at its space');
    await page.close();
  });
});
