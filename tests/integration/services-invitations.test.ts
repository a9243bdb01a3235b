// SPEC rules 8 and 12-14: invitations. Duplicates refused; only the token's SHA-256 stored;
// resend replaces the token and moves the expiry; cancel/expiry/use each give their own error
// and change nothing; any email may accept; exactly one membership under concurrent accepts.
import { listInvitations } from '../../src/services/invitations/invitation-list.js';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { advanceClock, DAY, now } from '../../src/lib/clock.js';
import { hashToken } from '../../src/lib/tokens.js';
import { ALL_PERMISSIONS } from '../../src/policies/permissions.js';
import { adminActor, userActor } from '../../src/services/actor.js';
import { cancelInvitation, invite, resendInvitation } from '../../src/services/invitations/invitations.js';
import { acceptInvitation } from '../../src/services/invitations/accept.js';
import { viewInvitation } from '../../src/services/invitations/accept.js';
import { registerAndAccept } from '../../src/services/invitations/accept.js';
import { getAccess } from '../../src/services/memberships/memberships.js';
import {
  buildAccountWithOwner,
  buildAdmin,
  buildAuthorizedUser,
  buildUser,
  unique,
  uniqueEmail,
} from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { deliveredMail } from '../helpers/outbox.js';
import { codeOf, useLocalMail } from '../helpers/services.js';

useTestDatabase();

useLocalMail();

const SEVEN_DAYS = 7 * DAY;

async function ownedAccountWithInvite(permissions: string[] = ['invoices', 'tickets'], email = uniqueEmail('invitee')) {
  const { account, owner } = await buildAccountWithOwner();
  const result = await invite(userActor(owner.id, '198.51.100.1'), account.id, email, permissions);
  return { account, owner, email, ...result };
}

function newUserInput(email = uniqueEmail('newbie')) {
  return { email, firstName: 'New', lastName: `Person ${unique()}`, password: 'Tr0ub4dor&3-horse-battery' };
}

describe('invite (rule 8): duplicates are refused with a clear code', () => {
  it('creates a pending invitation with the chosen permissions in WHMCS order and a 7-day expiry', async () => {
    const before = now().getTime();
    const { invitation, owner } = await ownedAccountWithInvite(['tickets', 'invoices']);
    expect(invitation.status).toBe('pending');
    expect(invitation.permissions).toEqual(['invoices', 'tickets']);
    expect(invitation.invitedByUserId).toBe(owner.id);
    expect(invitation.expiresAt.getTime() - invitation.sentAt.getTime()).toBe(SEVEN_DAYS);
    expect(invitation.sentAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('"All Permissions" stores all 13', async () => {
    const { invitation } = await ownedAccountWithInvite([...ALL_PERMISSIONS]);
    expect(invitation.permissions).toEqual([...ALL_PERMISSIONS]);
  });

  it('rejects permission keys outside the 13 (INVALID_PERMISSION) and creates nothing', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const email = uniqueEmail('x');
    expect(await codeOf(invite(userActor(owner.id), account.id, email, ['invoices', 'root']))).toBe(
      'INVALID_PERMISSION',
    );
    expect(await db().invitation.count({ where: { email } })).toBe(0);
  });

  it('rejects an email that already belongs to a user of this account, in any case (ALREADY_MEMBER)', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['emails']);
    expect(await codeOf(invite(userActor(owner.id), account.id, user.email.toUpperCase(), ['tickets']))).toBe(
      'ALREADY_MEMBER',
    );
    expect(await codeOf(invite(userActor(owner.id), account.id, owner.email, ['tickets']))).toBe('ALREADY_MEMBER');
    expect(await db().invitation.count({ where: { accountId: account.id } })).toBe(0);
  });

  it('rejects a second pending invitation to the same email for this account, in any case (INVITATION_PENDING)', async () => {
    const { account, owner, email } = await ownedAccountWithInvite();
    expect(await codeOf(invite(userActor(owner.id), account.id, email, ['tickets']))).toBe('INVITATION_PENDING');
    expect(await codeOf(invite(userActor(owner.id), account.id, `  ${email.toUpperCase()} `, ['tickets']))).toBe(
      'INVITATION_PENDING',
    );
    expect(await db().invitation.count({ where: { accountId: account.id } })).toBe(1);
  });

  it('allows the same email to be invited to another account', async () => {
    const { email } = await ownedAccountWithInvite();
    const other = await buildAccountWithOwner();
    const second = await invite(userActor(other.owner.id), other.account.id, email, ['tickets']);
    expect(second.invitation.status).toBe('pending');
  });

  it('allows a new invitation once the previous one expired, cancelled or accepted', async () => {
    const { account, owner, email, invitation } = await ownedAccountWithInvite();
    await cancelInvitation(userActor(owner.id), invitation.id);
    const again = await invite(userActor(owner.id), account.id, email, ['tickets']);
    advanceClock(SEVEN_DAYS + 1);
    const third = await invite(userActor(owner.id), account.id, email, ['tickets']);
    expect(third.invitation.id).not.toBe(again.invitation.id);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: again.invitation.id } })).status).toBe('expired');
  });

  it('sends the Account Access Invitation email with the link, recorded in the email log without it', async () => {
    const { account, email, token, mail } = await ownedAccountWithInvite();
    expect(mail.status).toBe('stored');
    const row = await db().emailLog.findUniqueOrThrow({ where: { id: mail.emailId } });
    expect(row).toMatchObject({ recipient: email, template: 'invitation', accountId: account.id, status: 'stored' });
    expect((await deliveredMail(mail.emailId)).text).toContain(`/invite/${token}`);
    expect(row.bodyText).toContain('/invite/[link-removed]');
    expect(`${row.subject}${row.bodyText}${row.bodyHtml}`).not.toContain(token);
  });
});

