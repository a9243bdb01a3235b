// Confirmations in the page (issue 13): a Bootstrap modal instead of confirm(), and without
// JavaScript a confirmation page; nothing changes until the person confirms.
import { expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { buildAccountWithOwner, buildContact, TEST_PASSWORD } from '../factories/index.js';
import { describeBrowser, useBrowserApp } from '../helpers/browser.js';

const SLOW = 60_000;

describeBrowser('confirmations in Chromium', () => {
  const b = useBrowserApp();

  async function ownerWithContact(javaScript: boolean) {
    const { owner, account } = await buildAccountWithOwner();
    const contact = await buildContact({ accountId: account.id, firstName: 'Carla', lastName: `Confirm${account.id}` });
    const page = await b.newPage({ javaScript });
    page.on('dialog', () => {
      throw new Error('a browser confirm() dialog was opened');
    });
    await page.goto(b.url('/login'));
    await page.getByLabel('Email Address').fill(owner.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(b.url('/'));
    await page.goto(b.url('/contacts'));
    return { page, contact };
  }

  it(
    'deleting a contact asks in a modal: Cancel keeps it, the modal button deletes it',
    async () => {
      const { page, contact } = await ownerWithContact(true);
      const modal = page.getByTestId('confirm-modal');
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await modal.getByRole('heading', { name: 'Delete Contact' }).waitFor({ state: 'visible' });
      await expect(modal.textContent()).resolves.toContain(`Delete the contact Carla ${contact.lastName}?`);
      await modal.getByRole('button', { name: 'Cancel' }).click();
      await modal.waitFor({ state: 'hidden' });
      expect(await db().contact.count({ where: { id: contact.id } })).toBe(1);

      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await modal.getByRole('button', { name: 'Delete Contact' }).click();
      await page.getByText('The contact was deleted.').waitFor();
      expect(await db().contact.count({ where: { id: contact.id } })).toBe(0);
    },
    SLOW,
  );

  it(
    'without JavaScript, the same button leads to a confirmation page first',
    async () => {
      const { page, contact } = await ownerWithContact(false);
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.getByTestId('confirm-page').waitFor();
      await expect(page.getByTestId('confirm-page').textContent()).resolves.toContain(
        `Delete the contact Carla ${contact.lastName}?`,
      );
      expect(await db().contact.count({ where: { id: contact.id } })).toBe(1);
      await page.getByRole('button', { name: 'Delete Contact' }).click();
      await page.getByText('The contact was deleted.').waitFor();
      expect(await db().contact.count({ where: { id: contact.id } })).toBe(0);
    },
    SLOW,
  );
});
