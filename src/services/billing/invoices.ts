// Invoices: list, view, pay through the built-in "Test Gateway". Money is Prisma Decimal.
import { accountFor } from '../../policies/authorize.js';
import { randomBytes } from 'node:crypto';
import { db, type Tx } from '../../db/client.js';
import { now, DAY } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { AccountContext } from '../actor.js';
import { TEST_GATEWAY } from './constants.js';
import { logActivity } from '../activity/activity-log.js';

export function listInvoices(ctx: AccountContext) {
  const accountId = accountFor(ctx.access, 'invoices');
  return db().invoice.findMany({ where: { accountId }, orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }] });
}

export async function getInvoice(ctx: AccountContext, invoiceId: number) {
  const accountId = accountFor(ctx.access, 'invoices');
  const invoice = await db().invoice.findFirst({
    where: { id: invoiceId, accountId },
    include: {
      items: { orderBy: { id: 'asc' } },
      transactions: { orderBy: { createdAt: 'asc' } },
      account: { select: BILLING_ADDRESS },
    },
  });
  if (!invoice) throw new AppError('NOT_FOUND', msg('That invoice was not found in this account.'));
  return invoice;
}

/** What an invoice shows of the account it is made out to. */
const BILLING_ADDRESS = {
  firstName: true,
  lastName: true,
  companyName: true,
  email: true,
  address1: true,
  address2: true,
  city: true,
  state: true,
  postcode: true,
  country: true,
} as const;

/** Creates an unpaid invoice inside the caller's transaction; the total is the items' sum. */
export async function createInvoiceInTx(
  tx: Tx,
  accountId: number,
  items: { description: string; amount: Prisma.Decimal | string; serviceId?: number | null }[],
  dueInDays = 7,
  checkoutKey: string | null = null,
) {
  const total = items.reduce((sum, i) => sum.plus(i.amount), new Prisma.Decimal(0));
  const issued = now();
  return tx.invoice.create({
    data: {
      accountId,
      status: 'Unpaid',
      checkoutKey,
      issuedAt: issued,
      dueAt: new Date(issued.getTime() + dueInDays * DAY),
      total,
      items: {
        create: items.map((i) => ({ description: i.description, amount: i.amount, serviceId: i.serviceId ?? null })),
      },
    },
  });
}

/** The unpaid invoice a Pending service waits for (its order's), or null. */
export async function invoiceAwaitedBy(ctx: AccountContext, serviceId: number): Promise<number | null> {
  const accountId = accountFor(ctx.access, 'products');
  const item = await db().invoiceItem.findFirst({
    where: { serviceId, invoice: { accountId, status: 'Unpaid' } },
    select: { invoiceId: true },
    orderBy: { id: 'desc' },
  });
  return item?.invoiceId ?? null;
}

/**
 * Pays an unpaid invoice through the Test Gateway: marks it Paid and records the transaction,
 * in one transaction. The status change is conditional, so paying twice (even concurrently)
 * records exactly one transaction.
 */
export async function payInvoice(ctx: AccountContext, invoiceId: number) {
  const accountId = accountFor(ctx.access, 'invoices');
  return db().$transaction(async (tx) => {
    const invoice = await tx.invoice.findFirst({ where: { id: invoiceId, accountId } });
    if (!invoice) throw new AppError('NOT_FOUND', msg('That invoice was not found in this account.'));
    const paidAt = now();
    const { count } = await tx.invoice.updateMany({
      where: { id: invoice.id, accountId, status: 'Unpaid' },
      data: { status: 'Paid', paidAt },
    });
    if (!count)
      throw new AppError(
        'CONFLICT',
        // Whole sentences per state, so that each language can say it its own way.
        invoice.status === 'Paid'
          ? msg('Invoice #{{id}} is already paid and cannot be paid again.')
          : msg('Invoice #{{id}} is no longer open and cannot be paid.'),
        {},
        { params: { id: invoice.id } },
      );
    // Paying an order's invoice activates what it ordered (issue 13): its Pending services.
    const ordered = await tx.invoiceItem.findMany({
      where: { invoiceId: invoice.id, serviceId: { not: null } },
      select: { serviceId: true },
    });
    const serviceIds = ordered.flatMap((i) => (i.serviceId ? [i.serviceId] : []));
    const activated = serviceIds.length
      ? await tx.service.updateManyAndReturn({
          where: { id: { in: serviceIds }, accountId, status: 'Pending' },
          data: { status: 'Active' },
          select: { id: true },
        })
      : [];
    for (const s of activated) {
      await logActivity(
        ctx.actor,
        `Service activated on payment of Invoice #${invoice.id} (Service ID: ${s.id})`,
        accountId,
        tx,
      );
    }
    const transaction = await tx.transaction.create({
      data: {
        accountId,
        invoiceId: invoice.id,
        gateway: TEST_GATEWAY,
        amount: invoice.total,
        reference: `TEST-${randomBytes(6).toString('hex').toUpperCase()}`,
        createdAt: paidAt,
      },
    });
    await logActivity(
      ctx.actor,
      `Invoice #${invoice.id} paid via ${TEST_GATEWAY} (${invoice.total.toFixed(2)}, ref ${transaction.reference})`,
      accountId,
      tx,
    );
    return transaction;
  });
}