describe('invitation tokens (rule 12): only the SHA-256 is stored', () => {
  it('never stores the raw token anywhere in the invitations row', async () => {
    const { invitation, token } = await ownedAccountWithInvite();
    const [row] = await db().$queryRaw<
      Record<string, unknown>[]
    >`SELECT * FROM "invitations" WHERE id = ${invitation.id}`;
    expect(row).toBeDefined();
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row?.token_hash).toBe(hashToken(token));
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it("does not expose the hash in the owner's list", async () => {
    const { account } = await ownedAccountWithInvite();
    const [listed] = await listInvitations(account.id);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty('tokenHash');
  });

  it('an unknown token gives INVITATION_NOT_FOUND', async () => {
    expect(await codeOf(viewInvitation('not-a-real-token'))).toBe('INVITATION_NOT_FOUND');
    const user = await buildUser();
    expect(await codeOf(acceptInvitation('not-a-real-token', user.id))).toBe('INVITATION_NOT_FOUND');
  });

  it('the invitation page data names the inviter and the account (rule 13)', async () => {
    const { account, owner, token, email } = await ownedAccountWithInvite();
    const view = await viewInvitation(token);
    expect(view).toMatchObject({
      accountId: account.id,
      email,
      accountName: account.companyName,
      inviterName: `${owner.firstName} ${owner.lastName}`,
    });
  });
});

describe('resend (rule 12): new token, old link dead, expiry moved to now + 7 days', () => {
  it('replaces the token: old → INVITATION_NOT_FOUND, new works', async () => {
    const { owner, invitation, token: oldToken } = await ownedAccountWithInvite();
    advanceClock(3 * DAY);
    const resent = await resendInvitation(userActor(owner.id), invitation.id);
    expect(resent.token).not.toBe(oldToken);
    expect(resent.invitation.expiresAt.getTime() - resent.invitation.sentAt.getTime()).toBe(SEVEN_DAYS);
    expect(Math.abs(resent.invitation.expiresAt.getTime() - (now().getTime() + SEVEN_DAYS))).toBeLessThan(5000);
    expect(resent.invitation.expiresAt.getTime()).toBeGreaterThan(invitation.expiresAt.getTime() + 3 * DAY - 5000);

    expect(await codeOf(viewInvitation(oldToken))).toBe('INVITATION_NOT_FOUND');
    const user = await buildUser();
    expect(await codeOf(acceptInvitation(oldToken, user.id))).toBe('INVITATION_NOT_FOUND');
    await acceptInvitation(resent.token, user.id);
    expect(await getAccess(user.id, invitation.accountId)).not.toBeNull();
  });

  it('cannot resend an accepted (INVITATION_USED) or cancelled (INVITATION_CANCELLED) one', async () => {
    const a = await ownedAccountWithInvite();
    await acceptInvitation(a.token, (await buildUser()).id);
    expect(await codeOf(resendInvitation(userActor(a.owner.id), a.invitation.id))).toBe('INVITATION_USED');
    const b = await ownedAccountWithInvite();
    await cancelInvitation(userActor(b.owner.id), b.invitation.id);
    expect(await codeOf(resendInvitation(userActor(b.owner.id), b.invitation.id))).toBe('INVITATION_CANCELLED');
  });
});

describe('cancel (rule 12): the link then says cancelled and changes nothing', () => {
  it('gives INVITATION_CANCELLED for view and accept, and creates no membership', async () => {
    const { account, owner, invitation, token } = await ownedAccountWithInvite();
    await cancelInvitation(userActor(owner.id), invitation.id);
    expect(await codeOf(viewInvitation(token))).toBe('INVITATION_CANCELLED');
    const user = await buildUser();
    expect(await codeOf(acceptInvitation(token, user.id))).toBe('INVITATION_CANCELLED');
    expect(await getAccess(user.id, account.id)).toBeNull();
    const row = await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row).toMatchObject({ status: 'cancelled', acceptedByUserId: null });
    expect(row.cancelledAt).not.toBeNull();
  });

  it('drops off the pending list', async () => {
    const { account, owner, invitation } = await ownedAccountWithInvite();
    await cancelInvitation(userActor(owner.id), invitation.id);
    expect((await listInvitations(account.id)).map((i) => i.id)).not.toContain(invitation.id);
  });
});

