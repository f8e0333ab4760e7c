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

/** A new page logged in as `username` through the sandbox's login page (one button per member). */
export async function loginAs(sb: BrowserSandbox, username: string, width = 1280, height = 900): Promise<Page> {
  const page = await sb.browser.newPage({ viewport: { width, height } });
  await page.goto(`${sb.base}/login`);
  await page.getByRole('button', { name: username, exact: true }).click();
  return page;
}

/** The suite's sandbox and browser, filled in by the `before` hook it registers. */
export function browserSandbox(): BrowserSandbox {
  const sb = {} as BrowserSandbox;
  let close: (() => Promise<void>) | undefined;
  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.CI === 'true') throw new Error(`browser tests need Chromium at ${CHROMIUM} in CI`);
      console.log(`  (browser tests skipped: no Chromium at ${CHROMIUM}; apt-get install chromium, or set CHROMIUM_PATH)`);
      this.skip();
    }
    sb.fake = await createSandbox();
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
