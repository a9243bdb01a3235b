// The permission-gated sections end to end over HTTP: paying, accepting, replying, checking out,
// and forms that refuse bad input without writing anything.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { getAccess } from '../../src/services/memberships/memberships.js';
import { open, seal } from '../../src/lib/secretbox.js';
import { configureSsoKey, verifySsoToken } from '../../src/lib/sso-token.js';
import { payInvoice } from '../../src/services/billing/invoices.js';
import {
  buildAccountWithOwner,
  buildAuthorizedUser,
  buildDomain,
  buildInvoice,
  buildMembership,
  buildProduct,
  buildService,
  buildTicket,
  daysFromNow,
  uniqueEmail,
} from '../factories/index.js';
import { isPglite, useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, loginAs, loginToAccount, postForm, loggedInOwner } from '../helpers/http.js';

useTestDatabase();

let app: ReturnType<typeof buildTestApp>;
beforeAll(() => {
  configureSsoKey('client-sections-test-secret');
  app = buildTestApp();
});

const ownerAgent = () => loggedInOwner(app);

const newAccountProfile = {
  firstName: 'Grace',
  lastName: 'Hopper',
  companyName: 'Hopper Labs',
  email: 'billing@hopper.example.test',
  phone: '+1 555 0199',
  address1: '1 Navy Way',
  city: 'Arlington',
  postcode: '22201',
  country: 'US',
};

