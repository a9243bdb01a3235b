// Client area: User Management, invitations, the user's own profile/security pages and the
// account activity log, over HTTP (supertest) against the real app and the test database.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { advanceClock, DAY } from '../../src/lib/clock.js';
import { currentTotp } from '../../src/lib/totp.js';
import { invite } from '../../src/services/invitations/invitations.js';
import { listUserSessions } from '../../src/services/users/sessions.js';
import { ALL_PERMISSIONS } from '../../src/policies/permissions.js';
import {
  buildAccountWithOwner,
  buildAuthorizedUser,
  buildMembership,
  buildAccount,
  buildUser,
  uniqueEmail,
} from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { deliveredToken } from '../helpers/outbox.js';
import { agentFor, buildTestApp, loginAs, postForm, TEST_PASSWORD, loggedInOwner } from '../helpers/http.js';

useTestDatabase();

const NEW_PASSWORD = 'Fresh-Horse-Battery-91';
const ownerActor = (userId: number) => ({ kind: 'user' as const, userId, ip: '127.0.0.1' });

const ownerAgent = () => loggedInOwner();

/** The raw token of the newest invitation email to an address, as delivered. */
const tokenFromEmail = (to: string): Promise<string> => deliveredToken(to, 'invitation', '/invite');

/** What a dead link must not change. Scoped to this test's rows: other files run in parallel. */
async function counts(accountId: number, emails: string[] = []) {
  return {
    memberships: await db().accountUser.count({ where: { accountId } }),
    users: await db().user.count({ where: { email: { in: emails } } }),
  };
}

