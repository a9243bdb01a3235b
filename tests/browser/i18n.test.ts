// Issue 15 in a real browser: a visitor switches the register page to German with the footer's
// picker and sees the page and its validation errors in German; in Arabic every page is right to
// left (Bootstrap's RTL build) and nothing scrolls sideways on a 390 px phone, logged in or not.
// Expected texts come from the message files, so the test reads what a German reader reads.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n.js';
import { buildAccountWithOwner, buildAuthorizedUser, buildInvoice, TEST_PASSWORD, unique } from '../factories/index.js';
import { describeBrowser, useBrowserApp } from '../helpers/browser.js';

const PHONE = { width: 390, height: 844 };
const de = translator('de');
const deMessages = translator('de', 'messages');

/** The German for an English key, which must really be German (not the key itself). */
function german(t: typeof de, key: string): string {
  const text = t(key);
  expect(text, `no German for "${key}"`).not.toBe(key);
  return text;
}

/** How far the page, or a box inside it, scrolls sideways (0 when everything fits). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const doc = document.documentElement.scrollWidth - window.innerWidth;
    const boxes = [...document.querySelectorAll<HTMLElement>('.table-responsive, pre, .list-group, .card, footer')]
      .map((el) => ({ what: `${el.tagName}.${el.className}`, by: el.scrollWidth - el.clientWidth }))
      .filter((b) => b.by > 1);
    return { doc, boxes };
  });

describeBrowser('the client area in German and Arabic', () => {
  const b = useBrowserApp();

  it('the footer picker turns the register page German, validation errors included', async () => {
    const page = await b.newPage();
    await page.goto(b.url('/register'));
    await expect(page.locator('h1').textContent()).resolves.toBe('Register');
    // With JavaScript the picker sends itself as soon as a language is chosen.
    // The URL stays /register: wait for the German page itself, not for a URL already reached.
    await page.getByLabel('Language').selectOption('de');
    await page.locator('html[lang="de"]').waitFor({ state: 'attached' });
    await page.waitForLoadState('load');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    await expect(page.locator('h1').textContent()).resolves.toBe(german(de, 'Register'));
    await expect(page.getByLabel(german(de, 'First Name')).isVisible()).resolves.toBe(true);
    await expect(page.locator('#pw-meter-text').textContent()).resolves.toBe(
      german(de, 'Password Strength: Enter a Password'),
    );

    await page.locator('#f-email').fill('not-an-email');
    await page.locator('form[action="/register"] button[type="submit"]').click();
    await page.waitForLoadState('load');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    await expect(page.getByTestId('form-error').textContent()).resolves.toBe(
      german(deMessages, 'Please correct the highlighted fields.'),
    );
    await expect(page.locator('#f-email-desc').textContent()).resolves.toBe(
      german(deMessages, 'Enter a valid email address.'),
    );
    // What was typed is kept.
    await expect(page.locator('#f-email').inputValue()).resolves.toBe('not-an-email');
  }, 60_000);

  it('the picker works without JavaScript, with its button', async () => {
    const page = await b.newPage({ javaScript: false });
    await page.goto(b.url('/login'));
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('button', { name: 'Change' }).click();
    await page.waitForURL(b.url('/login'));
    await expect(page.locator('h1').textContent()).resolves.toBe(german(de, 'Login'));
  }, 60_000);

  it('Arabic is right to left and fits a 390 px phone, logged in or not', async () => {
    const marker = unique();
    const { owner, account } = await buildAccountWithOwner({
      account: { companyName: `شركة الاستضافة ذات الاسم الطويل جدًا ${marker}` },
    });
    await buildAuthorizedUser(account.id, ['tickets', 'invoices']);
    await buildInvoice({ accountId: account.id, items: [{ description: `Hosting ${marker}`, amount: '12.50' }] });

    const page = await b.newPage(PHONE);
    await page.goto(b.url('/login'));
    // The picker sends itself on change; the URL stays /login, so wait for the Arabic page itself.
    await page.locator('#footer-language').selectOption('ar');
    await page.locator('html[dir="rtl"]').waitFor({ state: 'attached' });
    await page.waitForLoadState('load');

    const problems: string[] = [];
    const check = async (path: string) => {
      await expect(page.locator('html').getAttribute('dir'), path).resolves.toBe('rtl');
      await page.waitForLoadState('load');
      const rtlCss = await page.evaluate(() =>
        [...document.querySelectorAll('link[rel="stylesheet"]')].some((l) =>
          (l as HTMLLinkElement).href.includes('bootstrap.rtl.min.css'),
        ),
      );
      if (!rtlCss) problems.push(`${path}: no Bootstrap RTL css`);
      // The layout really mirrors: the brand sits at the right edge of the header.
      const brand = await page.locator('.navbar-brand').boundingBox();
      if (!brand || brand.x + brand.width < PHONE.width / 2) problems.push(`${path}: the brand is not on the right`);
      const { doc, boxes } = await sidewaysOverflow(page);
      if (doc > 0) problems.push(`${path}: the page is ${doc} px too wide`);
      for (const box of boxes) problems.push(`${path}: ${box.what} scrolls by ${box.by} px`);
    };

    await check('/login');
    await page.goto(b.url('/register'));
    await check('/register');

    await page.goto(b.url('/login'));
    await page.locator('#f-email').fill(owner.email);
    await page.locator('#f-password').fill(TEST_PASSWORD);
    await page.locator('form[action="/login"] button[type="submit"]').click();
    await page.waitForURL(b.url('/'));
    // The owner's own setting (English) wins over the cookie: choosing Arabic again saves it.
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('ltr');
    await page.locator('#footer-language').selectOption('ar');
    await page.locator('html[dir="rtl"]').waitFor({ state: 'attached' });
    await check('/');
    await page.goto(b.url('/account/users'));
    await check('/account/users');
    expect(problems).toEqual([]);
  }, 90_000);
});
