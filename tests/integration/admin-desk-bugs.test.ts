// Issue 14's bugs, one test each (each fails on the code before its fix): the staff walk-through
// of the Users tab, invitations, permissions, the activity log, admin-set passwords, Open
// Ticket, new users' names, and the smaller ones (Make Owner on the owner, the owner's Manage
// Permissions page, "Not delivered" invitations, who cancelled, the staff reset email, favicon).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { adminActor, userActor } from '../../src/services/actor.js';
import { viewInvitation } from '../../src/services/invitations/accept.js';
import { cancelInvitation, invite, resendInvitation } from '../../src/services/invitations/invitations.js';
import { configureMail } from '../../src/services/mail/mailer.js';
import { updatePermissions } from '../../src/services/memberships/memberships.js';
import { setPasswordAsAdmin } from '../../src/services/users/users.js';
import { buildAccountWithOwner, buildAuthorizedUser, buildTicket, buildUser, uniqueEmail } from '../factories/index.js';
import { useAdminSession } from '../helpers/admin.js';
import { isPglite, useTestDatabase } from '../helpers/db.js';
import { agentFor, loginAs, postForm } from '../helpers/http.js';
import { deliveredMail, deliveredToken, testMailDir } from '../helpers/outbox.js';
import { codeOf } from '../helpers/services.js';

const t = useTestDatabase();
const s = useAdminSession();

/** Runs fn with mail delivery failing (nothing listens on port 1), then restores local mail. */
async function withFailingMail<T>(fn: () => Promise<T>): Promise<T> {
  configureMail({ smtpUrl: 'smtp://127.0.0.1:1', from: 'Test <no-reply@example.test>', dataDir: '/nonexistent' });
  try {
    return await fn();
  } finally {
    configureMail({ from: 'Test <no-reply@example.test>', dataDir: testMailDir() });
  }
}

const inviteLink = (text: string) => /\/invite\/([A-Za-z0-9_-]{43})/.exec(text)?.[1] ?? '';

describe('bug 1: Email Log Resend of an older invitation email after Resend Invite', () => {
  it('sends the current invitation with a fresh link; every earlier link is dead', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const email = uniqueEmail('older');
    const first = await withFailingMail(() => invite(userActor(owner.id), account.id, email, ['tickets']));
    expect(first.mail.status).toBe('failed');
    // Staff then use Resend Invite (it arrives), and later someone resends the OLD failed message.
    const second = await resendInvitation(adminActor(s.admin.id), first.invitation.id, account.id);
    expect(second.mail.status).toBe('stored');
    const res = await postForm(s.agent, `/admin/emails/${first.mail.emailId}/resend`, {});
    expect(res.status).toBe(302);
    const newest = await t.prisma.emailLog.findFirstOrThrow({
      where: { recipient: email, template: 'invitation' },
      orderBy: { id: 'desc' },
    });
    expect(newest.id).not.toBe(second.mail.emailId);
    const current = inviteLink((await deliveredMail(newest.id)).text);
    await expect(viewInvitation(current)).resolves.toMatchObject({ accountId: account.id, email });
    for (const dead of [first.token, second.token])
      await expect(viewInvitation(dead)).rejects.toMatchObject({ code: 'INVITATION_NOT_FOUND' });
    // One invitation throughout, still pending, its last email the one that arrived.
    const inv = await t.prisma.invitation.findUniqueOrThrow({ where: { id: first.invitation.id } });
    expect(inv).toMatchObject({ status: 'pending', lastEmailId: newest.id });
  });
});

