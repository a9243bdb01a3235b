// Issue 14 in real Chromium: the header's quick search, paging/sorting/jumping/exporting a list,
// Manage User with Make Owner, Login as Client (a new tab with the staff banner, and the log
// entry), staff roles (a support admin is refused billing server-side), and the phone layout (no
// sideways scrolling at 390 px on the Users tab and the clients list).
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { db } from '../../src/db/client.js';
import { describeBrowser, useBrowserApp } from '../helpers/browser.js';
import {
  buildAccount,
  buildAccountWithOwner,
  buildAdmin,
  buildAuthorizedUser,
  buildInvoice,
  buildTicket,
  TEST_PASSWORD,
  unique,
} from '../factories/index.js';

describeBrowser('admin support desk (Chromium)', () => {
  const b = useBrowserApp();

  async function adminPage(role: 'full' | 'support' | 'billing' = 'full', size?: { width: number; height: number }) {
    const a = await buildAdmin({ role });
    const page = await b.newPage(size);
    page.on('dialog', (d) => void d.accept());
    await page.goto(b.url('/admin/login'));
    await page.getByLabel('Email Address').fill(a.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(b.url('/admin'));
    return { page, admin: a };
  }

  const seriousAxe = async (page: Page) =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.help} ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(' | ')}`,
      );

  it('quick search: grouped results under the header box, and Enter opens the full results', async () => {
    const tag = `bqs${unique().replace(/-/g, '')}`;
    const client = await buildAccount({ companyName: `Acme Web ${tag} Ltd` });
    const ticket = await buildTicket({ accountId: client.id, subject: `Web ${tag} outage` });
    const { page } = await adminPage();
    await page.getByTestId('quick-search').pressSequentially(`web ${tag}`);
    const results = page.getByTestId('quick-search-results');
    await expect.poll(() => results.isVisible()).toBe(true);
    await expect.poll(() => results.textContent()).toContain('Clients');
    expect(await results.textContent()).toContain('Tickets');
    expect(await results.locator('[data-kind="ticket"]').getAttribute('href')).toBe(`/admin/tickets/${ticket.id}`);
    await results.locator('[data-kind="client"]').first().click();
    await page.waitForURL(b.url(`/admin/clients/${client.id}`));
    await page.getByTestId('quick-search').fill(`web ${tag}`);
    await page.getByTestId('quick-search').press('Enter');
    await page.waitForURL(/\/admin\/search\?q=/);
    await expect.poll(() => page.locator('[data-group="ticket"]').textContent()).toContain(`Web ${tag} outage`);
  }, 60_000);

  it('clients list: sort by a column, Next, jump to a page, 50 per page, and the CSV download', async () => {
    const tag = `bpg${unique().replace(/-/g, '')}`;
    for (let i = 0; i < 30; i++) await buildAccount({ companyName: `${tag} Co ${String(i).padStart(2, '0')}` });
    const { page } = await adminPage();
    await page.goto(b.url('/admin/clients'));
    await page.getByLabel('Search clients', { exact: true }).fill(tag);
    await page.getByRole('button', { name: 'Search' }).click();
    const status = page.getByTestId('page-status');
    await expect.poll(() => status.textContent()).toContain('Showing 1–25 of 30 · Page 1 of 2');
    await page.getByTestId('sort-company').click();
    await expect
      .poll(() => page.locator('[data-testid="clients-table"] tbody tr').first().textContent())
      .toContain(`${tag} Co 00`);
    await page.getByRole('link', { name: 'Next' }).click();
    await expect.poll(() => status.textContent()).toContain('Page 2 of 2');
    expect(await page.locator('[data-testid="clients-table"] tbody tr').first().textContent()).toContain(
      `${tag} Co 25`,
    );
    await page.getByRole('link', { name: 'Previous' }).click();
    await expect.poll(() => status.textContent()).toContain('Page 1 of 2');
    await page.getByLabel('Go to page').fill('2');
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await expect.poll(() => status.textContent()).toContain('Showing 26–30 of 30');
    await page.getByLabel('Per page').selectOption('50');
    await expect.poll(() => status.textContent()).toContain('Page 1 of 1');
    expect(await page.locator('[data-testid="clients-table"] tbody tr').count()).toBe(30);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toContain('ID,First Name,Last Name,Company');
    expect(csv).toHaveLength(31);
    expect(csv[1]).toContain(`${tag} Co 00`); // the sort chosen on the page
  }, 60_000);

  it("Manage User: this client's permissions and Make Owner in one dialog, one Save", async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    const { page } = await adminPage();
    await page.goto(b.url(`/admin/clients/${account.id}/users`));
    await page.locator('[data-testid="users-table"] tr', { hasText: user.email }).getByTestId('manage-user').click();
    await page.getByLabel('View & Pay Invoices').check();
    await page.getByLabel('Make Owner').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.alert-success').textContent()).toContain('Ownership transferred');
    const links = await db().accountUser.findMany({ where: { accountId: account.id } });
    expect(links.filter((l) => l.isOwner).map((l) => l.userId)).toEqual([user.id]);
    expect(links.find((l) => l.userId === owner.id)!.permissions).toHaveLength(13);
    await expect
      .poll(() =>
        page.locator('[data-testid="users-table"] tr', { hasText: user.email }).getByTestId('owner-badge').count(),
      )
      .toBe(1);
  }, 60_000);

  it('Login as Owner: a new tab with the staff banner; the Log tab names the admin; Return to admin', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { page, admin } = await adminPage();
    await page.goto(b.url(`/admin/clients/${account.id}/users`));
    const row = page.locator('[data-testid="users-table"] tr', { hasText: owner.email });
    await row.getByTestId('user-actions').click();
    const [client] = await Promise.all([page.context().waitForEvent('page'), row.getByTestId('login-as').click()]);
    await client.waitForURL(b.url('/'));
    const banner = client.getByTestId('staff-banner');
    await expect.poll(() => banner.textContent()).toContain(`Logged in by staff: ${admin.firstName} ${admin.lastName}`);
    expect(await client.getByTestId('current-account').textContent()).toContain(account.companyName);
    // The admin area's own session is untouched in the first tab.
    await page.goto(b.url(`/admin/clients/${account.id}/log`));
    await expect
      .poll(() => page.getByTestId('activity-table').textContent())
      .toContain(`Staff logged in to the client area as ${owner.email}`);
    expect(await page.getByTestId('activity-table').textContent()).toContain(`${admin.firstName} ${admin.lastName}`);
    await client.getByRole('button', { name: 'Return to admin' }).click();
    await client.waitForURL(b.url(`/admin/clients/${account.id}/users`));
  }, 60_000);

  it('staff roles: support sees no billing, staff or settings, and a forged billing POST is refused', async () => {
    const { account } = await buildAccountWithOwner();
    const invoice = await buildInvoice({ accountId: account.id });
    const { page, admin: support } = await adminPage('support');
    // With 2FA on, the staff page shows its Reset 2FA button too (checked by axe below).
    await db().admin.update({ where: { id: support.id }, data: { totpEnabled: true, totpSecret: 'sealed' } });
    expect(await page.locator('nav a[href="/admin/staff"]').count()).toBe(0);
    expect(await page.locator('nav a[href="/admin/settings"]').count()).toBe(0);
    await page.goto(b.url(`/admin/clients/${account.id}/invoices`));
    expect(await page.getByRole('button', { name: 'Mark Paid' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Create Invoice' }).count()).toBe(0);
    // The page's own session and CSRF token, posting what the page does not offer.
    const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content');
    const res = await page.request.post(b.url(`/admin/clients/${account.id}/invoices/${invoice.id}/paid`), {
      form: { _csrf: csrf ?? '' },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
    expect((await db().invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe('Unpaid');
    expect((await page.goto(b.url('/admin/staff')))?.status()).toBe(403);

    const full = await adminPage('full');
    await full.page.goto(b.url('/admin/staff'));
    expect(await full.page.getByTestId('staff-table').textContent()).toContain('Support');
    expect(await full.page.getByRole('button', { name: 'Reset 2FA' }).count()).toBeGreaterThan(0);
    expect(await seriousAxe(full.page)).toEqual([]);
  }, 60_000);

  it('phones: at 390 px the Users tab and the clients list do not scroll sideways; tabs scroll in their strip', async () => {
    const { account } = await buildAccountWithOwner({
      account: { companyName: 'A Client With A Rather Long Company Name Ltd' },
    });
    for (let i = 0; i < 4; i++) await buildAuthorizedUser(account.id, ['tickets']);
    const { page } = await adminPage('full', { width: 390, height: 844 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    for (const path of [`/admin/clients/${account.id}/users`, '/admin/clients']) {
      await page.goto(b.url(path));
      expect(await overflow(), path).toBeLessThanOrEqual(0);
    }
    await page.goto(b.url(`/admin/clients/${account.id}/users`));
    // Row actions are on screen, not 600 px to the right.
    const actions = await page.getByTestId('user-actions').first().boundingBox();
    expect(actions && actions.x + actions.width).toBeLessThanOrEqual(390);
    // The eleven tabs are one strip that scrolls, not four lines.
    const tabs = page.getByRole('list', { name: 'Client profile' });
    const box = await tabs.boundingBox();
    expect(box!.height).toBeLessThan(60);
    expect(
      await tabs.evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX === 'auto'),
    ).toBe(true);
    expect(await seriousAxe(page)).toEqual([]);
  }, 60_000);
});
