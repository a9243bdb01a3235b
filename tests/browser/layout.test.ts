// The public pages render in a real browser, on a desktop and on a 375 px phone, with no
// serious accessibility violations.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, it } from 'vitest';
import { describeBrowser, useBrowserApp } from '../helpers/browser.js';

describeBrowser('public pages in Chromium', () => {
  const b = useBrowserApp();

  it.each(['/login', '/register', '/password/forgot'])(
    '%s has labelled inputs and no serious axe violations',
    async (path) => {
      const page = await b.newPage();
      const res = await page.goto(b.url(path));
      expect(res?.status()).toBe(200);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    },
  );

  it('the login page fits a 375 px wide phone without horizontal scrolling', async () => {
    const page = await b.newPage({ width: 375, height: 740 });
    await page.goto(b.url('/login'));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByLabel('Email Address').isVisible()).resolves.toBe(true);
  });
});
