// An app on the test database, and a logged-in supertest agent, for HTTP tests.
import type { Logger } from 'pino';
import supertest from 'supertest';
import { createApp } from '../../src/app.js';
import { configureRuntime } from '../../src/boot.js';
import { parseConfig } from '../../src/config.js';
import { database } from '../../src/db/client.js';
import { buildAccountWithOwner } from '../factories/index.js';
import { testMailDir } from './outbox.js';

export const TEST_PASSWORD = 'Passw0rd!Long';
const SECRET = 'test-secret-0123456789-0123456789-abcdef';

/** Configures the process (secret, argon2 cost, mail) and returns an Express app. */
export function buildTestApp(options: { smtpUrl?: string; env?: Record<string, string>; log?: Logger } = {}) {
  const config = parseConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: SECRET,
    LOGIN_RATE_LIMIT: '1000',
    RATE_LIMIT_SCALE: '1000',
    DATA_DIR: testMailDir(),
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
  });
  configureRuntime(config, SECRET);
  return createApp({ runtime: { config, database: database(), secret: SECRET }, log: options.log });
}

export type Agent = ReturnType<typeof supertest.agent>;

export function agentFor(app: ReturnType<typeof buildTestApp>): Agent {
  return supertest.agent(app);
}

/** The CSRF token of the agent's session, read from a page's <meta name="csrf-token">. */
export async function csrfOf(agent: Agent, path = '/login'): Promise<string> {
  const res = await agent.get(path);
  const match =
    /<meta name="csrf-token" content="([^"]+)"/.exec(res.text) ?? /name="_csrf" value="([^"]+)"/.exec(res.text);
  if (!match?.[1]) throw new Error(`no CSRF token on ${path} (status ${res.status})`);
  return match[1];
}

/** Logs a user in through the real login form. Returns the redirect location. */
export async function loginAs(agent: Agent, email: string, password = TEST_PASSWORD): Promise<string> {
  const _csrf = await csrfOf(agent, '/login');
  const res = await agent.post('/login').type('form').send({ email, password, _csrf });
  if (res.status !== 302) throw new Error(`login failed for ${email}: ${res.status}`);
  return res.headers.location ?? '';
}

/** Logs a user in and selects an account (for users with several). */
export async function loginToAccount(agent: Agent, email: string, accountId: number, password = TEST_PASSWORD) {
  await loginAs(agent, email, password);
  const _csrf = await csrfOf(agent, '/accounts/choose');
  const res = await agent.post('/accounts/choose').type('form').send({ accountId, _csrf });
  if (res.status !== 302) throw new Error(`choose account ${accountId} failed: ${res.status}`);
}

/** Logs an admin in through the admin login form. */
export async function loginAdmin(agent: Agent, email: string, password = TEST_PASSWORD) {
  const _csrf = await csrfOf(agent, '/admin/login');
  const res = await agent.post('/admin/login').type('form').send({ email, password, _csrf });
  if (res.status !== 302) throw new Error(`admin login failed for ${email}: ${res.status}`);
}

/** POST a form with the session's CSRF token (taken from `from`, default the target). */
export async function postForm(agent: Agent, path: string, body: Record<string, unknown>, from?: string) {
  const _csrf = await csrfOf(agent, from ?? (path.startsWith('/admin') ? '/admin' : '/'));
  return agent
    .post(path)
    .type('form')
    .send({ ...body, _csrf });
}

/** A new account, its owner, and an agent logged in as that owner (on `app`, or a new app). */
export async function loggedInOwner(app: ReturnType<typeof buildTestApp> = buildTestApp()) {
  const owned = await buildAccountWithOwner();
  const agent = agentFor(app);
  await loginAs(agent, owned.owner.email);
  return { app, agent, ...owned };
}
