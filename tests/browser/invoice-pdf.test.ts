// The invoice PDF in Chromium (issue 13): "Download PDF" on the invoice page saves a PDF that
// holds the invoice's number, billing address and total; the page prints without navigation.
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { buildAccountWithOwner, buildInvoice, TEST_PASSWORD, unique } from '../factories/index.js';
import { describeBrowser, useBrowserApp } from '../helpers/browser.js';
import { pdfText } from '../helpers/pdf.js';

describeBrowser('invoice PDF in Chromium', () => {
  const b = useBrowserApp();

  it('downloads the invoice as a PDF with its billing address', async () => {
    const marker = unique();
    const { owner, account } = await buildAccountWithOwner({
      account: { companyName: `PDF Co ${marker}`, address1: '1 Infinite Loop', city: 'Cupertino', country: 'US' },
    });
    const invoice = await buildInvoice({
      accountId: account.id,
      items: [{ description: `Hosting ${marker}`, amount: '19.90' }],
    });
    const page = await b.newPage();
    await page.goto(b.url('/login'));
    await page.getByLabel('Email Address').fill(owner.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(b.url('/'));
    await page.goto(b.url(`/invoices/${invoice.id}`));
    await expect(page.getByTestId('invoice-address').textContent()).resolves.toContain('United States of America');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('invoice-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`invoice-${invoice.id}.pdf`);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toEqual(
      expect.arrayContaining([
        `Invoice #${invoice.id}`,
        `PDF Co ${marker}`,
        '1 Infinite Loop',
        `Hosting ${marker}`,
        '$19.90',
      ]),
    );

    // Printed, the page is the invoice alone.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('heading', { name: `Invoice #${invoice.id}` }).isVisible()).resolves.toBe(true);
  }, 60_000);
});
