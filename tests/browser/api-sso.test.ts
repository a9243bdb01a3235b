// Issue 11 in real Chromium: a single sign-on link from CreateSsoToken lands the user logged in,
// bound to that client, on the destination; and the "done when" scenario: a script written for
// WHMCS (examples/whmcs/onboard-customer.mjs, through the whmcs-js client) runs unchanged with a
// credential made in the admin area: it adds a client, invites a user with some permissions,
// reads them, opens a ticket for the user and logs them in by single sign-on.
import { AxeBuilder } from '@axe-core/playwright';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { db } from '../../src/db/client.js';
import {
  buildAccountWithOwner,
  buildAdmin,
  buildApiCredential,
  buildAuthorizedUser,
  buildMembership,
  TEST_PASSWORD,
  uniqueEmail,
} from '../factories/index.js';
import { API_PATH, whmcsClient } from '../helpers/api.js';
import { describeBrowser, useBrowserApp } from '../helpers/browser.js';
import { deliveredToken } from '../helpers/outbox.js';

const run = promisify(execFile);

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`);
}
const SCRIPT = resolve(import.meta.dirname, '../../examples/whmcs/onboard-customer.mjs');

describeBrowser('single sign-on from the API (Chromium)', () => {
  const b = useBrowserApp();

  it('follows an SSO link and lands logged in, in that client, on the destination; the link then dies', async () => {
    const { account: first } = await buildAccountWithOwner({ account: { companyName: 'Elsewhere Ltd' } });
    const { account: target } = await buildAccountWithOwner({ account: { companyName: 'Landing Ltd' } });
    const { user } = await buildAuthorizedUser(first.id, ['tickets']);
    await buildMembership({ accountId: target.id, userId: user.id, permissions: ['tickets'] });
    const { identifier, secret } = await buildApiCredential();
    const api = whmcsClient({ serverUrl: b.url(API_PATH), identifier, secret });
    const sso = await api.call('CreateSsoToken', {
      client_id: target.id,
      user_id: user.id,
      destination: 'clientarea:tickets',
    });
    expect(sso.result).toBe('success');

    const page = await b.newPage();
    await page.goto(sso.redirect_url as string);
    await page.waitForURL(b.url('/tickets'));
    await expect(page.getByRole('heading', { name: 'My Support Tickets' }).count()).resolves.toBe(1);
    await expect(page.getByTestId('current-account').textContent()).resolves.toContain('Landing Ltd');
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain(user.firstName);

    const again = await b.newPage();
    const res = await again.goto(sso.redirect_url as string);
    expect(res?.status()).toBe(400);
    await expect(again.locator('main').textContent()).resolves.toContain('not valid or was already used');
  }, 60_000);

  async function adminCreatesCredential(): Promise<{ identifier: string; secret: string }> {
    const admin = await buildAdmin();
    // A phone-sized window: the pages must work there too.
    const page = await b.newPage({ width: 390, height: 844 });
    await page.goto(b.url('/admin/login'));
    await page.getByLabel('Email Address').fill(admin.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(b.url('/admin'));
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    await page.getByRole('link', { name: 'API', exact: true }).click();
    await page.waitForURL(b.url('/admin/api/credentials'));
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.locator('#f-name').fill('Onboarding script');
    await page.getByLabel('Only the functions ticked below').check();
    for (const fn of [
      'AddClient',
      'CreateClientInvite',
      'GetUsers',
      'GetUserPermissions',
      'GetSupportDepartments',
      'OpenTicket',
      'CreateSsoToken',
    ])
      await page.getByLabel(fn, { exact: true }).check();
    await page.getByRole('button', { name: 'Create Credential' }).click();
    await page.getByRole('heading', { name: 'API Credential Created' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const credential = {
      identifier: await page.getByLabel('Identifier').inputValue(),
      secret: await page.getByLabel('Secret').inputValue(),
    };
    // Back on the list, the secret is gone for good.
    await page.getByRole('link', { name: 'Done' }).click();
    await expect(page.content()).resolves.not.toContain(credential.secret);
    await page.getByRole('link', { name: 'API Reference' }).click();
    await page.getByTestId('function-CreateSsoToken').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await expect(page.content()).resolves.not.toContain(credential.secret);
    return credential;
  }

  async function runScript(credential: { identifier: string; secret: string }, ...args: string[]) {
    const { stdout } = await run(process.execPath, [SCRIPT, ...args], {
      env: {
        ...process.env,
        WHMCS_URL: b.url(API_PATH),
        WHMCS_IDENTIFIER: credential.identifier,
        WHMCS_SECRET: credential.secret,
      },
    });
    return JSON.parse(stdout) as Record<string, unknown>;
  }

  async function acceptInvitation(page: Page, email: string) {
    const token = await deliveredToken(email, 'invitation', '/invite');
    await page.goto(b.url(`/invite/${token}`));
    const register = page.getByTestId('invite-register');
    await register.getByLabel('First Name').fill('Colin');
    await register.getByLabel('Last Name').fill('Colleague');
    await register.locator('#f-password').fill('Onboard-Me-Please-42');
    await register.locator('#f-passwordConfirm').fill('Onboard-Me-Please-42');
    await register.getByRole('button', { name: 'Register and Accept' }).click();
    // A new user confirms the address with the emailed link, which finishes the acceptance.
    await page.getByTestId('check-email').waitFor();
    await expect
      .poll(() => db().emailLog.count({ where: { recipient: email, template: 'account_activation' } }))
      .toBe(1);
    await page.goto(
      b.url(`/register/activate/${await deliveredToken(email, 'account_activation', '/register/activate')}`),
    );
    await page.waitForURL(b.url('/'));
  }

  it('runs the WHMCS onboarding script unchanged, with a credential made in the admin area', async () => {
    const credential = await adminCreatesCredential();
    const ownerEmail = uniqueEmail('script-owner');
    const colleague = uniqueEmail('script-colleague');

    const invited = await runScript(credential, 'invite', ownerEmail, colleague);
    const clientId = invited.clientid as number;
    expect((await db().account.findUniqueOrThrow({ where: { id: clientId } })).companyName).toBe('Onboarded Ltd');

    // The colleague accepts the emailed invitation (outside the API, as in WHMCS).
    const colleaguePage = await b.newPage();
    await acceptInvitation(colleaguePage, colleague);

    const done = await runScript(credential, 'finish', String(clientId), colleague);
    expect(done.permissions).toBe('products,invoices,tickets');
    const ticket = await db().ticket.findUniqueOrThrow({
      where: { id: done.ticketid as number },
      include: { replies: true },
    });
    expect(ticket).toMatchObject({ accountId: clientId, subject: 'Welcome aboard', openedByUserId: done.userid });

    // Logged in by single sign-on on a fresh device: straight to the client's tickets.
    const device = await b.newPage();
    await device.goto(done.redirect_url as string);
    await device.waitForURL(b.url('/tickets'));
    await expect(device.getByTestId('current-account').textContent()).resolves.toContain('Onboarded Ltd');
    await expect(device.getByRole('link', { name: /Welcome aboard/ }).count()).resolves.toBe(1);

    // Everything the script wrote is in the log as the admin, through that credential.
    const row = await db().apiCredential.findUniqueOrThrow({ where: { identifier: credential.identifier } });
    const entries = await db().activityLog.findMany({ where: { apiCredentialId: row.id }, orderBy: { id: 'asc' } });
    expect(entries.every((e) => e.actorType === 'admin' && e.adminId === row.adminId)).toBe(true);
    expect(entries.map((e) => e.description.split(':')[0])).toEqual([
      'User created',
      'Client account created',
      'Invitation sent to ' + colleague + ' (Invitation ID',
      'Support ticket opened by staff',
      'Single sign-on link created for ' + colleague + ' (User ID',
    ]);
  }, 90_000);
});
