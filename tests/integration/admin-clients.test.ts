// Admin clients list, Add New Client, profile tabs, services, invoices, quotes, products,
// settings (and their effect on the client area), activity log and email log over HTTP.
import { describe, expect, it } from 'vitest';
import { useAdminSession } from '../helpers/admin.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, loginAs, postForm } from '../helpers/http.js';
import {
  buildAccountWithOwner,
  buildContact,
  buildDomain,
  buildInvoice,
  buildProduct,
  buildService,
  buildTicket,
  buildUser,
  unique,
  uniqueEmail,
} from '../factories/index.js';
import { open } from '../../src/lib/secretbox.js';

const t = useTestDatabase();
const session = useAdminSession();

describe('admin area access', () => {
  it('a client session cookie cannot reach /admin', async () => {
    const { owner } = await buildAccountWithOwner();
    const client = agentFor(session.app);
    await loginAs(client, owner.email);
    for (const path of ['/admin', '/admin/clients', '/admin/users', '/admin/settings', '/admin/activity']) {
      const res = await client.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.location).toBe('/admin/login');
    }
  });

  it('every session.agent page renders for an admin', async () => {
    const { account, owner } = await buildAccountWithOwner();
    await buildContact({ accountId: account.id });
    await buildService({ accountId: account.id });
    await buildDomain({ accountId: account.id });
    await buildInvoice({ accountId: account.id });
    const ticket = await buildTicket({ accountId: account.id, openedByUserId: owner.id });
    const pages = [
      '/admin',
      '/admin/clients',
      '/admin/clients/new',
      '/admin/users',
      `/admin/users/${owner.id}`,
      '/admin/tickets',
      '/admin/tickets/new',
      `/admin/tickets/${ticket.id}`,
      '/admin/activity',
      '/admin/emails',
      '/admin/products',
      '/admin/products/new',
      '/admin/settings',
      `/admin/clients/${account.id}`,
      ...['profile', 'users', 'contacts', 'services', 'domains', 'invoices', 'quotes', 'tickets', 'emails', 'log'].map(
        (tab) => `/admin/clients/${account.id}/${tab}`,
      ),
    ];
    for (const p of pages) {
      const res = await session.agent.get(p);
      expect(res.status, p).toBe(200);
    }
    expect((await session.agent.get('/admin/clients/999999999')).status).toBe(404);
    expect((await session.agent.get('/admin/clients/abc')).status).toBe(404);
  });
});

describe('clients list', () => {
  it('searches by name, email and company prefix, filters by status, paginates 25 per page', async () => {
    const tag = `zq${unique().replace(/-/g, '')}`;
    const a = await buildAccountWithOwner({ account: { companyName: `${tag} Widgets`, status: 'Active' } });
    const b = await buildAccountWithOwner({ account: { lastName: `${tag}son`, status: 'Inactive' } });
    const c = await buildAccountWithOwner({ account: { email: `${tag}@billing.example.test`, status: 'Active' } });
    const res = await session.agent.get(`/admin/clients?q=${tag}`);
    expect(res.status).toBe(200);
    for (const x of [a, b, c]) expect(res.text).toContain(`/admin/clients/${x.account.id}"`);
    const inactive = await session.agent.get(`/admin/clients?q=${tag}&status=Inactive`);
    expect(inactive.text).toContain(`/admin/clients/${b.account.id}"`);
    expect(inactive.text).not.toContain(`/admin/clients/${a.account.id}"`);
    const none = await session.agent.get(`/admin/clients?q=${tag}zzz`);
    expect(none.text).toContain('No clients found.');
    // Pagination: 26 clients with one tag -> a Next link, page 2 has the oldest.
    const tag2 = `pg${unique().replace(/-/g, '')}`;
    const made = [];
    for (let i = 0; i < 26; i++)
      made.push(
        await t.prisma.account.create({ data: { firstName: 'P', lastName: `${tag2}${i}`, email: uniqueEmail('b') } }),
      );
    const p1 = await session.agent.get(`/admin/clients?q=${tag2}`);
    expect((p1.text.match(/<tr data-client-id="\d+">/g) ?? []).length).toBe(25);
    expect(p1.text).toContain('page=2');
    const p2 = await session.agent.get(`/admin/clients?q=${tag2}&page=2`);
    expect(p2.text).toContain(`/admin/clients/${made[0]!.id}"`);
  });
});

