// The invoice as a PDF (issue 13), drawn with PDFKit: a maintained PDF library with text layout,
// tables by coordinates and the standard fonts built in, so nothing is hand-written PDF syntax.
// The standard Helvetica covers Western European text (WinAnsi); see the README.
import PDFDocument from 'pdfkit';
import { countryName } from '../../lib/countries.js';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format.js';
import type { AccountContext } from '../actor.js';
import { accountDisplayName } from '../accounts/accounts.js';
import { getSettings } from '../settings/settings.js';
import { getInvoice } from './invoices.js';

export async function invoicePdf(ctx: AccountContext, invoiceId: number): Promise<{ filename: string; pdf: Buffer }> {
  const invoice = await getInvoice(ctx, invoiceId);
  const { companyName } = await getSettings();
  const a = invoice.account;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Invoice #${invoice.id}`, Author: companyName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(20).text(companyName);
  doc.moveDown(0.5).fontSize(16).text(`Invoice #${invoice.id}`);
  doc.font('Helvetica').fontSize(10).fillColor('#444');
  doc.text(`Status: ${invoice.status}`);
  doc.text(`Invoice date: ${formatDate(invoice.issuedAt)}`);
  doc.text(`Due date: ${formatDate(invoice.dueAt)}`);
  if (invoice.paidAt) doc.text(`Paid: ${formatDateTime(invoice.paidAt)}`);

  doc.moveDown().fillColor('#000').font('Helvetica-Bold').text('Invoiced to');
  doc.font('Helvetica');
  const address = [
    accountDisplayName(a),
    a.companyName ? `${a.firstName} ${a.lastName}` : '',
    a.address1,
    a.address2,
    [a.city, a.state, a.postcode].filter(Boolean).join(', '),
    countryName(a.country),
    a.email,
  ].filter(Boolean);
  for (const line of address) doc.text(line);

  doc.moveDown(1.5);
  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  const amountWidth = 100;
  const header = doc.y;
  doc.font('Helvetica-Bold').text('Description', left, header);
  doc.text('Amount', right - amountWidth, header, { width: amountWidth, align: 'right' });
  doc
    .moveTo(left, doc.y + 4)
    .lineTo(right, doc.y + 4)
    .stroke('#999');
  doc.moveDown(0.6).font('Helvetica');
  for (const item of invoice.items) {
    const y = doc.y;
    doc.text(item.description, left, y, { width: right - left - amountWidth - 10 });
    const after = doc.y;
    doc.text(`$${formatMoney(item.amount)}`, right - amountWidth, y, { width: amountWidth, align: 'right' });
    doc.y = Math.max(after, doc.y) + 4;
  }
  doc.moveTo(left, doc.y).lineTo(right, doc.y).stroke('#999');
  doc.moveDown(0.4).font('Helvetica-Bold');
  const totalY = doc.y;
  doc.text('Total', left, totalY);
  doc.text(`$${formatMoney(invoice.total)}`, right - amountWidth, totalY, { width: amountWidth, align: 'right' });

  if (invoice.transactions.length) {
    doc.moveDown(1.5).font('Helvetica-Bold').text('Transactions', left);
    doc.font('Helvetica');
    for (const t of invoice.transactions) {
      doc.text(`${formatDateTime(t.createdAt)}  ${t.gateway}  ${t.reference}  $${formatMoney(t.amount)}`, left);
    }
  }
  doc.end();
  return { filename: `invoice-${invoice.id}.pdf`, pdf: await done };
}
