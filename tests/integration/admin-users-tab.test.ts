// Admin Users tab, Associate User, invites, Make Owner, Remove, Manage Permissions and Manage User
// over HTTP (SPEC rules 17-18).
import { describe, expect, it } from 'vitest';
import { useAdminSession } from '../helpers/admin.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, postForm } from '../helpers/http.js';
import { buildAccountWithOwner, buildAuthorizedUser, buildUser, uniqueEmail } from '../factories/index.js';
import { db } from '../../src/db/client.js';
import { ALL_PERMISSIONS } from '../../src/policies/permissions.js';
import { invite } from '../../src/services/invitations/invitations.js';

const t = useTestDatabase();
const session = useAdminSession();

const anon = () => agentFor(session.app);

describe('Users tab', () => {
  it('lists users with the owner flag, last login and pending invites', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    await t.prisma.user.update({
      where: { id: user.id },
      data: {
        lastLoginAt: new Date('2024-07-13T12:44:00Z'),
        lastLoginIp: '192.0.2.7',
        lastLoginHost: 'host.example.test',
      },
    });
    const email = uniqueEmail('invitee');
    await invite({ kind: 'admin', adminId: session.admin.id, ip: '' }, account.id, email, ['tickets']);
    const res = await session.agent.get(`/admin/clients/${account.id}/users`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(owner.email);
    expect(res.text).toContain('data-testid="owner-badge"');
    expect(res.text).toContain('2024-07-13 12:44');
    expect(res.text).toContain('IP Address: 192.0.2.7');
    expect(res.text).toContain('host.example.test');
    expect(res.text).toContain(email);
    expect(res.text).toContain('Resend Invite');
    expect(res.text).toContain('Cancel Invite');
    // No Remove button for the owner, one for the authorized user.
    expect(res.text).toContain(`/users/${user.id}/remove`);
    expect(res.text).not.toContain(`/users/${owner.id}/remove`);
  });
});

