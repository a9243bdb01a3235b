// Issue 11 in the admin area: "Manage API Credentials" (create for an admin, allowed functions or
// all, IP allow-list; identifier and secret shown once and only a hash stored; revoke; last used),
// the API reference generated from the API's schemas, the per-client single sign-on switch, and
// API writes marked in the Activity Log.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { API_FUNCTIONS } from '../../src/http/api/catalog.js';
import { exampleOfResponse, paramsOf } from '../../src/http/api/reference.js';
import { buildAccountWithOwner, buildAdmin } from '../factories/index.js';
import { useAdminSession } from '../helpers/admin.js';
import { useTestDatabase } from '../helpers/db.js';
import { API_PATH } from '../helpers/api.js';
import { agentFor, loginAdmin, postForm } from '../helpers/http.js';
import supertest from 'supertest';

useTestDatabase();
const s = useAdminSession();

const field = (html: string, testId: string) =>
  new RegExp(`value="([^"]+)" data-testid="${testId}"`).exec(html)?.[1] ?? '';

async function createThroughPage(body: Record<string, unknown>) {
  const res = await postForm(s.agent, '/admin/api/credentials', body);
  return { res, identifier: field(res.text, 'identifier'), secret: field(res.text, 'secret') };
}

const call = (identifier: string, secret: string, action: string, extra: Record<string, unknown> = {}) =>
  supertest(s.app)
    .post(API_PATH)
    .type('form')
    .send({ identifier, secret, action, ...extra });

/** Every table of the database, searched as text for a value. */
async function tablesContaining(value: string): Promise<string[]> {
  const tables = await db().$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const hits: string[] = [];
  for (const { table_name } of tables) {
    const [row] = await db().$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${table_name}" t WHERE t::text LIKE $1`,
      `%${value}%`,
    );
    if (Number(row?.n ?? 0) > 0) hits.push(table_name);
  }
  return hits;
}

describe('Manage API Credentials', () => {
  it('creates a credential for an admin and shows its secret once; only a hash is stored', async () => {
    const other = await buildAdmin();
    const { res, identifier, secret } = await createThroughPage({
      name: 'Provisioning script',
      description: 'Creates clients from the shop',
      adminId: other.id,
      scope: 'chosen',
      actions: ['AddClient', 'GetClients'],
      ipAllowList: '127.0.0.1\n::1',
    });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('Copy the secret now.');
    expect(identifier).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const row = await db().apiCredential.findUniqueOrThrow({ where: { identifier } });
    expect(row).toMatchObject({
      adminId: other.id,
      name: 'Provisioning script',
      allowAllActions: false,
      allowedActions: ['AddClient', 'GetClients'],
      ipAllowList: ['127.0.0.1', '::1'],
      secretHash: createHash('sha256').update(secret).digest('hex'),
    });
    // It works, as the chosen admin, for its functions only.
    expect((await call(identifier, secret, 'GetClients')).body.result).toBe('success');
    expect((await call(identifier, secret, 'GetUsers')).body.message).toBe(
      'Invalid Permissions: API action "GetUsers" is not allowed',
    );

    // The secret is nowhere after this: not on any page, not in any table (sessions included).
    for (const path of [
      '/admin/api/credentials',
      '/admin/api/reference',
      '/admin/activity',
      '/admin',
      '/admin/clients',
    ]) {
      const page = await s.agent.get(path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).not.toContain(secret);
    }
    expect(await tablesContaining(secret)).toEqual([]);
    const list = await s.agent.get('/admin/api/credentials');
    expect(list.text).toContain(identifier);
    expect(list.text).toContain('Provisioning script');
    expect(list.text).toContain('AddClient, GetClients');
  });

  it('creates an all-functions credential, shows its last use, and revokes it at once', async () => {
    const { identifier, secret } = await createThroughPage({ name: 'Everything', adminId: s.admin.id, scope: 'all' });
    const row = await db().apiCredential.findUniqueOrThrow({ where: { identifier } });
    expect(row).toMatchObject({ allowAllActions: true, allowedActions: [], ipAllowList: [] });
    expect((await call(identifier, secret, 'GetUsers')).body.result).toBe('success');
    const listed = await s.agent.get('/admin/api/credentials');
    const rowHtml = listed.text.slice(listed.text.indexOf(identifier));
    expect(rowHtml.slice(0, 1500)).toMatch(
      /data-testid="last-used">\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC<div class="text-body-secondary">127\.0\.0\.1/,
    );

    const revoke = await postForm(s.agent, `/admin/api/credentials/${row.id}/revoke`, {});
    expect(revoke.status).toBe(302);
    expect((await call(identifier, secret, 'GetUsers')).body).toEqual({
      result: 'error',
      message: 'Authentication Failed',
    });
    expect((await s.agent.get('/admin/api/credentials')).text).toContain('Revoked');
    const entries = await db().activityLog.findMany({
      where: { adminId: s.admin.id, description: { contains: `(Credential ID: ${row.id})` } },
      orderBy: { id: 'asc' },
    });
    expect(entries.map((e) => e.description.split(':')[0])).toEqual([
      'API credential created',
      'API credential revoked',
    ]);
  });

  it('re-renders the form with a clear message for no functions, a bad IP, or no name', async () => {
    const none = await createThroughPage({ name: 'Nothing chosen', adminId: s.admin.id, scope: 'chosen' });
    expect(none.res.status).toBe(400);
    expect(none.res.text).toContain('Choose the API functions this credential may call');
    expect(none.res.text).toContain('value="Nothing chosen"');
    const badIp = await createThroughPage({
      name: 'Bad IP',
      adminId: s.admin.id,
      scope: 'all',
      ipAllowList: '10.0.0.0/33',
    });
    expect(badIp.res.status).toBe(400);
    expect(badIp.res.text).toContain('Not an IP address or CIDR range: 10.0.0.0/33');
    const noName = await createThroughPage({ name: '', adminId: s.admin.id, scope: 'all' });
    expect(noName.res.status).toBe(400);
    expect(await db().apiCredential.count({ where: { name: { in: ['Nothing chosen', 'Bad IP'] } } })).toBe(0);
  });

  it("is a full administrator's, as the navigation says: 403 for support and billing, even by URL", async () => {
    for (const role of ['support', 'billing'] as const) {
      const admin = await buildAdmin({ role });
      const agent = agentFor(s.app);
      await loginAdmin(agent, admin.email);
      expect((await agent.get('/admin')).text).not.toContain('href="/admin/api/credentials"');
      for (const path of ['/admin/api/credentials', '/admin/api/reference']) {
        const page = await agent.get(path);
        expect({ role, path, status: page.status }).toEqual({ role, path, status: 403 });
        expect(page.text).toContain('does not allow this');
      }
    }
    for (const path of ['/admin/api/credentials', '/admin/api/reference'])
      expect((await s.agent.get(path)).status).toBe(200);
  });

  it('is linked from the admin navigation', async () => {
    const home = await s.agent.get('/admin');
    expect(home.text).toContain('href="/admin/api/credentials"');
  });
});

