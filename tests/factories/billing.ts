// Products, services, domains and invoices. Each builds the account (and product) it needs
// unless given an id.
import { db } from '../../src/db/client.js';
import type { Domain, Invoice, InvoiceItem, Prisma, Product, Service } from '../../src/generated/prisma/client.js';
import { buildAccount } from './people.js';
import { daysFromNow, unique } from './unique.js';

async function accountIdOr(accountId: number | undefined): Promise<number> {
  return accountId ?? (await buildAccount()).id;
}

export async function buildProduct(overrides: Partial<Prisma.ProductUncheckedCreateInput> = {}): Promise<Product> {
  return db().product.create({
    data: {
      name: `Hosting Plan ${unique()}`,
      description: 'Test product',
      price: '9.99',
      billingCycle: 'Monthly',
      panelUrl: 'https://panel.example.test/login',
      ...overrides,
    },
  });
}

export async function buildService(overrides: Partial<Prisma.ServiceUncheckedCreateInput> = {}): Promise<Service> {
  const accountId = await accountIdOr(overrides.accountId);
  const product = overrides.productId === undefined ? await buildProduct() : undefined;
  return db().service.create({
    data: {
      productId: product?.id ?? 0,
      domain: `site-${unique()}.example.test`,
      status: 'Active',
      billingCycle: product?.billingCycle ?? 'Monthly',
      amount: product?.price ?? '9.99',
      nextDueDate: daysFromNow(30),
      username: `u${unique().replace('-', '')}`,
      ...overrides,
      accountId,
    },
  });
}

export async function buildDomain(overrides: Partial<Prisma.DomainUncheckedCreateInput> = {}): Promise<Domain> {
  const accountId = await accountIdOr(overrides.accountId);
  return db().domain.create({
    data: {
      name: `domain-${unique()}.test`,
      expiresAt: daysFromNow(365),
      nameservers: ['ns1.example.test', 'ns2.example.test'],
      ...overrides,
      accountId,
    },
  });
}

export interface InvoiceOverrides extends Partial<Omit<Prisma.InvoiceUncheckedCreateInput, 'items'>> {
  /** Line items; the total defaults to their sum. Default: one item of 10.00. */
  items?: { description: string; amount: string | number; serviceId?: number }[];
}

export async function buildInvoice(overrides: InvoiceOverrides = {}): Promise<Invoice & { items: InvoiceItem[] }> {
  const { items = [{ description: 'Hosting (test)', amount: '10.00' }], ...rest } = overrides;
  const accountId = await accountIdOr(rest.accountId);
  const sumCents = items.reduce((cents, item) => cents + Math.round(Number(item.amount) * 100), 0);
  return db().invoice.create({
    data: {
      dueAt: daysFromNow(14),
      total: (sumCents / 100).toFixed(2),
      ...rest,
      accountId,
      items: { create: items.map((i) => ({ description: i.description, amount: i.amount, serviceId: i.serviceId })) },
    },
    include: { items: true },
  });
}
