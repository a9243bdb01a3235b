// Admin area: the product catalog, a client's services, invoices and quotes. Every change is
// logged (SPEC rule 22). Service passwords are stored sealed (AES-256-GCM).
import { db } from '../db/client.js';
import { DAY, now } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { seal } from '../lib/secretbox.js';
import type { Actor } from './actor.js';
import { logActivity } from './activity.js';

export const BILLING_CYCLES = ['One Time', 'Monthly', 'Quarterly', 'Semi-Annually', 'Annually', 'Biennially'] as const;
export const SERVICE_STATUSES = ['Pending', 'Active', 'Suspended', 'Terminated', 'Cancelled'] as const;

const CYCLE_MONTHS: Record<string, number> = {
  'One Time': 0,
  Monthly: 1,
  Quarterly: 3,
  'Semi-Annually': 6,
  Annually: 12,
  Biennially: 24,
};

export interface ProductInput {
  name: string;
  description: string;
  price: string;
  billingCycle: string;
  panelUrl: string;
  active: boolean;
  sortOrder: number;
}

export function listProducts() {
  return db().product.findMany({
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    include: { _count: { select: { services: true } } },
  });
}

export async function getProduct(id: number) {
  const product = await db().product.findUnique({ where: { id } });
  if (!product) throw new AppError('NOT_FOUND', 'Product not found.');
  return product;
}

export async function createProduct(actor: Actor, input: ProductInput) {
  return db().$transaction(async (tx) => {
    const product = await tx.product.create({ data: input });
    await logActivity(actor, `Product created: ${product.name} (Product ID: ${product.id})`, null, tx);
    return product;
  });
}

export async function updateProduct(actor: Actor, id: number, input: ProductInput) {
  await getProduct(id);
  return db().$transaction(async (tx) => {
    const product = await tx.product.update({ where: { id }, data: input });
    await logActivity(actor, `Product updated: ${product.name} (Product ID: ${id})`, null, tx);
    return product;
  });
}

/** A product with services cannot be deleted (deactivate it instead). */
export async function deleteProduct(actor: Actor, id: number) {
  const product = await getProduct(id);
  await db().$transaction(async (tx) => {
    const used = await tx.service.count({ where: { productId: id } });
    if (used)
      throw new AppError('CONFLICT', `This product has ${used} service(s); deactivate it instead of deleting it.`);
    await tx.product.delete({ where: { id } });
    await logActivity(actor, `Product deleted: ${product.name} (Product ID: ${id})`, null, tx);
  });
}

function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
}

export async function addService(
  actor: Actor,
  accountId: number,
  input: { productId: number; domain: string; status: string; username: string; password: string },
) {
  const product = await db().product.findUnique({ where: { id: input.productId } });
  if (!product) throw new AppError('VALIDATION', 'Choose a product.', { productId: 'Choose a product from the list.' });
  return db().$transaction(async (tx) => {
    const months = CYCLE_MONTHS[product.billingCycle] ?? 1;
    const service = await tx.service.create({
      data: {
        accountId,
        productId: product.id,
        domain: input.domain,
        status: input.status,
        billingCycle: product.billingCycle,
        amount: product.price,
        nextDueDate: months ? addMonths(now(), months) : new Date(now().getTime() + 30 * DAY),
        username: input.username,
        passwordEnc: input.password ? seal(input.password) : '',
        panelUrl: product.panelUrl,
      },
    });
    await logActivity(
      actor,
      `Service added: ${product.name} ${input.domain} (Service ID: ${service.id})`,
      accountId,
      tx,
    );
    return service;
  });
}

export async function updateService(
  actor: Actor,
  accountId: number,
  serviceId: number,
  input: { status: string; panelUrl: string; username: string; password: string; domain: string },
) {
  await db().$transaction(async (tx) => {
    const service = await tx.service.findFirst({ where: { id: serviceId, accountId } });
    if (!service) throw new AppError('NOT_FOUND', 'Service not found.');
    await tx.service.update({
      where: { id: serviceId },
      data: {
        status: input.status,
        panelUrl: input.panelUrl,
        username: input.username,
        domain: input.domain,
        ...(input.password ? { passwordEnc: seal(input.password) } : {}),
      },
    });
    const changes = [
      service.status !== input.status ? `status ${service.status} -> ${input.status}` : '',
      service.panelUrl !== input.panelUrl ? 'panel URL' : '',
      service.username !== input.username ? 'username' : '',
      input.password ? 'password' : '',
      service.domain !== input.domain ? 'domain' : '',
    ].filter(Boolean);
    await logActivity(
      actor,
      `Service updated (Service ID: ${serviceId}): ${changes.join(', ') || 'no changes'}`,
      accountId,
      tx,
    );
  });
}

export async function createInvoice(
  actor: Actor,
  accountId: number,
  input: { items: { description: string; amount: string }[]; dueAt: Date },
) {
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
