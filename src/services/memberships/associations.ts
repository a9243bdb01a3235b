// Admin "Associate User" (SPEC rule 17): an existing user or a typed email, chosen permissions,
// and "Send Invite" Yes (an invitation) or No (access at once; a new user gets a
// "set your password" email).
import { db } from '../../db/client.js';
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
  const account = await getAccount(accountId);
  const existing =
    'userId' in target
      ? await db().user.findUnique({ where: { id: target.userId } })
      : await db().user.findUnique({ where: { email: normalizeEmail(target.email) } });
  if ('userId' in target && !existing) throw new AppError('USER_NOT_FOUND', 'User not found.');

  if (sendInvite) {
    const email = existing?.email ?? ('email' in target ? target.email : '');
    return { kind: 'invited', invite: await invite(actor, accountId, email, permissions) };
  }

  const result = await db().$transaction(async (tx) => {
    let userId = existing?.id;
    let createdUser = false;
    if (!userId && 'email' in target) {
      const email = normalizeEmail(target.email);
      const localPart = email.split('@')[0] ?? email;
      const user = await createUserInTx(tx, {
        email,
        firstName: target.firstName?.trim() || localPart,
        lastName: target.lastName?.trim() || '',
      });
      userId = user.id;
      createdUser = true;
      await logActivity(actor, `User created: ${email} (User ID: ${user.id})`, accountId, tx);
    }
    if (!userId) throw new AppError('VALIDATION', 'Choose a user or enter an email address.', { email: 'Required.' });
    await addMemberInTx(tx, accountId, userId, permissions);
    await logActivity(
      actor,
      `User associated (User ID: ${userId}) with permissions: ${permissions.join(', ') || 'none'}`,
      accountId,
      tx,
    );
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
