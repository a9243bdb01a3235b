// Who can reach which account, with which permissions (SPEC rules 5-11, 17-18).
import { db, type Tx } from '../../db/client.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { effectivePermissions, type AccountAccess } from '../../policies/authorize.js';
import { ALL_PERMISSIONS, isPermission, normalizePermissions, type Permission } from '../../policies/permissions.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { getSettings } from '../settings/settings.js';
import {
  authorizeEditPermissionsOf,
  authorizeMakeOwner,
  authorizeManageUsers,
  authorizePermissionSet,
  authorizeRemoveMember,
} from '../../policies/user-management.js';
import { assertStaffMay } from '../admins/staff-access.js';

/** Validates permission keys from a form or an API: anything outside the 13 is refused. */
export function parsePermissions(keys: readonly string[]): Permission[] {
  const unknown = keys.filter((k) => !isPermission(k));
  if (unknown.length) {
    throw new AppError(
      'INVALID_PERMISSION',
      msg('Unknown permission: {{permissions}}'),
      { permissions: msg('Choose permissions from the list.') },
      { params: { permissions: unknown.join(', ') } },
    );
  }
  return normalizePermissions(keys as Permission[]);
}

/** The access a user has to one account, read fresh (one query). Null when none. */
export async function getAccess(userId: number, accountId: number): Promise<AccountAccess | null> {
  const link = await db().accountUser.findUnique({
    where: { accountId_userId: { accountId, userId } },
    select: { isOwner: true, permissions: true },
  });
  if (!link) return null;
  return {
    accountId,
    userId,
    isOwner: link.isOwner,
    permissions: effectivePermissions(link.isOwner, link.permissions),
  };
}

/** The accounts a user can reach, for Choose Account. */
export async function listUserAccounts(userId: number) {
  const links = await db().accountUser.findMany({
    where: { userId },
    select: {
      isOwner: true,
      permissions: true,
      lastLoginAt: true,
      account: { select: { id: true, firstName: true, lastName: true, companyName: true, email: true, status: true } },
    },
    orderBy: [{ isOwner: 'desc' }, { accountId: 'asc' }],
  });
  return links.map((l) => ({
    ...l.account,
    isOwner: l.isOwner,
    permissions: effectivePermissions(l.isOwner, l.permissions),
    lastLoginAt: l.lastLoginAt,
  }));
}

export const MEMBER_SELECT = {
  isOwner: true,
  permissions: true,
  lastLoginAt: true,
  lastLoginIp: true,
  createdAt: true,
  user: {
    select: {
      id: true,
      email: true,
      firstName: true,
      lastName: true,
      totpEnabled: true,
      lastLoginAt: true,
      lastLoginIp: true,
      lastLoginHost: true,
    },
  },
} as const;

type MemberRow = {
  isOwner: boolean;
  permissions: string[];
  lastLoginAt: Date | null;
  lastLoginIp: string | null;
  createdAt: Date;
  user: {
    id: number;
    email: string;
    firstName: string;
    lastName: string;
    totpEnabled: boolean;
    lastLoginAt: Date | null;
    lastLoginIp: string | null;
    lastLoginHost: string | null;
  };
};

export function toMember(l: MemberRow) {
  return {
    ...l.user,
    isOwner: l.isOwner,
    permissions: effectivePermissions(l.isOwner, l.permissions),
    accountLastLoginAt: l.lastLoginAt,
    accountLastLoginIp: l.lastLoginIp,
    associatedAt: l.createdAt,
  };
}

export type AccountMember = ReturnType<typeof toMember>;

/** The account's users for User Management and the admin Users tab. */
export async function listAccountUsers(accountId: number): Promise<AccountMember[]> {
  const links = await db().accountUser.findMany({
    where: { accountId },
    select: MEMBER_SELECT,
    orderBy: [{ isOwner: 'desc' }, { createdAt: 'asc' }],
  });
  return links.map(toMember);
}

/** One user of the account; another account's user answers exactly like a missing one. */
export async function getAccountMember(accountId: number, userId: number): Promise<AccountMember> {
  const link = await db().accountUser.findUnique({
    where: { accountId_userId: { accountId, userId } },
    select: MEMBER_SELECT,
  });
  if (!link) throw new AppError('NOT_A_MEMBER', msg('That user does not have access to this account.'));
  return toMember(link);
}

/**
 * SPEC rules 7-11: in the client area only the owner manages users, and not at all when the
 * admin setting disables it (policies/user-management.ts). Admins and System always may.
 */
export async function assertCanManageUsers(actor: Actor, accountId: number): Promise<void> {
  // Staff need a role that may change clients (support and billing only read them).
  if (actor.kind === 'admin') return assertStaffMay(actor, 'clients.write');
  if (actor.kind !== 'user') return;
  const [settings, access] = await Promise.all([getSettings(), getAccess(actor.userId, accountId)]);
  authorizeManageUsers(access, settings);
}

