// Paperwork by email (issue 13): the order confirmation and the "invoice created" message, sent to
// the account's billing email and recorded in its email history (the Emails section). Sent after
// the order's transaction committed, and never failing the order: a failed send is recorded and
// shown in the email log like any other.
import { db } from '../../db/client.js';
import { logger } from '../../logger.js';
import { accountDisplayName } from '../accounts/accounts.js';
import { queueTemplate } from '../mail/mailer.js';
import { getSetting } from '../settings/settings.js';

async function invoiceMailData(invoiceId: number) {
  const invoice = await db().invoice.findUniqueOrThrow({
    where: { id: invoiceId },
    include: {
      items: { orderBy: { id: 'asc' } },
      account: {
        select: {
          firstName: true,
          lastName: true,
          companyName: true,
          email: true,
          // The account's billing email is read by its owner: their language (issue 15).
          users: { where: { isOwner: true }, select: { user: { select: { language: true } } } },
        },
      },
    },
  });
  const base = (await getSetting('publicUrl')).replace(/\/$/, '');
  return {
    to: invoice.account.email,
    accountId: invoice.accountId,
    language: invoice.account.users[0]?.user.language,
    data: {
      firstName: invoice.account.firstName,
      accountName: accountDisplayName(invoice.account),
      invoiceId: invoice.id,
      items: invoice.items.map((i) => ({ description: i.description, amount: i.amount.toString() })),
      total: invoice.total.toString(),
      issuedAt: invoice.issuedAt,
      dueAt: invoice.dueAt,
      link: `${base}/invoices/${invoice.id}`,
    },
  };
}

async function send(templates: ('order_confirmation' | 'invoice_created')[], invoiceId: number): Promise<void> {
  try {
    const { to, accountId, language, data } = await invoiceMailData(invoiceId);
    for (const template of templates) await queueTemplate({ template, to, accountId, language, data });
  } catch (err) {
    // The order stands either way; the failure is logged (the message, when recorded, shows it).
    logger.error({ err, invoiceId }, 'could not send the invoice emails');
  }
}

/** After checkout: the order confirmation and the new invoice. */
export const sendOrderEmails = (invoiceId: number) => send(['order_confirmation', 'invoice_created'], invoiceId);

/** After any other invoice was created (an accepted quote). */
export const sendInvoiceCreatedEmail = (invoiceId: number) => send(['invoice_created'], invoiceId);
