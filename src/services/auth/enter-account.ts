// Binding a logged-in user to an account (SPEC rules 5-6), for every way in: the login form, Switch
// Account, checkout's new account, accepting an invitation, single sign-on from the API and the
// importer. The membership is checked here, never trusted from the caller; the HTTP layer only
// keeps the session keys this returns.
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { effectivePermissions, type AccountAccess } from '../../policies/authorize.js';
import { recordLogin } from './login.js';

/** Where the person came from, for the login records and the activity log. */
export interface LoginMeta {
  ip: string;
  host?: string | null;
}

const notAmongYours = () =>
  new AppError('NOT_FOUND', msg('That account was not found among the accounts you can access.'));

/**
 * Enters an account the user belongs to: records the account login (User Management's "Last
 * Login") and the activity entry, and returns the access. One statement, so the records exist
 * exactly when the membership does; a user without access gets NOT_FOUND and nothing is written.
 */
export async function enterAccount(userId: number, accountId: number, meta: LoginMeta): Promise<AccountAccess> {
  const at = now();
  const [row] = await db().$queryRaw<{ isOwner: boolean; permissions: string[] }[]>`
    WITH entered AS (
      UPDATE "account_users" SET "last_login_at" = ${at}, "last_login_ip" = ${meta.ip}
      WHERE "user_id" = ${userId} AND "account_id" = ${accountId}
      RETURNING "is_owner", "permissions", "account_id"
    ), logged AS (
      INSERT INTO "activity_log" ("created_at", "description", "actor_type", "user_id", "account_id", "ip")
      SELECT ${at}, 'User selected this account', 'user', ${userId}, "account_id", ${meta.ip} FROM entered
    )
    SELECT "is_owner" AS "isOwner", "permissions" FROM entered`;
  if (!row) throw notAmongYours();
  return { accountId, userId, isOwner: row.isOwner, permissions: effectivePermissions(row.isOwner, row.permissions) };
}

export interface CompletedLogin {
  userId: number;
  /** The account the session is bound to, or null when the user must choose (or has none). */
  accountId: number | null;
  /** How many accounts the user can reach: 0 means "no account" (SPEC rule 5). */
  accountCount: number;
  /** The user had never logged in before (a registration just confirmed, a new user's first visit). */
  firstLogin: boolean;
}

/**
 * After the password (and the second factor, when enabled) were checked: records the login, and
 * binds the session to `intoAccountId` when given (an accepted invitation, single sign-on), else
 * to the user's only account. A user with several accounts gets accountId null: they choose.
 */
export async function completeLogin(userId: number, meta: LoginMeta, intoAccountId?: number): Promise<CompletedLogin> {
  const firstLogin = await recordLogin(userId, meta.ip, meta.host ?? null);
  const accounts = await db().accountUser.findMany({ where: { userId }, select: { accountId: true } });
  const target = intoAccountId ?? (accounts.length === 1 ? accounts[0]?.accountId : undefined);
  if (target === undefined) return { userId, accountId: null, accountCount: accounts.length, firstLogin };
  await enterAccount(userId, target, meta);
  return { userId, accountId: target, accountCount: accounts.length, firstLogin };
}

/**
 * "Login as Owner/User" (issue 14): a member of staff enters the client area as this user in this
 * account. Checked in the same statement that writes the entry: the user still belongs to the
 * account and the account allows single sign-on. The entry is the admin's (actor admin), and the
 * user's own login records (last login, "User selected this account") are left alone: it was not
 * the user who logged in.
 */
export async function enterAccountAsStaff(
  adminId: number,
  userId: number,
  accountId: number,
  meta: LoginMeta,
): Promise<AccountAccess> {
  const at = now();
  const [row] = await db().$queryRaw<{ isOwner: boolean; permissions: string[] }[]>`
    WITH target AS (
      SELECT au."is_owner", au."permissions", u."email"
      FROM "account_users" au
      JOIN "accounts" a ON a."id" = au."account_id"
      JOIN "users" u ON u."id" = au."user_id"
      WHERE au."user_id" = ${userId} AND au."account_id" = ${accountId} AND a."allow_single_sign_on"
    ), logged AS (
      INSERT INTO "activity_log" ("created_at", "description", "actor_type", "admin_id", "user_id", "account_id", "ip")
      SELECT ${at}, 'Staff logged in to the client area as ' || "email" || ' (User ID: ' || ${userId}::text || ')',
             'admin', ${adminId}, NULL, ${accountId}, ${meta.ip} FROM target
    )
    SELECT "is_owner" AS "isOwner", "permissions" FROM target`;
  if (!row)
    throw new AppError(
      'FORBIDDEN',
      msg(
        'This staff login can no longer be used: the user lost access to the client, or single sign-on was turned off.',
      ),
    );
  return { accountId, userId, isOwner: row.isOwner, permissions: effectivePermissions(row.isOwner, row.permissions) };
}