async function targetLink(tx: Tx, accountId: number, userId: number) {
  const link = await tx.accountUser.findUnique({
    where: { accountId_userId: { accountId, userId } },
    include: { user: { select: { email: true } } },
  });
  if (!link) throw new AppError('NOT_A_MEMBER', msg('That user does not have access to this account.'));
  return link;
}

/** A user of the account whose permissions may be edited: never the owner (SPEC rule 9). */
export async function getEditableMember(accountId: number, userId: number): Promise<AccountMember> {
  const member = await getAccountMember(accountId, userId);
  authorizeEditPermissionsOf(member);
  return member;
}

/** SPEC rule 9: change a non-owner user's permissions (at least one). */
export async function updatePermissions(actor: Actor, accountId: number, userId: number, keys: readonly string[]) {
  const permissions = parsePermissions(keys);
  await assertCanManageUsers(actor, accountId);
  await db().$transaction((tx) => updatePermissionsInTx(tx, actor, accountId, userId, permissions));
}

/** updatePermissions inside the caller's transaction (Manage User saves several things at once). */
export async function updatePermissionsInTx(
  tx: Tx,
  actor: Actor,
  accountId: number,
  userId: number,
  permissions: Permission[],
) {
  const link = await targetLink(tx, accountId, userId);
  authorizeEditPermissionsOf(link);
  authorizePermissionSet(permissions);
  // Conditional on not being the owner, so a concurrent Make Owner cannot be overwritten.
  const { count } = await tx.accountUser.updateMany({
    where: { id: link.id, isOwner: false },
    data: { permissions },
  });
  // Zero rows: the user became the owner in between (a concurrent Make Owner).
  if (!count) authorizeEditPermissionsOf({ isOwner: true });
  if (link.permissions.join() === permissions.join()) return;
  await logActivity(
    actor,
    `Permissions changed for ${link.user.email} (User ID: ${userId}): ${permissions.join(', ')}`,
    accountId,
    tx,
  );
}

/** SPEC rule 10: remove a non-owner user's access. Their next request is refused. */
export async function removeUser(actor: Actor, accountId: number, userId: number) {
  await assertCanManageUsers(actor, accountId);
  await db().$transaction(async (tx) => {
    const link = await targetLink(tx, accountId, userId);
    authorizeRemoveMember(link);
    const { count } = await tx.accountUser.deleteMany({ where: { id: link.id, isOwner: false } });
    if (!count) authorizeRemoveMember({ isOwner: true });
    await logActivity(actor, `User access removed: ${link.user.email} (User ID: ${userId})`, accountId, tx);
  });
}

/** Associates a user directly (admin "Send Invite: No", accepting an invitation). */
export async function addMemberInTx(tx: Tx, accountId: number, userId: number, permissions: Permission[]) {
  try {
    return await tx.accountUser.create({ data: { accountId, userId, isOwner: false, permissions } });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError('ALREADY_MEMBER', msg('That user already has access to this account.'));
    throw e;
  }
}

/**
 * SPEC rule 18: Make Owner. The previous owner stays with all permissions. The account row is
 * locked so concurrent calls run one after another; the partial unique index accounts_one_owner
 * is the last line of defence.
 */
export async function makeOwner(actor: Actor, accountId: number, userId: number) {
  authorizeMakeOwner(actor.kind);
  await assertStaffMay(actor, 'clients.write');
  await db().$transaction((tx) => makeOwnerInTx(tx, actor, accountId, userId));
}

/** makeOwner inside the caller's transaction. Refuses a user who already owns the account. */
export async function makeOwnerInTx(tx: Tx, actor: Actor, accountId: number, userId: number) {
  authorizeMakeOwner(actor.kind);
  const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "accounts" WHERE id = ${accountId} FOR UPDATE`;
  if (!locked.length) throw new AppError('ACCOUNT_NOT_FOUND', msg('Account not found.'));
  const target = await targetLink(tx, accountId, userId);
  // Nothing to transfer: say so rather than report a transfer that did not happen.
  if (target.isOwner)
    throw new AppError(
      'CONFLICT',
      msg('{{email}} already owns this account.'),
      {},
      { params: { email: target.user.email } },
    );
  const previous = await tx.accountUser.findFirst({
    where: { accountId, isOwner: true },
    include: { user: { select: { email: true } } },
  });
  if (previous) {
    await tx.accountUser.update({
      where: { id: previous.id },
      data: { isOwner: false, permissions: [...ALL_PERMISSIONS] },
    });
  }
  await tx.accountUser.update({
    where: { id: target.id },
    data: { isOwner: true, permissions: [...ALL_PERMISSIONS] },
  });
  await logActivity(
    actor,
    `Account ownership transferred from ${previous?.user.email ?? 'nobody'} to ${target.user.email} (User ID: ${userId})`,
    accountId,
    tx,
  );
}

export { ALL_PERMISSIONS };