describe('API reference page', () => {
  it('lists every function with each parameter its schema parses, and an example answer', async () => {
    const page = await s.agent.get('/admin/api/reference');
    expect(page.status).toBe(200);
    for (const action of API_FUNCTIONS) {
      const start = page.text.indexOf(`data-testid="function-${action.name}"`);
      expect(start, action.name).toBeGreaterThan(0);
      const section = page.text.slice(start, page.text.indexOf('</section>', start));
      for (const param of paramsOf(action))
        expect(section, `${action.name}.${param.name}`).toContain(`<code>${param.name}</code>`);
      expect(section).toContain('&#34;result&#34;: &#34;success&#34;');
    }
  });

  it('documents exactly the parameters the schemas read, and examples the response schemas accept', () => {
    for (const action of API_FUNCTIONS) {
      const shape = (action.params as unknown as { shape: Record<string, unknown> }).shape;
      expect(
        paramsOf(action).map((p) => p.name),
        action.name,
      ).toEqual(Object.keys(shape));
      expect(() => action.response.parse(exampleOfResponse(action)), action.name).not.toThrow();
    }
  });
});

describe('per-client single sign-on switch', () => {
  it('is edited on the client profile, logged, and obeyed by CreateSsoToken', async () => {
    const { account } = await buildAccountWithOwner();
    const profile = await s.agent.get(`/admin/clients/${account.id}/profile`);
    expect(profile.text).toMatch(/name="allowSingleSignOn" id="f-allowSingleSignOn" value="on" checked/);
    const off = await postForm(s.agent, `/admin/clients/${account.id}/sso`, {});
    expect(off.status).toBe(302);
    expect((await db().account.findUniqueOrThrow({ where: { id: account.id } })).allowSingleSignOn).toBe(false);
    expect((await s.agent.get(`/admin/clients/${account.id}/profile`)).text).toMatch(
      /name="allowSingleSignOn" id="f-allowSingleSignOn" value="on"\s+aria-describedby/,
    );
    expect(
      await db().activityLog.count({
        where: { accountId: account.id, adminId: s.admin.id, description: 'Single sign-on blocked for this client' },
      }),
    ).toBe(1);

    const { identifier, secret } = await createThroughPage({ name: 'SSO', adminId: s.admin.id, scope: 'all' });
    expect((await call(identifier, secret, 'CreateSsoToken', { client_id: account.id })).body.message).toBe(
      `SSO authentication blocked for client ${account.id}`,
    );
    await postForm(s.agent, `/admin/clients/${account.id}/sso`, { allowSingleSignOn: 'on' });
    expect((await call(identifier, secret, 'CreateSsoToken', { client_id: account.id })).body.result).toBe('success');
  });

  it('shows writes made through the API as such in the Activity Log', async () => {
    const { account } = await buildAccountWithOwner();
    const { identifier, secret } = await createThroughPage({ name: 'Logger', adminId: s.admin.id, scope: 'all' });
    await call(identifier, secret, 'LogActivity', { clientid: account.id, description: 'Marked entry' });
    const log = await s.agent.get(`/admin/clients/${account.id}/log`);
    const row = log.text.slice(log.text.indexOf('Marked entry'), log.text.indexOf('Marked entry') + 600);
    expect(row).toContain('via API');
  });
});