describe('Associate User', () => {
  it('Send Invite = Yes: creates a pending invitation and emails it; no access yet', async () => {
    const { account } = await buildAccountWithOwner();
    const email = uniqueEmail('inv');
    const res = await postForm(session.agent, `/admin/clients/${account.id}/users/associate`, {
      email,
      permissions: ['tickets', 'invoices'],
      sendInvite: 'yes',
    });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`/admin/clients/${account.id}/users`);
    const inv = await t.prisma.invitation.findFirstOrThrow({ where: { accountId: account.id, email } });
    expect(inv.status).toBe('pending');
    expect(inv.permissions).toEqual(['invoices', 'tickets']);
    expect(inv.invitedByAdminId).toBe(session.admin.id);
    expect(
      await t.prisma.emailLog.count({ where: { recipient: email, template: 'invitation', accountId: account.id } }),
    ).toBe(1);
    expect(await t.prisma.user.count({ where: { email } })).toBe(0);
    const page = await session.agent.get(res.headers.location!);
    expect(page.text).toContain(`Invitation sent to ${email}`);
  });

  it('Send Invite = No with an existing user (chosen by id): associated at once, no email', async () => {
    const { account } = await buildAccountWithOwner();
    const user = await buildUser();
    const res = await postForm(session.agent, `/admin/clients/${account.id}/users/associate`, {
      userId: String(user.id),
      email: user.email,
      permissions: 'domains',
      sendInvite: 'no',
    });
    expect(res.status).toBe(302);
    const link = await t.prisma.accountUser.findUniqueOrThrow({
      where: { accountId_userId: { accountId: account.id, userId: user.id } },
    });
    expect(link.isOwner).toBe(false);
    expect(link.permissions).toEqual(['domains']);
    expect(await t.prisma.emailLog.count({ where: { recipient: user.email } })).toBe(0);
    expect(
      await t.prisma.activityLog.count({
        where: { accountId: account.id, adminId: session.admin.id, description: { contains: `User ID: ${user.id}` } },
      }),
    ).toBeGreaterThan(0);
  });

  it('Send Invite = No with a new email: creates the user, associates, sends a set-password email', async () => {
    const { account } = await buildAccountWithOwner();
    const email = uniqueEmail('newbie');
    const res = await postForm(session.agent, `/admin/clients/${account.id}/users/associate`, {
      email,
      firstName: 'Nia',
      lastName: 'New',
      permissions: [...ALL_PERMISSIONS],
      sendInvite: 'no',
    });
    expect(res.status).toBe(302);
    const user = await t.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.firstName).toBe('Nia');
    expect(user.passwordHash).toBeNull();
    const link = await t.prisma.accountUser.findUniqueOrThrow({
      where: { accountId_userId: { accountId: account.id, userId: user.id } },
    });
    expect(link.permissions).toHaveLength(13);
    const mails = await t.prisma.emailLog.findMany({ where: { recipient: email } });
    expect(mails.map((m) => m.template)).toEqual(['set_password']);
    expect(mails[0]!.accountId).toBe(account.id);
  });

  it('refuses a duplicate association with a clear message, form re-rendered', async () => {
    const { account } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, []);
    const res = await postForm(session.agent, `/admin/clients/${account.id}/users/associate`, {
      email: user.email,
      permissions: 'tickets',
      sendInvite: 'no',
    });
    expect(res.status).toBe(409);
    expect(res.text).toContain('already has access to this account');
    expect(res.text).toContain('data-testid="associate-form"');
    expect(res.text).toContain(`value="${user.email}"`);
  });

  it('refuses inviting an existing member and a second pending invitation', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const r1 = await postForm(session.agent, `/admin/clients/${account.id}/users/associate`, {
      email: owner.email,
      permissions: 'tickets',
      sendInvite: 'yes',
    });
    expect(r1.status).toBe(409);
    expect(r1.text).toContain('already belongs to a user of this account');
    const email = uniqueEmail('twice');
    expect(
      (
        await postForm(session.agent, `/admin/clients/${account.id}/users/associate`, {
          email,
          permissions: 'tickets',
          sendInvite: 'yes',
        })
      ).status,
    ).toBe(302);
    const r2 = await postForm(session.agent, `/admin/clients/${account.id}/users/associate`, {
      email,
      permissions: 'tickets',
      sendInvite: 'yes',
    });
    expect(r2.status).toBe(409);
    expect(r2.text).toContain('already pending');
    expect(await t.prisma.invitation.count({ where: { accountId: account.id, email } })).toBe(1);
  });

  it('bad input: no user/email, a malformed email, an unknown permission', async () => {
    const { account } = await buildAccountWithOwner();
    const r1 = await postForm(session.agent, `/admin/clients/${account.id}/users/associate`, { sendInvite: 'no' });
    expect(r1.status).toBe(400);
    expect(r1.text).toContain('Choose an existing user, or enter an email address');
    const r2 = await postForm(session.agent, `/admin/clients/${account.id}/users/associate`, {
      email: 'not-an-email',
      sendInvite: 'yes',
    });
    expect(r2.status).toBe(400);
    expect(r2.text).toContain('Enter a valid email address.');
    const r3 = await postForm(session.agent, `/admin/clients/${account.id}/users/associate`, {
      email: uniqueEmail(),
      permissions: 'root',
      sendInvite: 'no',
    });
    expect(r3.status).toBe(400);
    expect(r3.text).toContain('Unknown permission');
    expect(await t.prisma.accountUser.count({ where: { accountId: account.id } })).toBe(1);
  });

  it('type-ahead search answers JSON with id, name and email (prefix on name or email)', async () => {
    const user = await buildUser({ firstName: 'Zebedee', lastName: `Quill${Date.now()}` });
    const res = await session.agent
      .get(`/admin/users/search?q=${encodeURIComponent(user.lastName.slice(0, 9))}`)
      .set('accept', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body.users).toContainEqual({ id: user.id, name: `Zebedee ${user.lastName}`, email: user.email });
    const byEmail = await session.agent.get(`/admin/users/search?q=${encodeURIComponent(user.email)}`);
    expect(byEmail.body.users.map((u: { id: number }) => u.id)).toEqual([user.id]);
    const none = await anon().get('/admin/users/search?q=a');
    expect(none.status).toBe(302);
  });
});

