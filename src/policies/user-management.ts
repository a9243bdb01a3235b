// Who may manage an account's users, and whose membership may be changed (SPEC rules 7-11, 22).
// Each decision is said once here; the route guards, the views and the services all ask these.
import { AppError } from '../lib/errors.js';
import { msg } from '../lib/i18n.js';
import type { AccountAccess } from './authorize.js';

export interface UserManagementSettings {
  /** The admin setting "Disable Client Area User Management" (SPEC rule 11). */
  disableClientUserManagement: boolean;
}

/** Why the client area refuses to let this access manage users, or null when it may. */
export function userManagementRefusal(
  access: AccountAccess | null | undefined,
  settings: UserManagementSettings,
): AppError | null {
  if (settings.disableClientUserManagement)
    return new AppError(
      'USER_MANAGEMENT_DISABLED',
      msg('User management is disabled for client accounts. Please contact support.'),
    );
  if (!access?.isOwner) return new AppError('NOT_OWNER', msg('Only the account owner can manage users.'));
  return null;
}

/** SPEC 7-11: only the owner, and only while the admin setting allows it. */
export function canManageUsers(access: AccountAccess | null | undefined, settings: UserManagementSettings): boolean {
  return userManagementRefusal(access, settings) === null;
}

export function authorizeManageUsers(
  access: AccountAccess | null | undefined,
  settings: UserManagementSettings,
): AccountAccess {
  const refusal = userManagementRefusal(access, settings);
  if (refusal) throw refusal;
  return access!;
}

/** SPEC 22: the account's own activity log is the owner's to read. */
export function canViewAccountActivity(access: AccountAccess | null | undefined): boolean {
  return !!access?.isOwner;
}

export function authorizeAccountActivity(access: AccountAccess | null | undefined): AccountAccess {
  if (!canViewAccountActivity(access))
    throw new AppError('NOT_OWNER', msg("Only the account owner can read the account's activity log."));
  return access!;
}

/** SPEC 9: the owner always has every permission; nobody edits them. */
export function canEditPermissionsOf(member: { isOwner: boolean }): boolean {
  return !member.isOwner;
}

export function authorizeEditPermissionsOf(member: { isOwner: boolean }): void {
  if (!canEditPermissionsOf(member))
    throw new AppError(
      'OWNER_PERMISSIONS_FIXED',
      msg("The account owner always has every permission; the owner's permissions cannot be changed."),
    );
}

/** SPEC 10: the owner cannot be removed (ownership moves only with Make Owner, SPEC 18). */
export function canRemoveMember(member: { isOwner: boolean }): boolean {
  return !member.isOwner;
}

export function authorizeRemoveMember(member: { isOwner: boolean }): void {
  if (!canRemoveMember(member)) throw new AppError('OWNER_NOT_REMOVABLE', msg('The account owner cannot be removed.'));
}

/** SPEC 18: ownership changes only in the admin area. */
export function authorizeMakeOwner(actorKind: 'user' | 'admin' | 'system'): void {
  if (actorKind === 'user') throw new AppError('FORBIDDEN', msg('Ownership can only be changed by an administrator.'));
}

/**
 * An authorized user (not the owner) has at least one permission: access with none would be a
 * user who can open the account and do nothing in it. One rule for both areas: inviting,
 * associating and changing permissions all ask it (issue 14, bug 3).
 */
export function authorizePermissionSet(permissions: readonly string[]): void {
  if (permissions.length === 0)
    throw new AppError('VALIDATION', msg('Tick at least one permission (or Check All).'), {
      permissions: msg('Tick at least one permission.'),
    });
}