describe('bug 2: associating a user with a pending invitation to that email', () => {
  it('completes the invitation: not Pending any more, and its link says "already used" once', async () => {
    const { account } = await buildAccountWithOwner();
    const user = await buildUser();
    const invited = await postForm(s.agent, `/admin/clients/${account.id}/users/associate`, {
      email: user.email,
      permissions: 'tickets',
      sendInvite: 'yes',
    });
    expect(invited.status).toBe(302);
    const token = await deliveredToken(user.email, 'invitation', '/invite');
    const associated = await postForm(s.agent, `/admin/clients/${account.id}/users/associate`, {
      userId: String(user.id),
      email: user.email,
      permissions: 'invoices',
      sendInvite: 'no',
    });
    expect(associated.status).toBe(302);
    const inv = await t.prisma.invitation.findFirstOrThrow({ where: { accountId: account.id, email: user.email } });
    expect(inv).toMatchObject({ status: 'accepted', acceptedByUserId: user.id });
    const tab = await s.agent.get(`/admin/clients/${account.id}/users`);
    expect(tab.text).toContain('No pending invites.');

    const agent = agentFor(s.app);
    await loginAs(agent, user.email);
    const page = await agent.get(`/invite/${token}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('This invitation has already been used.');
    expect(page.text).not.toContain('already has access');
    expect(
      (await t.prisma.accountUser.findFirstOrThrow({ where: { accountId: account.id, userId: user.id } })).permissions,
    ).toEqual(['invoices']);
  });

  it('a member following an invitation meant for someone else is told once and the invitation stays pending', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    const { token, invitation } = await invite(userActor(owner.id), account.id, uniqueEmail('other'), ['invoices']);
    const agent = agentFor(s.app);
    await loginAs(agent, user.email);
    const { text } = await agent.get(`/invite/${token}`);
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    const res = await agent.post(`/invite/${token}/accept`).type('form').send({ _csrf });
    expect(res.status).toBe(409);
    expect(res.text.match(/You already have access to this account/g)).toHaveLength(1);
    expect((await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe('pending');
  });
});

describe('bug 3: no authorized user without permissions, in the admin area too', () => {
  it('Associate User with no boxes and Manage Permissions with all unticked are refused, nothing changed', async () => {
    const { account } = await buildAccountWithOwner();
    const email = uniqueEmail('noperm');
    const assoc = await postForm(s.agent, `/admin/clients/${account.id}/users/associate`, {
      email,
      firstName: 'No',
      lastName: 'Perms',
      sendInvite: 'no',
    });
    expect(assoc.status).toBe(400);
    expect(assoc.text).toContain('Tick at least one permission');
    expect(await t.prisma.user.count({ where: { email } })).toBe(0);
    const invited = await postForm(s.agent, `/admin/clients/${account.id}/users/associate`, {
      email,
      sendInvite: 'yes',
    });
    expect(invited.status).toBe(400);
    expect(await t.prisma.invitation.count({ where: { email } })).toBe(0);

    const { user, membership } = await buildAuthorizedUser(account.id, ['emails']);
    const manage = await postForm(s.agent, `/admin/clients/${account.id}/users/${user.id}/permissions`, {});
    expect(manage.status).toBe(400);
    expect(manage.text).toContain('Tick at least one permission');
    expect(await codeOf(updatePermissions(adminActor(s.admin.id), account.id, user.id, []))).toBe('VALIDATION');
    expect((await t.prisma.accountUser.findUniqueOrThrow({ where: { id: membership.id } })).permissions).toEqual([
      'emails',
    ]);
  });
});

describe('bug 4: activity log filters', () => {
  it('"Description contains" takes _ and % literally; a non-numeric client id is refused, not ignored', async () => {
    const { account } = await buildAccountWithOwner();
    const tag = `lit${Date.now()}`;
    await t.prisma.activityLog.createMany({
      data: [
        { description: `${tag} 100% done`, actorType: 'system', accountId: account.id },
        { description: `${tag} snake_case`, actorType: 'system', accountId: account.id },
        { description: `${tag} plain words`, actorType: 'system', accountId: account.id },
      ],
    });
    const pct = await s.agent.get(`/admin/activity?account=${account.id}&text=${encodeURIComponent('100%')}`);
    expect(pct.text).toContain(`${tag} 100% done`);
    expect(pct.text).not.toContain(`${tag} plain words`);
    const underscore = await s.agent.get(`/admin/activity?account=${account.id}&text=_`);
    expect(underscore.text).toContain(`${tag} snake_case`);
    expect(underscore.text).not.toContain(`${tag} plain words`);
    expect(underscore.text).not.toContain(`${tag} 100% done`);

    const junk = await s.agent.get('/admin/activity?account=12abc');
    expect(junk.status).toBe(400);
    expect(junk.text).toContain('Enter a client ID as a number');
    expect(junk.text).not.toContain(tag);
  });
});

describe('bug 4, on the ticket desk too: a filter that cannot mean anything is refused', () => {
  it('a non-numeric client id, an unknown status, department, priority or assignee, a partial email: 400, filters kept', async () => {
    const { account } = await buildAccountWithOwner();
    const subject = `Desk filter ${Date.now()}`;
    await buildTicket({ accountId: account.id, subject });
    const cases: [string, string][] = [
      ['account=12abc', 'Enter a client ID as a number'],
      ['status=Sleeping', 'Choose a status from the list.'],
      ['department=Nowhere', 'Choose a department from the list.'],
      ['priority=Urgent', 'Choose a priority from the list.'],
      ['assigned=bob', 'Choose a member of staff from the list.'],
      ['requester=jane%40', 'Enter a whole email address'],
    ];
    for (const [qs, message] of cases) {
      const res = await s.agent.get(`/admin/tickets?q=${encodeURIComponent(subject)}&${qs}`);
      expect({ qs, status: res.status }).toEqual({ qs, status: 400 });
      expect(res.text).toContain(message);
      expect(res.text).toContain('aria-invalid="true"');
      // The filters come back as typed, and no list is shown as if the filter were not there.
      expect(res.text).toContain(`value="${subject}"`);
      expect(res.text).not.toContain('data-ticket-id=');
    }
    const typed = await s.agent.get('/admin/tickets?account=12abc');
    expect(typed.text).toContain('value="12abc"');
    // The export refuses it too, rather than exporting every ticket.
    expect((await s.agent.get('/admin/tickets.csv?account=12abc')).status).toBe(400);
    // Good values still filter; #42 is a client id as on the activity log.
    const ok = await s.agent.get(`/admin/tickets?q=${encodeURIComponent(subject)}&account=%23${account.id}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('data-ticket-id=');
  });
});

describe('bug 5: admin-set passwords meet the strength rule', () => {
  it('Set Password refuses "password12" on the form and in the service; a strong one works', async () => {
    const user = await buildUser();
    const before = (await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    const res = await postForm(s.agent, `/admin/users/${user.id}/password`, { password: 'password12' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('too easy to guess');
    expect(await codeOf(setPasswordAsAdmin(adminActor(s.admin.id), user.id, 'password12'))).toBe('VALIDATION');
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(before);
    const ok = await postForm(s.agent, `/admin/users/${user.id}/password`, { password: 'violet-Kettle-9-harbour' });
    expect(ok.status).toBe(302);
  });

  // The CLI runs against the test database as a child process: real PostgreSQL only.
  it.skipIf(isPglite())('`admin:create --password short` is refused and creates no admin', () => {
    const email = uniqueEmail('cli');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/admin-create.ts', '--email', email, '--password', 'short'],
      {
        cwd: resolve(import.meta.dirname, '../..'),
        encoding: 'utf8',
        env: {
          ...process.env,
          DATABASE_URL: t.url,
          DATA_DIR: testMailDir(),
          SESSION_SECRET: 'cli-test-secret-0123456789-0123456789',
          LOG_LEVEL: 'silent',
        },
      },
    );
    expect(run.stderr).toContain('Password refused: Use at least 10 characters.');
    expect(run.status).toBe(1);
    return db()
      .admin.count({ where: { email } })
      .then((n) => expect(n).toBe(0));
  });
});

describe('bug 7: names typed for a new user', () => {
  it('Send Invite = Yes keeps them for the register form; = No asks for the missing one', async () => {
    const { account } = await buildAccountWithOwner();
    const email = uniqueEmail('grace');
    const res = await postForm(s.agent, `/admin/clients/${account.id}/users/associate`, {
      email,
      firstName: 'Grace',
      lastName: 'Hopper',
      permissions: 'tickets',
      sendInvite: 'yes',
    });
    expect(res.status).toBe(302);
    const token = await deliveredToken(email, 'invitation', '/invite');
    const page = await agentFor(s.app).get(`/invite/${token}`);
    expect(page.text).toContain('value="Grace"');
    expect(page.text).toContain('value="Hopper"');

    const other = uniqueEmail('grace');
    const blank = await postForm(s.agent, `/admin/clients/${account.id}/users/associate`, {
      email: other,
      firstName: 'Grace',
      lastName: '',
      permissions: 'tickets',
      sendInvite: 'no',
    });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('Enter the new user&#39;s last name.');
    expect(blank.text).toContain('value="Grace"');
    expect(await t.prisma.user.count({ where: { email: other } })).toBe(0);
  });
});

describe('bug 8: the smaller ones', () => {
  it('a forged Make Owner on the current owner says so (409), it does not report a transfer', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const res = await postForm(s.agent, `/admin/clients/${account.id}/users/${owner.id}/make-owner`, {});
    expect(res.status).toBe(409);
    expect(res.text).toContain('already owns this account');
    expect(res.text).not.toContain('Ownership transferred');
  });

  it("the owner's Manage Permissions page does not open by URL", async () => {
    const { account, owner } = await buildAccountWithOwner();
    const res = await s.agent.get(`/admin/clients/${account.id}/users/${owner.id}/permissions`);
    expect(res.status).toBe(409);
    expect(res.text).toContain('permissions cannot be changed');
    expect(res.text).not.toContain('Save Permissions');
  });

  it('a pending invitation whose email failed shows "Not delivered" with the reason', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const email = uniqueEmail('bounced');
    await withFailingMail(() => invite(userActor(owner.id), account.id, email, ['tickets']));
    const tab = await s.agent.get(`/admin/clients/${account.id}/users`);
    const row = tab.text.slice(tab.text.indexOf(email));
    expect(row.slice(0, 1200)).toContain('Not delivered');
    expect(row.slice(0, 1200)).toMatch(/ECONNREFUSED|connect/i);
  });

  it('the cancelled-invitation page says staff cancelled it when staff did', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const byStaff = await invite(userActor(owner.id), account.id, uniqueEmail('c1'), ['tickets']);
    const byOwner = await invite(userActor(owner.id), account.id, uniqueEmail('c2'), ['tickets']);
    await cancelInvitation(adminActor(s.admin.id), byStaff.invitation.id, account.id);
    await cancelInvitation(userActor(owner.id), byOwner.invitation.id, account.id);
    const staffPage = await agentFor(s.app).get(`/invite/${byStaff.token}`);
    expect(staffPage.text).toContain('cancelled by our staff');
    expect(staffPage.text).not.toContain('cancelled by the account owner');
    expect((await agentFor(s.app).get(`/invite/${byOwner.token}`)).text).toContain('cancelled by the account owner');
  });

  it('a password reset staff sent does not say "Someone asked to reset"', async () => {
    const user = await buildUser();
    const res = await postForm(s.agent, `/admin/users/${user.id}/password-reset`, {});
    expect(res.status).toBe(302);
    const row = await t.prisma.emailLog.findFirstOrThrow({
      where: { recipient: user.email, template: 'password_reset' },
      orderBy: { id: 'desc' },
    });
    const mail = await deliveredMail(row.id);
    expect(mail.text).toContain('Our support staff sent you this link');
    expect(mail.text).not.toContain('Someone asked to reset');
  });

  it('the favicon is served (no 404 on every page)', async () => {
    const res = await agentFor(s.app).get('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/icon/);
    expect((await agentFor(s.app).get('/login')).text).toContain('rel="icon"');
    expect((await agentFor(s.app).get('/admin/login')).text).toContain('rel="icon"');
  });
});
