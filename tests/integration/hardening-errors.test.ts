// Hardening issue, items 7, 8 and 9: nothing a visitor can send gives a 500 or a stack trace, a
// flood of registrations is answered (or refused with 503) instead of failing, error pages carry a
// request id, and a database outage answers 503 and recovers with nothing lost.
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import supertest from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { connectDatabase, database, setDatabase } from '../../src/db/client.js';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';
import { hashPassword, MAX_WAITING_HASHES } from '../../src/lib/passwords.js';
import { buildAccountWithOwner, uniqueEmail } from '../factories/index.js';
import { useAdminSession } from '../helpers/admin.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, csrfOf, loginAs, type Agent } from '../helpers/http.js';

useTestDatabase();
const staff = useAdminSession();
const NUL = 'a\u0000b';
const STACK = /\bat \w|node_modules|\.ts:\d+|Error: /;

const restores: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const restore of restores.splice(0).reverse()) await restore();
});

function registration(email: string) {
  return {
    firstName: 'Fuzz',
    lastName: 'Tester',
    email,
    phone: '+1 555 0100',
    address1: '1 Main Street',
    city: 'Springfield',
    postcode: '12345',
    country: 'US',
    password: 'Quiet-Harbour-Lantern-42',
    passwordConfirm: 'Quiet-Harbour-Lantern-42',
    acceptTerms: 'on',
  };
}

async function send(agent: Agent, path: string, body: Record<string, unknown>, from: string) {
  const _csrf = await csrfOf(agent, from);
  return agent
    .post(path)
    .type('form')
    .send({ ...body, _csrf });
}