describe('Add New Client', () => {
  it('creates the account and owner user in one go and sends a set-password email', async () => {
    const email = uniqueEmail('newclient');
    const res = await postForm(session.agent, '/admin/clients', {
      firstName: 'Nora',
      lastName: 'Client',
      companyName: 'Nora Ltd',
      email,
      country: 'GB',
    });
    expect(res.status).toBe(302);
    const accountId = Number(/\/admin\/clients\/(\d+)/.exec(res.headers.location!)![1]);
    const links = await t.prisma.accountUser.findMany({ where: { accountId }, include: { user: true } });
    expect(links).toHaveLength(1);
    expect(links[0]!.isOwner).toBe(true);
    expect(links[0]!.user.email).toBe(email);
    expect(links[0]!.user.passwordHash).toBeNull();
    expect(await t.prisma.emailLog.count({ where: { recipient: email, template: 'set_password', accountId } })).toBe(1);
    const page = await session.agent.get(res.headers.location!);
    expect(page.text).toContain('was sent an email to set a password');
  });

  it('bad input re-renders the form with messages; an existing user email is refused; nothing created', async () => {
    const before = await t.prisma.account.count();
    const bad = await postForm(session.agent, '/admin/clients', { firstName: '', lastName: 'X', email: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a first name.');
    expect(bad.text).toContain('Enter a valid email address.');
    const existing = await buildUser();
    const taken = await postForm(session.agent, '/admin/clients', {
      firstName: 'A',
      lastName: 'B',
      email: existing.email,
    });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('already exists');
    expect(taken.text).toContain('Add Client');
    expect(await t.prisma.account.count({ where: { email: existing.email } })).toBe(0);
    expect(await t.prisma.account.count()).toBeGreaterThanOrEqual(before);
  });
});

describe('client profile tabs', () => {
  it('Summary shows the owner and counts; Profile saves and sets status', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const s = await session.agent.get(`/admin/clients/${account.id}`);
    expect(s.text).toContain(owner.email);
    const res = await postForm(session.agent, `/admin/clients/${account.id}/profile`, {
      firstName: 'Renamed',
      lastName: 'Person',
      email: 'billing-new@example.test',
      country: 'DE',
      city: 'Berlin',
    });
    expect(res.status).toBe(302);
    const after = await t.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
    expect([after.firstName, after.email, after.country, after.city]).toEqual([
      'Renamed',
      'billing-new@example.test',
      'DE',
      'Berlin',
    ]);
    const bad = await postForm(session.agent, `/admin/clients/${account.id}/profile`, {
      firstName: 'X',
      lastName: '',
      email: 'x@example.test',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a last name.');
    expect((await postForm(session.agent, `/admin/clients/${account.id}/status`, { status: 'Closed' })).status).toBe(
      302,
    );
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: account.id } })).status).toBe('Closed');
    expect((await postForm(session.agent, `/admin/clients/${account.id}/status`, { status: 'Deleted' })).status).toBe(
      400,
    );
  });

  it('Products/Services: add from a product, edit status, panel URL, username and password', async () => {
    const { account } = await buildAccountWithOwner();
    const product = await buildProduct({ price: '7.50', billingCycle: 'Annually' });
    const res = await postForm(session.agent, `/admin/clients/${account.id}/services`, {
      productId: product.id,
      domain: 'site.example.test',
      status: 'Active',
      username: 'site1',
      password: 'p@ss-Word-1',
    });
    expect(res.status).toBe(302);
    const service = await t.prisma.service.findFirstOrThrow({ where: { accountId: account.id } });
    expect([service.amount.toString(), service.billingCycle, service.username]).toEqual(['7.5', 'Annually', 'site1']);
    expect(open(service.passwordEnc)).toBe('p@ss-Word-1');
    const edit = await postForm(session.agent, `/admin/clients/${account.id}/services/${service.id}`, {
      domain: 'site.example.test',
      status: 'Suspended',
      panelUrl: 'https://cp.example.test',
      username: 'site2',
      password: '',
    });
    expect(edit.status).toBe(302);
    const after = await t.prisma.service.findUniqueOrThrow({ where: { id: service.id } });
    expect([after.status, after.panelUrl, after.username]).toEqual(['Suspended', 'https://cp.example.test', 'site2']);
    expect(open(after.passwordEnc)).toBe('p@ss-Word-1');
    const bad = await postForm(session.agent, `/admin/clients/${account.id}/services/${service.id}`, {
      status: 'Exploded',
      panelUrl: 'javascript:alert(1)',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a full URL');
    const noProduct = await postForm(session.agent, `/admin/clients/${account.id}/services`, {
      productId: '999999999',
      status: 'Active',
    });
    expect(noProduct.status).toBe(400);
    expect(noProduct.text).toContain('Choose a product');
  });

  it('Invoices: create and mark paid (once); Quotes: create', async () => {
    const { account } = await buildAccountWithOwner();
    const res = await postForm(session.agent, `/admin/clients/${account.id}/invoices`, {
      description: 'Setup fee',
      amount: '25.00',
      dueAt: '2030-01-31',
    });
    expect(res.status).toBe(302);
    const invoice = await t.prisma.invoice.findFirstOrThrow({ where: { accountId: account.id } });
    expect([invoice.status, invoice.total.toString()]).toEqual(['Unpaid', '25']);
    expect((await postForm(session.agent, `/admin/clients/${account.id}/invoices/${invoice.id}/paid`, {})).status).toBe(
      302,
    );
    expect((await t.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe('Paid');
    expect(await t.prisma.transaction.count({ where: { invoiceId: invoice.id } })).toBe(1);
    const twice = await postForm(session.agent, `/admin/clients/${account.id}/invoices/${invoice.id}/paid`, {});
    expect(twice.status).toBe(409);
    expect(await t.prisma.transaction.count({ where: { invoiceId: invoice.id } })).toBe(1);
    const bad = await postForm(session.agent, `/admin/clients/${account.id}/invoices`, {
      description: 'x',
      amount: 'ten',
      dueAt: 'soon',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter an amount like 12.50.');
    const q = await postForm(session.agent, `/admin/clients/${account.id}/quotes`, {
      subject: 'Migration',
      description: 'Move 3 sites',
      amount: '300',
      validUntil: '2030-02-01',
    });
    expect(q.status).toBe(302);
    expect((await t.prisma.quote.findFirstOrThrow({ where: { accountId: account.id } })).total.toString()).toBe('300');
  });

  it('Emails tab lists every email of the account with status and error; the message is readable', async () => {
    const { account } = await buildAccountWithOwner();
    const failed = await t.prisma.emailLog.create({
      data: {
        accountId: account.id,
        recipient: 'r@example.test',
        subject: 'Failed one',
        template: 'test',
        bodyHtml: '<p>Hello <b>there</b></p>',
        bodyText: 'Hello there',
        status: 'failed',
        error: 'connect ECONNREFUSED',
      },
    });
    const tab = await session.agent.get(`/admin/clients/${account.id}/emails`);
    expect(tab.text).toContain('Failed one');
    expect(tab.text).toContain('connect ECONNREFUSED');
    const one = await session.agent.get(`/admin/emails/${failed.id}`);
    expect(one.text).toContain('Hello there');
    expect(one.text).toContain('Resend');
    const html = await session.agent.get(`/admin/emails/${failed.id}/html`);
    expect(html.headers['content-security-policy']).toContain('sandbox');
    // Resend of the failed message (local store) -> stored; resending again is refused.
    const r = await postForm(session.agent, `/admin/emails/${failed.id}/resend`, {});
    expect(r.status).toBe(302);
    expect((await t.prisma.emailLog.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe('stored');
    const again = await postForm(session.agent, `/admin/emails/${failed.id}/resend`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain('Only failed emails can be resent');
    const log = await session.agent.get('/admin/emails?status=stored');
    expect(log.text).toContain('Failed one');
  });
});

describe('products', () => {
  it('create, edit, refuse bad input, delete (refused while services use it)', async () => {
    const name = `Plan ${unique()}`;
    const res = await postForm(session.agent, '/admin/products', {
      name,
      description: 'd',
      price: '3.00',
      billingCycle: 'Monthly',
      panelUrl: 'https://p.example.test',
      active: 'on',
    });
    expect(res.status).toBe(302);
    const product = await t.prisma.product.findFirstOrThrow({ where: { name } });
    expect(product.active).toBe(true);
    expect(
      (
        await postForm(session.agent, `/admin/products/${product.id}`, {
          name,
          price: '4.00',
          billingCycle: 'Annually',
        })
      ).status,
    ).toBe(302);
    const after = await t.prisma.product.findUniqueOrThrow({ where: { id: product.id } });
    expect([after.price.toString(), after.billingCycle, after.active]).toEqual(['4', 'Annually', false]);
    const bad = await postForm(session.agent, '/admin/products', { name: '', price: '-1', billingCycle: 'Weekly' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a product name.');
    await buildService({ productId: product.id });
    const del = await postForm(session.agent, `/admin/products/${product.id}/delete`, {});
    expect(del.status).toBe(409);
    expect(del.text).toContain('deactivate it instead');
    const unused = await buildProduct();
    expect((await postForm(session.agent, `/admin/products/${unused.id}/delete`, {})).status).toBe(302);
    expect(await t.prisma.product.count({ where: { id: unused.id } })).toBe(0);
  });
});

describe('activity log', () => {
  it('filters by account, user (id or email), session.agent, text and date; shows actor and account', async () => {
    const { account, owner } = await buildAccountWithOwner();
    await t.prisma.activityLog.createMany({
      data: [
        {
          description: `marker-user ${account.id}`,
          actorType: 'user',
          userId: owner.id,
          accountId: account.id,
          ip: '198.51.100.4',
          createdAt: new Date('2031-05-01T10:00:00Z'),
        },
        {
          description: `marker-admin ${account.id}`,
          actorType: 'admin',
          adminId: session.admin.id,
          accountId: account.id,
          ip: '198.51.100.5',
          createdAt: new Date('2031-05-02T10:00:00Z'),
        },
        {
          description: `marker-system ${account.id}`,
          actorType: 'system',
          accountId: account.id,
          createdAt: new Date('2031-05-03T10:00:00Z'),
        },
      ],
    });
    const all = await session.agent.get(`/admin/activity?account=${account.id}`);
    expect(all.status).toBe(200);
    const order = ['marker-system', 'marker-admin', 'marker-user'].map((m) => all.text.indexOf(m));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(all.text).toContain('System</span>');
    expect(all.text).toContain(`href="/admin/users/${owner.id}"`);
    expect(all.text).toContain('198.51.100.4');
    const byUser = await session.agent.get(
      `/admin/activity?account=${account.id}&user=${encodeURIComponent(owner.email)}`,
    );
    expect(byUser.text).toContain('marker-user');
    expect(byUser.text).not.toContain('marker-admin');
    const byAdmin = await session.agent.get(`/admin/activity?account=${account.id}&admin=${session.admin.id}`);
    expect(byAdmin.text).toContain('marker-admin');
    expect(byAdmin.text).not.toContain('marker-user');
    const byText = await session.agent.get(`/admin/activity?text=${encodeURIComponent(`marker-system ${account.id}`)}`);
    expect(byText.text).toContain('marker-system');
    expect(byText.text).not.toContain('marker-admin');
    const byDate = await session.agent.get(`/admin/activity?account=${account.id}&from=2031-05-02&to=2031-05-02`);
    expect(byDate.text).toContain('marker-admin');
    expect(byDate.text).not.toContain('marker-user');
    expect(byDate.text).not.toContain('marker-system');
    const unknown = await session.agent.get('/admin/activity?user=nobody-here@example.test');
    expect(unknown.text).toContain('No user matches');
    // A filter that means nothing is refused with its message (issue 14, bug 4), never ignored.
    const junk = await session.agent.get('/admin/activity?account=abc&page=-3&from=yesterday');
    expect(junk.status).toBe(400);
    expect(junk.text).toContain('Enter a client ID as a number');
    expect(junk.text).toContain('Enter the From date as YYYY-MM-DD.');
    expect(junk.text).toContain('No log entries.');
    expect((await session.agent.get('/admin/activity?page=-3')).status).toBe(200);
  });
});
