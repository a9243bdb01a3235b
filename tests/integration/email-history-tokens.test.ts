// Hardening issue, item 0 (critical): an account's email history is readable by any user with the
// `emails` permission, and the admin Email Log by every member of staff. Neither may carry a usable
// one-time link: a user with only `emails` once opened the owner's All Permissions invitation to
// someone else and took it. Here such a user reads every stored message of the account, and not one
// token found in them (or anywhere in the admin's copies) is accepted, while the links the
// recipients actually received still work.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { ALL_PERMISSIONS } from '../../src/policies/permissions.js';
import { adminActor, userActor } from '../../src/services/actor.js';
import { associateUser } from '../../src/services/memberships/associations.js';
import {
  checkPasswordResetToken,
  requestPasswordReset,
  sendEmailVerification,
} from '../../src/services/auth/email-links.js';
import { invite } from '../../src/services/invitations/invitations.js';
import { viewInvitation } from '../../src/services/invitations/accept.js';
import { configureMail } from '../../src/services/mail/mailer.js';
import { buildAccountWithOwner, buildAuthorizedUser, uniqueEmail } from '../factories/index.js';
import { useAdminSession } from '../helpers/admin.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, loginAs, postForm, type Agent } from '../helpers/http.js';
import { deferredMailSentTo, deliveredMail, testMailDir } from '../helpers/outbox.js';

useTestDatabase();
const s = useAdminSession();