describe('expiry (rule 12): 7 days after it was sent', () => {
  it('still works just before 7 days', async () => {
    const { account, token } = await ownedAccountWithInvite();
    advanceClock(SEVEN_DAYS - 60_000);
    const user = await buildUser();
    await acceptInvitation(token, user.id);
    expect(await getAccess(user.id, account.id)).not.toBeNull();
  });

  it('after 7 days + 1 ms gives INVITATION_EXPIRED and creates nothing (accept or register)', async () => {
    const { account, token, invitation } = await ownedAccountWithInvite();
    advanceClock(SEVEN_DAYS + 1);
    expect(await codeOf(viewInvitation(token))).toBe('INVITATION_EXPIRED');
    const user = await buildUser();
    expect(await codeOf(acceptInvitation(token, user.id))).toBe('INVITATION_EXPIRED');
    expect(await getAccess(user.id, account.id)).toBeNull();

    const input = newUserInput();
    expect(await codeOf(registerAndAccept(token, input))).toBe('INVITATION_EXPIRED');
    expect(await db().user.count({ where: { email: input.email } })).toBe(0);
    expect(await db().accountUser.count({ where: { accountId: account.id } })).toBe(1);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedByUserId).toBeNull();
  });
});

describe('accept (rules 12-13): single use, any email, the owner sees who accepted', () => {
  it('a user whose email differs from the invited one accepts and gets exactly the invited permissions', async () => {
    const { account, token, invitation, email } = await ownedAccountWithInvite(['tickets', 'invoices']);
    const user = await buildUser();
    expect(user.email).not.toBe(email);
    const result = await acceptInvitation(token, user.id, '203.0.113.50');
    expect(result).toEqual({ accountId: account.id, invitationId: invitation.id });
    expect(await getAccess(user.id, account.id)).toMatchObject({
      isOwner: false,
      permissions: ['invoices', 'tickets'],
    });

    const listed = (await listInvitations(account.id)).find((i) => i.id === invitation.id);
    expect(listed).toMatchObject({ email, state: 'accepted', acceptedBy: { id: user.id, email: user.email } });
  });

  it('accepting twice gives INVITATION_USED, also for another user, and changes nothing', async () => {
    const { account, token } = await ownedAccountWithInvite();
    const first = await buildUser();
    const second = await buildUser();
    await acceptInvitation(token, first.id);
    expect(await codeOf(acceptInvitation(token, first.id))).toBe('INVITATION_USED');
    expect(await codeOf(acceptInvitation(token, second.id))).toBe('INVITATION_USED');
    expect(await codeOf(viewInvitation(token))).toBe('INVITATION_USED');
    expect(await getAccess(second.id, account.id)).toBeNull();
    expect(await db().accountUser.count({ where: { accountId: account.id } })).toBe(2);
  });

  it('a user already associated with the account cannot use an invitation (ALREADY_MEMBER) and it stays usable', async () => {
    const { account, token, owner } = await ownedAccountWithInvite();
    expect(await codeOf(acceptInvitation(token, owner.id))).toBe('ALREADY_MEMBER');
    expect((await getAccess(owner.id, account.id))?.isOwner).toBe(true);
    const user = await buildUser();
    await acceptInvitation(token, user.id);
    expect(await getAccess(user.id, account.id)).not.toBeNull();
  });

  it('an invitation sent by an admin works the same', async () => {
    const { account } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    const { token, invitation } = await invite(adminActor(admin.id), account.id, uniqueEmail('x'), ['domains']);
    expect(invitation.invitedByAdminId).toBe(admin.id);
    const view = await viewInvitation(token);
    expect(view.inviterName).toBe(`${admin.firstName} ${admin.lastName}`);
    const user = await buildUser();
    await acceptInvitation(token, user.id);
    expect((await getAccess(user.id, account.id))?.permissions).toEqual(['domains']);
  });
});

