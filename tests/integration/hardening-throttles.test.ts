// Hardening issue, items 2, 4 and 5: throttles that hold behind a proxy and across instances,
// count only failures, keep the real user in, and keep mail from becoming a cannon. Every test
// uses its own client IP (X-Forwarded-For through TRUST_PROXY=1) and its own emails, because the
// counters live in the shared PostgreSQL table, as they do in production.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { advanceClock } from '../../src/lib/clock.js';
import { newTotpSecret, currentTotp } from '../../src/lib/totp.js';
import { userActor } from '../../src/services/actor.js';
import { enableTotp } from '../../src/services/auth/two-factor.js';
import { invite } from '../../src/services/invitations/invitations.js';
import { buildAccountWithOwner, buildAdmin, buildUser, TEST_PASSWORD, uniqueEmail } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, type Agent } from '../helpers/http.js';

useTestDatabase();

const LIMIT = 3;
const limitedApp = () =>
  buildTestApp({ env: { TRUST_PROXY: '1', LOGIN_RATE_LIMIT: String(LIMIT), RATE_LIMIT_SCALE: '1' } });
const freshIp = () => `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

/** The CSRF token of a page, for an agent whose requests come from `ip` (behind one proxy). */
async function csrf(agent: Agent, path: string, ip: string): Promise<string> {
  const page = await agent.get(path).set('X-Forwarded-For', ip);
  const m = /name="_csrf" value="([^"]+)"/.exec(page.text);
  if (!m?.[1]) throw new Error(`no form on ${path}: ${page.status}`);
  return m[1];
}

async function post(agent: Agent, path: string, body: Record<string, string>, ip: string, from = path) {
  const _csrf = await csrf(agent, from, ip);
  return agent
    .post(path)
    .set('X-Forwarded-For', ip)
    .type('form')
    .send({ ...body, _csrf });
}

const login = (agent: Agent, email: string, password: string, ip: string) =>
  post(agent, '/login', { email, password }, ip);

describe('behind a proxy (item 2): TRUST_PROXY=1 believes one hop, not the client', () => {
  it('a client rotating X-Forwarded-For is still one IP: its failures add up, and the log has the real hop', async () => {
    const app = limitedApp();
    const realIp = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT * 3 + 2; i++) {
      const agent = agentFor(app);
      // The client sends "forged", the proxy appends the address it saw: only that one counts.
      const res = await login(agent, uniqueEmail('nobody'), 'wrong-password', `10.9.${i}.1, ${realIp}`);
      statuses.push(res.status);
    }
    expect(statuses.slice(0, LIMIT * 3)).toEqual(Array(LIMIT * 3).fill(401));
    expect(statuses.slice(LIMIT * 3)).toEqual([429, 429]);
    const user = await buildUser();
    const agent = agentFor(app);
    await login(agent, user.email, TEST_PASSWORD, `203.0.113.99, ${freshIp()}`);
    const entry = await db().activityLog.findFirstOrThrow({
      where: { userId: user.id, description: 'User logged in' },
    });
    expect(entry.ip).not.toBe('203.0.113.99');
  });

  it('five wrong second-factor codes end the pending login: the password is needed again', async () => {
    const app = limitedApp();
    const ip = freshIp();
    const user = await buildUser();
    const secret = newTotpSecret();
    await enableTotp(userActor(user.id), user.id, secret, currentTotp(secret));
    advanceClock(30_000);
    const agent = agentFor(app);
    expect((await login(agent, user.email, TEST_PASSWORD, ip)).headers.location).toBe('/login/2fa');
    const wrong = currentTotp(secret) === '000000' ? '111111' : '000000';
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await post(agent, '/login/2fa', { code: wrong }, ip)).status);
    expect(codes.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(codes[4]).toBe(302);
    // Even the right code does not help now: the half-logged-in session is gone.
    const late = await agent.get('/login/2fa').set('X-Forwarded-For', ip);
    expect(late.headers.location).toBe('/login');
    expect((await agent.get('/').set('X-Forwarded-For', ip)).headers.location).toBe('/login');
  });
});

describe('login throttles (item 4)', () => {
  it('only failures count: many good logins from one address are never refused', async () => {
    const app = limitedApp();
    const ip = freshIp();
    const user = await buildUser();
    for (let i = 0; i < LIMIT * 4; i++) {
      expect((await login(agentFor(app), user.email, TEST_PASSWORD, ip)).status).toBe(302);
    }
  });

  it('wrong passwords from one address lock that address out for that email, not the real user elsewhere', async () => {
    const app = limitedApp();
    const user = await buildUser();
    const attacker = freshIp();
    for (let i = 0; i < LIMIT; i++)
      expect((await login(agentFor(app), user.email, 'guess', attacker)).status).toBe(401);
    const blocked = await login(agentFor(app), user.email, TEST_PASSWORD, attacker);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
    expect(blocked.text).toContain('Too many failed attempts');
    // The form is shown again with what was typed.
    expect(blocked.text).toContain(`value="${user.email}"`);
    expect((await login(agentFor(app), user.email, TEST_PASSWORD, freshIp())).status).toBe(302);
  });

  it('failures from many addresses slow the email down (backoff) instead of locking the right password out', async () => {
    const app = limitedApp();
    const user = await buildUser();
    for (let i = 0; i < LIMIT * 3; i++) {
      expect((await login(agentFor(app), user.email, 'guess', freshIp())).status).toBe(401);
    }
    // At the per-email ceiling: the next attempt must wait, even with the right password and
    // from a new address, but only seconds (the wait doubles with each further failure).
    const waiting = await login(agentFor(app), user.email, TEST_PASSWORD, freshIp());
    expect(waiting.status).toBe(429);
    const seconds = Number(waiting.headers['retry-after']);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, seconds * 1000 + 200));
    expect((await login(agentFor(app), user.email, TEST_PASSWORD, freshIp())).status).toBe(302);
  });

  it('forgot-password has its own counter: using it up does not lock the login, nor the other way round', async () => {
    const app = limitedApp();
    const ip = freshIp();
    const user = await buildUser();
    const forgot = () => post(agentFor(app), '/password/forgot', { email: user.email }, ip);
    for (let i = 0; i < 5; i++) expect((await forgot()).status).toBe(200);
    expect((await forgot()).status).toBe(429);
    expect((await login(agentFor(app), user.email, TEST_PASSWORD, ip)).status).toBe(302);
  });

  it('the invitation page login (loginEmail) and the admin login count like the login page', async () => {
    const app = limitedApp();
    const { account, owner } = await buildAccountWithOwner();
    const { token } = await invite(userActor(owner.id), account.id, uniqueEmail('inv'), ['tickets']);
    const target = await buildUser();
    const ip = freshIp();
    for (let i = 0; i < LIMIT; i++) {
      const res = await post(
        agentFor(app),
        `/invite/${token}/login`,
        { loginEmail: target.email, loginPassword: 'guess' },
        ip,
        `/invite/${token}`,
      );
      expect(res.status).toBe(401);
    }
    expect((await login(agentFor(app), target.email, TEST_PASSWORD, ip)).status).toBe(429);

    const admin = await buildAdmin();
    const adminIp = freshIp();
    const adminLogin = (password: string) =>
      post(agentFor(app), '/admin/login', { email: admin.email, password }, adminIp);
    for (let i = 0; i < LIMIT; i++) expect((await adminLogin('guess')).status).toBe(401);
    expect((await adminLogin(TEST_PASSWORD)).status).toBe(429);
  });

  it('two instances enforce one limit: failures spread over both add up', async () => {
    const one = limitedApp();
    const two = limitedApp();
    const user = await buildUser();
    const ip = freshIp();
    const statuses = [];
    for (let i = 0; i < LIMIT + 1; i++) {
      statuses.push((await login(agentFor(i % 2 ? two : one), user.email, 'guess', ip)).status);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
  });
});

describe('mail anyone can trigger is limited (item 5)', () => {
  it("an owner's invitations stop at the account's hourly limit, said on the page", async () => {
    const app = limitedApp();
    const { owner } = await buildAccountWithOwner();
    const agent = agentFor(app);
    const ip = freshIp();
    expect((await login(agent, owner.email, TEST_PASSWORD, ip)).status).toBe(302);
    const statuses = [];
    for (let i = 0; i < 21; i++) {
      const res = await post(
        agent,
        '/account/users/invite',
        { email: uniqueEmail('spam'), permissionMode: 'all' },
        ip,
        '/account/users',
      );
      statuses.push(res.status);
      if (res.status === 429) expect(res.text).toContain('sent many invitations in the last hour');
    }
    expect(statuses.filter((s) => s === 302)).toHaveLength(20);
    expect(statuses[20]).toBe(429);
  });

  it('one address receives at most five invitations a day, from any accounts', async () => {
    const target = uniqueEmail('target');
    const results = [];
    for (let i = 0; i < 6; i++) {
      const { account, owner } = await buildAccountWithOwner();
      results.push(
        await invite(userActor(owner.id), account.id, target, ['tickets']).then(
          () => 'sent',
          (e: { code: string }) => e.code,
        ),
      );
    }
    expect(results).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'RATE_LIMITED']);
  });

  it('resending an invitation waits a minute; a verification email too', async () => {
    limitedApp(); // the limits as configured in production (RATE_LIMIT_SCALE=1)
    const { account, owner } = await buildAccountWithOwner();
    const { invitation } = await invite(userActor(owner.id), account.id, uniqueEmail('cool'), ['tickets']);
    const { resendInvitation } = await import('../../src/services/invitations/invitations.js');
    await expect(resendInvitation(userActor(owner.id), invitation.id)).resolves.toBeTruthy();
    await expect(resendInvitation(userActor(owner.id), invitation.id)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const { sendEmailVerification } = await import('../../src/services/auth/email-links.js');
    await sendEmailVerification(owner.id);
    await expect(sendEmailVerification(owner.id)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
