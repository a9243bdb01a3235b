// Admin "Associate User" (SPEC rule 17): an existing user or a typed email, chosen permissions
// (at least one), and "Send Invite" Yes (an invitation, keeping the names typed for a new user)
// or No (access at once; a new user needs a first and last name and gets a "set your password"
// email; an invitation still pending for that email is completed, so its link cannot fail later).
import { db, type Tx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { authorizePermissionSet } from '../../policies/user-management.js';
import { assertStaffMay } from '../admins/staff-access.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { accountDisplayName, getAccount } from '../accounts/accounts.js';
import { sendPasswordSetupEmail } from '../auth/email-links.js';
import { invite, type InviteResult } from '../invitations/invitations.js';
import { addMemberInTx, parsePermissions } from './memberships.js';
import { createUserInTx, normalizeEmail } from '../users/users.js';

export type AssociateTarget = { userId: number } | { email: string; firstName?: string; lastName?: string };

export type AssociateResult =
  { kind: 'invited'; invite: InviteResult } | { kind: 'associated'; userId: number; createdUser: boolean };

export async function associateUser(
  actor: Actor & { kind: 'admin' | 'system' },
  accountId: number,
  target: AssociateTarget,
  permissionKeys: readonly string[],
  sendInvite: boolean,
): Promise<AssociateResult> {
  const permissions = parsePermissions(permissionKeys);
  await assertStaffMay(actor, 'clients.write');
  authorizePermissionSet(permissions);
  const account = await getAccount(accountId);
  const existing =
    'userId' in target
      ? await db().user.findUnique({ where: { id: target.userId } })
      : await db().user.findUnique({ where: { email: normalizeEmail(target.email) } });
  if ('userId' in target && !existing) throw new AppError('USER_NOT_FOUND', 'User not found.');

  if (sendInvite) {
    const email = existing?.email ?? ('email' in target ? target.email : '');
    const names = !existing && 'email' in target ? { firstName: target.firstName, lastName: target.lastName } : {};
    return { kind: 'invited', invite: await invite(actor, accountId, email, permissions, names) };
  }
  if (!existing && 'email' in target) requireNewUserNames(target);

  const result = await db().$transaction(async (tx) => {
    let userId = existing?.id;
    let createdUser = false;
    if (!userId && 'email' in target) {
      const email = normalizeEmail(target.email);
      const user = await createUserInTx(tx, {
        email,
        firstName: target.firstName?.trim() ?? '',
        lastName: target.lastName?.trim() ?? '',
      });
      userId = user.id;
      createdUser = true;
      await logActivity(actor, `User created: ${email} (User ID: ${user.id})`, accountId, tx);
    }
    if (!userId) throw new AppError('VALIDATION', 'Choose a user or enter an email address.', { email: 'Required.' });
    await addMemberInTx(tx, accountId, userId, permissions);
    await logActivity(
      actor,
      `User associated (User ID: ${userId}) with permissions: ${permissions.join(', ')}`,
      accountId,
      tx,
    );
    await completeOpenInvitations(tx, actor, accountId, userId);
    return { userId, createdUser };
  });
  if (result.createdUser) {
    await sendPasswordSetupEmail(actor, result.userId, 'set_password', {
      accountId,
      accountName: accountDisplayName(account),
    });
  }
  return { kind: 'associated', ...result };
}

/** A new user is created with the names staff typed: both are asked for, never made up. */
function requireNewUserNames(target: { firstName?: string; lastName?: string }) {
  const fields: Record<string, string> = {};
  if (!target.firstName?.trim()) fields.firstName = "Enter the new user's first name.";
  if (!target.lastName?.trim()) fields.lastName = "Enter the new user's last name.";
  if (Object.keys(fields).length) throw new AppError('VALIDATION', 'A new user needs a first and a last name.', fields);
}

/**
 * The user now has access: an invitation to their email still open on this account is marked
 * accepted by them (its link then says "already used" instead of failing with "already has
 * access"), and the Users tab no longer lists it as pending.
 */
async function completeOpenInvitations(tx: Tx, actor: Actor, accountId: number, userId: number) {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const open = await tx.invitation.findMany({
    where: { accountId, email: user.email, status: { in: ['pending', 'expired'] } },
    select: { id: true },
  });
  if (!open.length) return;
  await tx.invitation.updateMany({
    where: { id: { in: open.map((i) => i.id) } },
    data: { status: 'accepted', acceptedAt: now(), acceptedByUserId: userId },
  });
  for (const inv of open)
    await logActivity(
      actor,
      `Invitation completed by associating the user directly (Invitation ID: ${inv.id}, sent to ${user.email})`,
      accountId,
      tx,
    );
}
