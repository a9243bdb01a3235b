// SPEC §2: every gated route of the client area, with the one permission it needs. For each:
// a user with ONLY that permission is served; a user with every permission EXCEPT it gets 403
// and none of the account's data; and a user of account A asking for account B's ids gets
// 404 and nothing of B.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { seal } from '../../src/lib/secretbox.js';
import { configureSsoKey } from '../../src/lib/sso-token.js';
import { CLIENT_ROUTE_PERMISSIONS, type ClientRoute } from '../../src/policies/client-routes.js';
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

interface Case {
  /** The entry of the policy table (src/policies/client-routes.ts) this case sends a request to. */
  route: ClientRoute;
  path: (f: Fixture) => string;
  body?: (f: Fixture) => Record<string, unknown>;
  /** Runs first with the agent (e.g. fill the cart). */
  prepare?: (agent: Agent, f: Fixture) => Promise<unknown>;
  /** Has an id of the account's own data in the path (checked across accounts). */
  scoped?: boolean;
  /** A POST answered with a page (200) rather than a redirect. */
  answersPage?: boolean;
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

const CASES: Case[] = [
  { route: 'GET /account/profile', path: () => '/account/profile' },
  { route: 'POST /account/profile', path: () => '/account/profile', body: () => profileBody },
  { route: 'GET /contacts', path: () => '/contacts' },
  { route: 'GET /contacts/new', path: () => '/contacts/new' },
  { route: 'POST /contacts', path: () => '/contacts', body: () => contactBody },
  { route: 'GET /contacts/:id', path: (f) => `/contacts/${f.contact.id}`, scoped: true },
  {
    route: 'POST /contacts/:id',
    path: (f) => `/contacts/${f.contact.id}`,
    body: () => contactBody,
    scoped: true,
  },
  { route: 'POST /contacts/:id/delete', path: (f) => `/contacts/${f.contact.id}/delete`, scoped: true },
  { route: 'GET /services', path: () => '/services' },
  { route: 'GET /services/:id', path: (f) => `/services/${f.service.id}`, scoped: true },
  { route: 'POST /services/:id/password', path: (f) => `/services/${f.service.id}/password`, scoped: true },
  // A page that goes on to the panel by GET (CSP form-action 'self' blocks a cross-origin redirect).
  { route: 'POST /services/:id/sso', path: (f) => `/services/${f.service.id}/sso`, scoped: true, answersPage: true },
  { route: 'GET /domains', path: () => '/domains' },
  { route: 'GET /domains/:id', path: (f) => `/domains/${f.domain.id}`, scoped: true },
  {
    route: 'POST /domains/:id',
    path: (f) => `/domains/${f.domain.id}`,
    body: () => ({ ns1: 'ns1.host.test', ns2: 'ns2.host.test', autoRenew: 'on' }),
    scoped: true,
  },
  { route: 'GET /invoices', path: () => '/invoices' },
  { route: 'GET /invoices/:id', path: (f) => `/invoices/${f.invoice.id}`, scoped: true },
  { route: 'GET /invoices/:id/pdf', path: (f) => `/invoices/${f.invoice.id}/pdf`, scoped: true },
  { route: 'POST /invoices/:id/pay', path: (f) => `/invoices/${f.invoice.id}/pay`, scoped: true },
  { route: 'GET /quotes', path: () => '/quotes' },
  { route: 'GET /quotes/:id', path: (f) => `/quotes/${f.quote.id}`, scoped: true },
  { route: 'POST /quotes/:id/accept', path: (f) => `/quotes/${f.quote.id}/accept`, scoped: true },
  { route: 'GET /tickets', path: () => '/tickets' },
  { route: 'GET /tickets/new', path: () => '/tickets/new' },
  {
    route: 'POST /tickets',
    path: () => '/tickets',
    body: () => ({ subject: 'Help please', department: 'Support', priority: 'High', message: 'It is broken.' }),
  },
  { route: 'GET /tickets/:id', path: (f) => `/tickets/${f.ticket.id}`, scoped: true },
  {
    route: 'POST /tickets/:id/reply',
    path: (f) => `/tickets/${f.ticket.id}/reply`,
    body: () => ({ message: 'More details.' }),
    scoped: true,
  },
  { route: 'POST /tickets/:id/close', path: (f) => `/tickets/${f.ticket.id}/close`, scoped: true },
  { route: 'GET /affiliates', path: () => '/affiliates' },
  { route: 'POST /affiliates/activate', path: () => '/affiliates/activate' },
  { route: 'POST /affiliates/withdraw', path: () => '/affiliates/withdraw', body: () => ({ amount: '1.00' }) },
  { route: 'GET /emails', path: () => '/emails' },
  { route: 'GET /emails/:id', path: (f) => `/emails/${f.email.id}`, scoped: true },
  { route: 'GET /services/:id/cancel', path: (f) => `/services/${f.service.id}/cancel`, scoped: true },
  {
    route: 'POST /services/:id/cancel',
    path: (f) => `/services/${f.service.id}/cancel`,
    body: () => ({ reason: 'No longer needed', type: 'Immediate' }),
    scoped: true,
  },
  {
    route: 'POST /checkout',
    path: () => '/checkout',
    body: () => ({ account: String(accountA.id) }),
    prepare: (agent, f) => postForm(agent, '/cart/add', { productId: f.product.id }),
  },
];

interface Route extends Case {
  permission: Permission;
  method: 'GET' | 'POST';
}
/** Each case with the permission and method the route guard reads from the same table. */
export const ROUTES: Route[] = CASES.map((c) => ({
  ...c,
  permission: CLIENT_ROUTE_PERMISSIONS[c.route],
  method: c.route.split(' ')[0] as 'GET' | 'POST',
}));

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

  it('sends a request to every route of the policy table, and to nothing outside it', () => {
    expect(new Set(ROUTES.map((r) => r.route))).toEqual(new Set(Object.keys(CLIENT_ROUTE_PERMISSIONS)));
  });

  it.each(cases)('%s: a user with only that permission is served', async (_n, route) => {
    const f = await buildFixture(accountA.id);
    const res = await send(only.get(route.permission)!, route, f);
    if (route.method === 'GET' || route.answersPage) expect(res.status).toBe(200);
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