describe('invoices', () => {
  it('pays an unpaid invoice once: marks it Paid, records one transaction and an activity entry', async () => {
    const { account, owner, agent } = await ownerAgent();
    const invoice = await buildInvoice({ accountId: account.id, items: [{ description: 'Hosting', amount: '19.95' }] });
    const res = await postForm(agent, `/invoices/${invoice.id}/pay`, {});
    expect(res.status).toBe(302);
    const paid = await db().invoice.findUniqueOrThrow({ where: { id: invoice.id }, include: { transactions: true } });
    expect(paid.status).toBe('Paid');
    expect(paid.paidAt).not.toBeNull();
    expect(paid.transactions).toHaveLength(1);
    expect(paid.transactions[0]!.amount.toFixed(2)).toBe('19.95');
    expect(paid.transactions[0]!.gateway).toBe('Test Gateway');
    const log = await db().activityLog.findFirst({
      where: { accountId: account.id, description: { contains: `Invoice #${invoice.id} paid` } },
    });
    expect(log).toMatchObject({ userId: owner.id, actorType: 'user' });

    const again = await postForm(agent, `/invoices/${invoice.id}/pay`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain('cannot be paid');
    expect(await db().transaction.count({ where: { invoiceId: invoice.id } })).toBe(1);

    const page = await agent.get(`/invoices/${invoice.id}`);
    expect(page.text).toContain('Paid');
    expect(page.text).not.toContain('Pay Now');
  });

  it('concurrent payments of one invoice record exactly one transaction', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const invoice = await buildInvoice({ accountId: account.id });
    const actor = { kind: 'user' as const, userId: owner.id, ip: '' };
    const access = (await getAccess(owner.id, account.id))!;
    const results = await Promise.allSettled([1, 2, 3].map(() => payInvoice({ actor, access }, invoice.id)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db().transaction.count({ where: { invoiceId: invoice.id } })).toBe(1);
    if (isPglite()) expect(results).toHaveLength(3); // one connection: serialized, still exactly one
  });

  it('the service itself refuses a user whose access lacks `invoices`, whichever route calls it', async () => {
    const { account } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    const invoice = await buildInvoice({ accountId: account.id });
    const access = (await getAccess(user.id, account.id))!;
    const actor = { kind: 'user' as const, userId: user.id, ip: '' };
    await expect(payInvoice({ actor, access }, invoice.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await db().invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe('Unpaid');
  });
});

describe('quotes', () => {
  it('accepting a quote creates an invoice from its items and marks it Accepted, once', async () => {
    const { account, agent } = await ownerAgent();
    const quote = await db().quote.create({
      data: {
        accountId: account.id,
        subject: 'Migration project',
        validUntil: daysFromNow(10),
        total: '150.00',
        items: {
          create: [
            { description: 'Migration', amount: '100.00' },
            { description: 'Training', amount: '50.00' },
          ],
        },
      },
    });
    const res = await postForm(agent, `/quotes/${quote.id}/accept`, {});
    expect(res.status).toBe(302);
    const accepted = await db().quote.findUniqueOrThrow({ where: { id: quote.id } });
    expect(accepted.status).toBe('Accepted');
    expect(accepted.invoiceId).not.toBeNull();
    expect(res.headers.location).toBe(`/invoices/${accepted.invoiceId}`);
    const invoice = await db().invoice.findUniqueOrThrow({
      where: { id: accepted.invoiceId! },
      include: { items: { orderBy: { id: 'asc' } } },
    });
    expect(invoice).toMatchObject({ accountId: account.id, status: 'Unpaid' });
    expect(invoice.total.toFixed(2)).toBe('150.00');
    expect(invoice.items.map((i) => [i.description, i.amount.toFixed(2)])).toEqual([
      ['Migration', '100.00'],
      ['Training', '50.00'],
    ]);

    const again = await postForm(agent, `/quotes/${quote.id}/accept`, {});
    expect(again.status).toBe(409);
    expect(await db().invoice.count({ where: { accountId: account.id } })).toBe(1);
  });

  it('an expired quote cannot be accepted and nothing is invoiced', async () => {
    const { account, agent } = await ownerAgent();
    const quote = await db().quote.create({
      data: {
        accountId: account.id,
        subject: 'Old',
        validUntil: daysFromNow(-2),
        total: '5.00',
        items: { create: [{ description: 'X', amount: '5.00' }] },
      },
    });
    const res = await postForm(agent, `/quotes/${quote.id}/accept`, {});
    expect(res.status).toBe(409);
    expect(res.text).toContain('expired');
    expect(await db().invoice.count({ where: { accountId: account.id } })).toBe(0);
  });
});

describe('tickets', () => {
  it('opening, replying and closing record the author user, email and name', async () => {
    const { account } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets'], { firstName: 'Tina', lastName: 'Ticket' });
    const agent = agentFor(app);
    await loginAs(agent, user.email);

    const opened = await postForm(agent, '/tickets', {
      subject: 'Site down',
      department: 'Support',
      priority: 'High',
      message: 'My site is down.',
    });
    expect(opened.status).toBe(302);
    const ticket = await db().ticket.findFirstOrThrow({
      where: { accountId: account.id, subject: 'Site down' },
      include: { replies: true },
    });
    expect(ticket).toMatchObject({ openedByUserId: user.id, priority: 'High', status: 'Open' });
    expect(ticket.replies[0]).toMatchObject({
      userId: user.id,
      email: user.email,
      name: 'Tina Ticket',
      message: 'My site is down.',
    });

    expect((await postForm(agent, `/tickets/${ticket.id}/reply`, { message: 'Still down.' })).status).toBe(302);
    const reply = await db().ticketReply.findFirstOrThrow({ where: { ticketId: ticket.id, message: 'Still down.' } });
    expect(reply).toMatchObject({ userId: user.id, email: user.email, name: 'Tina Ticket' });

    const page = await agent.get(`/tickets/${ticket.id}`);
    expect(page.text).toContain('Still down.');
    expect(page.text).toContain('Tina Ticket');

    expect((await postForm(agent, `/tickets/${ticket.id}/close`, {})).status).toBe(302);
    expect((await db().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('Closed');
    expect(
      await db().activityLog.count({
        where: { accountId: account.id, userId: user.id, description: { contains: `#${ticket.id}` } },
      }),
    ).toBe(3);
  });

  it('an empty reply re-renders with a message and adds nothing', async () => {
    const { account, agent } = await ownerAgent();
    const ticket = await buildTicket({ accountId: account.id });
    const res = await postForm(agent, `/tickets/${ticket.id}/reply`, { message: '   ' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Enter your reply.');
    expect(await db().ticketReply.count({ where: { ticketId: ticket.id } })).toBe(1);
  });
});

describe('checkout', () => {
  it('into an existing account where the user has `orders`: Pending services, one unpaid invoice, account selected', async () => {
    const mine = await buildAccountWithOwner();
    const other = await buildAccountWithOwner({ account: { companyName: 'Orders Target Ltd' } });
    await buildMembership({ accountId: other.account.id, userId: mine.owner.id, permissions: ['orders', 'invoices'] });
    const [p1, p2] = [
      await buildProduct({ price: '4.99' }),
      await buildProduct({ price: '119.00', billingCycle: 'Annually' }),
    ];
    const agent = agentFor(app);
    await loginToAccount(agent, mine.owner.email, mine.account.id);

    await postForm(agent, '/cart/add', { productId: p1.id });
    await postForm(agent, '/cart/add', { productId: p2.id });
    const page = await agent.get('/checkout');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Orders Target Ltd');
    expect(page.text).toContain('Create a New Account');

    const res = await postForm(agent, '/checkout', { account: String(other.account.id) });
    expect(res.status).toBe(302);
    const invoices = await db().invoice.findMany({ where: { accountId: other.account.id }, include: { items: true } });
    expect(invoices).toHaveLength(1);
    expect(invoices[0]!.status).toBe('Unpaid');
    expect(invoices[0]!.total.toFixed(2)).toBe('123.99');
    expect(res.headers.location).toBe(`/invoices/${invoices[0]!.id}`);
    const services = await db().service.findMany({ where: { accountId: other.account.id } });
    expect(services.map((s) => [s.productId, s.status]).sort()).toEqual(
      [
        [p1.id, 'Pending'],
        [p2.id, 'Pending'],
      ].sort(),
    );
    expect(invoices[0]!.items.map((i) => i.serviceId).sort()).toEqual(services.map((s) => s.id).sort());
    expect(await db().service.count({ where: { accountId: mine.account.id } })).toBe(0);

    // The session now works in the ordering account and shows the invoice.
    const shown = await agent.get(res.headers.location!);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Orders Target Ltd');
    expect(shown.text).toContain('$123.99');
    // The cart is empty after ordering.
    expect((await agent.get('/cart')).text).toContain('Your cart is empty');
  });

  it('into a new account: the user owns it; services and an unpaid invoice are created', async () => {
    const { owner, agent } = await ownerAgent();
    const product = await buildProduct({ price: '12.99' });
    await postForm(agent, '/cart/add', { productId: product.id });
    const email = uniqueEmail('newacct');
    const res = await postForm(agent, '/checkout', { account: 'new', ...newAccountProfile, email });
    expect(res.status).toBe(302);
    const account = await db().account.findFirstOrThrow({
      where: { email },
      include: { users: true, services: true, invoices: true },
    });
    expect(account.companyName).toBe('Hopper Labs');
    expect(account.users).toEqual([expect.objectContaining({ userId: owner.id, isOwner: true })]);
    expect(account.services).toEqual([expect.objectContaining({ productId: product.id, status: 'Pending' })]);
    expect(account.invoices).toHaveLength(1);
    expect(account.invoices[0]!.status).toBe('Unpaid');
    expect(account.invoices[0]!.total.toFixed(2)).toBe('12.99');
    expect(res.headers.location).toBe(`/invoices/${account.invoices[0]!.id}`);
    const shown = await agent.get(res.headers.location!);
    expect(shown.text).toContain('Hopper Labs');
    expect(await db().activityLog.count({ where: { accountId: account.id, userId: owner.id } })).toBeGreaterThanOrEqual(
      2,
    );
  });

  it('choosing an account without `orders` is refused with 403 and nothing is created', async () => {
    const mine = await buildAccountWithOwner();
    const other = await buildAccountWithOwner();
    await buildMembership({ accountId: other.account.id, userId: mine.owner.id, permissions: ['invoices'] });
    const agent = agentFor(app);
    await loginToAccount(agent, mine.owner.email, mine.account.id);
    const product = await buildProduct();
    await postForm(agent, '/cart/add', { productId: product.id });
    expect((await agent.get('/checkout')).text).not.toContain(`data-testid="checkout-account-${other.account.id}"`);
    const res = await postForm(agent, '/checkout', { account: String(other.account.id) });
    expect(res.status).toBe(403);
    expect(await db().invoice.count({ where: { accountId: other.account.id } })).toBe(0);
    expect(await db().service.count({ where: { accountId: other.account.id } })).toBe(0);
  });

  it('a new-account checkout with missing details re-renders with messages and writes nothing', async () => {
    const { owner, agent } = await ownerAgent();
    const product = await buildProduct();
    await postForm(agent, '/cart/add', { productId: product.id });
    const before = await db().accountUser.count({ where: { userId: owner.id } });
    const email = uniqueEmail('bad');
    const res = await postForm(agent, '/checkout', {
      account: 'new',
      ...newAccountProfile,
      email,
      city: '',
      postcode: '',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Please correct the highlighted fields.');
    expect(res.text).toContain('Enter your city.');
    expect(res.text).toContain('value="Hopper Labs"'); // what was typed is kept
    expect(await db().account.count({ where: { email } })).toBe(0);
    expect(await db().accountUser.count({ where: { userId: owner.id } })).toBe(before);
    expect(await db().service.count({ where: { productId: product.id } })).toBe(0);
    // The cart is still there to try again.
    expect((await agent.get('/cart')).text).toContain(product.name);
  });

  it('an anonymous visitor is sent to log in and keeps the cart across the login', async () => {
    const { owner } = await buildAccountWithOwner();
    const product = await buildProduct();
    const agent = agentFor(app);
    await postForm(agent, '/cart/add', { productId: product.id }, '/store');
    const res = await agent.get('/checkout');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login');
    const next = await loginAs(agent, owner.email);
    expect(next).toBe('/checkout');
    const page = await agent.get(next);
    expect(page.status).toBe(200);
    expect(page.text).toContain(product.name);
  });
});

describe('services, domains, contacts, affiliates, emails', () => {
  it('shows the password only with `manageproducts`, resets it sealed, and signs SSO tokens', async () => {
    const { account, agent } = await ownerAgent();
    const service = await buildService({
      accountId: account.id,
      passwordEnc: seal('Old-Secret-42'),
      panelUrl: 'https://cp.example.test/sso',
    });
    const { user: viewer } = await buildAuthorizedUser(account.id, ['products']);
    const viewerAgent = agentFor(app);
    await loginAs(viewerAgent, viewer.email);
    const viewed = await viewerAgent.get(`/services/${service.id}`);
    expect(viewed.status).toBe(200);
    expect(viewed.text).not.toContain('Old-Secret-42');
    expect(viewed.text).not.toContain('Reset Password');
    expect(viewed.text).not.toContain('Log in to Control Panel');
    expect((await agent.get(`/services/${service.id}`)).text).toContain('Old-Secret-42');

    expect((await postForm(agent, `/services/${service.id}/password`, {})).status).toBe(302);
    const sealed = (await db().service.findUniqueOrThrow({ where: { id: service.id } })).passwordEnc;
    const fresh = open(sealed);
    expect(fresh).not.toBe('Old-Secret-42');
    expect(fresh.length).toBeGreaterThanOrEqual(12);
    expect(sealed).not.toContain(fresh);

    const sso = await postForm(agent, `/services/${service.id}/sso`, {});
    // A page that navigates on by GET (meta refresh and a link), not a redirect (issue 13 bug 1).
    expect(sso.status).toBe(200);
    const href = /href="([^"]+)" rel="noreferrer"/.exec(sso.text)?.[1];
    expect(sso.text).toContain(`<meta http-equiv="refresh" content="0;url=${href}">`);
    const url = new URL(href!.replaceAll('&amp;', '&'));
    expect(url.origin + url.pathname).toBe('https://cp.example.test/sso');
    const claims = verifySsoToken(url.searchParams.get('token')!);
    expect(claims).toMatchObject({ serviceId: service.id });
    expect(claims!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    expect(verifySsoToken(url.searchParams.get('token')!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBeNull();
    expect(
      await db().activityLog.count({ where: { accountId: account.id, description: { contains: 'Single sign-on' } } }),
    ).toBe(1);
  });

  it('requests a cancellation with reason and type, once', async () => {
    const { account, agent } = await ownerAgent();
    const service = await buildService({ accountId: account.id });
    expect((await postForm(agent, `/services/${service.id}/cancel`, { reason: '', type: 'Immediate' })).status).toBe(
      400,
    );
    expect(
      (
        await postForm(agent, `/services/${service.id}/cancel`, {
          reason: 'Moving elsewhere',
          type: 'End of Billing Period',
        })
      ).status,
    ).toBe(302);
    expect(await db().cancellationRequest.findMany({ where: { serviceId: service.id } })).toEqual([
      expect.objectContaining({ reason: 'Moving elsewhere', type: 'End of Billing Period' }),
    ]);
    expect(
      (await postForm(agent, `/services/${service.id}/cancel`, { reason: 'Again', type: 'Immediate' })).status,
    ).toBe(409);
  });

  it('changes domain settings with `managedomains` and refuses a bad nameserver', async () => {
    const { account, agent } = await ownerAgent();
    const domain = await buildDomain({ accountId: account.id, autoRenew: true, locked: true });
    const bad = await postForm(agent, `/domains/${domain.id}`, {
      ns1: 'not a host',
      ns2: 'ns2.good.test',
      locked: 'on',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a host name');
    expect((await db().domain.findUniqueOrThrow({ where: { id: domain.id } })).nameservers).toEqual(domain.nameservers);
    expect(
      (await postForm(agent, `/domains/${domain.id}`, { ns1: 'NS1.Good.test', ns2: 'ns2.good.test', locked: 'on' }))
        .status,
    ).toBe(302);
    expect(await db().domain.findUniqueOrThrow({ where: { id: domain.id } })).toMatchObject({
      nameservers: ['ns1.good.test', 'ns2.good.test'],
      autoRenew: false,
      locked: true,
    });
  });

  it('adds, edits and deletes contacts; a bad email re-renders and writes nothing', async () => {
    const { account, agent } = await ownerAgent();
    const bad = await postForm(agent, '/contacts', { firstName: 'Bob', lastName: 'Bad', email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a valid email address.');
    expect(bad.text).toContain('value="Bob"');
    expect(await db().contact.count({ where: { accountId: account.id } })).toBe(0);

    expect(
      (
        await postForm(agent, '/contacts', {
          firstName: 'Bob',
          lastName: 'Good',
          email: 'bob@example.test',
          supportEmails: 'on',
        })
      ).status,
    ).toBe(302);
    const contact = await db().contact.findFirstOrThrow({ where: { accountId: account.id } });
    expect(contact).toMatchObject({ supportEmails: true, generalEmails: false, invoiceEmails: false });
    expect(
      (
        await postForm(agent, `/contacts/${contact.id}`, {
          firstName: 'Bob',
          lastName: 'Better',
          email: 'bob@example.test',
          invoiceEmails: 'on',
        })
      ).status,
    ).toBe(302);
    expect(await db().contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({
      lastName: 'Better',
      invoiceEmails: true,
      supportEmails: false,
    });
    expect((await postForm(agent, `/contacts/${contact.id}/delete`, {})).status).toBe(302);
    expect(await db().contact.count({ where: { accountId: account.id } })).toBe(0);
  });

  it('opening the page writes nothing; Activate creates the affiliate once; withdrawals within the balance', async () => {
    const { account, agent } = await ownerAgent();
    const before = await db().activityLog.count({ where: { accountId: account.id } });
    const page = await agent.get('/affiliates');
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="activate-affiliate"');
    expect(await db().affiliate.count({ where: { accountId: account.id } })).toBe(0);
    expect(await db().activityLog.count({ where: { accountId: account.id } })).toBe(before);
    expect((await postForm(agent, '/affiliates/activate', {})).status).toBe(302);
    expect((await postForm(agent, '/affiliates/activate', {})).status).toBe(302);
    expect(await db().affiliate.count({ where: { accountId: account.id } })).toBe(1);
    const affiliate = await db().affiliate.findUniqueOrThrow({ where: { accountId: account.id } });
    expect((await agent.get('/affiliates')).text).toContain(`aff=${affiliate.code}`);
    await db().affiliate.update({ where: { id: affiliate.id }, data: { balance: '25.00' } });

    for (const amount of ['25.01', '0', '-3', 'abc']) {
      const res = await postForm(agent, '/affiliates/withdraw', { amount });
      expect(res.status).toBe(400);
    }
    expect((await db().affiliate.findUniqueOrThrow({ where: { id: affiliate.id } })).balance.toFixed(2)).toBe('25.00');
    expect(await db().affiliateWithdrawal.count({ where: { affiliateId: affiliate.id } })).toBe(0);

    expect((await postForm(agent, '/affiliates/withdraw', { amount: '10.50' })).status).toBe(302);
    const after = await db().affiliate.findUniqueOrThrow({
      where: { id: affiliate.id },
      include: { withdrawals: true },
    });
    expect(after.balance.toFixed(2)).toBe('14.50');
    expect(after.withdrawn.toFixed(2)).toBe('10.50');
    expect(after.withdrawals).toEqual([expect.objectContaining({ status: 'Pending' })]);
  });

  it("lists the account's emails and shows one in a sandboxed iframe", async () => {
    const { account, agent } = await ownerAgent();
    const other = await buildAccountWithOwner();
    const mine = await db().emailLog.create({
      data: {
        accountId: account.id,
        recipient: 'a@example.test',
        subject: 'Your invoice',
        template: 'test',
        bodyHtml: '<p>Hello "there"</p><script>alert(1)</script>',
        bodyText: 'Hello',
        status: 'sent',
      },
    });
    await db().emailLog.create({
      data: {
        accountId: other.account.id,
        recipient: 'b@example.test',
        subject: 'Someone else mail',
        template: 'test',
        bodyHtml: '<p>x</p>',
        bodyText: 'x',
        status: 'sent',
      },
    });
    const list = await agent.get('/emails');
    expect(list.text).toContain('Your invoice');
    expect(list.text).not.toContain('Someone else mail');
    const one = await agent.get(`/emails/${mine.id}`);
    expect(one.status).toBe(200);
    expect(one.text).toContain('sandbox=""');
    expect(one.text).toContain('srcdoc="&lt;p&gt;Hello &#34;there&#34;&lt;/p&gt;&lt;script&gt;');
    expect(one.text).not.toContain('<script>alert(1)</script>');
  });

  it('saves the billing profile and re-renders a bad one', async () => {
    const { account, agent } = await ownerAgent();
    const bad = await postForm(agent, '/account/profile', { ...newAccountProfile, email: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a valid email address.');
    expect((await db().account.findUniqueOrThrow({ where: { id: account.id } })).email).toBe(account.email);
    expect((await postForm(agent, '/account/profile', newAccountProfile)).status).toBe(302);
    expect(await db().account.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      companyName: 'Hopper Labs',
      city: 'Arlington',
    });
  });
});
