// SPEC §2: every gated route of the client area, with the one permission it needs. For each:
// a user with ONLY that permission is served; a user with every permission EXCEPT it gets 403
// and none of the account's data; and a user of account A asking for account B's ids gets
// 404 and nothing of B.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { seal } from '../../src/lib/secretbox.js';
import { configureSsoKey } from '../../src/lib/sso-token.js';
import { ALL_PERMISSIONS, type Permission } from '../../src/policies/permissions.js';
import {
  buildAccountWithOwner,
  buildAuthorizedUser,
  buildContact,
  buildDomain,
  buildInvoice,
  buildProduct,
  buildService,
  buildTicket,
  daysFromNow,
  unique,
} from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, loginAs, postForm, type Agent } from '../helpers/http.js';

useTestDatabase();

/** One of each thing an account holds, each carrying a distinctive marker string. */
async function buildFixture(accountId: number) {
  const marker = `zq${unique().replace('-', '')}`;
  const product = await buildProduct({ name: `Plan ${marker}` });
  const service = await buildService({
    accountId,
    productId: product.id,
    billingCycle: 'Monthly',
    amount: '9.99',
    domain: `svc-${marker}.example.test`,
    passwordEnc: seal(`pw-${marker}`),
    panelUrl: 'https://panel.example.test/login',
  });
  const domain = await buildDomain({ accountId, name: `dom-${marker}.test` });
  const invoice = await buildInvoice({ accountId, items: [{ description: `Item ${marker}`, amount: '12.50' }] });
  const quote = await db().quote.create({
    data: {
      accountId,
      subject: `Quote ${marker}`,
      validUntil: daysFromNow(30),
      total: '40.00',
      items: { create: [{ description: `Quoted ${marker}`, amount: '40.00' }] },
    },
  });
  const ticket = await buildTicket({ accountId, subject: `Ticket ${marker}`, message: `Message ${marker}` });
  const contact = await buildContact({ accountId, lastName: `Contact-${marker}` });
  const email = await db().emailLog.create({
    data: {
      accountId,
      recipient: 'someone@example.test',
      subject: `Email ${marker}`,
      template: 'test',
      bodyHtml: `<p>Body ${marker}</p>`,
      bodyText: `Body ${marker}`,
      status: 'stored',
    },
  });
  return { marker, product, service, domain, invoice, quote, ticket, contact, email };
}
type Fixture = Awaited<ReturnType<typeof buildFixture>>;

interface Route {
  permission: Permission;
  method: 'GET' | 'POST';
  path: (f: Fixture) => string;
  body?: (f: Fixture) => Record<string, unknown>;
  /** Runs first with the agent (e.g. fill the cart). */
  prepare?: (agent: Agent, f: Fixture) => Promise<unknown>;
  /** Has an id of the account's own data in the path (checked across accounts). */
  scoped?: boolean;
}

const profileBody = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'billing@example.test',
  phone: '+1 555 0100',
  address1: '1 Main St',
  city: 'Springfield',
  postcode: '12345',
  country: 'US',
};
const contactBody = { firstName: 'Carl', lastName: 'Contact', email: 'carl@example.test', invoiceEmails: 'on' };