describe('registerAndAccept (rule 13): a new user with no account of their own', () => {
  it('creates the user (any email) with a membership carrying the invited permissions and nothing else', async () => {
    const { account, token, invitation } = await ownedAccountWithInvite(['emails', 'quotes']);
    const input = newUserInput();
    const accountsBefore = await db().account.count({ where: { email: input.email } });
    const result = await registerAndAccept(token, input, '203.0.113.77');
    expect(result.user.email).toBe(input.email);
    expect(result.user.passwordHash).toMatch(/^\$argon2id\$/);

    const links = await db().accountUser.findMany({ where: { userId: result.user.id } });
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ accountId: account.id, isOwner: false, permissions: ['quotes', 'emails'] });
    expect(await db().account.count({ where: { email: input.email } })).toBe(accountsBefore);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedByUserId).toBe(
      result.user.id,
    );
  });

  it('on a dead link (unknown, cancelled, used) creates no user', async () => {
    const { owner, invitation, token } = await ownedAccountWithInvite();
    const unknown = newUserInput();
    expect(await codeOf(registerAndAccept('no-such-token', unknown))).toBe('INVITATION_NOT_FOUND');
    expect(await db().user.count({ where: { email: unknown.email } })).toBe(0);

    await cancelInvitation(userActor(owner.id), invitation.id);
    const cancelled = newUserInput();
    expect(await codeOf(registerAndAccept(token, cancelled))).toBe('INVITATION_CANCELLED');
    expect(await db().user.count({ where: { email: cancelled.email } })).toBe(0);

    const used = await ownedAccountWithInvite();
    await registerAndAccept(used.token, newUserInput());
    const late = newUserInput();
    expect(await codeOf(registerAndAccept(used.token, late))).toBe('INVITATION_USED');
    expect(await db().user.count({ where: { email: late.email } })).toBe(0);
  });

  it('refuses an email already taken by a user (EMAIL_TAKEN) and leaves the invitation usable', async () => {
    const { account, token } = await ownedAccountWithInvite();
    const existing = await buildUser();
    expect(await codeOf(registerAndAccept(token, newUserInput(existing.email.toUpperCase())))).toBe('EMAIL_TAKEN');
    expect(await getAccess(existing.id, account.id)).toBeNull();
    await acceptInvitation(token, existing.id);
    expect(await getAccess(existing.id, account.id)).not.toBeNull();
  });
});

describe('concurrent accepts (rule 14): exactly one membership', () => {
  it('20 different users accepting one token at once: one membership, 19 INVITATION_USED', async () => {
    const { account, token, invitation } = await ownedAccountWithInvite();
    const users = [];
    for (let i = 0; i < 20; i++) users.push(await buildUser({ passwordHash: null }));

    const results = await Promise.allSettled(users.map((u) => acceptInvitation(token, u.id)));
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const codes = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => (r.reason as { code?: string }).code ?? String(r.reason));
    expect(fulfilled).toHaveLength(1);
    expect(codes).toEqual(Array(19).fill('INVITATION_USED'));

    const members = await db().accountUser.findMany({ where: { accountId: account.id, isOwner: false } });
    expect(members).toHaveLength(1);
    const row = await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.status).toBe('accepted');
    expect(row.acceptedByUserId).toBe(members[0]?.userId);
    const accepts = await db().activityLog.count({
      where: { accountId: account.id, description: { startsWith: 'Invitation accepted' } },
    });
    expect(accepts).toBe(1);
  });
});

describe('resend after a newer invitation (rule 12): a clear error, never a database error', () => {
  it('resending an expired invitation while a newer one to the same email is pending gives INVITATION_PENDING', async () => {
    const { account, owner, email, invitation: old } = await ownedAccountWithInvite();
    advanceClock(SEVEN_DAYS + 1);
    const newer = await invite(userActor(owner.id), account.id, email, ['tickets']);
    expect(await codeOf(resendInvitation(userActor(owner.id), old.id))).toBe('INVITATION_PENDING');
    // The newer invitation is untouched and still works.
    const user = await buildUser();
    await acceptInvitation(newer.token, user.id);
    expect(await getAccess(user.id, account.id)).not.toBeNull();
  });
});

describe('concurrent invites (rule 8): one pending invitation per email and account', () => {
  it('5 simultaneous invites of one email give one invitation and INVITATION_PENDING for the rest', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const email = uniqueEmail('race');
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => invite(userActor(owner.id), account.id, email, ['emails'])),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => (r.reason as { code?: string }).code);
    expect(codes).toEqual(Array(4).fill('INVITATION_PENDING'));
    expect(await db().invitation.count({ where: { accountId: account.id, email } })).toBe(1);
  });
});
