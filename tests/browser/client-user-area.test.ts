// The client area's user flows in real Chromium: register, invitations from the real email,
// removal, two-factor, and choosing/switching accounts; axe on the main pages.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, afterAll, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { advanceClock } from '../../src/lib/clock.js';
import { readFile } from 'node:fs/promises';
import { seal } from '../../src/lib/secretbox.js';
import { currentTotp, newTotpSecret } from '../../src/lib/totp.js';
import { buildAccountWithOwner, buildMembership, buildUser, TEST_PASSWORD, uniqueEmail } from '../factories/index.js';
import { describeBrowser, useBrowserApp } from '../helpers/browser.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

const PASSWORD = 'Lantern-Orbit-Quartz-58';
const SLOW = 90_000; // real browser + axe

async function seriousViolations(page: Page, scope?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (scope) builder.include(scope);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${page.url()} ${v.id}: ${v.help} [${v.nodes.map((n) => n.html).join(' | ')}]`);
}

describeBrowser('client area user flows in Chromium', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.stop();
  });
  const b = useBrowserApp({ smtpUrl: () => smtp.url });

  async function login(page: Page, email: string, password = TEST_PASSWORD) {
    await page.goto(b.url('/login'));
    await page.getByLabel('Email Address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Login' }).click();
  }

  it(
    'register -> dashboard, with no serious axe violations on login, register and dashboard',
    async () => {
      const page = await b.newPage();
      await page.goto(b.url('/login'));
      const problems = await seriousViolations(page);
      await page.goto(b.url('/register'));
      problems.push(...(await seriousViolations(page)));
      const email = uniqueEmail('reg');
      await page.getByLabel('First Name').fill('Rita');
      await page.getByLabel('Last Name').fill('Register');
      await page.getByLabel('Email Address').fill(email);
      await page.getByLabel('Phone Number').fill('+1 555 0100');
      await page.locator('#f-address1').fill('1 Main Street');
      await page.getByLabel('City').fill('Springfield');
      await page.getByLabel('Postcode').fill('12345');
      await page.locator('#f-password').fill(PASSWORD);
      await page.locator('#f-passwordConfirm').fill(PASSWORD);
      await page.getByRole('button', { name: 'Register' }).click();
      // "Check your email" for a new and a taken address alike; the real email's link finishes it.
      await page.getByTestId('check-email').waitFor();
      problems.push(...(await seriousViolations(page)));
      const mail = await smtp.waitFor((m) => m.envelopeTo.includes(email) && m.subject.includes('Confirm'));
      await page.goto(mail.links.find((l) => l.includes('/register/activate/'))!);
      await page.waitForURL(b.url('/'));
      await expect(page.getByRole('heading', { name: 'Welcome, Rita' }).isVisible()).resolves.toBe(true);
      await page.goto(b.url('/user/profile'));
      await expect(page.getByTestId('email-status').textContent()).resolves.toContain('Verified');
      problems.push(...(await seriousViolations(page)));
      await page.goto(b.url('/user/security'));
      problems.push(...(await seriousViolations(page)));
      await page.goto(b.url('/'));
      problems.push(...(await seriousViolations(page)));
      expect(problems).toEqual([]);
    },
    SLOW,
  );

  it(
    'owner invites by email; the invitee opens the real email link, registers with another email and sees only granted sections; removal is enforced on the next click',
    async () => {
      const { account, owner } = await buildAccountWithOwner({ account: { companyName: `Invite Co ${Date.now()}` } });
      const ownerPage = await b.newPage();
      await login(ownerPage, owner.email);
      await ownerPage.waitForURL(b.url('/'));
      await ownerPage.getByTestId('user-menu').click();
      await ownerPage
        .getByRole('navigation', { name: 'Account and user' })
        .getByRole('link', { name: 'User Management' })
        .click();
      await ownerPage.waitForURL(b.url('/account/users'));
      // The whole page, header included: an owner sees every section link at 1280 px.
      expect(await seriousViolations(ownerPage)).toEqual([]);

      const invited = uniqueEmail('invitee');
      const form = ownerPage.getByTestId('invite-form');
      await form.getByLabel('Email Address').fill(invited);
      await expect(ownerPage.locator('#perm-list').isHidden()).resolves.toBe(true);
      await form.getByLabel('Choose Permissions').check();
      await form.getByLabel('View & Open Support Tickets').check();
      await form.getByRole('button', { name: 'Send Invite' }).click();
      await ownerPage.waitForURL(b.url('/account/users'));
      await expect(ownerPage.getByTestId('pending-invites').textContent()).resolves.toContain(invited);

      const mail = await smtp.waitFor((m) => m.envelopeTo.includes(invited) && m.subject.includes('invited you'));
      const link = mail.links.find((l) => l.includes('/invite/'));
      expect(link).toBeTruthy();

      const guest = await b.newPage();
      await guest.goto(link!);
      await expect(guest.getByTestId('invite-summary').textContent()).resolves.toContain(
        `has given you access to the ${account.companyName} account`,
      );
      expect(await seriousViolations(guest)).toEqual([]);
      const register = guest.getByTestId('invite-register');
      await expect(register.getByLabel('Email Address').inputValue()).resolves.toBe(invited);
      const chosen = uniqueEmail('chosen');
      await register.getByLabel('First Name').fill('Ivy');
      await register.getByLabel('Last Name').fill('Invitee');
      await register.getByLabel('Email Address').fill(chosen);
      await register.locator('#f-password').fill(PASSWORD);
      await register.locator('#f-passwordConfirm').fill(PASSWORD);
      await register.getByRole('button', { name: 'Register and Accept' }).click();
      await guest.getByTestId('check-email').waitFor();
      const activation = await smtp.waitFor((m) => m.envelopeTo.includes(chosen) && m.subject.includes('Confirm'));
      await guest.goto(activation.links.find((l) => l.includes('/register/activate/'))!);
      await guest.waitForURL(b.url('/'));
      await expect(guest.getByTestId('current-account').textContent()).resolves.toContain(account.companyName);
      const nav = guest.getByRole('navigation', { name: 'Sections' });
      await expect(nav.getByRole('link', { name: 'Support' }).count()).resolves.toBe(1);
      for (const hidden of ['Services', 'Billing', 'Domains', 'Contacts', 'Emails']) {
        await expect(nav.getByRole('link', { name: hidden, exact: true }).count()).resolves.toBe(0);
      }

      // The owner sees who accepted, then removes the user.
      await ownerPage.reload();
      await expect(ownerPage.getByTestId('accepted-invites').textContent()).resolves.toContain(chosen);
      const user = await db().user.findUniqueOrThrow({ where: { email: chosen } });
      await ownerPage.getByTestId(`user-row-${user.id}`).getByRole('button', { name: 'Remove Access' }).click();
      await ownerPage.getByTestId('confirm-modal').getByRole('button', { name: 'Remove Access' }).click();
      await ownerPage.waitForURL(b.url('/account/users'));
      await expect(ownerPage.getByTestId('users-table').textContent()).resolves.not.toContain(chosen);

      // The removed user's next click is refused: no account data, the "no account" page instead.
      await nav.getByRole('link', { name: 'Dashboard' }).click();
      await guest.waitForURL(b.url('/accounts/none'));
      await expect(guest.getByRole('heading', { name: 'No Account Access' }).isVisible()).resolves.toBe(true);
      await expect(guest.content()).resolves.not.toContain(account.companyName);
    },
    SLOW,
  );

  it(
    'enrols two-factor with the QR page and then logs in with a code',
    async () => {
      const { owner } = await buildAccountWithOwner();
      const page = await b.newPage();
      await login(page, owner.email);
      await page.waitForURL(b.url('/'));
      await page.goto(b.url('/user/security'));
      await page.getByRole('link', { name: 'Enable Two-Factor' }).click();
      await expect(page.getByTestId('totp-qr').getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
      const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
      await page.getByLabel('Verification Code').fill(currentTotp(secret));
      await page.getByRole('button', { name: 'Enable' }).click();
      await expect(page.getByTestId('recovery-codes').locator('li').count()).resolves.toBe(10);
      await page.getByRole('link', { name: 'I have saved them' }).click();
      await expect(page.getByTestId('totp-status').textContent()).resolves.toContain('On');

      await page.getByTestId('user-menu').click();
      await page.getByRole('button', { name: 'Logout' }).click();
      await page.waitForURL(/\/login/);
      await login(page, owner.email);
      await page.waitForURL(b.url('/login/2fa'));
      // The enrolment code was used once already (RFC 6238 §5.2): the next code, 30 s later.
      advanceClock(30_000);
      await page.getByLabel('Authentication Code').fill(currentTotp(secret));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL(b.url('/'));
      await expect(page.getByTestId('user-menu').textContent()).resolves.toContain(owner.firstName);
    },
    SLOW,
  );

  it(
    'new recovery codes: asked with a current code, then downloaded as text and copied to the clipboard',
    async () => {
      const secret = newTotpSecret();
      const user = await buildUser({ totpEnabled: true, totpSecret: seal(secret), recoveryCodeHashes: [] });
      const page = await b.newPage();
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: b.url('/') });
      await login(page, user.email);
      await page.waitForURL(b.url('/login/2fa'));
      await page.getByLabel('Authentication Code').fill(currentTotp(secret));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      advanceClock(30_000); // that code was used; the next is one step later
      await page.goto(b.url('/user/security'));
      await page.getByRole('link', { name: 'Get new recovery codes' }).click();
      await page.getByLabel('Current code from your app').fill(currentTotp(secret));
      await page.getByRole('button', { name: 'Get New Codes' }).click();
      const codes = await page.getByTestId('recovery-codes').locator('li').allTextContents();
      expect(codes).toHaveLength(10);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-codes').click()]);
      expect(download.suggestedFilename()).toBe('recovery-codes.txt');
      const saved = await readFile((await download.path())!, 'utf8');
      for (const c of codes) expect(saved).toContain(c.trim());

      await page.getByTestId('copy-codes').click();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      for (const c of codes) expect(copied).toContain(c.trim());
      expect(await page.getByTestId('copy-codes').textContent()).toBe('Copied');
    },
    SLOW,
  );

  it(
    'a user with two accounts chooses, switches and sees only the selected account',
    async () => {
      const user = await buildUser({ firstName: 'Multi' });
      const a = await buildAccountWithOwner({ account: { companyName: `Alpha Hosting ${Date.now()}` } });
      const bAcc = await buildAccountWithOwner({ account: { companyName: `Beta Shop ${Date.now()}` } });
      await buildMembership({ accountId: a.account.id, userId: user.id, permissions: ['tickets'] });
      await buildMembership({ accountId: bAcc.account.id, userId: user.id, permissions: ['invoices'] });
      const page = await b.newPage();
      await login(page, user.email);
      await page.waitForURL(b.url('/accounts/choose'));
      await page.getByTestId(`choose-account-${a.account.id}`).click();
      await page.waitForURL(b.url('/'));
      await expect(page.getByTestId('current-account').textContent()).resolves.toContain(a.account.companyName);
      let html = await page.content();
      expect(html).not.toContain(bAcc.account.companyName);
      expect(html).toContain('href="/tickets"');
      expect(html).not.toContain('href="/invoices"');

      await page.getByTestId('user-menu').click();
      await page
        .getByRole('navigation', { name: 'Account and user' })
        .getByRole('link', { name: 'Switch Account' })
        .click();
      await page.getByTestId(`choose-account-${bAcc.account.id}`).click();
      await page.waitForURL(b.url('/'));
      await expect(page.getByTestId('current-account').textContent()).resolves.toContain(bAcc.account.companyName);
      html = await page.content();
      expect(html).not.toContain(a.account.companyName);
      expect(html).toContain('href="/invoices"');
      expect(html).not.toContain('href="/tickets"');
    },
    SLOW,
  );
});
