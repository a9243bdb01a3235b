// Hardening issue, item 1: nothing in the log opens a session or a one-time link. A journey —
// register, confirm, invite, accept by registering, reset a password, admin login, and a few
// errors — runs with the HTTP log captured; no session id, token or password may appear in it.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { buildAccountWithOwner, buildAdmin, TEST_PASSWORD, uniqueEmail } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, csrfOf, type Agent } from '../helpers/http.js';
import { deliveredToken } from '../helpers/outbox.js';

useTestDatabase();

const NEW_PASSWORD = 'Velvet-Otter-Compass-73';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, log: createLogger({ level: 'info', destination: stream }) };
}

/** Every cookie value a response set, and what the agent then sends. */
function cookieSecrets(setCookies: string[]): string[] {
  return setCookies.flatMap((c) => {
    const value = c.split(';')[0]?.split('=').slice(1).join('=') ?? '';
    const decoded = decodeURIComponent(value);
    // express-session's cookie: "s:<sid>.<signature>": the sid alone must not appear either.
    const sid = /^s:([^.]+)\./.exec(decoded)?.[1];
    return [value, decoded, ...(sid ? [sid] : [])].filter((v) => v.length >= 16);
  });
}

async function post(agent: Agent, path: string, body: Record<string, string>, from = path) {
  const _csrf = await csrfOf(agent, from);
  return agent
    .post(path)
    .type('form')
    .send({ ...body, _csrf });
}

describe('the HTTP log (item 1)', () => {
  it('holds no session id, no Set-Cookie, no token and no password after a whole journey', async () => {
    const { lines, log } = capture();
    const app = buildTestApp({ log });
    const setCookies: string[] = [];
    const track = (res: { headers: Record<string, unknown> }) => {
      const sc = res.headers['set-cookie'];
      if (Array.isArray(sc)) setCookies.push(...(sc as string[]));
      return res;
    };
    const tokens: string[] = [];

    // Register and confirm.
    const email = uniqueEmail('journey');
    const visitor = agentFor(app);
    track(
      await post(visitor, '/register', {
        firstName: 'Jo',
        lastName: 'Urney',
        email,
        phone: '+1 555 0100',
        address1: '1 Main Street',
        city: 'Springfield',
        postcode: '12345',
        country: 'US',
        password: NEW_PASSWORD,
        passwordConfirm: NEW_PASSWORD,
        acceptTerms: 'on',
      }),
    );
    const activation = await deliveredToken(email, 'account_activation', '/register/activate');
    tokens.push(activation);
    track(await visitor.get(`/register/activate/${activation}`));
    track(await visitor.get('/'));

    // An owner invites; the invitee registers from the link.
    const { owner } = await buildAccountWithOwner();
    const ownerAgent = agentFor(app);
    track(await post(ownerAgent, '/login', { email: owner.email, password: TEST_PASSWORD }));
    const invited = uniqueEmail('invitee');
    track(await post(ownerAgent, '/account/users/invite', { email: invited, permissionMode: 'all' }, '/account/users'));
    const inviteToken = await deliveredToken(invited, 'invitation', '/invite');
    tokens.push(inviteToken);
    const guest = agentFor(app);
    track(await guest.get(`/invite/${inviteToken}`));
    track(
      await post(
        guest,
        `/invite/${inviteToken}/register`,
        { firstName: 'In', lastName: 'Vitee', email: invited, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD },
        `/invite/${inviteToken}`,
      ),
    );

    // A password reset, from request to new password.
    const resetter = agentFor(app);
    track(await post(resetter, '/password/forgot', { email: owner.email }));
    const resetToken = await deliveredToken(owner.email, 'password_reset', '/password/reset');
    tokens.push(resetToken);
    track(await resetter.get(`/password/reset/${resetToken}`));
    track(
      await post(
        resetter,
        `/password/reset/${resetToken}`,
        { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD },
        `/password/reset/${resetToken}`,
      ),
    );

    // Staff log in; a wrong password and a forged form on the way.
    const admin = await buildAdmin();
    const staff = agentFor(app);
    track(await post(staff, '/admin/login', { email: admin.email, password: 'Wrong-Password-99' }));
    track(await post(staff, '/admin/login', { email: admin.email, password: TEST_PASSWORD }));
    track(await staff.get('/admin'));
    track(await staff.post('/admin/settings').type('form').send({ companyName: 'x' }));

    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(20);
    // Every line carries its request id.
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('req.id');
    const secrets = [...cookieSecrets(setCookies), ...tokens, NEW_PASSWORD, TEST_PASSWORD, 'Wrong-Password-99'];
    expect(setCookies.length).toBeGreaterThan(5);
    for (const secret of secrets) expect(text, `the log holds ${secret.slice(0, 12)}…`).not.toContain(secret);
    expect(text).not.toMatch(/set-cookie|"cookie"|x-csrf-token/i);
    expect(text).toContain('/invite/[redacted]');
  });
});
