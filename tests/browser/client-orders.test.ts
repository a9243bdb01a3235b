// Checkout in real Chromium (issue 3): a visitor fills the cart, logs in at checkout, chooses
// "Create a New Account", and lands on the new account's unpaid invoice as its owner.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { buildAccountWithOwner, buildProduct, unique, uniqueEmail } from '../factories/index.js';
import { describeBrowser, useBrowserApp } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/http.js';

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`);
}

describeBrowser('checkout in Chromium', () => {
  const b = useBrowserApp();

  it('orders into a new account the user owns, then shows its unpaid invoice', async () => {
    const { owner, account: firstAccount } = await buildAccountWithOwner();
    const product = await buildProduct({ name: `Browser Plan ${unique()}`, price: '7.50' });
    const company = `Checkout Co ${unique()}`;
    const billingEmail = uniqueEmail('checkout');

    const page = await b.newPage({ width: 375, height: 800 });
    await page.goto(b.url('/store'));
    await page.getByRole('button', { name: `Order Now ${product.name}` }).click();
    await page.waitForURL(/\/cart$/);
    await expect(page.getByTestId('cart-line').filter({ hasText: product.name }).count()).resolves.toBe(1);
    await page.getByRole('link', { name: 'Checkout' }).click();

    // Not logged in yet: log in, and come back to checkout with the cart.
    await page.waitForURL(/\/login$/);
    await page.getByLabel('Email Address').fill(owner.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(/\/checkout$/);
    await expect(page.getByTestId('cart-total').textContent()).resolves.toContain('$7.50');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    // The billing form for a new account shows only once "Create a New Account" is chosen.
    await expect(page.locator('#new-account').isVisible()).resolves.toBe(false);
    await page.getByTestId('checkout-account-new').check();
    await expect(page.locator('#new-account').isVisible()).resolves.toBe(true);
    await page.getByLabel('First Name').fill('Nina');
    await page.getByLabel('Last Name').fill('Neworder');
    await page.getByLabel('Billing Email Address').fill(billingEmail);
    await page.getByLabel('Phone Number').fill('+44 20 7946 0000');
    await page.getByLabel('Company Name (optional)').fill(company);
    await page.locator('#f-address1').fill('10 Downing St'); // "Street Address" (and "Street Address 2")
    await page.getByLabel('City').fill('London');
    await page.getByLabel('Postcode').fill('SW1A 2AA');
    await page.getByLabel('Country').selectOption('GB');
    await page.getByRole('button', { name: 'Complete Order' }).click();

    await page.waitForURL(/\/invoices\/\d+$/);
    await expect(page.getByTestId('invoice-status').textContent()).resolves.toContain('Unpaid');
    await expect(page.getByTestId('invoice-total').textContent()).resolves.toContain('$7.50');
    await expect(page.getByText('Thank you for your order').isVisible()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    const account = await db().account.findFirstOrThrow({
      where: { email: billingEmail },
      include: { users: true, services: true, invoices: true },
    });
    expect(account.id).not.toBe(firstAccount.id);
    expect(account.companyName).toBe(company);
    expect(account.country).toBe('GB');
    expect(account.users).toEqual([expect.objectContaining({ userId: owner.id, isOwner: true })]);
    expect(account.services).toEqual([expect.objectContaining({ productId: product.id, status: 'Pending' })]);
    expect(account.invoices.map((i) => i.status)).toEqual(['Unpaid']);
    expect(page.url()).toBe(b.url(`/invoices/${account.invoices[0]!.id}`));

    // Pay it through the test gateway, confirmed in the page's modal.
    await page.getByRole('button', { name: 'Pay Now' }).click();
    await page.getByTestId('confirm-modal').getByRole('button', { name: 'Pay Now' }).click();
    await page.getByText('Payment received').waitFor();
    await expect(page.getByTestId('invoice-status').textContent()).resolves.toContain('Paid');
    expect(await db().transaction.count({ where: { invoiceId: account.invoices[0]!.id } })).toBe(1);
  }, 60_000);
});
