// Following an invitation link (SPEC rules 12-14): what the page shows, and accepting it. Accepting
// is one conditional UPDATE, so of any number of concurrent accepts exactly one wins.
import { db, type Tx } from '../../db/client.js';
import { invitationState, inviterName, type InvitationState } from './invitations.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
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
  assertUsable(invitationState(inv));
  return {
    id: inv.id,
    email: inv.email,
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
    'This invitation link is not valid. It may have been replaced by a newer invitation email.',
  );

function assertUsable(state: InvitationState): void {
  if (state === 'expired')
    throw new AppError('INVITATION_EXPIRED', 'This invitation has expired. Ask the account owner to send it again.');
  if (state === 'cancelled')
    throw new AppError('INVITATION_CANCELLED', 'This invitation was cancelled by the account owner.');
  if (state === 'accepted') throw new AppError('INVITATION_USED', 'This invitation has already been used.');
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
  assertUsable(invitationState(inv));
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
    assertUsable(invitationState(inv, at));
    throw new AppError('INVITATION_USED', 'This invitation has already been used.');
  }
  await addMemberInTx(tx, inv.accountId, userId, parsePermissions(inv.permissions));
  await logActivity(
    userActor(userId, ip),
    `Invitation accepted (Invitation ID: ${inv.id}, sent to ${inv.email})`,
    inv.accountId,
    tx,
  );
  return { accountId: inv.accountId, invitationId: inv.id };
}