describe('a NUL byte in any field (item 7): 400 and the form again, never a 500', () => {
  it('in every field of the client and admin forms', async () => {
    const app = buildTestApp();
    const { account, owner } = await buildAccountWithOwner();
    const user = agentFor(app);
    await loginAs(user, owner.email);
    const forms: [Agent, string, Record<string, string>, string][] = [
      [agentFor(app), '/login', { email: 'a@b.test', password: 'x' }, '/login'],
      [agentFor(app), '/register', registration(uniqueEmail('nul')), '/register'],
      [agentFor(app), '/password/forgot', { email: 'a@b.test' }, '/password/forgot'],
      [user, '/contacts', { firstName: 'C', lastName: 'D', email: 'c@d.test' }, '/contacts/new'],
      [user, '/tickets', { subject: 'Help me', department: 'Support', priority: 'Low', message: 'Hi' }, '/tickets/new'],
      [user, '/account/profile', { ...registration('billing@x.test') }, '/account/profile'],
      [user, '/user/profile', { firstName: 'A', lastName: 'B', email: owner.email, language: 'en' }, '/user/profile'],
      [user, '/account/users/invite', { email: 'x@y.test', permissionMode: 'all' }, '/account/users'],
      [staff.agent, '/admin/clients', { firstName: 'A', lastName: 'B', email: 'n@x.test' }, '/admin/clients/new'],
      [
        staff.agent,
        `/admin/clients/${account.id}/users/associate`,
        { email: 'z@x.test', sendInvite: 'no' },
        `/admin/clients/${account.id}/users`,
      ],
      [
        staff.agent,
        '/admin/tickets',
        { accountId: String(account.id), subject: 'S', department: 'Support', priority: 'Low', message: 'M' },
        '/admin/tickets/new',
      ],
    ];
    const failures: string[] = [];
    for (const [agent, path, body, from] of forms) {
      for (const field of Object.keys(body)) {
        const res = await send(agent, path, { ...body, [field]: NUL }, from);
        if (res.status >= 500 || STACK.test(res.text)) failures.push(`${path} ${field}: ${res.status}`);
        else if (res.status !== 400 || !res.text.includes('not allowed'))
          failures.push(`${path} ${field}: ${res.status} without the message`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('in the admin search parameters', async () => {
    for (const path of ['/admin/clients?q=', '/admin/users?q=', '/admin/activity?text=', '/admin/users/search?q=']) {
      const res = await staff.agent.get(`${path}${encodeURIComponent(NUL)}`);
      expect(res.status, path).toBe(400);
      expect(res.text).not.toMatch(STACK);
    }
  });
});

describe('a flood of registrations (item 7)', () => {
  it('30 at once: each is answered (or refused with 503 + Retry-After), none fails with 500', async () => {
    const app = buildTestApp();
    const agents = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const agent = agentFor(app);
        return { agent, csrf: await csrfOf(agent, '/register') };
      }),
    );
    const results = await Promise.all(
      agents.map(({ agent, csrf }) =>
        agent
          .post('/register')
          .type('form')
          .send({ ...registration(uniqueEmail('flood')), _csrf: csrf }),
      ),
    );
    for (const res of results) {
      expect([200, 503]).toContain(res.status);
      if (res.status === 503) expect(res.headers['retry-after']).toMatch(/^\d+$/);
    }
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThan(0);
  });

  it('when the hashing queue is full, a login is answered 503 with Retry-After at once', async () => {
    const app = buildTestApp();
    const agent = agentFor(app);
    const _csrf = await csrfOf(agent, '/login');
    const backlog = Array.from({ length: MAX_WAITING_HASHES + 4 }, () =>
      hashPassword('backlog-password').catch(() => null),
    );
    const res = await agent.post('/login').type('form').send({ email: 'busy@example.test', password: 'x', _csrf });
    await Promise.all(backlog);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.text).toContain('very busy');
  });
});

describe('error pages (item 8): the area’s own page with a request id, never a stack', () => {
  const inMode = (NODE_ENV: string) => buildTestApp({ env: { NODE_ENV } });

  it.each(['development', 'production'])('%s: a form without its CSRF token, client and admin', async (mode) => {
    const app = inMode(mode);
    for (const path of ['/tickets', '/admin/settings']) {
      const res = await supertest(app).post(path).type('form').send({ subject: 'x' });
      expect(res.status).toBe(403);
      expect(res.text).toContain('Form expired');
      expect(res.text).not.toMatch(STACK);
      const id = res.headers['x-request-id'];
      expect(id).toBeTruthy();
      expect(res.text).toContain(`data-testid="request-id">${id}<`);
    }
  });

  it.each(['development', 'production'])('%s: malformed JSON and an oversized body', async (mode) => {
    const app = inMode(mode);
    const bad = await supertest(app).post('/login').set('content-type', 'application/json').send('{"email":');
    expect(bad.status).toBe(400);
    expect(bad.text).not.toMatch(STACK);
    const big = await supertest(app)
      .post('/admin/login')
      .type('form')
      .send({ email: 'x'.repeat(200_000) });
    expect(big.status).toBe(413);
    expect(big.text).not.toMatch(STACK);
    expect(big.text).toContain('Reference:');
  });

  it('a logged-out visitor is offered the login page, not the dashboard', async () => {
    const res = await supertest(buildTestApp()).get('/no/such/page');
    expect(res.status).toBe(404);
    expect(res.text).toContain('href="/login"');
    expect(res.text).not.toContain('Go to the dashboard');
  });
});

describe('a database outage (item 9)', () => {
  /** A session cookie the app accepts (signed as express-session signs), so it must look it up. */
  const sessionCookie = (secret: string) => {
    const sid = 'no-such-session-id-000';
    const signature = createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');
    return `client.sid=${encodeURIComponent(`s:${sid}.${signature}`)}`;
  };

  it('answers 503 with Retry-After while the database cannot be reached; /healthz stays up', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const dead = connectDatabase({ url: `postgresql://nobody@127.0.0.1:${port}/none`, maxConnections: 2 });
    const previous = database();
    setDatabase(dead);
    restores.push(async () => {
      setDatabase(previous);
      await dead.close();
    });
    const secret = 'x'.repeat(40);
    const config = parseConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SESSION_SECRET: secret });
    const app = createApp({ runtime: { config, database: dead, secret } });
    const page = await supertest(app).get('/').set('Cookie', sessionCookie(secret));
    expect(page.status).toBe(503);
    expect(page.headers['retry-after']).toBe('10');
    expect(page.text).toContain('Temporarily unavailable');
    expect(page.text).not.toMatch(STACK);
    const action = await supertest(app).post('/login').type('form').send({ email: 'a@b.test', password: 'x' });
    expect([403, 503]).toContain(action.status);
    expect(action.text).not.toMatch(STACK);
    expect((await supertest(app).get('/healthz')).status).toBe(200);
  });

  it('recovers as soon as the database is back, with nothing lost: the same session goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outage-'));
    let server = await startEmbeddedPostgres(dir);
    const port = Number(/:(\d+)\//.exec(server.url)?.[1]);
    const pglite = connectDatabase({ url: server.url, maxConnections: 1 });
    await migrate(pglite.pool);
    const previous = database();
    setDatabase(pglite);
    restores.push(async () => {
      setDatabase(previous);
      await pglite.close();
      await server.stop().catch(() => undefined);
    });
    const secret = 'y'.repeat(40);
    const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SESSION_SECRET: secret });
    const app = createApp({ runtime: { config, database: pglite, secret } });
    const { owner } = await buildAccountWithOwner();
    const agent = agentFor(app);
    await loginAs(agent, owner.email);
    expect((await agent.get('/')).status).toBe(200);

    await server.stop();
    const during = await agent.get('/');
    expect(during.status).toBe(503);

    server = await startEmbeddedPostgres(dir, port);
    let after = await agent.get('/');
    for (let i = 0; i < 20 && after.status !== 200; i++) after = await agent.get('/');
    expect(after.status).toBe(200);
    expect(after.text).toContain(owner.firstName);
  }, 60_000);
});
