// Phones (issue 13): every client page at 390 px without horizontal scrolling, nothing cut inside
// a scrolling box, the sections behind a Menu button and the account's name readable in full.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import {
  buildAccountWithOwner,
  buildAuthorizedUser,
  buildContact,
  buildDomain,
  buildInvoice,
  buildMembership,
  buildProduct,
  buildService,
  buildTicket,
  TEST_PASSWORD,
  unique,
} from '../factories/index.js';
import { describeBrowser, useBrowserApp } from '../helpers/browser.js';

const PHONE = { width: 390, height: 844 };

/** How far the page, or any box inside it, scrolls sideways (0 when everything fits). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const doc = document.documentElement.scrollWidth - window.innerWidth;
    const boxes = [...document.querySelectorAll<HTMLElement>('.table-responsive, pre, .list-group, .card')].map(
      (el) => ({ what: `${el.tagName}.${el.className}`, by: el.scrollWidth - el.clientWidth }),
    );
    const worst = boxes.filter((b) => b.by > 1);
    return { doc, worst };
  });

describeBrowser('client pages on a 390 px phone', () => {
  const b = useBrowserApp();

  it('no page scrolls sideways, and no box inside one cuts its content', async () => {
    const marker = unique();
    const long = `Extraordinarily Long Company Name Holdings International ${marker}`;
    const { owner, account } = await buildAccountWithOwner({
      account: { companyName: long, email: `billing.department.of.a.very.long.domain-${marker}@example-hosting.test` },
    });
    const second = await buildAccountWithOwner({
      account: { companyName: `Second Account With A Long Name ${marker}` },
    });
    await buildMembership({ accountId: second.account.id, userId: owner.id, permissions: ['tickets'] });
    const { user: member } = await buildAuthorizedUser(account.id, ['tickets']);
    const product = await buildProduct({ name: `Phone Plan ${marker}` });
    const service = await buildService({
      accountId: account.id,
      productId: product.id,
      domain: `a-really-long-hosting-domain-name-${marker}.example.test`,
      panelUrl: 'https://panel.example.test/login',
    });
    const domain = await buildDomain({ accountId: account.id, name: `phone-${marker}-domain.test` });
    const invoice = await buildInvoice({
      accountId: account.id,
      items: [{ description: `Phone Plan ${marker} (Monthly) with a long description of what it is`, amount: '9.99' }],
    });
    const quote = await db().quote.create({
      data: {
        accountId: account.id,
        subject: `Quote ${marker}`,
        validUntil: new Date(Date.now() + 86400e3 * 30),
        total: '40.00',
        items: { create: [{ description: 'Migration', amount: '40.00' }] },
      },
    });
    const ticket = await buildTicket({
      accountId: account.id,
      subject: `A ticket subject that is rather long ${marker}`,
    });
    const contact = await buildContact({
      accountId: account.id,
      email: `a.contact.with.a.long.address-${marker}@example.test`,
    });
    await db().affiliate.create({ data: { accountId: account.id, code: `aff${marker.replace('-', '')}` } });
    const email = await db().emailLog.create({
      data: {
        accountId: account.id,
        recipient: `someone.with.a.long.mailbox.name-${marker}@example-hosting.test`,
        subject: `A message with a long subject line about your account ${marker}`,
        template: 'test',
        bodyHtml: '<p>Hello</p>',
        bodyText: 'Hello',
        status: 'sent',
      },
    });

    const page = await b.newPage(PHONE);
    await page.goto(b.url('/login'));
    await page.getByLabel('Email Address').fill(owner.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.getByTestId(`choose-account-${account.id}`).click();
    await page.waitForURL(b.url('/'));
    await page.goto(b.url('/store'));
    await page.getByRole('button', { name: `Order Now Phone Plan ${marker}` }).click();
    await page.waitForURL(b.url('/cart'));

    const pages = [
      '/',
      '/services',
      `/services/${service.id}`,
      `/services/${service.id}/cancel`,
      '/domains',
      `/domains/${domain.id}`,
      '/invoices',
      `/invoices/${invoice.id}`,
      '/quotes',
      `/quotes/${quote.id}`,
      '/tickets',
      '/tickets/new',
      `/tickets/${ticket.id}`,
      '/contacts',
      '/contacts/new',
      `/contacts/${contact.id}`,
      '/affiliates',
      '/emails',
      `/emails/${email.id}`,
      '/store',
      '/cart',
      '/checkout',
      '/account/profile',
      '/account/users',
      `/account/users/${member.id}/permissions`,
      '/account/activity',
      '/user/profile',
      '/user/security',
      '/user/security/2fa',
      '/accounts/switch',
    ];
    const problems: string[] = [];
    for (const path of pages) {
      const res = await page.goto(b.url(path));
      if (res?.status() !== 200) problems.push(`${path}: status ${res?.status()}`);
      const { doc, worst } = await sidewaysOverflow(page);
      if (doc > 0) problems.push(`${path}: the page is ${doc} px too wide`);
      for (const w of worst) problems.push(`${path}: ${w.what} scrolls by ${w.by} px`);
    }
    const visitor = await b.newPage(PHONE);
    for (const path of ['/login', '/register', '/password/forgot', '/store']) {
      await visitor.goto(b.url(path));
      const { doc, worst } = await sidewaysOverflow(visitor);
      if (doc > 0) problems.push(`${path} (visitor): the page is ${doc} px too wide`);
      for (const w of worst) problems.push(`${path} (visitor): ${w.what} scrolls by ${w.by} px`);
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it('the sections open from a Menu button, and the account name is shown whole', async () => {
    const marker = unique();
    const name = `Readable Account Name For Phones ${marker}`;
    const { owner } = await buildAccountWithOwner({ account: { companyName: name } });
    const page = await b.newPage(PHONE);
    await page.goto(b.url('/login'));
    await page.getByLabel('Email Address').fill(owner.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(b.url('/'));
    const phoneName = page.getByTestId('current-account-phone');
    await expect(phoneName.isVisible()).resolves.toBe(true);
    // Whole: not cut with an ellipsis (its box is as wide as its text).
    expect(
      await phoneName.evaluate((el) => el.scrollWidth <= el.clientWidth && el.textContent!.includes('Phones')),
    ).toBe(true);
    const sections = page.getByRole('navigation', { name: 'Sections' });
    await expect(sections.getByRole('link', { name: 'Billing' }).isVisible()).resolves.toBe(false);
    await page.getByTestId('menu-button').click();
    await sections.getByRole('link', { name: 'Billing' }).waitFor({ state: 'visible' });
    await sections.getByRole('link', { name: 'Billing' }).click();
    await page.waitForURL(b.url('/invoices'));
  }, 60_000);
});
