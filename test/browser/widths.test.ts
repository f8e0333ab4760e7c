/**
 * Issue 15, item 7: no page is wider than a 390 px phone in Russian (the longer language): whatever
 * does not fit scrolls inside its own box. Measured in Chromium against the sandbox's demo.
 */
import assert from 'node:assert/strict';
import { browserSandbox, loginAs } from './setup';

describe('browser: every page fits a 390 px phone in Russian', function () {
  this.timeout(120_000);
  const sb = browserSandbox();

  const pages: Record<string, string[]> = {
    anna: ['/bonus', '/bonus/points', '/bonus/store', '/bonus/store/product/1', '/bonus/top', '/bonus/transfer', '/bonus/warnings'],
    konstantin: ['/bonus/cart', '/bonus/checkout?step=3', '/bonus/orders'],
    olga: ['/bonus/loans'],
    pavel: ['/bonus/requests', '/bonus/requests/new', '/bonus/requests/1'],
    moderator: ['/bonus/requests/queue'],
    irina: ['/bonus/sellers'],
    admin: ['/admin/plugins/bonus', '/admin/plugins/bonus/settings', '/admin/plugins/bonus/operations', '/admin/plugins/bonus/orders', '/admin/plugins/bonus/catalog',
      '/admin/plugins/bonus/catalog/1', '/admin/plugins/bonus/loans', '/admin/plugins/bonus/transfers', '/admin/plugins/bonus/claims', '/admin/plugins/bonus/sellers', '/bonus/warnings/all'],
  };

  it('the page scrolls only vertically (nothing, not even a visually hidden header, widens it)', async function () {
    const wide: string[] = [];
    for (const [user, paths] of Object.entries(pages)) {
      const page = await loginAs(sb, user, 390, 844);
      for (const p of paths) {
        const res = await page.goto(`${sb.base}${p}${p.includes('?') ? '&' : '?'}lang=ru`, { waitUntil: 'networkidle' });
        assert.equal(res?.status(), 200, `${user} ${p}`);
        const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
        if (width > 390) wide.push(`${user} ${p}: ${width} px`);
      }
      await page.close();
    }
    assert.deepEqual(wide, []);
  });
});
