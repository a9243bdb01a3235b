// Paperwork (issue 13): the invoice as a PDF with the billing address, the order confirmation and
// invoice-created emails in the account's history, and payment activating what was ordered.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { buildAccountWithOwner, buildAuthorizedUser, buildInvoice, buildProduct, unique } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, loginAs, postForm } from '../helpers/http.js';
import { pdfText } from '../helpers/pdf.js';
import { translator } from '../../src/lib/i18n.js';

useTestDatabase();
let app: ReturnType<typeof buildTestApp>;
beforeAll(() => {
  app = buildTestApp();
});

async function orderOne() {
  const marker = unique();
  const owned = await buildAccountWithOwner({
    account: {
      companyName: `Paper Co ${marker}`,
      address1: '10 Downing Street',
      city: 'London',
      postcode: 'SW1A 2AA',
      country: 'GB',
      email: `billing-${marker}@example.test`,
    },
  });
  const product = await buildProduct({ name: `Paper Plan ${marker}`, price: '12.00' });
  const agent = agentFor(app);
  await postForm(agent, '/cart/add', { productId: product.id }, '/store');
  await loginAs(agent, owned.owner.email);
  const res = await postForm(agent, '/checkout', { account: String(owned.account.id) }, '/checkout');
  const invoiceId = Number(/\/invoices\/(\d+)/.exec(res.headers.location ?? '')?.[1]);
  return { ...owned, agent, marker, product, invoiceId };
}

/** The invoice's PDF, its body as bytes. */
const pdfOf = (agent: Awaited<ReturnType<typeof orderOne>>['agent'], invoiceId: number) =>
  agent
    .get(`/invoices/${invoiceId}/pdf`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });

describe('invoice PDF', () => {
  it('downloads a PDF with the number, the billing address, the items and the total', async () => {
    const { agent, invoiceId, marker } = await orderOne();
    const res = await pdfOf(agent, invoiceId);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename=invoice-${invoiceId}.pdf`);
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(body);
    expect(text).toContain(`Invoice #${invoiceId}`);
    expect(text).toContain(`Paper Co ${marker}`);
    expect(text).toContain('10 Downing Street');
    expect(text).toContain('London, SW1A 2AA');
    expect(text).toContain('United Kingdom');
    expect(text).toContain(`Paper Plan ${marker} (Monthly)`);
    expect(text.filter((t) => t === '$12.00').length).toBeGreaterThanOrEqual(2);
  });

  it("is written in the reader's language where its font can (issue 15): German labels, country, money", async () => {
    const { agent, invoiceId, owner } = await orderOne();
    await db().user.update({ where: { id: owner.id }, data: { language: 'de' } });
    const res = await pdfOf(agent, invoiceId);
    const text = pdfText(res.body as Buffer).join('\n');
    expect(text).toContain(translator('de')('Invoice #{{id}}', { id: invoiceId }));
    expect(text).toContain(translator('de')('Total'));
    expect(text).toMatch(/12,00\s\$/); // Intl puts a no-break space before the sign
    expect(text).not.toContain('Invoiced to');
  });

  it('the invoice page shows the billing address and links the PDF', async () => {
    const { agent, invoiceId } = await orderOne();
    const page = await agent.get(`/invoices/${invoiceId}`);
    expect(page.text).toContain('10 Downing Street');
    expect(page.text).toContain('United Kingdom');
    expect(page.text).toContain(`href="/invoices/${invoiceId}/pdf"`);
  });

  it("another account's invoice PDF is a 404", async () => {
    const other = await buildAccountWithOwner();
    const invoice = await buildInvoice({ accountId: other.account.id });
    const { agent } = await orderOne();
    expect((await agent.get(`/invoices/${invoice.id}/pdf`)).status).toBe(404);
  });
});

describe('order emails', () => {
  it('checkout records the order confirmation and the new invoice in the account email history', async () => {
    const { agent, account, invoiceId } = await orderOne();
    const emails = await db().emailLog.findMany({ where: { accountId: account.id }, orderBy: { id: 'asc' } });
    expect(emails.map((e) => [e.template, e.recipient])).toEqual([
      ['order_confirmation', account.email],
      ['invoice_created', account.email],
    ]);
    expect(emails[1]!.subject).toBe(`Invoice #${invoiceId} created`);
    expect(emails[1]!.bodyText).toContain('$12.00');
    const history = await agent.get('/emails');
    expect(history.text).toContain(`Order confirmation: invoice #${invoiceId}`);
    expect(history.text).toContain(`Invoice #${invoiceId} created`);
  });
});

describe('payment activates the order', () => {
  it('a Pending service says it waits for its invoice, and is Active once the invoice is paid', async () => {
    const { agent, account, invoiceId } = await orderOne();
    const service = await db().service.findFirstOrThrow({ where: { accountId: account.id } });
    expect(service.status).toBe('Pending');
    const before = await agent.get(`/services/${service.id}`);
    expect(before.text).toContain(`This service will be activated as soon as`);
    expect(before.text).toContain(`href="/invoices/${invoiceId}"`);
    const { user: viewer } = await buildAuthorizedUser(account.id, ['products']);
    const viewerAgent = agentFor(app);
    await loginAs(viewerAgent, viewer.email);
    expect((await viewerAgent.get(`/services/${service.id}`)).text).toContain(`invoice #${invoiceId} is paid`);

    expect((await postForm(agent, `/invoices/${invoiceId}/pay`, {})).status).toBe(302);
    expect((await db().service.findUniqueOrThrow({ where: { id: service.id } })).status).toBe('Active');
    const after = await agent.get(`/services/${service.id}`);
    expect(after.text).not.toContain('will be activated');
    expect(
      await db().activityLog.count({
        where: {
          accountId: account.id,
          description: `Service activated on payment of Invoice #${invoiceId} (Service ID: ${service.id})`,
        },
      }),
    ).toBe(1);
  });
});
