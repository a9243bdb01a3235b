// The home page's panels in Chromium (issue 13): what needs the user, each panel only with its
// permission; an overdue invoice is highlighted and paid from the panel (confirmed in the modal).
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import {
  buildAccountWithOwner,
  buildAuthorizedUser,
  buildDomain,
  buildInvoice,
  buildProduct,
  buildService,
  buildTicket,
  daysFromNow,
  TEST_PASSWORD,
  unique,
} from '../factories/index.js';
import { describeBrowser, useBrowserApp } from '../helpers/browser.js';

const SLOW = 60_000;
const PANELS = ['panel-invoices', 'panel-services', 'panel-tickets', 'panel-domains'] as const;

describeBrowser('home page panels in Chromium', () => {
  const b = useBrowserApp();

  async function accountWithEverything() {
    const owned = await buildAccountWithOwner();
    const id = owned.account.id;
    const marker = unique();
    const product = await buildProduct({ name: `Home Plan ${marker}` });
    const service = await buildService({ accountId: id, productId: product.id, status: 'Active' });
    const overdue = await buildInvoice({ accountId: id, dueAt: daysFromNow(-3) });
    const due = await buildInvoice({ accountId: id, dueAt: daysFromNow(10) });
    const ticket = await buildTicket({ accountId: id, subject: `Home ticket ${marker}` });
    const domain = await buildDomain({ accountId: id, name: `home-${marker}.test`, expiresAt: daysFromNow(20) });
    await buildDomain({ accountId: id, name: `later-${marker}.test`, expiresAt: daysFromNow(300) });
    return { ...owned, marker, service, overdue, due, ticket, domain };
  }

  async function openHome(email: string): Promise<Page> {
    const page = await b.newPage();
    await page.goto(b.url('/login'));
    await page.getByLabel('Email Address').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(b.url('/'));
    return page;
  }

  it(
    'the owner sees every panel; the overdue invoice is highlighted and paid from the panel',
    async () => {
      const f = await accountWithEverything();
      const page = await openHome(f.owner.email);
      for (const panel of PANELS) await expect(page.getByTestId(panel).isVisible(), panel).resolves.toBe(true);
      await expect(page.getByTestId('overdue-notice').textContent()).resolves.toContain('One invoice is overdue.');
      const overdueRow = page.getByTestId(`home-invoice-${f.overdue.id}`);
      await expect(overdueRow.getAttribute('class')).resolves.toContain('list-group-item-danger');
      await expect(overdueRow.textContent()).resolves.toContain('Overdue since');
      await expect(page.getByTestId(`home-invoice-${f.due.id}`).getAttribute('class')).resolves.not.toContain('danger');
      await expect(page.getByTestId('panel-tickets').textContent()).resolves.toContain(`Home ticket ${f.marker}`);
      await expect(page.getByTestId('panel-domains').textContent()).resolves.toContain(f.domain.name);
      await expect(page.getByTestId('panel-domains').textContent()).resolves.not.toContain(`later-${f.marker}`);
      await expect(page.getByTestId('panel-services').textContent()).resolves.toContain(`Home Plan ${f.marker}`);
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(
        violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => v.id + v.nodes.map((n) => n.html + n.failureSummary).join()),
      ).toEqual([]);

      await overdueRow.getByRole('button', { name: `Pay invoice #${f.overdue.id}` }).click();
      await page.getByTestId('confirm-modal').getByRole('button', { name: 'Pay Now' }).click();
      await page.waitForURL(b.url(`/invoices/${f.overdue.id}`));
      expect((await db().invoice.findUniqueOrThrow({ where: { id: f.overdue.id } })).status).toBe('Paid');
    },
    SLOW,
  );

  it(
    'a user with only `tickets` sees the tickets panel and nothing of the rest',
    async () => {
      const f = await accountWithEverything();
      const { user } = await buildAuthorizedUser(f.account.id, ['tickets']);
      const page = await openHome(user.email);
      await expect(page.getByTestId('panel-tickets').isVisible()).resolves.toBe(true);
      for (const panel of PANELS.filter((p) => p !== 'panel-tickets'))
        await expect(page.getByTestId(panel).count(), panel).resolves.toBe(0);
      const html = await page.content();
      expect(html).not.toContain(f.domain.name);
      expect(html).not.toContain(`Invoice #${f.overdue.id}`);
      expect(html).not.toContain(`Home Plan ${f.marker}`);
      await expect(page.getByTestId('panel-shortcuts').textContent()).resolves.toContain('Open Ticket');
      await expect(page.getByTestId('panel-shortcuts').textContent()).resolves.not.toContain('Order New Services');
    },
    SLOW,
  );

  it(
    'a user with `invoices` and `domains` sees those two panels; one with none is told so',
    async () => {
      const f = await accountWithEverything();
      const { user } = await buildAuthorizedUser(f.account.id, ['invoices', 'domains']);
      const page = await openHome(user.email);
      await expect(page.getByTestId('panel-invoices').isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('panel-domains').isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('panel-services').count()).resolves.toBe(0);
      await expect(page.getByTestId('panel-tickets').count()).resolves.toBe(0);

      const { user: bare } = await buildAuthorizedUser(f.account.id, []);
      const empty = await openHome(bare.email);
      await expect(empty.getByText('does not include any sections yet').isVisible()).resolves.toBe(true);
      for (const panel of PANELS) await expect(empty.getByTestId(panel).count()).resolves.toBe(0);
    },
    SLOW,
  );
});
