// Issue 13's walk-through bugs in real Chromium: single sign-on reaches the panel (bug 1), the
// affiliate account is activated by its button only (bug 2), one entry per country (bug 3), a
// deep link survives Choose Account (bug 4), a removed user is told why (bug 5), and the store
// passes axe with the accessible-name rule on (bug 6).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { verifySsoToken } from '../../src/lib/sso-token.js';
import { removeUser } from '../../src/services/memberships/memberships.js';
import {
  buildAccountWithOwner,
  buildAuthorizedUser,
  buildInvoice,
  buildMembership,
  buildProduct,
  buildService,
  buildUser,
  TEST_PASSWORD,
} from '../factories/index.js';
import { describeBrowser, useBrowserApp } from '../helpers/browser.js';

const SLOW = 60_000;

async function login(page: Page, base: (p: string) => string, email: string) {
  await page.goto(base('/login'));
  await page.getByLabel('Email Address').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Login' }).click();
}

describeBrowser('issue 13 walk-through bugs in Chromium', () => {
  const b = useBrowserApp();

  // A stand-in control panel on another origin: it accepts the token the way a real one would.
  let panel: Server;
  let panelUrl = '';
  const panelVisits: { serviceId: number; userId: number }[] = [];
  beforeAll(async () => {
    panel = createServer((req, res) => {
      const token = new URL(req.url ?? '/', 'http://panel').searchParams.get('token') ?? '';
      const claims = verifySsoToken(token);
      if (claims) panelVisits.push({ serviceId: claims.serviceId, userId: claims.userId });
      res.writeHead(claims ? 200 : 403, { 'content-type': 'text/html' });
      res.end(claims ? '<title>Panel</title><h1>Welcome to your control panel</h1>' : '<h1>Bad token</h1>');
    });
    await new Promise<void>((resolve) => panel.listen(0, '127.0.0.1', resolve));
    panelUrl = `http://127.0.0.1:${(panel.address() as AddressInfo).port}/login`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => panel.close(() => resolve()));
  });

  it(
    'bug 1: "Log in to Control Panel" lands logged in on the panel, under our CSP',
    async () => {
      const { account } = await buildAccountWithOwner();
      const { user } = await buildAuthorizedUser(account.id, ['products', 'productsso']);
      const product = await buildProduct({ name: 'SSO Plan' });
      const service = await buildService({ accountId: account.id, productId: product.id, panelUrl, status: 'Active' });
      const page = await b.newPage();
      const blocked: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') blocked.push(m.text());
      });
      await login(page, b.url, user.email);
      await page.waitForURL(b.url('/'));
      await page.goto(b.url(`/services/${service.id}`));
      const [panelPage] = await Promise.all([
        page.context().waitForEvent('page'),
        page.getByRole('button', { name: 'Log in to Control Panel' }).click(),
      ]);
      panelPage.on('console', (m) => {
        if (m.type() === 'error') blocked.push(m.text());
      });
      await panelPage.waitForURL(/127\.0\.0\.1:\d+\/login\?token=/);
      await expect(panelPage.getByRole('heading', { name: 'Welcome to your control panel' }).isVisible()).resolves.toBe(
        true,
      );
      expect(panelVisits).toContainEqual({ serviceId: service.id, userId: user.id });
      expect(blocked.filter((t) => /Content Security Policy|form-action/i.test(t))).toEqual([]);
    },
    SLOW,
  );

  it(
    'bug 2: opening Affiliates changes nothing; the Activate button does',
    async () => {
      const { owner, account } = await buildAccountWithOwner();
      const page = await b.newPage();
      await login(page, b.url, owner.email);
      await page.waitForURL(b.url('/'));
      await page.goto(b.url('/affiliates'));
      await page.reload();
      expect(await db().affiliate.count({ where: { accountId: account.id } })).toBe(0);
      await page.getByRole('button', { name: 'Activate Affiliate Account' }).click();
      await page.getByLabel('Your referral link').waitFor();
      expect(await db().affiliate.count({ where: { accountId: account.id } })).toBe(1);
      await expect(page.getByLabel('Your referral link').inputValue()).resolves.toContain('/store?aff=');
    },
    SLOW,
  );

  it(
    'bug 3: the country list names each country once',
    async () => {
      const page = await b.newPage();
      await page.goto(b.url('/register'));
      const names = await page.locator('#f-country option').allTextContents();
      expect(names.length).toBeGreaterThanOrEqual(249);
      expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
      expect(names.filter((n) => n === 'Benin')).toHaveLength(1);
    },
    SLOW,
  );

  it(
    'bug 4: a deep link to an invoice opens after login and Choose Account',
    async () => {
      const user = await buildUser();
      const a = await buildAccountWithOwner({ account: { companyName: `Deep A ${user.id}` } });
      const other = await buildAccountWithOwner({ account: { companyName: `Deep B ${user.id}` } });
      await buildMembership({ accountId: a.account.id, userId: user.id, permissions: ['invoices'] });
      await buildMembership({ accountId: other.account.id, userId: user.id, permissions: ['invoices'] });
      const invoice = await buildInvoice({ accountId: a.account.id });
      const page = await b.newPage();
      await page.goto(b.url(`/invoices/${invoice.id}`));
      await page.waitForURL(b.url('/login'));
      await page.getByLabel('Email Address').fill(user.email);
      await page.getByLabel('Password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Login' }).click();
      await page.waitForURL(b.url('/accounts/choose'));
      await page.getByTestId(`choose-account-${a.account.id}`).click();
      await page.waitForURL(b.url(`/invoices/${invoice.id}`));
      await expect(page.getByRole('heading', { name: `Invoice #${invoice.id}` }).isVisible()).resolves.toBe(true);
    },
    SLOW,
  );

  it(
    'bug 5: after removal, the next click says whose access ended',
    async () => {
      const user = await buildUser();
      const a = await buildAccountWithOwner({ account: { companyName: `Removed From ${user.id}` } });
      const other = await buildAccountWithOwner({ account: { companyName: `Still In ${user.id}` } });
      await buildMembership({ accountId: a.account.id, userId: user.id, permissions: ['tickets'] });
      await buildMembership({ accountId: other.account.id, userId: user.id, permissions: ['tickets'] });
      const page = await b.newPage();
      await login(page, b.url, user.email);
      await page.getByTestId(`choose-account-${a.account.id}`).click();
      await page.waitForURL(b.url('/'));
      await removeUser({ kind: 'user', userId: a.owner.id, ip: '' }, a.account.id, user.id);
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Support' }).click();
      await page.waitForURL(b.url('/accounts/choose'));
      await expect(page.getByRole('alert').first().textContent()).resolves.toContain(
        `Your access to Removed From ${user.id} was removed.`,
      );
      await expect(page.getByTestId('chooser-intro').textContent()).resolves.not.toContain('several');
      await expect(page.getByTestId(`choose-account-${a.account.id}`).count()).resolves.toBe(0);
    },
    SLOW,
  );

  it(
    'bug 6: the store has no serious axe violations, the accessible-name rule included',
    async () => {
      await buildProduct({ name: 'Axe Plan' });
      const page = await b.newPage();
      await page.goto(b.url('/store'));
      const { violations } = await new AxeBuilder({ page })
        .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
        .analyze();
      const serious = violations.filter(
        (v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'label-content-name-mismatch',
      );
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
      await expect(page.getByRole('button', { name: 'Order Now Axe Plan' }).count()).resolves.toBe(1);
    },
    SLOW,
  );
});
