// What a user may do in the selected account. The access record is read fresh from the
// database on every request (src/http/middleware/load-user.ts); these checks only interpret it.
import { AppError } from '../lib/errors.js';
import { msg } from '../lib/i18n.js';
import { ALL_PERMISSIONS, type Permission } from './permissions.js';

export interface AccountAccess {
  accountId: number;
  userId: number;
  isOwner: boolean;
  /** Effective permissions: all 13 for the owner. */
  permissions: readonly Permission[];
}

export function effectivePermissions(isOwner: boolean, stored: readonly string[]): Permission[] {
  if (isOwner) return [...ALL_PERMISSIONS];
  const have = new Set(stored);
  return ALL_PERMISSIONS.filter((k) => have.has(k));
}

export function can(access: AccountAccess | null | undefined, permission: Permission): boolean {
  return !!access && access.permissions.includes(permission);
}

/** Throws FORBIDDEN unless the access grants the permission. */
export function authorize(access: AccountAccess | null | undefined, permission: Permission): AccountAccess {
  if (!access || !access.permissions.includes(permission)) {
    throw new AppError('FORBIDDEN', msg('You do not have permission to access this part of the account.'));
  }
  return access;
}

/**
 * For services acting in the client area: the account the access is for, once the permission
 * is checked. Section services take the AccountAccess read fresh for this request and call this
 * first, so the permission rule holds whichever route (or test, or job) calls them.
 */
export function accountFor(access: AccountAccess, permission: Permission): number {
  return authorize(access, permission).accountId;
}

/** Throws NOT_OWNER unless the access is the account owner's. */
export function authorizeOwner(access: AccountAccess | null | undefined): AccountAccess {
  if (!access?.isOwner) {
    throw new AppError('NOT_OWNER', msg('Only the account owner can do this.'));
  }
  return access;
}
