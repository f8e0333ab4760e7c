/**
 * What every browser suite needs: the sandbox forum on a random port and Debian's Chromium. Call it
 * inside a `describe`: it registers the suite's `before` and `after`. Without Chromium the suite is
 * skipped with one line; under CI=true that is a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FakeHost } from '../host/index';
import { createSandbox } from '../host/sandbox';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.resolve(__dirname, '../../../screenshots');

export interface BrowserSandbox {
  fake: FakeHost;
  browser: Browser;
  base: string;
}

/**
 * A new page (its own context) at the given size, with reduced motion: Bootstrap scrolls smoothly
 * otherwise, so after a fill far down a page the sticky Save bar was still moving when it was
 * clicked, and now and then the press and the release landed on different elements and the form
 * was never submitted (no PUT; the ACP settings test failed in CI).
 */
export async function openPage(browser: Browser, width = 1280, height = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, reducedMotion: 'reduce' });
  steadyScreenshots(page);
  return page;
}

/** A new page logged in as `username` through the sandbox's login page (one button per member). */
export async function loginAs(sb: BrowserSandbox, username: string, width = 1280, height = 900): Promise<Page> {
  const page = await openPage(sb.browser, width, height);
  await page.goto(`${sb.base}/login`);
  await page.getByRole('button', { name: username, exact: true }).click();
  return page;
}

/**
 * Chromium's full-page capture (beyond the viewport) now and then refuses ("Unable to capture
 * screenshot") or hangs on a busy machine, most often on pages whose charts resize with the window.
 * Screenshots are the suites' record for people to look at, not an assertion: a full page is taken
 * by making the viewport as tall as the page (same width, so the same layout), and a refused capture
 * is tried again twice.
 */
export function steadyScreenshots(page: Page): void {
  const capture = page.screenshot.bind(page);
  page.screenshot = async (options) => {
    const viewport = page.viewportSize();
    const whole = options?.fullPage === true && viewport !== null;
    if (whole) {
      const height = Number(await page.evaluate('Math.ceil(document.documentElement.scrollHeight)'));
      await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 16_000) });
    }
    try {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await capture({ ...options, fullPage: false });
        } catch (err) {
          if (attempt >= 3 || !/Unable to capture screenshot|Timeout/.test(String(err))) throw err;
          await page.waitForTimeout(250 * attempt);
        }
      }
    } finally {
      if (whole) await page.setViewportSize(viewport);
    }
  };
}

/** The suite's sandbox and browser, filled in by the `before` hook it registers. */
export function browserSandbox(options: { events?: boolean; economy?: boolean } = {}): BrowserSandbox {
  const sb = {} as BrowserSandbox;
  let close: (() => Promise<void>) | undefined;
  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.CI === 'true') throw new Error(`browser tests need Chromium at ${CHROMIUM} in CI`);
      console.log(`  (browser tests skipped: no Chromium at ${CHROMIUM}; apt-get install chromium, or set CHROMIUM_PATH)`);
      this.skip();
    }
    sb.fake = await createSandbox(options);
    const port = 20000 + Math.floor(Math.random() * 20000);
    close = await sb.fake.listen(port);
    sb.base = `http://127.0.0.1:${port}`;
    sb.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async function () {
    await sb.browser?.close();
    await close?.();
  });
  return sb;
}

/** Checkout steps 1 and 2 in the browser: the contact form, then the delivery address (Russia); ends on step 3. */
export async function fillCheckout(page: Page, contact: { name: string; email: string; phone: string }, address: { city: string; address: string; postcode: string }, shot?: string): Promise<void> {
  await page.waitForURL(/step=1|checkout$/);
  await page.fill('#bonus-name', contact.name);
  await page.fill('#bonus-email', contact.email);
  await page.fill('#bonus-phone', contact.phone);
  await page.locator('form[data-form="contact"] button[type="submit"]').click();
  await page.waitForURL(/step=2/);
  await page.selectOption('#bonus-country', 'RU');
  await page.fill('#bonus-city', address.city);
  await page.fill('#bonus-address', address.address);
  await page.fill('#bonus-postcode', address.postcode);
  if (shot) await page.screenshot({ path: path.join(SHOTS, shot), fullPage: true });
  await page.locator('form[data-form="delivery"] button[type="submit"]').click();
  await page.waitForURL(/step=3/);
}
