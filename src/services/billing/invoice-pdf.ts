// The invoice as a PDF (issue 13), drawn with PDFKit: a maintained PDF library with text layout,
// tables by coordinates and the standard fonts built in, so nothing is hand-written PDF syntax.
// The standard Helvetica covers Western European text (WinAnsi); see the README. The labels are in
// the reader's language (issue 15) when Helvetica can write it; otherwise (Arabic) in English.
import PDFDocument from 'pdfkit';
import { countriesIn } from '../../lib/countries.js';
import { formatsFor } from '../../lib/format.js';
import { DEFAULT_LANGUAGE, directionOf, supportedLanguage, translator } from '../../lib/i18n.js';
import type { AccountContext } from '../actor.js';
import { accountDisplayName } from '../accounts/accounts.js';
import { getSettings } from '../settings/settings.js';
import { getInvoice } from './invoices.js';

/** A language the built-in Helvetica can write: left-to-right, Latin script (not Arabic, say). */
const pdfLanguage = (language: string) => {
  const lng = supportedLanguage(language) ?? DEFAULT_LANGUAGE;
  return directionOf(lng) === 'ltr' ? lng : DEFAULT_LANGUAGE;
};

export async function invoicePdf(
  ctx: AccountContext,
  invoiceId: number,
  language = DEFAULT_LANGUAGE,
): Promise<{ filename: string; pdf: Buffer }> {
  const lng = pdfLanguage(language);
  const t = translator(lng);
  const { date, dateTime, money } = formatsFor(lng);
  const invoice = await getInvoice(ctx, invoiceId);
  const { companyName } = await getSettings();
  const a = invoice.account;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: t('Invoice #{{id}}', { id: invoice.id }), Author: companyName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(20).text(companyName);
  doc
    .moveDown(0.5)
    .fontSize(16)
    .text(t('Invoice #{{id}}', { id: invoice.id }));
  doc.font('Helvetica').fontSize(10).fillColor('#444');
  doc.text(t('Status: {{status}}', { status: t(invoice.status) }));
  doc.text(t('Invoice date: {{date}}', { date: date(invoice.issuedAt) }));
  doc.text(t('Due date: {{date}}', { date: date(invoice.dueAt) }));
  if (invoice.paidAt) doc.text(t('Paid: {{date}}', { date: dateTime(invoice.paidAt) }));

  doc.moveDown().fillColor('#000').font('Helvetica-Bold').text(t('Invoiced to'));
  doc.font('Helvetica');
  const address = [
    accountDisplayName(a),
    a.companyName ? `${a.firstName} ${a.lastName}` : '',
    a.address1,
    a.address2,
    [a.city, a.state, a.postcode].filter(Boolean).join(', '),
    countriesIn(lng).find((c) => c.code === a.country)?.name ?? a.country,
    a.email,
  ].filter(Boolean);
  for (const line of address) doc.text(line);

  doc.moveDown(1.5);
  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  const amountWidth = 100;
  const header = doc.y;
  doc.font('Helvetica-Bold').text(t('Description'), left, header);
  doc.text(t('Amount'), right - amountWidth, header, { width: amountWidth, align: 'right' });
  doc
    .moveTo(left, doc.y + 4)
    .lineTo(right, doc.y + 4)
    .stroke('#999');
  doc.moveDown(0.6).font('Helvetica');
  for (const item of invoice.items) {
    const y = doc.y;
    doc.text(item.description, left, y, { width: right - left - amountWidth - 10 });
    const after = doc.y;
    doc.text(money(item.amount), right - amountWidth, y, { width: amountWidth, align: 'right' });
    doc.y = Math.max(after, doc.y) + 4;
  }
  doc.moveTo(left, doc.y).lineTo(right, doc.y).stroke('#999');
  doc.moveDown(0.4).font('Helvetica-Bold');
  const totalY = doc.y;
  doc.text(t('Total'), left, totalY);
  doc.text(money(invoice.total), right - amountWidth, totalY, { width: amountWidth, align: 'right' });

  if (invoice.transactions.length) {
    doc.moveDown(1.5).font('Helvetica-Bold').text(t('Transactions'), left);
    doc.font('Helvetica');
    for (const tx of invoice.transactions) {
      doc.text(`${dateTime(tx.createdAt)}  ${tx.gateway}  ${tx.reference}  ${money(tx.amount)}`, left);
    }
  }
  doc.end();
  return { filename: `invoice-${invoice.id}.pdf`, pdf: await done };
}