const LINK = /\/(invite|password\/reset|verify-email)\/([^\s"'<>()&]+)/g;
const TOKEN_LIKE = /[A-Za-z0-9_-]{40,}/g;

/** Every path token and every long base64url-looking word in a text. */
function candidates(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(LINK)) if (m[2]) found.add(decodeURIComponent(m[2]));
  for (const m of text.matchAll(TOKEN_LIKE)) found.add(m[0]);
  return [...found];
}

/** Each candidate, tried as an invitation, a password reset and a verification link. */
async function acceptedAnywhere(agent: Agent, tokens: string[], verifyingUserId: number): Promise<string[]> {
  const accepted: string[] = [];
  for (const token of tokens) {
    const inviteOk = await viewInvitation(token).then(
      () => true,
      () => false,
    );
    const resetOk = await checkPasswordResetToken(token).then(
      () => true,
      () => false,
    );
    const invitePage = await agent.get(`/invite/${encodeURIComponent(token)}`);
    if (inviteOk || resetOk || invitePage.status === 200) accepted.push(token);
  }
  // A verification link is consumed by opening it: one GET each, then check nothing was verified.
  for (const token of tokens) await agent.get(`/verify-email/${encodeURIComponent(token)}`);
  const verified = await db().user.findUniqueOrThrow({ where: { id: verifyingUserId } });
  if (verified.emailVerifiedAt) accepted.push('(a verification link)');
  return accepted;
}

/** An account whose history holds every kind of one-time-link email, and the links as delivered. */
async function accountWithLinkEmails() {
  const { account, owner } = await buildAccountWithOwner({ owner: { emailVerifiedAt: null } });
  const { user: reader } = await buildAuthorizedUser(account.id, ['emails']);
  const invited = await invite(userActor(owner.id), account.id, uniqueEmail('invitee'), ALL_PERMISSIONS);
  const associated = await associateUser(
    adminActor(s.admin.id),
    account.id,
    { email: uniqueEmail('associated'), firstName: 'Ada', lastName: 'Lovelace' },
    ['tickets'],
    false,
  );
  await requestPasswordReset(reader.email);
  await requestPasswordReset(owner.email);
  await sendEmailVerification(owner.id);
  await Promise.all([deferredMailSentTo(reader.email), deferredMailSentTo(owner.email)]);

  const rows = await db().emailLog.findMany({
    where: { OR: [{ accountId: account.id }, { userId: { in: [owner.id, reader.id] } }] },
    orderBy: { id: 'asc' },
  });
  const delivered = await Promise.all(rows.map((r) => deliveredMail(r.id)));
  const liveTokens = delivered.flatMap((m) => candidates(`${m.text}\n${m.html}`));
  return { account, owner, reader, invited, associated, rows, liveTokens };
}

describe('one-time links never readable in an email history (hardening item 0)', () => {
  it('the emails-permission user reads every stored message and no token in them is accepted', async () => {
    const { account, owner, reader, invited, rows, liveTokens } = await accountWithLinkEmails();
    // The harness is live: what the recipients received works, and contains the invitation token.
    expect(liveTokens).toContain(invited.token);
    await expect(viewInvitation(invited.token)).resolves.toMatchObject({ accountId: account.id });
    expect(rows.map((r) => r.template).sort()).toEqual(
      ['email_verification', 'invitation', 'password_reset', 'password_reset', 'set_password'].sort(),
    );

    const agent = agentFor(s.app);
    await loginAs(agent, reader.email);
    const list = await agent.get('/emails');
    expect(list.status).toBe(200);
    const ids = [...list.text.matchAll(/href="\/emails\/(\d+)"/g)].map((m) => Number(m[1]));
    // The account's history: the invitation and the set-password mail, not anyone's own resets or
    // verification (those belong to the user, not to the account).
    const accountRows = rows.filter((r) => r.accountId === account.id);
    expect(accountRows.map((r) => r.template).sort()).toEqual(['invitation', 'set_password']);
    expect(new Set(ids)).toEqual(new Set(accountRows.map((r) => r.id)));

    let seen = list.text;
    for (const id of ids) {
      const page = await agent.get(`/emails/${id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('[link-removed]');
      seen += page.text;
    }
    for (const token of liveTokens) expect(seen).not.toContain(token);
    expect(await acceptedAnywhere(agent, candidates(seen), owner.id)).toEqual([]);
    // Nobody took the invitation.
    expect(await db().accountUser.count({ where: { accountId: account.id } })).toBe(3);
  });

  it("the admin Email Log and the client's Emails tab show no usable token either", async () => {
    const { account, owner, rows, liveTokens } = await accountWithLinkEmails();
    let seen = (await s.agent.get(`/admin/clients/${account.id}/emails`)).text;
    seen += (await s.agent.get('/admin/emails')).text;
    for (const row of rows) {
      const page = await s.agent.get(`/admin/emails/${row.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('data-testid="link-removed-note"');
      seen += page.text + (await s.agent.get(`/admin/emails/${row.id}/html`)).text;
    }
    for (const token of liveTokens) expect(seen).not.toContain(token);
    expect(await acceptedAnywhere(agentFor(s.app), candidates(seen), owner.id)).toEqual([]);
  });

  it('Resend of a failed invitation email sends a new working link; the undelivered one is dead', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const email = uniqueEmail('undelivered');
    // Nothing listens on port 1: the delivery fails and is recorded as failed.
    configureMail({ smtpUrl: 'smtp://127.0.0.1:1', from: 'Test <no-reply@example.test>', dataDir: '/nonexistent' });
    let failed;
    try {
      failed = await invite(userActor(owner.id), account.id, email, ['tickets']);
    } finally {
      configureMail({ from: 'Test <no-reply@example.test>', dataDir: testMailDir() });
    }
    expect(failed.mail.status).toBe('failed');

    const res = await postForm(s.agent, `/admin/emails/${failed.mail.emailId}/resend`, {});
    expect(res.status).toBe(302);
    const newest = await db().emailLog.findFirstOrThrow({
      where: { recipient: email, template: 'invitation' },
      orderBy: { id: 'desc' },
    });
    expect(newest.id).not.toBe(failed.mail.emailId);
    expect(res.headers.location).toBe(`/admin/emails/${newest.id}`);
    const token = /\/invite\/([A-Za-z0-9_-]{43})/.exec((await deliveredMail(newest.id)).text)?.[1] ?? '';
    await expect(viewInvitation(token)).resolves.toMatchObject({ accountId: account.id, email });
    await expect(viewInvitation(failed.token)).rejects.toMatchObject({ code: 'INVITATION_NOT_FOUND' });
  });

  it('Resend of a failed invitation email is refused once the invitation is no longer pending', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const row = await db().emailLog.create({
      data: {
        accountId: account.id,
        userId: owner.id,
        recipient: uniqueEmail('gone'),
        subject: 'Invitation',
        template: 'invitation',
        bodyHtml: '<p>/invite/[link-removed]</p>',
        bodyText: '/invite/[link-removed]',
        status: 'failed',
        error: 'connect ECONNREFUSED',
      },
    });
    const res = await postForm(s.agent, `/admin/emails/${row.id}/resend`, {});
    expect(res.status).toBe(409);
    expect(res.text).toContain('no longer pending');
  });
});
