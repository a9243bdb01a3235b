// src/policies/user-management.ts: each decision of SPEC rules 7-11 and 18, said once.
import { describe, expect, it } from 'vitest';
import type { AccountAccess } from '../../src/policies/authorize.js';
import { ALL_PERMISSIONS } from '../../src/policies/permissions.js';
import {
  authorizeEditPermissionsOf,
  authorizeMakeOwner,
  authorizeManageUsers,
  authorizeRemoveMember,
  canManageUsers,
  canViewAccountActivity,
} from '../../src/policies/user-management.js';

const owner: AccountAccess = { accountId: 1, userId: 1, isOwner: true, permissions: ALL_PERMISSIONS };
const everything: AccountAccess = { accountId: 1, userId: 2, isOwner: false, permissions: ALL_PERMISSIONS };
const on = { disableClientUserManagement: false };
const off = { disableClientUserManagement: true };
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'allowed';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('user management decisions', () => {
  it('only the owner manages users, and only while the admin setting allows it', () => {
    expect(canManageUsers(owner, on)).toBe(true);
    expect(canManageUsers(everything, on)).toBe(false);
    expect(canManageUsers(null, on)).toBe(false);
    expect(canManageUsers(owner, off)).toBe(false);
    expect(codeOf(() => authorizeManageUsers(everything, on))).toBe('NOT_OWNER');
    expect(codeOf(() => authorizeManageUsers(owner, off))).toBe('USER_MANAGEMENT_DISABLED');
  });

  it("the account's activity log is the owner's, even against a user with all 13 permissions", () => {
    expect(canViewAccountActivity(owner)).toBe(true);
    expect(canViewAccountActivity(everything)).toBe(false);
  });

  it("the owner's permissions are never edited, the owner never removed, ownership moves only by staff", () => {
    expect(codeOf(() => authorizeEditPermissionsOf({ isOwner: true }))).toBe('OWNER_PERMISSIONS_FIXED');
    expect(codeOf(() => authorizeEditPermissionsOf({ isOwner: false }))).toBe('allowed');
    expect(codeOf(() => authorizeRemoveMember({ isOwner: true }))).toBe('OWNER_NOT_REMOVABLE');
    expect(codeOf(() => authorizeMakeOwner('user'))).toBe('FORBIDDEN');
    expect(codeOf(() => authorizeMakeOwner('admin'))).toBe('allowed');
  });
});
