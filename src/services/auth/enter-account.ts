// Binding a logged-in user to an account (SPEC rules 5-6), for every way in: the login form, Switch
// Account, checkout's new account, accepting an invitation, single sign-on from the API and the
// importer. The membership is checked here, never trusted from the caller; the HTTP layer only
// keeps the session keys this returns.
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { effectivePermissions, type AccountAccess } from '../../policies/authorize.js';
import { recordLogin } from './login.js';

/** Where the person came from, for the login records and the activity log. */
export interface LoginMeta {
  ip: string;
  host?: string | null;
}

const notAmongYours = () => new AppError('NOT_FOUND', 'That account was not found among the accounts you can access.');

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