export const ROUTES: Route[] = [
  { permission: 'profile', method: 'GET', path: () => '/account/profile' },
  { permission: 'profile', method: 'POST', path: () => '/account/profile', body: () => profileBody },
  { permission: 'contacts', method: 'GET', path: () => '/contacts' },
  { permission: 'contacts', method: 'GET', path: () => '/contacts/new' },
  { permission: 'contacts', method: 'POST', path: () => '/contacts', body: () => contactBody },
  { permission: 'contacts', method: 'GET', path: (f) => `/contacts/${f.contact.id}`, scoped: true },
  {
    permission: 'contacts',
    method: 'POST',
    path: (f) => `/contacts/${f.contact.id}`,
    body: () => contactBody,
    scoped: true,
  },
  { permission: 'contacts', method: 'POST', path: (f) => `/contacts/${f.contact.id}/delete`, scoped: true },
  { permission: 'products', method: 'GET', path: () => '/services' },
  { permission: 'products', method: 'GET', path: (f) => `/services/${f.service.id}`, scoped: true },
  { permission: 'manageproducts', method: 'POST', path: (f) => `/services/${f.service.id}/password`, scoped: true },
  { permission: 'productsso', method: 'POST', path: (f) => `/services/${f.service.id}/sso`, scoped: true },
  { permission: 'domains', method: 'GET', path: () => '/domains' },
  { permission: 'domains', method: 'GET', path: (f) => `/domains/${f.domain.id}`, scoped: true },
  {
    permission: 'managedomains',
    method: 'POST',
    path: (f) => `/domains/${f.domain.id}`,
    body: () => ({ ns1: 'ns1.host.test', ns2: 'ns2.host.test', autoRenew: 'on' }),
    scoped: true,
  },
  { permission: 'invoices', method: 'GET', path: () => '/invoices' },
  { permission: 'invoices', method: 'GET', path: (f) => `/invoices/${f.invoice.id}`, scoped: true },
  { permission: 'invoices', method: 'POST', path: (f) => `/invoices/${f.invoice.id}/pay`, scoped: true },
  { permission: 'quotes', method: 'GET', path: () => '/quotes' },
  { permission: 'quotes', method: 'GET', path: (f) => `/quotes/${f.quote.id}`, scoped: true },
  { permission: 'quotes', method: 'POST', path: (f) => `/quotes/${f.quote.id}/accept`, scoped: true },
  { permission: 'tickets', method: 'GET', path: () => '/tickets' },
  { permission: 'tickets', method: 'GET', path: () => '/tickets/new' },
  {
    permission: 'tickets',
    method: 'POST',
    path: () => '/tickets',
    body: () => ({ subject: 'Help please', department: 'Support', priority: 'High', message: 'It is broken.' }),
  },
  { permission: 'tickets', method: 'GET', path: (f) => `/tickets/${f.ticket.id}`, scoped: true },
  {
    permission: 'tickets',
    method: 'POST',
    path: (f) => `/tickets/${f.ticket.id}/reply`,
    body: () => ({ message: 'More details.' }),
    scoped: true,
  },
  { permission: 'tickets', method: 'POST', path: (f) => `/tickets/${f.ticket.id}/close`, scoped: true },
  { permission: 'affiliates', method: 'GET', path: () => '/affiliates' },
  { permission: 'affiliates', method: 'POST', path: () => '/affiliates/withdraw', body: () => ({ amount: '1.00' }) },
  { permission: 'emails', method: 'GET', path: () => '/emails' },
  { permission: 'emails', method: 'GET', path: (f) => `/emails/${f.email.id}`, scoped: true },
  { permission: 'orders', method: 'GET', path: (f) => `/services/${f.service.id}/cancel`, scoped: true },
  {
    permission: 'orders',
    method: 'POST',
    path: (f) => `/services/${f.service.id}/cancel`,
    body: () => ({ reason: 'No longer needed', type: 'Immediate' }),
    scoped: true,
  },
  {
    permission: 'orders',
    method: 'POST',
    path: () => '/checkout',
    body: () => ({ account: String(accountA.id) }),
    prepare: (agent, f) => postForm(agent, '/cart/add', { productId: f.product.id }),
  },
];

let app: ReturnType<typeof buildTestApp>;
let accountA: { id: number };
let fixtureB: Fixture;
let ownerA: Agent;
const only = new Map<Permission, Agent>();
const except = new Map<Permission, Agent>();

async function send(agent: Agent, route: Route, f: Fixture) {
  await route.prepare?.(agent, f);
  if (route.method === 'GET') return agent.get(route.path(f));
  return postForm(agent, route.path(f), route.body?.(f) ?? {});
}

function expectNoData(text: string, f: Fixture) {
  expect(text).not.toContain(f.marker);
  expect(text).not.toContain(`pw-${f.marker}`);
}

beforeAll(async () => {
  configureSsoKey('permission-matrix-test-secret');
  app = buildTestApp();
  const a = await buildAccountWithOwner();
  accountA = a.account;
  await db().affiliate.create({
    data: { accountId: a.account.id, code: `aff${unique().replace('-', '')}`, balance: '100000.00' },
  });
  ownerA = agentFor(app);
  await loginAs(ownerA, a.owner.email);
  for (const permission of ALL_PERMISSIONS) {
    const { user: u1 } = await buildAuthorizedUser(a.account.id, [permission]);
    const { user: u2 } = await buildAuthorizedUser(
      a.account.id,
      ALL_PERMISSIONS.filter((p) => p !== permission),
    );
    const agent1 = agentFor(app);
    const agent2 = agentFor(app);
    await loginAs(agent1, u1.email);
    await loginAs(agent2, u2.email);
    only.set(permission, agent1);
    except.set(permission, agent2);
  }
  const b = await buildAccountWithOwner();
  fixtureB = await buildFixture(b.account.id);
}, 120_000);