describe('User Management (owner)', () => {
  it('lists users with Owner badge, 2FA state and "Never", and invites with chosen permissions', async () => {
    const { agent, account, owner } = await ownerAgent();
    const { user: helper } = await buildAuthorizedUser(account.id, ['tickets'], { totpEnabled: true });
    const page = await agent.get('/account/users');
    expect(page.status).toBe(200);
    expect(page.text).toContain(owner.email);
    expect(page.text).toContain(helper.email);
    expect(page.text).toMatch(/badge text-bg-primary">Owner/);
    expect(page.text).toContain('Never');
    expect(page.text).toMatch(/user-row-\d+[\s\S]*?text-bg-success">On/);

    const email = uniqueEmail('invitee');
    const res = await postForm(
      agent,
      '/account/users/invite',
      { email, permissionMode: 'choose', permissions: ['tickets', 'invoices'] },
      '/account/users',
    );
    expect(res.status).toBe(302);
    const inv = await db().invitation.findFirstOrThrow({ where: { accountId: account.id, email } });
    expect(inv.permissions).toEqual(['invoices', 'tickets']);
    const mail = await db().emailLog.findFirstOrThrow({ where: { recipient: email, template: 'invitation' } });
    expect(mail.accountId).toBe(account.id);
    const after = await agent.get('/account/users');
    expect(after.text).toContain(`invite-row-${inv.id}`);
    expect(after.text).toContain('Invitation sent to');
  });

  it('rejects a duplicate invitation and an existing user with a clear message and the email kept', async () => {
    const { agent, account, owner } = await ownerAgent();
    const email = uniqueEmail('dup');
    await postForm(agent, '/account/users/invite', { email, permissionMode: 'all' }, '/account/users');
    const again = await postForm(agent, '/account/users/invite', { email, permissionMode: 'all' }, '/account/users');
    expect(again.status).toBe(409);
    expect(again.text).toContain('already pending');
    expect(again.text).toContain(`value="${email}"`);
    const member = await postForm(
      agent,
      '/account/users/invite',
      { email: owner.email.toUpperCase(), permissionMode: 'all' },
      '/account/users',
    );
    expect(member.status).toBe(409);
    expect(member.text).toContain('already belongs to a user of this account');
    expect(await db().invitation.count({ where: { accountId: account.id } })).toBe(1);
    // Validation: "choose" with nothing ticked.
    const none = await postForm(
      agent,
      '/account/users/invite',
      { email: uniqueEmail('x'), permissionMode: 'choose' },
      '/account/users',
    );
    expect(none.status).toBe(400);
    expect(none.text).toContain('Tick at least one permission');
  });

  it('manages permissions of a user, refuses the owner, and removes access (next request refused)', async () => {
    const { app, agent, account, owner } = await ownerAgent();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    const victim = agentFor(app);
    await loginAs(victim, user.email);
    expect((await victim.get('/')).status).toBe(200);

    const form = await agent.get(`/account/users/${user.id}/permissions`);
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/value="tickets" id="perm-tickets" checked/);
    const save = await postForm(
      agent,
      `/account/users/${user.id}/permissions`,
      { permissions: ['domains', 'emails'] },
      '/account/users',
    );
    expect(save.status).toBe(302);
    const link = await db().accountUser.findFirstOrThrow({ where: { accountId: account.id, userId: user.id } });
    expect(link.permissions).toEqual(['domains', 'emails']);

    expect((await agent.get(`/account/users/${owner.id}/permissions`)).status).toBe(409);
    const ownerPost = await postForm(
      agent,
      `/account/users/${owner.id}/permissions`,
      { permissions: ['domains'] },
      '/account/users',
    );
    expect(ownerPost.status).toBe(409);
    expect((await postForm(agent, `/account/users/${owner.id}/remove`, {}, '/account/users')).status).toBe(409);

    // A user of another account: nothing.
    const other = await buildAccountWithOwner();
    expect((await agent.get(`/account/users/${other.owner.id}/permissions`)).status).toBe(404);
    expect((await postForm(agent, `/account/users/${other.owner.id}/remove`, {}, '/account/users')).status).toBe(404);

    const removed = await postForm(agent, `/account/users/${user.id}/remove`, {}, '/account/users');
    expect(removed.status).toBe(302);
    expect(await db().accountUser.count({ where: { accountId: account.id, userId: user.id } })).toBe(0);
    const next = await victim.get('/');
    expect(next.status).toBe(302);
    expect(next.headers.location).toMatch(/^\/accounts\/(choose|none)$/);
    expect((await victim.get('/accounts/choose')).headers.location).toBe('/accounts/none');
  });

  it('resends (old link dies) and cancels invitations', async () => {
    const { agent, account, owner } = await ownerAgent();
    const { invitation, token } = await invite(ownerActor(owner.id), account.id, uniqueEmail('r'), ['tickets']);
    const resend = await postForm(agent, `/account/users/invitations/${invitation.id}/resend`, {}, '/account/users');
    expect(resend.status).toBe(302);
    expect((await agentFor(buildTestApp()).get(`/invite/${token}`)).status).toBe(404);
    const fresh = await tokenFromEmail(invitation.email);
    expect(fresh).not.toBe(token);
    const cancel = await postForm(agent, `/account/users/invitations/${invitation.id}/cancel`, {}, '/account/users');
    expect(cancel.status).toBe(302);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe('cancelled');
    // Another account's invitation id answers like a missing one.
    const other = await buildAccountWithOwner();
    const foreign = await invite(ownerActor(other.owner.id), other.account.id, uniqueEmail('f'), ['tickets']);
    expect(
      (await postForm(agent, `/account/users/invitations/${foreign.invitation.id}/cancel`, {}, '/account/users'))
        .status,
    ).toBe(404);
  });

  it('refuses every user-management GET and POST to a non-owner', async () => {
    const app = buildTestApp();
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, [...ALL_PERMISSIONS]);
    const { invitation } = await invite(ownerActor(owner.id), account.id, uniqueEmail('n'), ['tickets']);
    const agent = agentFor(app);
    await loginAs(agent, user.email);
    expect((await agent.get('/')).text).not.toContain('href="/account/users"');
    for (const path of [
      '/account/users',
      `/account/users/${owner.id}/permissions`,
      `/account/users/${user.id}/permissions`,
      '/account/activity',
    ]) {
      expect((await agent.get(path)).status, path).toBe(403);
    }
    const posts: [string, Record<string, unknown>][] = [
      ['/account/users/invite', { email: uniqueEmail('z'), permissionMode: 'all' }],
      [`/account/users/invitations/${invitation.id}/resend`, {}],
      [`/account/users/invitations/${invitation.id}/cancel`, {}],
      [`/account/users/${owner.id}/permissions`, { permissions: ['tickets'] }],
      [`/account/users/${owner.id}/remove`, {}],
    ];
    for (const [path, body] of posts) expect((await postForm(agent, path, body)).status, path).toBe(403);
    expect(await db().invitation.count({ where: { accountId: account.id } })).toBe(1);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe('pending');
  });
});

