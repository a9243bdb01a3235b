// Issue 13 bug 7 in Chromium: with a terms URL set, the invitation page's Register form has the
// Terms of Service box, refuses without it and accepts with it. Global: changes a setting.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { SYSTEM } from '../../src/services/actor.js';
import { invite } from '../../src/services/invitations/invitations.js';
import { setSetting } from '../../src/services/settings/settings.js';
import { buildAccountWithOwner, uniqueEmail } from '../factories/index.js';
import { describeBrowser, useBrowserApp } from '../helpers/browser.js';

const PASSWORD = 'Lantern-Orbit-Quartz-58';

describeBrowser('Terms of Service on the invitation page in Chromium', () => {
  const b = useBrowserApp();
  beforeAll(async () => {
    await setSetting(SYSTEM, 'termsUrl', 'https://example.test/terms');
    await setSetting(SYSTEM, 'termsVersion', '3');
  });
  afterAll(async () => {
    await setSetting(SYSTEM, 'termsUrl', '');
    await setSetting(SYSTEM, 'termsVersion', '1');
  });

  it('asks for the terms, refuses without them, records them when ticked', async () => {
    const { owner, account } = await buildAccountWithOwner();
    const { token } = await invite({ kind: 'user', userId: owner.id, ip: '' }, account.id, uniqueEmail('tos'), [
      'tickets',
    ]);
    const page = await b.newPage();
    await page.goto(b.url(`/invite/${token}`));
    const form = page.getByTestId('invite-register');
    const email = uniqueEmail('tosreg');
    await form.getByLabel('First Name').fill('Tom');
    await form.getByLabel('Last Name').fill('Terms');
    await form.getByLabel('Email Address').fill(email);
    await form.locator('#f-password').fill(PASSWORD);
    await form.locator('#f-passwordConfirm').fill(PASSWORD);
    await expect(form.getByRole('link', { name: 'Terms of Service' }).getAttribute('href')).resolves.toBe(
      'https://example.test/terms',
    );
    await form.getByRole('button', { name: 'Register and Accept' }).click();
    await page.getByText('You must accept the Terms of Service.').first().waitFor();
    expect(await db().user.count({ where: { email } })).toBe(0);
    const again = page.getByTestId('invite-register');
    await again.locator('#f-password').fill(PASSWORD);
    await again.locator('#f-passwordConfirm').fill(PASSWORD);
    await again.getByLabel('I have read and agree').check();
    await again.getByRole('button', { name: 'Register and Accept' }).click();
    await page.getByTestId('check-email').waitFor();
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.termsVersion).toBe('3');
    expect(user.termsAcceptedAt).not.toBeNull();
  }, 60_000);
});