describe('Pending invites: Resend and Cancel', () => {
  it('resend gives a new token and expiry and sends another email; cancel ends it', async () => {
    const { account } = await buildAccountWithOwner();
    const email = uniqueEmail('re');
    const { invitation } = await invite({ kind: 'admin', adminId: session.admin.id, ip: '' }, account.id, email, [
      'tickets',
    ]);
    const res = await postForm(session.agent, `/admin/clients/${account.id}/invites/${invitation.id}/resend`, {});
    expect(res.status).toBe(302);
    const after = await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(after.tokenHash).not.toBe(invitation.tokenHash);
    expect(await t.prisma.emailLog.count({ where: { recipient: email, template: 'invitation' } })).toBe(2);
    const c = await postForm(session.agent, `/admin/clients/${account.id}/invites/${invitation.id}/cancel`, {});
    expect(c.status).toBe(302);
    expect((await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe('cancelled');
    // Cancelling again, or resending a cancelled one, is refused clearly.
    const again = await postForm(session.agent, `/admin/clients/${account.id}/invites/${invitation.id}/resend`, {});
    expect(again.status).toBe(410);
    expect(again.text).toContain('cancelled');
  });

  it('an invitation of another client answers 404 and is untouched', async () => {
    const a = await buildAccountWithOwner();
    const b = await buildAccountWithOwner();
    const { invitation } = await invite(
      { kind: 'admin', adminId: session.admin.id, ip: '' },
      a.account.id,
      uniqueEmail(),
      ['tickets'],
    );
    const res = await postForm(session.agent, `/admin/clients/${b.account.id}/invites/${invitation.id}/cancel`, {});
    expect(res.status).toBe(404);
    expect((await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe('pending');
  });
});

describe('Make Owner, Remove, Manage Permissions', () => {
  it('Make Owner: exactly one owner afterwards; the previous owner keeps all permissions', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    const res = await postForm(session.agent, `/admin/clients/${account.id}/users/${user.id}/make-owner`, {
      returnTo: `/admin/users/${user.id}?account=${account.id}`,
    });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`/admin/users/${user.id}?account=${account.id}`);
    const links = await t.prisma.accountUser.findMany({ where: { accountId: account.id } });
    expect(links.filter((l) => l.isOwner).map((l) => l.userId)).toEqual([user.id]);
    const prev = links.find((l) => l.userId === owner.id)!;
    expect(prev.isOwner).toBe(false);
    expect(prev.permissions).toEqual([...ALL_PERMISSIONS]);
    expect(
      await t.prisma.activityLog.count({
        where: { accountId: account.id, adminId: session.admin.id, description: { contains: 'ownership transferred' } },
      }),
    ).toBe(1);
    // An open redirect in returnTo is ignored.
    const r2 = await postForm(session.agent, `/admin/clients/${account.id}/users/${owner.id}/make-owner`, {
      returnTo: 'https://evil.example/',
    });
    expect(r2.headers.location).toBe(`/admin/clients/${account.id}/users`);
  });

  it('Make Owner of a non-member is refused with a clear message', async () => {
    const { account } = await buildAccountWithOwner();
    const stranger = await buildUser();
    const res = await postForm(session.agent, `/admin/clients/${account.id}/users/${stranger.id}/make-owner`, {});
    expect(res.status).toBe(404);
    expect(res.text).toContain('does not have access to this account');
  });

  it('removing the owner is refused; removing an authorized user works', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, []);
    const r1 = await postForm(session.agent, `/admin/clients/${account.id}/users/${owner.id}/remove`, {});
    expect(r1.status).toBe(409);
    expect(r1.text).toContain('The account owner cannot be removed.');
    expect(r1.text).toContain('data-testid="users-table"');
    const r2 = await postForm(session.agent, `/admin/clients/${account.id}/users/${user.id}/remove`, {});
    expect(r2.status).toBe(302);
    expect(await t.prisma.accountUser.count({ where: { accountId: account.id } })).toBe(1);
  });

  it("Manage Permissions saves a non-owner's permissions and refuses the owner's", async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, []);
    const page = await session.agent.get(`/admin/clients/${account.id}/users/${user.id}/permissions`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Check All');
    const res = await postForm(session.agent, `/admin/clients/${account.id}/users/${user.id}/permissions`, {
      permissions: ['emails', 'profile'],
    });
    expect(res.status).toBe(302);
    expect(
      (await t.prisma.accountUser.findFirstOrThrow({ where: { accountId: account.id, userId: user.id } })).permissions,
    ).toEqual(['profile', 'emails']);
    const bad = await postForm(session.agent, `/admin/clients/${account.id}/users/${owner.id}/permissions`, {
      permissions: ['emails'],
    });
    expect(bad.status).toBe(409);
    expect(bad.text).toContain('cannot be changed');
  });
});

