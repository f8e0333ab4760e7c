/**
 * Issue 19 in Chromium on the sandbox: "My licences" at desktop (1280) and phone (390) width in both
 * languages: a member adds a code (a refusal is shown in the form, in the page's language), reveals
 * one, and removes one only after ticking "I agree"; the profile tab; the ACP imports registry lines
 * with a per-line report and finds who holds a code. Screenshots of each; nothing is wider than the
 * screen and nothing is left untranslated.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserSandbox, loginAs, SHOTS } from './setup';
import { DEMO_LICENCES as L } from '../host/sandbox-licences';

describe('browser: my licences', function () {
  this.timeout(120_000);
  const sb = browserSandbox({});
  const overflow = (page: Page) => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;
  const noTokens = async (page: Page) => assert.doesNotMatch(await page.locator('main').innerText(), /\[\[|bonus:licences\./, 'nothing untranslated');
  const uid = (name: string) => [...sb.fake.forum.users.values()].find((u) => u.username === name)!.uid;

  const visits: [string, string, number][] = [['pavel', 'ru', 390], ['nina', 'en-GB', 1280]];
  for (const [member, lang, width] of visits) {
    it(`${member} adds, reveals and removes a code in ${lang} at ${width} px`, async function () {
      const page = await loginAs(sb, member, width);
      await page.goto(`${sb.base}/bonus/licences?lang=${lang}`, { waitUntil: 'networkidle' });
      await noTokens(page);
      assert.ok((await overflow(page)) <= 0, 'nothing wider than the screen');
      await page.screenshot({ path: path.join(SHOTS, `licences-${lang}-${width}.png`), fullPage: true });
      // a refusal in the form, in the page's language; nothing added
      await page.locator('#bonus-licence-code').fill(L.blacklisted);
      await page.locator('[data-bonus="add-form"] [type="submit"]').click();
      await page.locator('[data-bonus="form-error"]:not(:empty)').waitFor();
      assert.match(await page.locator('[data-bonus="form-error"]').innerText(), lang === 'ru' ? /заблокирован/ : /blocked/);
      // a good code (spaces and small letters are fine)
      const before = await page.locator('[data-bonus="licence"]').count();
      await page.locator('#bonus-licence-code').fill(L.free.toLowerCase().replace(/-/g, ' '));
      await page.locator('[data-bonus="add-form"] [type="submit"]').click();
      await page.waitForFunction(`document.querySelectorAll('[data-bonus="licence"]').length === ${before + 1} || document.querySelector('[data-bonus="form-error"]').textContent !== ''`, undefined, { timeout: 5000 });
      assert.equal(await page.locator('[data-bonus="form-error"]').innerText(), '');
      assert.equal(await page.locator('[data-bonus="licence"]').count(), before + 1);
      await noTokens(page);
      // reveal it: the whole code, for the owner
      const first = page.locator('[data-bonus="licence"]').filter({ hasText: L.free.slice(-5) });
      await first.locator('[data-bonus="reveal"]').click();
      await first.locator('[data-bonus="code"]', { hasText: L.free }).waitFor();
      await page.screenshot({ path: path.join(SHOTS, `licences-revealed-${lang}-${width}.png`), fullPage: true });
      // remove: the button waits for "I agree"
      await first.locator('[data-bonus="remove"] summary').click();
      assert.equal(await first.locator('[data-bonus="remove-confirm"]').isDisabled(), true);
      await first.locator('[data-bonus="agree"]').check();
      await page.screenshot({ path: path.join(SHOTS, `licences-remove-${lang}-${width}.png`), fullPage: true });
      await first.locator('[data-bonus="remove-confirm"]').click();
      await page.waitForFunction(`document.querySelectorAll('[data-bonus="licence"]').length === ${before}`);
      assert.equal((await sb.fake.plugin.services.licences.store.holders(L.free)).some((h) => h.uid === uid(member)), false, 'the seat is free');
      // the member downloads their own data: their codes, whole, and nobody else's
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-bonus="export"]').click()]);
      assert.equal(download.suggestedFilename(), 'my-licences.json');
      const data = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as { uid: number; licences: { code: string }[] };
      assert.equal(data.uid, uid(member));
      const own = (await sb.fake.plugin.services.licences.list(uid(member))).map((h) => h.code).sort();
      assert.deepEqual(data.licences.map((l) => l.code).sort(), own);
      await page.close();
    });
  }

  it('the profile tab lists the same codes (ru, 390 px)', async function () {
    const page = await loginAs(sb, 'pavel', 390);
    await page.goto(`${sb.base}/user/pavel/bonus-licences?lang=ru`, { waitUntil: 'networkidle' });
    await noTokens(page);
    assert.match(await page.locator('main').innerText(), /на 2 из 3 аккаунтов/);
    assert.ok((await overflow(page)) <= 0, 'nothing wider than the screen');
    await page.screenshot({ path: path.join(SHOTS, 'licences-profile-ru-390.png'), fullPage: true });
    await page.close();
  });

  for (const lang of ['en-GB', 'ru']) {
    it(`the ACP imports registry lines with a per-line report and finds the holders (${lang})`, async function () {
      const page = await loginAs(sb, 'admin');
      await page.goto(`${sb.base}/admin/plugins/bonus/licences?lang=${lang}`, { waitUntil: 'networkidle' });
      await noTokens(page);
      const n = lang === 'ru' ? 2 : 1;
      await page.locator('#bonus-lic-text').fill([`QQQQQ-WWWWW-EEEEE-RRRR${n};Kaspersky Premium;5;2031-12-31`, 'broken line', 'QQQQQ-WWWWW-EEEEE-RRRR9;Kaspersky Premium;0'].join('\n'));
      await page.locator('[data-bonus="import-form"] [type="submit"]').click();
      await page.locator('[data-bonus="import-summary"]:not(:empty)').waitFor();
      assert.match(await page.locator('[data-bonus="import-summary"]').innerText(), lang === 'ru' ? /добавлено 1.*отклонено строк: 2/ : /1 added.*2 line\(s\) refused/);
      assert.equal(await page.locator('[data-bonus="import-report"] li').count(), 2);
      assert.match(await page.locator('[data-bonus="import-report"]').innerText(), lang === 'ru' ? /Строка 2:.*Строка 3: число мест/s : /Line 2:.*Line 3: seats/s);
      await noTokens(page);
      await page.screenshot({ path: path.join(SHOTS, `licences-admin-import-${lang}-1280.png`), fullPage: true });
      await page.locator('#bonus-lic-code').fill(L.family);
      await page.locator('[data-bonus="search-form"] [type="submit"]').click();
      await page.locator('[data-bonus="holders"]').waitFor();
      assert.match(await page.locator('[data-bonus="holders"]').innerText(), /pavel[\s\S]*konstantin|konstantin[\s\S]*pavel/);
      await noTokens(page);
      assert.ok((await overflow(page)) <= 0, 'nothing wider than the screen');
      await page.screenshot({ path: path.join(SHOTS, `licences-admin-search-${lang}-1280.png`), fullPage: true });
      await page.close();
    });
  }
});