describe('Invitation page', () => {
  it('shows who invited to which account; a logged-in user accepts in one click with a new session id', async () => {
    const app = buildTestApp();
    const { account, owner } = await buildAccountWithOwner({ account: { companyName: 'Acme Widgets' } });
    const mine = await buildAccountWithOwner();
    const { token } = await invite(ownerActor(owner.id), account.id, uniqueEmail('acc'), ['tickets']);
    const agent = agentFor(app);
    await loginAs(agent, mine.owner.email);
    const page = await agent.get(`/invite/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      `${owner.firstName} ${owner.lastName}</strong> has given you access to the <strong>Acme Widgets`,
    );
    expect(page.text).toContain('Accept Invitation');
    const sidsBefore = (await listUserSessions(mine.owner.id)).map((s) => s.sid);
    const res = await postForm(agent, `/invite/${token}/accept`, {}, `/invite/${token}`);
    expect(res.status).toBe(302);
    expect(res.headers['set-cookie']?.[0]).toMatch(/^client\.sid=/);
    const sidsAfter = (await listUserSessions(mine.owner.id)).map((s) => s.sid);
    expect(sidsAfter).toHaveLength(1);
    expect(sidsBefore).not.toContain(sidsAfter[0]);
    const link = await db().accountUser.findFirstOrThrow({ where: { accountId: account.id, userId: mine.owner.id } });
    expect(link.permissions).toEqual(['tickets']);
    const dash = await agent.get('/');
    expect(dash.text).toContain('Acme Widgets');
    // Used: a clear page, nothing changes.
    const before = await counts(account.id);
    const used = await agent.get(`/invite/${token}`);
    expect(used.status).toBe(410);
    expect(used.text).toContain('already been used');
    const again = await postForm(agent, `/invite/${token}/accept`, {}, '/');
    expect(again.status).toBe(410);
    expect(await counts(account.id)).toEqual(before);
    // The owner sees who accepted.
    const ownerAgent_ = agentFor(app);
    await loginAs(ownerAgent_, owner.email);
    expect((await ownerAgent_.get('/account/users')).text).toContain(`(${mine.owner.email})`);
  });

  it('registers with a different email and accepts; the emailed link logs in bound to the account', async () => {
    const app = buildTestApp();
    const { account, owner } = await buildAccountWithOwner();
    const invited = uniqueEmail('invited');
    const { token } = await invite(ownerActor(owner.id), account.id, invited, ['invoices']);
    const agent = agentFor(app);
    const page = await agent.get(`/invite/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`name="email" type="email" value="${invited}"`);
    // Validation re-renders with values typed.
    const bad = await postForm(
      agent,
      `/invite/${token}/register`,
      { firstName: 'Ann', lastName: '', email: 'nope', password: 'short' },
      `/invite/${token}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('value="Ann"');
    expect(bad.text).toContain('Enter a valid email address.');
    const other = uniqueEmail('chosen');
    const res = await postForm(
      agent,
      `/invite/${token}/register`,
      { firstName: 'Ann', lastName: 'Other', email: other, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD },
      `/invite/${token}`,
    );
    // The same "check your email" page as for a taken address (hardening item 6); accepted already.
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-testid="check-email"');
    const activation = await deliveredToken(other, 'account_activation', '/register/activate');
    const confirmed = await agent.get(`/register/activate/${activation}`);
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.location).toBe('/');
    const user = await db().user.findUniqueOrThrow({ where: { email: other } });
    expect(
      await db().accountUser.findMany({
        where: { userId: user.id },
        select: { accountId: true, isOwner: true, permissions: true },
      }),
    ).toEqual([{ accountId: account.id, isOwner: false, permissions: ['invoices'] }]);
    const dash = await agent.get('/');
    expect(dash.status).toBe(200);
    expect(dash.text).toContain('href="/invoices"');
    expect(dash.text).not.toContain('href="/tickets"');
    expect((await db().invitation.findFirstOrThrow({ where: { accountId: account.id } })).acceptedByUserId).toBe(
      user.id,
    );
  });

  it('logs in on the invitation page (wrong password re-renders; TOTP users go through the code step)', async () => {
    const app = buildTestApp();
    const { account, owner } = await buildAccountWithOwner();
    const existing = await buildUser();
    const { token } = await invite(ownerActor(owner.id), account.id, uniqueEmail('l'), ['domains']);
    const agent = agentFor(app);
    const wrong = await postForm(
      agent,
      `/invite/${token}/login`,
      { loginEmail: existing.email, loginPassword: 'nope-nope-nope' },
      `/invite/${token}`,
    );
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Login details incorrect');
    expect(wrong.text).toContain(`value="${existing.email}"`);
    const ok = await postForm(
      agent,
      `/invite/${token}/login`,
      { loginEmail: existing.email, loginPassword: TEST_PASSWORD },
      `/invite/${token}`,
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe('/');
    expect((await agent.get('/')).status).toBe(200);
    expect(await db().accountUser.count({ where: { accountId: account.id, userId: existing.id } })).toBe(1);
  });

  it('expired, cancelled, used and unknown links each get their own page and create nothing', async () => {
    const app = buildTestApp();
    const { account, owner } = await buildAccountWithOwner();
    const actor = ownerActor(owner.id);
    const expired = await invite(actor, account.id, uniqueEmail('e'), ['tickets']);
    const cancelled = await invite(actor, account.id, uniqueEmail('c'), ['tickets']);
    const used = await invite(actor, account.id, uniqueEmail('u'), ['tickets']);
    const ownerAgent_ = agentFor(app);
    await loginAs(ownerAgent_, owner.email);
    await postForm(ownerAgent_, `/account/users/invitations/${cancelled.invitation.id}/cancel`, {}, '/account/users');
    const taker = await buildUser();
    const takerAgent = agentFor(app);
    await loginAs(takerAgent, taker.email);
    expect((await postForm(takerAgent, `/invite/${used.token}/accept`, {}, `/invite/${used.token}`)).status).toBe(302);

    advanceClock(7 * DAY + 1000);
    const deadEmails: string[] = [];
    const before = await counts(account.id);
    const visitor = agentFor(app);
    const cases: [string, number, string][] = [
      [expired.token, 410, 'has expired'],
      [cancelled.token, 410, 'was cancelled'],
      [used.token, 410, 'already been used'],
      ['A'.repeat(43), 404, 'not valid'],
      ['bad!', 404, 'not valid'],
    ];
    for (const [token, status, text] of cases) {
      const page = await visitor.get(`/invite/${encodeURIComponent(token)}`);
      expect(page.status, token).toBe(status);
      expect(page.text).toContain(text);
      const from = '/login';
      const deadEmail = uniqueEmail('dead');
      deadEmails.push(deadEmail);
      const reg = await postForm(
        visitor,
        `/invite/${encodeURIComponent(token)}/register`,
        { firstName: 'X', lastName: 'Y', email: deadEmail, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD },
        from,
      );
      expect(reg.status, token).toBe(status);
      const login = await postForm(
        visitor,
        `/invite/${encodeURIComponent(token)}/login`,
        { loginEmail: taker.email, loginPassword: TEST_PASSWORD },
        from,
      );
      expect(login.status, token).toBe(status);
    }
    expect(await counts(account.id, deadEmails)).toEqual({ ...before, users: 0 });
    expect((await visitor.get('/')).status).toBe(302); // never logged in by a dead link
  });
});

describe('My account', () => {
  it('edits the profile (validation keeps typed values) and resends verification', async () => {
    const { agent, owner } = await ownerAgent();
    const page = await agent.get('/user/profile');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Not verified');
    const bad = await postForm(
      agent,
      '/user/profile',
      { firstName: 'Zed', lastName: 'Q', email: 'broken', language: 'xx' },
      '/user/profile',
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('value="Zed"');
    expect(bad.text).toContain('Choose a language.');
    const email = uniqueEmail('renamed');
    const ok = await postForm(
      agent,
      '/user/profile',
      { firstName: 'Zed', lastName: 'Q', email, language: 'de', currentPassword: TEST_PASSWORD },
      '/user/profile',
    );
    expect(ok.status).toBe(302);
    const user = await db().user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(user).toMatchObject({ firstName: 'Zed', email, language: 'de', emailVerifiedAt: null });
    expect(await db().emailLog.count({ where: { recipient: email, template: 'email_verification' } })).toBe(1);
    await postForm(agent, '/user/profile/verify-email', {}, '/user/profile');
    expect(await db().emailLog.count({ where: { recipient: email, template: 'email_verification' } })).toBe(2);
    // Taken email: 409 with the message.
    const other = await buildUser();
    const taken = await postForm(
      agent,
      '/user/profile',
      { firstName: 'Zed', lastName: 'Q', email: other.email, language: 'en', currentPassword: TEST_PASSWORD },
      '/user/profile',
    );
    expect(taken.status).toBe(409);
    // The user chose German above, so the refusal is in German (issue 15).
    expect(taken.text).toContain('Diese E-Mail-Adresse wird bereits verwendet.');
  });

  it('changes the password (wrong current refused) and logs out other sessions', async () => {
    const app = buildTestApp();
    const { owner } = await buildAccountWithOwner();
    const a = agentFor(app);
    const b = agentFor(app);
    await loginAs(a, owner.email);
    await loginAs(b, owner.email);
    const sec = await a.get('/user/security');
    expect(sec.text).toContain('This session');
    expect((sec.text.match(/list-group-item px-0/g) ?? []).length).toBe(2);

    const wrong = await postForm(
      a,
      '/user/security/password',
      { currentPassword: 'not-it', password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD },
      '/user/security',
    );
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('current password is not correct');
    const weak = await postForm(
      a,
      '/user/security/password',
      { currentPassword: TEST_PASSWORD, password: 'aaaaaaaaaa', passwordConfirm: 'aaaaaaaaaa' },
      '/user/security',
    );
    expect(weak.status).toBe(400);

    const out = await postForm(a, '/user/security/sessions/logout-others', {}, '/user/security');
    expect(out.status).toBe(302);
    expect((await b.get('/')).headers.location).toBe('/login');
    expect((await a.get('/')).status).toBe(200);

    await loginAs(b, owner.email);
    const changed = await postForm(
      a,
      '/user/security/password',
      { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD },
      '/user/security',
    );
    expect(changed.status).toBe(302);
    expect((await b.get('/')).status).toBe(302);
    const c = agentFor(app);
    await expect(loginAs(c, owner.email)).rejects.toThrow();
    expect(await loginAs(c, owner.email, NEW_PASSWORD)).toBe('/');
  });

  it('enrols TOTP with a QR code; login then needs a code; a recovery code works once; disable needs a code', async () => {
    const app = buildTestApp();
    const { owner } = await buildAccountWithOwner();
    const agent = agentFor(app);
    await loginAs(agent, owner.email);
    const enrol = await agent.get('/user/security/2fa');
    expect(enrol.status).toBe(200);
    expect(enrol.text).toContain('src="data:image/png;base64,');
    const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(enrol.text)?.[1];
    expect(secret).toBeTruthy();
    const wrong = await postForm(
      agent,
      '/user/security/2fa',
      { code: '000000' === currentTotp(secret!) ? '111111' : '000000' },
      '/user/security/2fa',
    );
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain(secret!); // same secret shown again
    const ok = await postForm(agent, '/user/security/2fa', { code: currentTotp(secret!) }, '/user/security/2fa');
    // A code works once (RFC 6238 §5.2): the next one is 30 seconds later.
    advanceClock(30_000);
    expect(ok.status).toBe(200);
    const codes = [...ok.text.matchAll(/<li class="col mb-1">([a-z0-9-]+)<\/li>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    expect((await db().user.findUniqueOrThrow({ where: { id: owner.id } })).totpEnabled).toBe(true);

    const fresh = agentFor(app);
    expect(await loginAs(fresh, owner.email)).toBe('/login/2fa');
    expect((await fresh.get('/')).status).toBe(302);
    const bad = await postForm(fresh, '/login/2fa', { code: '12345678' }, '/login/2fa');
    expect(bad.status).toBe(401);
    const good = await postForm(fresh, '/login/2fa', { code: currentTotp(secret!) }, '/login/2fa');
    // A code works once (RFC 6238 §5.2): the next one is 30 seconds later.
    advanceClock(30_000);
    expect(good.status).toBe(302);
    expect((await fresh.get('/')).status).toBe(200);

    const r1 = agentFor(app);
    await loginAs(r1, owner.email);
    expect((await postForm(r1, '/login/2fa', { code: codes[0] }, '/login/2fa')).status).toBe(302);
    const r2 = agentFor(app);
    await loginAs(r2, owner.email);
    expect((await postForm(r2, '/login/2fa', { code: codes[0] }, '/login/2fa')).status).toBe(401);

    const noCode = await postForm(
      agent,
      '/user/security/2fa/disable',
      { code: '000000' === currentTotp(secret!) ? '111111' : '000000' },
      '/user/security',
    );
    expect(noCode.status).toBe(401);
    const off = await postForm(agent, '/user/security/2fa/disable', { code: currentTotp(secret!) }, '/user/security');
    expect(off.status).toBe(302);
    expect((await db().user.findUniqueOrThrow({ where: { id: owner.id } })).totpEnabled).toBe(false);
  });

  it('an invited TOTP user logs in on the invitation page, passes the code step and comes back to accept', async () => {
    const app = buildTestApp();
    const { account, owner } = await buildAccountWithOwner();
    const user = await buildUser();
    const agent = agentFor(app);
    await loginAs(agent, user.email);
    const enrol = await agent.get('/user/security/2fa');
    const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(enrol.text)![1]!;
    await postForm(agent, '/user/security/2fa', { code: currentTotp(secret) }, '/user/security/2fa');
    // A code works once (RFC 6238 §5.2): the next one is 30 seconds later.
    advanceClock(30_000);
    const { token } = await invite(ownerActor(owner.id), account.id, uniqueEmail('t'), ['tickets']);
    const visitor = agentFor(app);
    const login = await postForm(
      visitor,
      `/invite/${token}/login`,
      { loginEmail: user.email, loginPassword: TEST_PASSWORD },
      `/invite/${token}`,
    );
    expect(login.headers.location).toBe('/login/2fa');
    expect(await db().accountUser.count({ where: { accountId: account.id, userId: user.id } })).toBe(0);
    const second = await postForm(visitor, '/login/2fa', { code: currentTotp(secret) }, '/login/2fa');
    expect(second.headers.location).toBe(`/invite/${token}`);
    const accept = await postForm(visitor, `/invite/${token}/accept`, {}, `/invite/${token}`);
    expect(accept.status).toBe(302);
    expect(await db().accountUser.count({ where: { accountId: account.id, userId: user.id } })).toBe(1);
  });

  it('sets a security question (answer hashed) and works for a user with no account', async () => {
    const app = buildTestApp();
    const user = await buildUser();
    const agent = agentFor(app);
    expect(await loginAs(agent, user.email)).toBe('/accounts/none');
    const page = await agent.get('/user/security');
    expect(page.status).toBe(200);
    const bad = await postForm(
      agent,
      '/user/security/question',
      { securityQuestion: 'Made up?', securityAnswer: 'x' },
      '/user/security',
    );
    expect(bad.status).toBe(400);
    const ok = await postForm(
      agent,
      '/user/security/question',
      { securityQuestion: 'In what city were you born?', securityAnswer: 'Springfield' },
      '/user/security',
    );
    expect(ok.status).toBe(302);
    const saved = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(saved.securityQuestion).toBe('In what city were you born?');
    expect(saved.securityAnswerHash).toMatch(/^\$argon2id\$/);
    expect((await agent.get('/user/profile')).status).toBe(200);
    expect((await agentFor(app).get('/user/profile')).headers.location).toBe('/login');
  });
});

describe('Account activity', () => {
  it('shows the owner their account log newest first, paginated, with who did it', async () => {
    const { agent, account, owner } = await ownerAgent();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    await db().activityLog.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        description: `Entry ${i}`,
        actorType: 'system',
        accountId: account.id,
        createdAt: new Date(Date.now() - (100 - i) * 1000),
      })),
    });
    await db().activityLog.create({
      data: { description: 'Admin did a thing', actorType: 'admin', accountId: account.id, ip: '10.0.0.9' },
    });
    await postForm(agent, `/account/users/${user.id}/permissions`, { permissions: ['emails'] }, '/account/users');
    const other = await buildAccount();
    await db().activityLog.create({
      data: { description: 'Secret of another account', actorType: 'system', accountId: other.id },
    });
    await buildMembership({ accountId: other.id, userId: user.id, isOwner: false });

    const p1 = await agent.get('/account/activity');
    expect(p1.status).toBe(200);
    expect(p1.text).toContain('Permissions changed for');
    expect(p1.text).toContain(owner.email);
    expect(p1.text).toContain('>Admin<');
    expect(p1.text).toContain('>System<');
    expect(p1.text).not.toContain('Secret of another account');
    expect(p1.text.indexOf('Permissions changed')).toBeLessThan(p1.text.indexOf('Entry 29'));
    const p2 = await agent.get('/account/activity?page=2');
    expect(p2.text).toContain('Entry 0');
    expect(p2.text).not.toContain('Entry 29');
  });
});
