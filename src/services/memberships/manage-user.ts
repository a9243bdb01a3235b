// "Manage User" from a client's Users tab, as the WHMCS docs describe it (issue 14): staff edit
// the user's details and their permissions on this client, or tick Make Owner, then Save — all
// in one transaction, so a refused part leaves nothing half-saved.
import { db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { authorizePermissionSet } from '../../policies/user-management.js';
import type { AdminActor } from '../actor.js';
import { assertStaffMay } from '../admins/staff-access.js';
import { updateUserProfileInTx, type ProfileChanges } from '../users/users.js';
import { getAccountMember, makeOwnerInTx, parsePermissions, updatePermissionsInTx } from './memberships.js';

export interface ManagedUserChanges extends ProfileChanges {
  /** This client's permissions for the user (ignored for the owner and when making them owner). */
  permissions: readonly string[];
  makeOwner: boolean;
}

export async function saveManagedUser(
  actor: AdminActor,
  accountId: number,
  userId: number,
  changes: ManagedUserChanges,
): Promise<{ madeOwner: boolean }> {
  await assertStaffMay(actor, 'clients.write');
  const permissions = parsePermissions(changes.permissions);
  const member = await getAccountMember(accountId, userId);
  if (member.isOwner && changes.makeOwner) throw new AppError('CONFLICT', `${member.email} already owns this account.`);
  // The owner has every permission whatever is ticked; a new owner gets them all too.
  if (!member.isOwner && !changes.makeOwner) authorizePermissionSet(permissions);
  await db().$transaction(async (tx) => {
    await updateUserProfileInTx(tx, actor, userId, changes);
    if (changes.makeOwner) await makeOwnerInTx(tx, actor, accountId, userId);
    else if (!member.isOwner) await updatePermissionsInTx(tx, actor, accountId, userId, permissions);
  });
  return { madeOwner: changes.makeOwner };
}
