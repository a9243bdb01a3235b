// Users, accounts, memberships and admins, written straight through Prisma (db()).
import { db } from '../../src/db/client.js';
import type { Account, AccountUser, Admin, Prisma, User } from '../../src/generated/prisma/client.js';
import { ALL_PERMISSIONS, type Permission } from '../../src/policies/permissions.js';
import { testPasswordHash, unique, uniqueEmail } from './unique.js';

export type UserOverrides = Partial<Prisma.UserUncheckedCreateInput>;
export type AccountOverrides = Partial<Prisma.AccountUncheckedCreateInput>;
export type AdminOverrides = Partial<Prisma.AdminUncheckedCreateInput>;

/**
 * A user with a unique lower-case email whose password is TEST_PASSWORD. Pass
 * `passwordHash: null` for a user without a password (e.g. invited, never set one).
 */
export async function buildUser(overrides: UserOverrides = {}): Promise<User> {
  const id = unique();
  const passwordHash = overrides.passwordHash !== undefined ? overrides.passwordHash : await testPasswordHash();
  return db().user.create({
    data: {
      email: uniqueEmail('user'),
      firstName: 'Test',
      lastName: `User ${id}`,
      ...overrides,
      passwordHash,
    },
  });
}

/** An account (billing party) with no users. */
export async function buildAccount(overrides: AccountOverrides = {}): Promise<Account> {
  const id = unique();
  return db().account.create({
    data: {
      firstName: 'Test',
      lastName: `Account ${id}`,
      companyName: `Company ${id}`,
      email: uniqueEmail('billing'),
      ...overrides,
    },
  });
}

export interface MembershipInput {
  accountId: number;
  userId: number;
  isOwner?: boolean;
  /** Default: every permission for an owner, none for an authorized user. */
  permissions?: readonly Permission[];
}

export async function buildMembership(input: MembershipInput): Promise<AccountUser> {
  const isOwner = input.isOwner ?? false;
  const permissions = input.permissions ?? (isOwner ? ALL_PERMISSIONS : []);
  return db().accountUser.create({
    data: { accountId: input.accountId, userId: input.userId, isOwner, permissions: [...permissions] },
  });
}

export interface AccountWithOwner {
  account: Account;
  owner: User;
  membership: AccountUser;
}

/** An account owned by a new user (as registration makes them). */
export async function buildAccountWithOwner(
  overrides: { account?: AccountOverrides; owner?: UserOverrides } = {},
): Promise<AccountWithOwner> {
  const owner = await buildUser(overrides.owner);
  const account = await buildAccount({ firstName: owner.firstName, lastName: owner.lastName, ...overrides.account });
  const membership = await buildMembership({ accountId: account.id, userId: owner.id, isOwner: true });
  return { account, owner, membership };
}

/** A new user given access to an existing account with the given permissions (default none). */
export async function buildAuthorizedUser(
  accountId: number,
  permissions: readonly Permission[] = [],
  overrides: UserOverrides = {},
): Promise<{ user: User; membership: AccountUser }> {
  const user = await buildUser(overrides);
  const membership = await buildMembership({ accountId, userId: user.id, permissions });
  return { user, membership };
}

/** An admin (staff) whose password is TEST_PASSWORD. */
export async function buildAdmin(overrides: AdminOverrides = {}): Promise<Admin> {
  const id = unique();
  return db().admin.create({
    data: {
      email: uniqueEmail('admin'),
      firstName: 'Admin',
      lastName: `Staff ${id}`,
      passwordHash: await testPasswordHash(),
      ...overrides,
    },
  });
}
