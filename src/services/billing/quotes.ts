// Quotes: list, view, accept (creates an invoice from the quote's items, one transaction).
import { accountFor } from '../../policies/authorize.js';
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import type { AccountContext } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { sendInvoiceCreatedEmail } from './billing-mail.js';
import { createInvoiceInTx } from './invoices.js';

export function listQuotes(ctx: AccountContext) {
  const accountId = accountFor(ctx.access, 'quotes');
  return db().quote.findMany({ where: { accountId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}

export async function getQuote(ctx: AccountContext, quoteId: number) {
  const accountId = accountFor(ctx.access, 'quotes');
  const quote = await db().quote.findFirst({
    where: { id: quoteId, accountId },
    include: { items: { orderBy: { id: 'asc' } } },
  });
  if (!quote) throw new AppError('NOT_FOUND', msg('That quote was not found in this account.'));
  return quote;
}

/** Accepting is only possible once, for a delivered quote that has not expired. */
export async function acceptQuote(ctx: AccountContext, quoteId: number) {
  const accountId = accountFor(ctx.access, 'quotes');
  const invoice = await db().$transaction(async (tx) => {
    const quote = await tx.quote.findFirst({
      where: { id: quoteId, accountId },
      include: { items: { orderBy: { id: 'asc' } } },
    });
    if (!quote) throw new AppError('NOT_FOUND', msg('That quote was not found in this account.'));
    if (quote.status !== 'Delivered')
      throw new AppError(
        'CONFLICT',
        quote.status === 'Accepted'
          ? msg('This quote was already accepted.')
          : msg('This quote is no longer open and cannot be accepted.'),
      );
    const today = new Date(now().toISOString().slice(0, 10));
    if (quote.validUntil < today)
      throw new AppError('CONFLICT', msg('This quote has expired. Please ask us for a new one.'));
    if (!quote.items.length) throw new AppError('CONFLICT', msg('This quote has no items to invoice.'));
    const invoice = await createInvoiceInTx(
      tx,
      accountId,
      quote.items.map((i) => ({ description: i.description, amount: i.amount })),
    );
    const { count } = await tx.quote.updateMany({
      where: { id: quote.id, status: 'Delivered' },
      data: { status: 'Accepted', acceptedAt: now(), invoiceId: invoice.id },
    });
    if (!count) throw new AppError('CONFLICT', msg('This quote was already accepted.'));
    await logActivity(ctx.actor, `Quote #${quote.id} accepted; Invoice #${invoice.id} created`, accountId, tx);
    return invoice;
  });
  await sendInvoiceCreatedEmail(invoice.id);
  return invoice;
}
