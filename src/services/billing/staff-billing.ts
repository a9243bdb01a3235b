// Staff create invoices and quotes for a client and mark invoices paid: staff whose role has
// `billing` only (src/policies/staff.ts). Every change is logged (SPEC rule 22).
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';

export async function createInvoice(
  actor: Actor,
  accountId: number,
  input: { items: { description: string; amount: string }[]; dueAt: Date },
) {
  await assertStaffMay(actor, 'billing');
  const cents = input.items.reduce((sum, i) => sum + Math.round(Number(i.amount) * 100), 0);
  return db().$transaction(async (tx) => {
    const invoice = await tx.invoice.create({
      data: {
        accountId,
        dueAt: input.dueAt,
        total: (cents / 100).toFixed(2),
        items: { create: input.items.map((i) => ({ description: i.description, amount: i.amount })) },
      },
    });
    await logActivity(
      actor,
      `Invoice created (Invoice ID: ${invoice.id}) total ${invoice.total.toString()}`,
      accountId,
      tx,
    );
    return invoice;
  });
}

/** Marks an unpaid invoice paid with a manual transaction; conditional so it happens once. */
export async function markInvoicePaid(actor: Actor & { kind: 'admin' }, accountId: number, invoiceId: number) {
  await assertStaffMay(actor, 'billing');
  await db().$transaction(async (tx) => {
    const invoice = await tx.invoice.findFirst({ where: { id: invoiceId, accountId } });
    if (!invoice) throw new AppError('NOT_FOUND', 'Invoice not found.');
    const { count } = await tx.invoice.updateMany({
      where: { id: invoiceId, status: 'Unpaid' },
      data: { status: 'Paid', paidAt: now() },
    });
    if (!count) throw new AppError('CONFLICT', `Invoice #${invoiceId} is ${invoice.status}, not Unpaid.`);
    await tx.transaction.create({
      data: {
        accountId,
        invoiceId,
        gateway: 'Manual',
        amount: invoice.total,
        reference: `admin-${actor.adminId}-${Date.now()}`,
        createdAt: now(),
      },
    });
    await logActivity(actor, `Invoice marked paid (Invoice ID: ${invoiceId})`, accountId, tx);
  });
}

export async function createQuote(
  actor: Actor,
  accountId: number,
  input: { subject: string; items: { description: string; amount: string }[]; validUntil: Date },
) {
  await assertStaffMay(actor, 'billing');
  const cents = input.items.reduce((sum, i) => sum + Math.round(Number(i.amount) * 100), 0);
  return db().$transaction(async (tx) => {
    const quote = await tx.quote.create({
      data: {
        accountId,
        subject: input.subject,
        validUntil: input.validUntil,
        total: (cents / 100).toFixed(2),
        createdAt: now(),
        items: { create: input.items.map((i) => ({ description: i.description, amount: i.amount })) },
      },
    });
    await logActivity(actor, `Quote created (Quote ID: ${quote.id}): ${input.subject}`, accountId, tx);
    return quote;
  });
}