describe('Manage User', () => {
  it("shows the accounts with the owner flag, and links to this client's permissions and Make Owner", async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, []);
    const fromTab = await session.agent.get(`/admin/users/${user.id}?account=${account.id}`);
    expect(fromTab.status).toBe(200);
    expect(fromTab.text).toContain(`/admin/clients/${account.id}/users/${user.id}/manage`);
    const plain = await session.agent.get(`/admin/users/${user.id}`);
    expect(plain.text).not.toContain('/manage"');
    const ownerPage = await session.agent.get(`/admin/users/${owner.id}?account=${account.id}`);
    expect(ownerPage.text).toContain('Owner</span>');
  });

  it('edits name, email, language; refuses a taken email and a bad one', async () => {
    const user = await buildUser();
    const other = await buildUser();
    const email = uniqueEmail('renamed');
    const ok = await postForm(session.agent, `/admin/users/${user.id}/profile`, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: email.toUpperCase(),
      language: 'de',
    });
    expect(ok.status).toBe(302);
    const after = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([after.firstName, after.email, after.language]).toEqual(['Ada', email, 'de']);
    const taken = await postForm(session.agent, `/admin/users/${user.id}/profile`, {
      firstName: 'Ada',
      lastName: 'L',
      email: other.email,
      language: 'en',
    });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('already exists');
    const bad = await postForm(session.agent, `/admin/users/${user.id}/profile`, {
      firstName: '',
      lastName: 'L',
      email: 'x',
      language: 'en',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a first name.');
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(email);
  });

  it('disables 2FA, clears the security question, sends a reset email, sets a password (all logged)', async () => {
    const user = await buildUser({
      totpEnabled: true,
      totpSecret: 'x',
      securityQuestion: 'Pet?',
      securityAnswerHash: 'h',
    });
    expect((await postForm(session.agent, `/admin/users/${user.id}/disable-2fa`, {})).status).toBe(302);
    expect((await postForm(session.agent, `/admin/users/${user.id}/clear-security-question`, {})).status).toBe(302);
    expect((await postForm(session.agent, `/admin/users/${user.id}/password-reset`, {})).status).toBe(302);
    const short = await postForm(session.agent, `/admin/users/${user.id}/password`, { password: 'short' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('Use at least 10 characters.');
    const before = (await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    const sid = `sid-${user.id}-${Date.now()}`;
    await t.prisma.session.create({
      data: { sid, sess: { userId: user.id }, expire: new Date(Date.now() + 3_600_000) },
    });
    expect(
      (await postForm(session.agent, `/admin/users/${user.id}/password`, { password: 'A-much-longer-Passw0rd' }))
        .status,
    ).toBe(302);
    // Setting a password ends the user's sessions.
    expect(await t.prisma.session.count({ where: { sid } })).toBe(0);
    const after = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.totpEnabled).toBe(false);
    expect(after.totpSecret).toBeNull();
    expect(after.securityQuestion).toBeNull();
    expect(after.passwordHash).not.toBe(before);
    expect(await t.prisma.emailLog.count({ where: { recipient: user.email, template: 'password_reset' } })).toBe(1);
    expect(
      await t.prisma.activityLog.count({
        where: { adminId: session.admin.id, description: { contains: `User ID: ${user.id}` } },
      }),
    ).toBeGreaterThanOrEqual(4);
    // There is no route that enables 2FA for a user.
    expect((await postForm(session.agent, `/admin/users/${user.id}/enable-2fa`, {})).status).toBe(404);
  });

  it('Manage Users lists users, searchable, with 2FA, security question and accounts', async () => {
    const { account, owner } = await buildAccountWithOwner({
      owner: { firstName: 'Xanthippe', lastName: `Listme${Date.now()}`, totpEnabled: true },
    });
    const res = await session.agent.get(`/admin/users?q=${encodeURIComponent(owner.lastName)}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(owner.email);
    expect(res.text).toContain('Enabled');
    expect(res.text).toContain(`/admin/clients/${account.id}`);
    expect(res.text).toContain(`/admin/users/${owner.id}`);
  });
});

describe('refusals without an session.agent session', () => {
  it('every Users-tab action redirects to /admin/login and changes nothing', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, []);
    const { invitation } = await invite(
      { kind: 'admin', adminId: session.admin.id, ip: '' },
      account.id,
      uniqueEmail(),
      ['tickets'],
    );
    const agent = anon();
    const posts: [string, Record<string, unknown>][] = [
      [`/admin/clients/${account.id}/users/associate`, { email: uniqueEmail(), sendInvite: 'no' }],
      [`/admin/clients/${account.id}/users/${user.id}/make-owner`, {}],
      [`/admin/clients/${account.id}/users/${user.id}/remove`, {}],
      [`/admin/clients/${account.id}/users/${user.id}/permissions`, { permissions: 'tickets' }],
      [`/admin/clients/${account.id}/invites/${invitation.id}/resend`, {}],
      [`/admin/clients/${account.id}/invites/${invitation.id}/cancel`, {}],
      [`/admin/users/${user.id}/profile`, { firstName: 'X', lastName: 'Y', email: uniqueEmail(), language: 'en' }],
      [`/admin/users/${user.id}/password`, { password: 'A-much-longer-Passw0rd' }],
      [`/admin/users/${user.id}/password-reset`, {}],
    ];
    for (const [path, body] of posts) {
      const res = await postForm(agent, path, body, '/admin/login');
      expect(res.status, path).toBe(302);
      expect(res.headers.location, path).toBe('/admin/login');
    }
    const links = await t.prisma.accountUser.findMany({ where: { accountId: account.id }, orderBy: { id: 'asc' } });
    expect(links.map((l) => [l.userId, l.isOwner, l.permissions.length])).toEqual([
      [owner.id, true, 13],
      [user.id, false, 0],
    ]);
    const inv = await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect([inv.status, inv.tokenHash]).toEqual(['pending', invitation.tokenHash]);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).firstName).toBe(user.firstName);
    expect(await db().emailLog.count({ where: { userId: user.id } })).toBe(0);
  });
});
