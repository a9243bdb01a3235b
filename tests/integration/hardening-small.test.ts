// Hardening issue, item 11 (and the start-up warning): headers, the Origin check, no session
// rows for readers, the email change, and actions that must happen once however often they are
// sent.
import { describe, expect, it } from 'vitest';
import { configWarnings, parseConfig } from '../../src/config.js';
import { db } from '../../src/db/client.js';
import { buildProduct, buildService, TEST_PASSWORD, uniqueEmail } from '../factories/index.js';
import { useAdminSession } from '../helpers/admin.js';
import { isPglite, useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, csrfOf, loggedInOwner, postForm } from '../helpers/http.js';
import { newestDelivered } from '../helpers/outbox.js';

useTestDatabase();
const staff = useAdminSession();

describe('headers', () => {
  it('logged-in pages are never cached, and every page sets Permissions-Policy', async () => {
    const { agent } = await loggedInOwner();
    const page = await agent.get('/');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['permissions-policy']).toContain('camera=()');
    const admin = await staff.agent.get('/admin');
    expect(admin.headers['cache-control']).toBe('no-store');
    expect(admin.headers['permissions-policy']).toContain('geolocation=()');
  });
});

describe('a second line behind the CSRF token', () => {
  it('refuses a state-changing request whose Origin is another site, even with a valid token', async () => {
    const { agent } = await loggedInOwner();
    const _csrf = await csrfOf(agent, '/tickets/new');
    const body = { subject: 'From elsewhere', department: 'Support', priority: 'Low', message: 'x', _csrf };
    const forged = await agent.post('/tickets').set('Origin', 'https://evil.example').type('form').send(body);
    expect(forged.status).toBe(403);
    const crossSite = await agent.post('/tickets').set('Sec-Fetch-Site', 'cross-site').type('form').send(body);
    expect(crossSite.status).toBe(403);
    const own = await agent.post('/tickets').type('form').send(body);
    expect(own.status).toBe(302);
  });
});

describe('a visitor who only reads gets no session', () => {
  it('pages without a form set no cookie (no session row is written)', async () => {
    const app = buildTestApp();
    for (const path of ['/', '/no/such/page', '/healthz']) {
      const res = await agentFor(app).get(path);
      expect(res.headers['set-cookie'], path).toBeUndefined();
    }
  });
});

describe('changing the login email', () => {
  it('needs the current password, and the old address is told', async () => {
    const { agent, owner } = await loggedInOwner();
    const email = uniqueEmail('moved');
    const base = { firstName: owner.firstName, lastName: owner.lastName, email, language: 'en' };
    const refused = await postForm(agent, '/user/profile', base, '/user/profile');
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('Enter your current password to change your email address.');
    expect(refused.text).toContain(`value="${email}"`);
    expect((await db().user.findUniqueOrThrow({ where: { id: owner.id } })).email).toBe(owner.email);
    const wrong = await postForm(agent, '/user/profile', { ...base, currentPassword: 'not-it' }, '/user/profile');
    expect(wrong.status).toBe(401);
    const ok = await postForm(agent, '/user/profile', { ...base, currentPassword: TEST_PASSWORD }, '/user/profile');
    expect(ok.status).toBe(302);
    expect((await db().user.findUniqueOrThrow({ where: { id: owner.id } })).email).toBe(email);
    const notice = await newestDelivered(owner.email, 'email_changed');
    expect(notice.text).toContain(email);
  });
});

describe('actions that happen once, however often they are sent', () => {
  it('20 cancellation requests at once for one service record one', async () => {
    const { agent, account } = await loggedInOwner();
    const product = await buildProduct();
    const service = await buildService({ accountId: account.id, productId: product.id, status: 'Active' });
    const _csrf = await csrfOf(agent, `/services/${service.id}/cancel`);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        agent
          .post(`/services/${service.id}/cancel`)
          .type('form')
          .send({ reason: 'Moving away', type: 'Immediate', _csrf }),
      ),
    );
    for (const res of results) expect([302, 409]).toContain(res.status);
    expect(await db().cancellationRequest.count({ where: { serviceId: service.id } })).toBe(1);
    if (isPglite()) expect(results).toHaveLength(20);
  });

  it('5 checkouts of one cart at once place one order', async () => {
    const { agent, account } = await loggedInOwner();
    const product = await buildProduct();
    await postForm(agent, '/cart/add', { productId: product.id }, '/store');
    const _csrf = await csrfOf(agent, '/checkout');
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        agent
          .post('/checkout')
          .type('form')
          .send({ account: String(account.id), _csrf }),
      ),
    );
    for (const res of results) expect([302, 403]).toContain(res.status);
    expect(await db().invoice.count({ where: { accountId: account.id } })).toBe(1);
    expect(await db().service.count({ where: { accountId: account.id, productId: product.id } })).toBe(1);
  });
});

describe('start-up warnings', () => {
  it('says when PUBLIC_URL is plain HTTP while cookies are Secure (every form would expire)', () => {
    const warn = configWarnings(parseConfig({ NODE_ENV: 'production', PUBLIC_URL: 'http://client.example.test' }));
    expect(warn.join(' ')).toContain('Form expired');
    expect(configWarnings(parseConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://client.example.test' }))).toEqual(
      [],
    );
    expect(
      configWarnings(parseConfig({ NODE_ENV: 'production', PUBLIC_URL: 'http://x.test', COOKIE_SECURE: 'false' })),
    ).toEqual([]);
  });
});
