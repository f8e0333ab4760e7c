/**
 * Issue 18 in Chromium on the sandbox: the browser's simulation module replays a recorded session
 * to Node's score, and irina plays a short game (launch, mouse moves, ends it) that the server
 * verifies to the browser's own score, in English and Russian at 1280 and 390 px, with screenshots.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { browserSandbox, loginAs, SHOTS } from './setup';
import { encodeRuns, replay } from '../../lib/modules/game/domain-sim';
import { playScripted } from '../game/play';

describe('browser: the box-code game', function () {
  this.timeout(180_000);
  const sb = browserSandbox({ events: true });

  it('the browser bundle replays a recorded session to the score Node computes', async () => {
    const page = await loginAs(sb, 'irina');
    await page.goto(`${sb.base}/bonus/sellers/game?lang=en-GB`, { waitUntil: 'networkidle' });
    const game = playScripted(424242, 20, 60 * 120);
    const runs = encodeRuns(game.inputs);
    // a real ES import in the page (a function here would be compiled to require)
    const inBrowser = await page.evaluate(`import('/plugins/nodebb-plugin-bonus/static/client/bonus/game/domain-sim.js').then((sim) => sim.replay(424242, ${JSON.stringify(runs)}))`) as { score: number; ticks: number };
    const inNode = replay(424242, runs);
    assert.equal(inBrowser.score, inNode.score);
    assert.equal(inBrowser.ticks, inNode.ticks);
    assert.ok(inNode.score > 0);
    await page.close();
  });

  for (const lang of ['en-GB', 'ru']) {
    for (const width of [1280, 390]) {
      it(`irina plays a short game in ${lang} at ${width} px; the server verifies the browser's score`, async () => {
        // irina's saved language is the other one: the page's language must decide the API's counted texts
        const irina = [...sb.fake.forum.users.values()].find((u) => u.username === 'irina')!.uid;
        sb.fake.forum.updateProfile(irina, { language: lang === 'ru' ? 'en-GB' : 'ru' });
        const page = await loginAs(sb, 'irina', width);
        await page.goto(`${sb.base}/bonus/sellers/game?lang=${lang}`, { waitUntil: 'networkidle' });
        await page.screenshot({ path: path.join(SHOTS, `game-page-${lang}-${width}.png`), fullPage: true });
        await page.locator('[data-bonus="start"]').click();
        // the counted text the start answers with is in the page's language, whatever irina's saved one
        // (the plural form chosen by the page language's rule: "Осталось: 5 игр", never "5 игры")
        await page.waitForFunction(`/${lang === 'ru' ? 'Осталось' : 'left'}/.test(document.querySelector('[data-bonus="plays-left"]').textContent)`, undefined, { timeout: 10_000 });
        const left = await page.locator('[data-bonus="plays-left"]').evaluate((e) => ({ n: Number(e.getAttribute("data-plays")), text: e.textContent ?? '' }));
        const ru = (n: number) => (n % 10 === 1 && n % 100 !== 11 ? 'игра' : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 'игры' : 'игр');
        assert.equal(left.text, lang === 'ru' ? `Осталось: ${left.n} ${ru(left.n)}` : `${left.n} ${left.n === 1 ? 'play' : 'plays'} left`);
        const canvas = page.locator('[data-bonus="canvas"]');
        const box = (await canvas.boundingBox())!;
        await page.keyboard.press('Space');
        for (let i = 0; i < 12; i += 1) {
          await page.mouse.move(box.x + box.width * (0.2 + 0.06 * i), box.y + box.height * 0.9);
          await page.waitForTimeout(150);
        }
        await page.screenshot({ path: path.join(SHOTS, `game-playing-${lang}-${width}.png`), fullPage: true });
        // the sandbox's clock stands still: move it on by the time played before submitting
        await page.evaluate(() => fetch('/sandbox/clock', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'ms=60000' }));
        await page.locator('[data-bonus="give-up"]').click();
        await page.waitForFunction('document.querySelector(\'[data-bonus-page="game"]\').dataset.verified !== undefined', undefined, { timeout: 20_000 });
        const data = await page.evaluate('({ ...document.querySelector(\'[data-bonus-page="game"]\').dataset })') as Record<string, string>;
        assert.equal(data.verified, data.localScore);
        const said = await page.locator('[data-bonus="message"]').textContent();
        assert.match(said ?? '', lang === 'ru' ? /балл/ : /point/, `the verified result in the page's language: ${said}`);
        assert.ok((await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as number) <= 0, 'nothing wider than the screen');
        await page.screenshot({ path: path.join(SHOTS, `game-verified-${lang}-${width}.png`), fullPage: true });
        await page.close();
      });
    }
  }
});
