// The README's screenshots (docs/screenshots/), taken with the browser helper on demand:
//   SCREENSHOTS=1 npx vitest run tests/browser/screenshots.test.ts
// Skipped in normal runs (it writes files into the repository).
import { resolve } from 'node:path';
import { it } from 'vitest';
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
} from '../factories/index.js';
import { describeBrowser, useBrowserApp } from '../helpers/browser.js';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');
const wanted = process.env.SCREENSHOTS === '1';

describeBrowser('README screenshots', () => {
  const b = useBrowserApp();

  it.skipIf(!wanted)(
    'takes the client-area screenshots',
    async () => {
      const { owner, account } = await buildAccountWithOwner({
        owner: { firstName: 'Alice' },
        account: { companyName: 'Acme Web Studio', firstName: 'Alice', lastName: 'Anders' },
      });
      const product = await buildProduct({ name: 'Business Hosting' });
      await buildService({
        accountId: account.id,
        productId: product.id,
        domain: 'acme-studio.example',
        status: 'Active',
      });
      await buildInvoice({ accountId: account.id, dueAt: daysFromNow(-2) });
      await buildInvoice({ accountId: account.id, dueAt: daysFromNow(12) });
      await buildTicket({ accountId: account.id, subject: 'Email not arriving on the new mailbox' });
      await buildDomain({ accountId: account.id, name: 'acme-studio.example', expiresAt: daysFromNow(21) });
      await buildAuthorizedUser(account.id, ['tickets', 'invoices'], { firstName: 'Bob', lastName: 'Billing' });

      const shoot = async (width: number, height: number, path: string, file: string) => {
        const page = await b.newPage({ width, height });
        if (path !== '/register') {
          await page.goto(b.url('/login'));
          await page.getByLabel('Email Address').fill(owner.email);
          await page.getByLabel('Password').fill(TEST_PASSWORD);
          await page.getByRole('button', { name: 'Login' }).click();
          await page.waitForURL(b.url('/'));
        }
        await page.goto(b.url(path));
        await page.screenshot({ path: resolve(OUT, file), fullPage: true });
      };
      await shoot(1280, 900, '/', 'client-dashboard.png');
      await shoot(390, 844, '/', 'client-dashboard-phone.png');
      await shoot(1280, 900, '/account/users', 'client-user-management.png');
      await shoot(1280, 900, '/register', 'client-register.png');
    },
    120_000,
  );
});
