// What every client-area request needs, read fresh each time (SPEC rule 6): the user and their
// membership of the selected account, with that account's header fields. It runs on every page
// view, so it is plain pg (no ORM), a named statement, and normally joined to the session read
// itself (readSessionWithContext), so the page pays one round trip for both.
import { database } from '../../db/client.js';
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

interface Row extends Omit<RequestUser, 'id'> {
  id: number;
  isOwner: boolean | null;
  permissions: string[] | null;
  accountId: number | null;
  accountFirstName: string | null;
  accountLastName: string | null;
  companyName: string | null;
  accountEmail: string | null;
  status: string | null;
}

const CONTEXT_COLUMNS = `
  u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.language,
  u.totp_enabled AS "totpEnabled", u.email_verified_at AS "emailVerifiedAt",
  au.is_owner AS "isOwner", au.permissions, a.id AS "accountId",
  a.first_name AS "accountFirstName", a.last_name AS "accountLastName",
  a.company_name AS "companyName", a.email AS "accountEmail", a.status`;

/** The user and membership for a user id and account id ($1, $2). Named: planned once per connection. */
const CONTEXT_QUERY = {
  name: 'request-context',
  text: `SELECT ${CONTEXT_COLUMNS}
    FROM users u
    LEFT JOIN accounts a ON a.id = $2
    LEFT JOIN account_users au ON au.user_id = u.id AND au.account_id = a.id
    WHERE u.id = $1`,
};

/**
 * The session row AND what it points at, in one round trip: the user and the selected account's
 * membership (speed issue). The ids come from the stored session itself, so the membership is
 * still read fresh on every request (SPEC rule 6); only the separate round trip is gone.
 */
const SESSION_CONTEXT_QUERY = {
  name: 'session-with-context',
  text: `SELECT s.sess, ${CONTEXT_COLUMNS}
    FROM "session" s
    LEFT JOIN users u ON u.id = (s.sess ->> 'userId')::int
    LEFT JOIN accounts a ON a.id = (s.sess ->> 'accountId')::int AND u.id IS NOT NULL
    LEFT JOIN account_users au ON au.user_id = u.id AND au.account_id = a.id
    WHERE s.sid = $1 AND s.expire >= to_timestamp($2)`,
};

function contextFromRow(row: Row | undefined): RequestContext | null {
  if (!row || row.id === null) return null;
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
    access: {
      accountId: linked,
      userId: user.id,
      isOwner,
      permissions: effectivePermissions(isOwner, permissions ?? []),
    },
    account: { ...account, displayName: accountDisplayName(account) },
  };
}

export async function loadRequestContext(userId: number, accountId: number): Promise<RequestContext | null> {
  const { rows } = await database().pool.query<Row>({ ...CONTEXT_QUERY, values: [userId, accountId] });
  return contextFromRow(rows[0]);
}

export interface SessionWithContext {
  sess: Record<string, unknown>;
  /** Null for a session with no user, or whose user is gone. */
  context: RequestContext | null;
}

/** A client-area session by id, with its request context (the session store's read). */
export async function readSessionWithContext(sid: string): Promise<SessionWithContext | null> {
  const { rows } = await database().pool.query<Row & { sess: Record<string, unknown> }>({
    ...SESSION_CONTEXT_QUERY,
    values: [sid, Math.ceil(Date.now() / 1000)],
  });
  const row = rows[0];
  if (!row) return null;
  const { sess, ...rest } = row;
  return { sess, context: contextFromRow(rest as Row) };
}
