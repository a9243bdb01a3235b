// Following an invitation link (SPEC rules 12-14): what the page shows, and accepting it. Accepting
// is one conditional UPDATE, so of any number of concurrent accepts exactly one wins.
import { db, type Tx } from '../../db/client.js';
import type { Invitation } from '../../generated/prisma/client.js';
import { invitationState, inviterName } from './invitations.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { hashToken } from '../../lib/tokens.js';
import { userActor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { accountDisplayName } from '../accounts/accounts.js';
import { addMemberInTx, parsePermissions } from '../memberships/memberships.js';
import { createUserInTx, hashUserPassword, type NewUser } from '../users/users.js';

/** What the invitation page shows for a token (SPEC rule 13). Throws a distinct error per state. */
export async function viewInvitation(token: string) {
  const inv = await db().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: {
      account: { select: { id: true, firstName: true, lastName: true, companyName: true } },
      invitedByUser: { select: { firstName: true, lastName: true } },
      invitedByAdmin: { select: { firstName: true, lastName: true } },
    },
  });
  if (!inv) throw notFound();
  assertUsable(inv);
  return {
    id: inv.id,
    email: inv.email,
    /** Names staff typed for the new user, to start the register form with. */
    firstName: inv.firstName,
    lastName: inv.lastName,
    accountId: inv.accountId,
    accountName: accountDisplayName(inv.account),
    inviterName: inviterName(inv),
    permissions: inv.permissions,
    expiresAt: inv.expiresAt,
  };
}

const notFound = () =>
  new AppError(
    'INVITATION_NOT_FOUND',
    msg('This invitation link is not valid. It may have been replaced by a newer invitation email.'),
  );

function assertUsable(inv: Pick<Invitation, 'status' | 'expiresAt' | 'cancelledByAdminId'>, at = now()): void {
  const state = invitationState(inv, at);
  if (state === 'expired')
    throw new AppError(
      'INVITATION_EXPIRED',
      msg('This invitation has expired. Ask the account owner to send it again.'),
    );
  if (state === 'cancelled')
    throw new AppError(
      'INVITATION_CANCELLED',
      // Who cancelled it (issue 14): staff, or the owner the person may ask.
      inv.cancelledByAdminId !== null
        ? msg(
            'This invitation was cancelled by our staff. Contact support or the account owner if you still need access.',
          )
        : msg('This invitation was cancelled by the account owner.'),
    );
  if (state === 'accepted') throw new AppError('INVITATION_USED', msg('This invitation has already been used.'));
}

/**
 * SPEC rules 12-14: the user (any email) accepts. One conditional UPDATE claims the invitation;
 * a concurrent second claim matches no row and fails with the reason read afterwards.
 */
export async function acceptInvitation(token: string, userId: number, ip = '') {
  return db().$transaction(async (tx) => claimInvitationInTx(tx, token, userId, ip));
}

/** The invitation behind a token, if it can still be accepted (else its distinct error). */
export async function usableInvitationInTx(tx: Tx, tokenHash: string) {
  const inv = await tx.invitation.findUnique({
    where: { tokenHash },
    include: { account: { select: { firstName: true, lastName: true, companyName: true } } },
  });
  if (!inv) throw notFound();
  assertUsable(inv);
  return { id: inv.id, accountId: inv.accountId, accountName: accountDisplayName(inv.account) };
}

/**
 * SPEC rule 13: register a new user (no account of their own) and accept, in one transaction.
 * The password is hashed before the transaction opens.
 */
export async function registerAndAccept(
  token: string,
  input: Omit<NewUser, 'passwordHash'> & { password?: string },
  ip = '',
) {
  const passwordHash = await hashUserPassword(input.password);
  return db().$transaction(async (tx) => {
    // Check the link first so a dead link does not leave a user behind nor burn the email.
    const inv = await usableInvitationInTx(tx, hashToken(token));
    const user = await createUserInTx(tx, { ...input, passwordHash });
    await logActivity(
      userActor(user.id, ip),
      `User registered: ${user.email} (User ID: ${user.id})`,
      inv.accountId,
      tx,
    );
    const accepted = await claimInvitationInTx(tx, token, user.id, ip);
    return { ...accepted, user };
  });
}

/** One conditional UPDATE claims the invitation; the membership follows in the same transaction. */
export async function claimInvitationInTx(tx: Tx, token: string, userId: number, ip: string) {
  const tokenHash = hashToken(token);
  const at = now();
  const { count } = await tx.invitation.updateMany({
    where: { tokenHash, status: 'pending', expiresAt: { gt: at } },
    data: { status: 'accepted', acceptedAt: at, acceptedByUserId: userId },
  });
  const inv = await tx.invitation.findUnique({ where: { tokenHash } });
  if (!inv) throw notFound();
  if (!count) {
    assertUsable(inv, at);
    throw new AppError('INVITATION_USED', msg('This invitation has already been used.'));
  }
  // Someone who already has access cannot use an invitation meant for another person: it is left
  // pending (the transaction rolls the claim back) and they are told once, plainly (issue 14).
  const already = await tx.accountUser.findUnique({
    where: { accountId_userId: { accountId: inv.accountId, userId } },
    select: { id: true },
  });
  if (already)
    throw new AppError(
      'ALREADY_MEMBER',
      msg(
        'You already have access to this account, so this invitation was not used. Choose the account from Switch Account.',
      ),
    );
  await addMemberInTx(tx, inv.accountId, userId, parsePermissions(inv.permissions));
  await logActivity(
    userActor(userId, ip),
    `Invitation accepted (Invitation ID: ${inv.id}, sent to ${inv.email})`,
    inv.accountId,
    tx,
  );
  return { accountId: inv.accountId, invitationId: inv.id };
}
