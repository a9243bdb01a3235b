// Issue 14, "Log in as the client": Login as Owner/User opens the client area as that user in that
// account, in a client session of its own, with a "Logged in by staff" banner; the login and every
// action in that session are in the activity log as the admin's; the per-client "allow single
// sign-on" switch is respected; the link works once, for a minute, for roles that may use it.
import { describe, expect, it } from 'vitest';
import { advanceClock } from '../../src/lib/clock.js';
import { adminActor } from '../../src/services/actor.js';
import { issueStaffLogin, useStaffLogin } from '../../src/services/auth/staff-login.js';
import {
  buildAccount,
  buildAccountWithOwner,
  buildAdmin,
  buildAuthorizedUser,
  buildMembership,
} from '../factories/index.js';
import { useAdminSession } from '../helpers/admin.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, csrfOf, loginAdmin, postForm } from '../helpers/http.js';
import { codeOf } from '../helpers/services.js';

const t = useTestDatabase();
const s = useAdminSession();

/** The admin asks for the link; a separate agent (its own cookies, like a new tab's session) follows it. */
async function loginAs(accountId: number, userId: number, adminAgent = s.agent) {
  const res = await postForm(adminAgent, `/admin/clients/${accountId}/users/${userId}/login-as`, {});
  expect(res.status).toBe(302);
  const path = res.headers.location!;
  expect(path).toMatch(/^\/staff-login\/[A-Za-z0-9_-]{43}$/);
  const client = agentFor(s.app);
  const entered = await client.get(path);
  return { client, entered, path };
}

describe('Login as Owner / User', () => {
  it('opens the client area as that user in that account, with the banner, logged as the admin', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const before = await t.prisma.user.findUniqueOrThrow({ where: { id: owner.id } });
    const { client, entered } = await loginAs(account.id, owner.id);
    expect(entered.status).toBe(302);
    expect(entered.headers.location).toBe('/');
    const home = await client.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('data-testid="staff-banner"');
    expect(home.text).toContain(`Logged in by staff: ${s.admin.firstName} ${s.admin.lastName}`);
    expect(home.text).toContain('Return to admin');
    expect(home.text).toContain(account.companyName);

    const entry = await t.prisma.activityLog.findFirstOrThrow({
      where: { accountId: account.id, description: { startsWith: 'Staff logged in to the client area as' } },
    });
    expect(entry).toMatchObject({ actorType: 'admin', adminId: s.admin.id, userId: null });
    expect(entry.description).toContain(owner.email);
    // Not the user's own login: their last login stays as it was.
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).lastLoginAt).toEqual(
      before.lastLoginAt,
    );

    // What staff do in that session is logged as the user acting, by that admin.
    const opened = await postForm(
      client,
      '/tickets',
      {
        subject: 'Opened by staff for the client',
        department: 'Support',
        priority: 'Low',
        message: 'Created while logged in as the client.',
      },
      '/tickets/new',
    );
    expect(opened.status).toBe(302);
    const action = await t.prisma.activityLog.findFirstOrThrow({
      where: { accountId: account.id, description: { contains: 'Opened by staff for the client' } },
    });
    expect(action).toMatchObject({ actorType: 'user', userId: owner.id, adminId: s.admin.id });
    expect((await s.agent.get(`/admin/clients/${account.id}/log`)).text).toContain('by staff:');

    // Return to admin ends the client session and goes back to the Users tab.
    const back = await postForm(client, '/staff-logout', {}, '/');
    expect(back.headers.location).toBe(`/admin/clients/${account.id}/users`);
    expect((await client.get('/')).headers.location).toBe('/login');
  });

  it('works once and for one minute; bound to its one account', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const other = await buildAccount();
    await buildMembership({ accountId: other.id, userId: owner.id, isOwner: true });
    const { client, path } = await loginAs(account.id, owner.id);
    expect((await agentFor(s.app).get(path)).status).toBe(400);
    // Switching to the user's other account is refused in a staff session.
    const _csrf = await csrfOf(client, '/');
    const sw = await client.post('/accounts/choose').type('form').send({ _csrf, accountId: other.id });
    expect(sw.status).toBe(403);
    expect((await client.get('/')).text).toContain(account.companyName);

    const token = await issueStaffLogin(adminActor(s.admin.id), account.id, owner.id);
    advanceClock(61_000);
    expect(await codeOf(useStaffLogin(token, { ip: '' }))).toBe('TOKEN_INVALID');
  });

  it('respects the client\'s "allow single sign-on" switch, before and after the link is made', async () => {
    const { account } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    const early = await issueStaffLogin(adminActor(s.admin.id), account.id, user.id);
    const off = await postForm(s.agent, `/admin/clients/${account.id}/sso`, {});
    expect(off.status).toBe(302);
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: account.id } })).allowSingleSignOn).toBe(false);
    const refused = await postForm(s.agent, `/admin/clients/${account.id}/users/${user.id}/login-as`, {});
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Single sign-on is turned off for this client');
    expect(await codeOf(useStaffLogin(early, { ip: '' }))).toBe('FORBIDDEN');
    const tab = await s.agent.get(`/admin/clients/${account.id}/users`);
    expect(tab.text).toContain('(single sign-on is off)');
    await postForm(s.agent, `/admin/clients/${account.id}/sso`, { allowSingleSignOn: 'on' });
    const { entered } = await loginAs(account.id, user.id);
    expect(entered.status).toBe(302);
  });

  it('is refused to a role without it and for a user of another client', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const support = await buildAdmin({ role: 'support' });
    const agent = agentFor(s.app);
    await loginAdmin(agent, support.email);
    expect((await postForm(agent, `/admin/clients/${account.id}/users/${owner.id}/login-as`, {})).status).toBe(403);
    const stranger = await buildAccountWithOwner();
    expect(
      (await postForm(s.agent, `/admin/clients/${account.id}/users/${stranger.owner.id}/login-as`, {})).status,
    ).toBe(404);
    expect(await t.prisma.staffLoginToken.count({ where: { accountId: account.id } })).toBe(0);
  });
});
