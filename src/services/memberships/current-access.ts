// What every client-area request needs, read fresh each time (SPEC rule 6): the user and their
// membership of the selected account, with that account's header fields. One statement: it runs
// on every page view, so it is plain SQL rather than a nested Prisma read.
import { db } from '../../db/client.js';
import { effectivePermissions, type AccountAccess } from '../../policies/authorize.js';
import { accountDisplayName } from '../accounts/accounts.js';

export interface RequestUser {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  language: string;
  totpEnabled: boolean;
  emailVerifiedAt: Date | null;
}

export interface RequestAccount {
  id: number;
  firstName: string;
  lastName: string;
  companyName: string;
  email: string;
  status: string;
  displayName: string;
}

export interface RequestContext {
  user: RequestUser;
  /** Null when the user has no access to the selected account (any more). */
  access: AccountAccess | null;
  account: RequestAccount | null;
  /**
   * The selected account when the user's access to it is gone (removed since the last request),
   * so the next page can say which access ended (issue 13 bug 5); null otherwise.
   */
  lostAccount: { id: number; displayName: string } | null;
}

interface Row extends RequestUser {
  isOwner: boolean | null;
  permissions: string[] | null;
  accountId: number | null;
  accountFirstName: string | null;
  accountLastName: string | null;
  companyName: string | null;
  accountEmail: string | null;
  status: string | null;
}

export async function loadRequestContext(userId: number, accountId: number): Promise<RequestContext | null> {
  const [row] = await db().$queryRaw<Row[]>`
    SELECT u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.language,
           u.totp_enabled AS "totpEnabled", u.email_verified_at AS "emailVerifiedAt",
           au.is_owner AS "isOwner", au.permissions, a.id AS "accountId",
           a.first_name AS "accountFirstName", a.last_name AS "accountLastName",
           a.company_name AS "companyName", a.email AS "accountEmail", a.status
    FROM users u
    LEFT JOIN accounts a ON a.id = ${accountId}
    LEFT JOIN account_users au ON au.user_id = u.id AND au.account_id = a.id
    WHERE u.id = ${userId}`;
  if (!row) return null;
  const {
    isOwner,
    permissions,
    accountId: linked,
    accountFirstName,
    accountLastName,
    companyName,
    accountEmail,
    status,
    ...user
  } = row;
  if (linked === null) return { user, access: null, account: null, lostAccount: null };
  const account = {
    id: linked,
    firstName: accountFirstName ?? '',
    lastName: accountLastName ?? '',
    companyName: companyName ?? '',
    email: accountEmail ?? '',
    status: status ?? '',
  };
  if (isOwner === null) {
    return { user, access: null, account: null, lostAccount: { id: linked, displayName: accountDisplayName(account) } };
  }
  return {
    lostAccount: null,
    user,
    access: { accountId: linked, userId, isOwner, permissions: effectivePermissions(isOwner, permissions ?? []) },
    account: { ...account, displayName: accountDisplayName(account) },
  };
}
