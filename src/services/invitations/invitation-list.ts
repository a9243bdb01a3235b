// The invitations of an account as its owner (User Management) and staff (the Users tab) see
// them: each with its state, who accepted it, and whether its newest email arrived (a pending
// invitation whose link never reached the person shows "Not delivered" and the reason).
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { Prisma } from '../../generated/prisma/client.js';
import { containsPattern, inOrder, pageOfIds, whereAll, type ListRequest, type ListSpec } from '../lists/paging.js';
import { invitationState } from './invitations.js';

const LISTED = {
  acceptedBy: { select: { id: true, email: true, firstName: true, lastName: true } },
  lastEmail: { select: { id: true, status: true, error: true } },
} as const;

type Row = Prisma.InvitationGetPayload<{ include: typeof LISTED }>;

function present(rows: Row[]) {
  const at = now();
  return rows.map((r) => {
    const { tokenHash: _t, ...rest } = r;
    const state = invitationState(r, at);
    const undelivered = state === 'pending' && r.lastEmail?.status === 'failed';
    return { ...rest, state, undelivered, deliveryError: undelivered ? (r.lastEmail?.error ?? 'unknown error') : null };
  });
}

export type ListedInvitation = ReturnType<typeof present>[number];

/** Pending (and expired, still resendable) invitations, plus accepted ones with who accepted. */
export async function listInvitations(accountId: number) {
  const rows = await db().invitation.findMany({
    where: { accountId, status: { in: ['pending', 'expired', 'accepted'] } },
    orderBy: { sentAt: 'desc' },
    include: LISTED,
  });
  return present(rows);
}

export const INVITATION_LIST: ListSpec<'sent' | 'email'> = {
  from: Prisma.sql`"invitations" i`,
  id: Prisma.sql`i."id"`,
  sorts: {
    sent: { label: 'Sent', columns: [{ sql: Prisma.sql`i."sent_at"`, type: 'timestamptz' }] },
    email: { label: 'Email', columns: [{ sql: Prisma.sql`i."email"`, type: 'text' }] },
  },
  defaultSort: 'sent',
  defaultDir: 'desc',
};

/** The Users tab's pending invitations (pending or expired), searchable by email, one page. */
export async function pageOpenInvitations(accountId: number, query: string, req: ListRequest<'sent' | 'email'>) {
  const q = query.trim();
  const where = whereAll([
    Prisma.sql`i."account_id" = ${accountId}`,
    Prisma.sql`i."status" IN ('pending', 'expired')`,
    !!q && Prisma.sql`i."email" LIKE ${containsPattern(q)}`,
  ]);
  const { ids, info } = await pageOfIds(INVITATION_LIST, where, req);
  const rows = ids.length ? await db().invitation.findMany({ where: { id: { in: ids } }, include: LISTED }) : [];
  return { invitations: present(inOrder(ids, rows)), info };
}

/** The newest accepted invitations of an account, with who accepted. */
export async function recentlyAccepted(accountId: number, take = 10) {
  const rows = await db().invitation.findMany({
    where: { accountId, status: 'accepted' },
    orderBy: { acceptedAt: 'desc' },
    take,
    include: LISTED,
  });
  return present(rows);
}
