// What the client area's User Management page shows (SPEC rules 7-12): the account's users and
// its invitations (pending, expired, accepted), read in ONE statement with plain pg (issue 12: no
// ORM on a page people open all day; the account-scoped page's budget is 3 statements, the
// session + user + membership read being one). Admin lists keep their own reads
// (memberships.ts, invitation-list.ts), which carry more per row.
import { database } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { invitationState, type InvitationState } from '../invitations/invitations.js';

export interface ManagedUser {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  isOwner: boolean;
  totpEnabled: boolean;
  /** When this user last logged in to this account (ISO), or null. */
  accountLastLoginAt: string | null;
}

export interface ManagedInvitation {
  id: number;
  email: string;
  state: InvitationState;
  sentAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: { id: number; email: string; firstName: string; lastName: string } | null;
}

interface Row {
  users: ManagedUser[];
  invitations: (Omit<ManagedInvitation, 'state'> & { status: string })[];
}

const USER_MANAGEMENT_SQL = `
  SELECT
    (SELECT coalesce(json_agg(x), '[]') FROM (
      SELECT u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName",
             au.is_owner AS "isOwner", u.totp_enabled AS "totpEnabled", au.last_login_at AS "accountLastLoginAt"
      FROM account_users au JOIN users u ON u.id = au.user_id
      WHERE au.account_id = $1
      ORDER BY au.is_owner DESC, au.created_at, au.id) x) AS users,
    (SELECT coalesce(json_agg(x), '[]') FROM (
      SELECT i.id, i.email, i.status, i.sent_at AS "sentAt", i.expires_at AS "expiresAt",
             i.accepted_at AS "acceptedAt",
             CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object(
               'id', a.id, 'email', a.email, 'firstName', a.first_name, 'lastName', a.last_name) END AS "acceptedBy"
      FROM invitations i LEFT JOIN users a ON a.id = i.accepted_by_user_id
      WHERE i.account_id = $1 AND i.status IN ('pending', 'expired', 'accepted')
      ORDER BY i.sent_at DESC, i.id DESC) x) AS invitations`;

export async function userManagementLists(accountId: number) {
  const { rows } = await database().pool.query<Row>({
    name: 'user-management-lists',
    text: USER_MANAGEMENT_SQL,
    values: [accountId],
  });
  const at = now();
  const invitations: ManagedInvitation[] = (rows[0]?.invitations ?? []).map(({ status, ...rest }) => ({
    ...rest,
    state: invitationState({ status, expiresAt: new Date(rest.expiresAt) }, at),
  }));
  return {
    users: rows[0]?.users ?? [],
    pending: invitations.filter((i) => i.state === 'pending' || i.state === 'expired'),
    accepted: invitations.filter((i) => i.state === 'accepted'),
  };
}