const name = (r: Route) =>
  `${r.method} ${r.path({ contact: { id: ':id' }, service: { id: ':id' }, domain: { id: ':id' }, invoice: { id: ':id' }, quote: { id: ':id' }, ticket: { id: ':id' }, email: { id: ':id' } } as unknown as Fixture)} [${r.permission}]`;
const cases = ROUTES.map((r) => [name(r), r] as const);

describe('permission matrix', () => {
  it('covers every one of the 13 permissions', () => {
    expect(new Set(ROUTES.map((r) => r.permission))).toEqual(new Set(ALL_PERMISSIONS));
  });

  it.each(cases)('%s: a user with only that permission is served', async (_n, route) => {
    const f = await buildFixture(accountA.id);
    const res = await send(only.get(route.permission)!, route, f);
    if (route.method === 'GET') expect(res.status).toBe(200);
    else {
      expect([302, 303]).toContain(res.status);
      // Served, not bounced to login or the account chooser.
      expect(res.headers.location).not.toMatch(/^\/(login|accounts)/);
    }
  });

  it.each(cases)('%s: a user with every permission but that one gets 403 and no data', async (_n, route) => {
    const f = await buildFixture(accountA.id);
    const res = await send(except.get(route.permission)!, route, f);
    expect(res.status).toBe(403);
    expect(res.text).toContain('do not have permission');
    expectNoData(res.text, f);
  });

  it.each(cases.filter(([, r]) => r.scoped))(
    "%s: another account's id answers 404 and leaks nothing",
    async (_n, route) => {
      const res = await send(ownerA, route, fixtureB);
      expect(res.status).toBe(404);
      expectNoData(res.text, fixtureB);
    },
  );

  it("leaves account B's data unchanged after A's attempts", async () => {
    const f = await buildFixture(
      (await db().invoice.findUniqueOrThrow({ where: { id: fixtureB.invoice.id } })).accountId,
    );
    for (const [, route] of cases.filter(([, r]) => r.scoped && r.method === 'POST')) {
      expect((await send(ownerA, route, f)).status).toBe(404);
    }
    expect((await db().invoice.findUniqueOrThrow({ where: { id: f.invoice.id } })).status).toBe('Unpaid');
    expect(await db().transaction.count({ where: { invoiceId: f.invoice.id } })).toBe(0);
    expect((await db().quote.findUniqueOrThrow({ where: { id: f.quote.id } })).status).toBe('Delivered');
    expect((await db().ticket.findUniqueOrThrow({ where: { id: f.ticket.id } })).status).toBe('Open');
    expect(await db().ticketReply.count({ where: { ticketId: f.ticket.id } })).toBe(1);
    expect(await db().contact.count({ where: { id: f.contact.id } })).toBe(1);
    expect((await db().service.findUniqueOrThrow({ where: { id: f.service.id } })).passwordEnc).toBe(
      f.service.passwordEnc,
    );
    expect(await db().cancellationRequest.count({ where: { serviceId: f.service.id } })).toBe(0);
    expect((await db().domain.findUniqueOrThrow({ where: { id: f.domain.id } })).nameservers).toEqual(
      f.domain.nameservers,
    );
  });

  it('refuses checkout into an account the user does not belong to (404) and places nothing', async () => {
    const f = await buildFixture(accountA.id);
    await postForm(ownerA, '/cart/add', { productId: f.product.id });
    const target = (await db().invoice.findUniqueOrThrow({ where: { id: fixtureB.invoice.id } })).accountId;
    const before = await db().invoice.count({ where: { accountId: target } });
    const res = await postForm(ownerA, '/checkout', { account: String(target) });
    expect(res.status).toBe(404);
    expect(await db().invoice.count({ where: { accountId: target } })).toBe(before);
  });
});
