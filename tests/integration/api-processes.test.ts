// Issue 11 with real processes: `npm run api:credential` prints an identifier and secret once and
// they work; and the real server (`npm start`, request logging on) never writes an API secret, a
// single sign-on token or a password to its log while credentials are made and used.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import supertest from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { buildAccountWithOwner, buildAdmin, TEST_PASSWORD } from '../factories/index.js';
import { API_PATH, useApiServer, whmcsClient } from '../helpers/api.js';
import { testDatabaseUrl } from '../helpers/db.js';
import { runCli, startAppProcess, type AppProcess } from '../helpers/server-process.js';

const api = useApiServer();
const running: AppProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
});

const printed = (output: string, label: string) => new RegExp(`^${label}:\\s+(\\S+)$`, 'm').exec(output)?.[1] ?? '';

describe('npm run api:credential', () => {
  it('is the package script for src/cli/api-credential.ts', () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['api:credential']).toBe('tsx src/cli/api-credential.ts');
  });

  it('creates a credential for the admin with the listed functions and prints the pair once', async () => {
    const admin = await buildAdmin();
    const { code, output } = await runCli(
      'src/cli/api-credential.ts',
      ['--admin', admin.email, '--name', 'Nightly sync', '--actions', 'GetUsers,addclient'],
      testDatabaseUrl(),
    );
    expect(code, output).toBe(0);
    const identifier = printed(output, 'identifier');
    const secret = printed(output, 'secret');
    expect(identifier).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(output).toContain('The secret is shown once');
    const row = await db().apiCredential.findUniqueOrThrow({ where: { identifier } });
    expect(row).toMatchObject({
      adminId: admin.id,
      name: 'Nightly sync',
      allowAllActions: false,
      allowedActions: ['GetUsers', 'AddClient'],
      secretHash: createHash('sha256').update(secret).digest('hex'),
    });
    const client = whmcsClient({ serverUrl: api.endpoint, identifier, secret });
    expect((await client.call('GetUsers')).result).toBe('success');
    expect((await client.call('GetClients')).message).toBe(
      'Invalid Permissions: API action "GetClients" is not allowed',
    );
  });

  it('allows every function without --actions, and refuses a missing name or an unknown admin', async () => {
    const admin = await buildAdmin();
    const all = await runCli('src/cli/api-credential.ts', ['--admin', admin.email, '--name', 'All'], testDatabaseUrl());
    expect(all.code, all.output).toBe(0);
    const row = await db().apiCredential.findUniqueOrThrow({
      where: { identifier: printed(all.output, 'identifier') },
    });
    expect(row.allowAllActions).toBe(true);

    const usage = await runCli('src/cli/api-credential.ts', ['--admin', admin.email], testDatabaseUrl());
    expect(usage.code).toBe(2);
    expect(usage.output).toContain('Usage: npm run api:credential');
    const unknown = await runCli(
      'src/cli/api-credential.ts',
      ['--admin', 'nobody-at-all@example.test', '--name', 'X'],
      testDatabaseUrl(),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('No active admin with that id or email.');
  });
});

describe('the running server’s log', () => {
  it('has the requests, but no API secret, single sign-on token or password', async () => {
    const app = await startAppProcess(testDatabaseUrl());
    running.push(app);
    const admin = await buildAdmin();
    const { account, owner } = await buildAccountWithOwner();

    // An admin makes a credential in the admin area of the running server.
    const agent = supertest.agent(app.baseUrl);
    const csrf = async (path: string) => {
      const html = (await agent.get(path)).text;
      return (/<meta name="csrf-token" content="([^"]+)"/.exec(html) ?? /name="_csrf" value="([^"]+)"/.exec(html))?.[1];
    };
    // (The token first: a supertest agent attaches its cookies when a request is created.)
    const loginToken = await csrf('/admin/login');
    const login = await agent
      .post('/admin/login')
      .type('form')
      .send({ email: admin.email, password: TEST_PASSWORD, _csrf: loginToken });
    expect(login.status, login.text.slice(0, 300)).toBe(302);
    const formToken = await csrf('/admin/api/credentials');
    const created = await agent
      .post('/admin/api/credentials')
      .type('form')
      .send({ name: 'Logged', adminId: admin.id, scope: 'all', _csrf: formToken });
    expect(created.status).toBe(201);
    const identifier = /value="([^"]+)" data-testid="identifier"/.exec(created.text)?.[1] ?? '';
    const secret = /value="([^"]+)" data-testid="secret"/.exec(created.text)?.[1] ?? '';
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);

    // A script uses it: calls that work, fail, check a password and make a sign-in link.
    const client = whmcsClient({ serverUrl: `${app.baseUrl}${API_PATH}`, identifier, secret });
    const legacy = whmcsClient({ serverUrl: `${app.baseUrl}${API_PATH}`, username: identifier, password: secret });
    expect((await client.call('GetClients')).result).toBe('success');
    expect((await legacy.call('GetUsers')).result).toBe('success');
    expect((await client.call('NoSuchThing')).message).toBe('Command Not Found');
    expect((await client.auth.validateLogin({ email: owner.email, password2: TEST_PASSWORD })).result).toBe('success');
    const sso = await client.call('CreateSsoToken', { client_id: account.id });
    const token = sso.access_token as string;
    const landed = await supertest
      .agent(app.baseUrl)
      .get(new URL(sso.redirect_url as string).pathname + new URL(sso.redirect_url as string).search);
    expect(landed.status).toBe(302);

    await app.stop();
    const log = app.output();
    expect(log).toContain('"url":"/includes/api.php"');
    expect(log).toContain('/oauth/singlesignon.php?access_token=[redacted]');
    expect(log).toContain('"url":"/admin/api/credentials"');
    const secrets: [string, string][] = [
      ['API secret', secret],
      ['single sign-on token', token],
      ['password', TEST_PASSWORD],
    ];
    for (const [what, value] of secrets) expect(log.includes(value), `${what} in the log`).toBe(false);
  }, 120_000);
});
