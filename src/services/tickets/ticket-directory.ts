// Tickets across accounts for staff tools (the API's GetTickets and GetSupportDepartments): an
// offset window with filters and the total, each ticket with who opened it, badged exactly as
// the admin's ticket view badges that person (SPEC rule 21), and the departments with counts.
import { db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { badgeFor, loadBadgeContexts } from './badges.js';
import { AWAITING_STAFF, TICKET_DEPARTMENTS } from './constants.js';

/** Status filters beyond the statuses themselves, by WHMCS's names. */
export const TICKET_STATUS_GROUPS = ['Awaiting Reply', 'All Active Tickets', 'My Flagged Tickets'] as const;

export interface TicketFilter {
  accountId?: number;
  department?: string;
  /** A status, or one of TICKET_STATUS_GROUPS. */
  status?: string;
  /** Part of the subject (case-insensitive). */
  subject?: string;
  /** The email the ticket was opened from. */
  email?: string;
  offset: number;
  limit: number;
}

function statusWhere(status: string | undefined): Prisma.TicketWhereInput {
  if (!status) return {};
  if (status === 'Awaiting Reply') return { status: { in: [...AWAITING_STAFF] } };
  if (status === 'All Active Tickets') return { status: { not: 'Closed' } };
  // Tickets have no flags in this product: nobody's flagged list has anything in it.
  if (status === 'My Flagged Tickets') return { id: { in: [] } };
  return { status };
}

export async function listTicketWindow(f: TicketFilter) {
  const where: Prisma.TicketWhereInput = {
    ...(f.accountId !== undefined ? { accountId: f.accountId } : {}),
    ...(f.department ? { department: f.department } : {}),
    ...(f.subject ? { subject: { contains: f.subject, mode: 'insensitive' } } : {}),
    ...(f.email
      ? { replies: { some: { email: { equals: f.email.trim(), mode: 'insensitive' }, adminId: null } } }
      : {}),
    ...statusWhere(f.status),
  };
  const [total, tickets] = await Promise.all([
    db().ticket.count({ where }),
    db().ticket.findMany({
      where,
      orderBy: [{ lastReplyAt: 'desc' }, { id: 'desc' }],
      skip: f.offset,
      take: f.limit,
      include: {
        replies: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 1 },
        openedByAdmin: { select: { firstName: true, lastName: true } },
        account: {
          select: {
            users: { where: { isOwner: true }, select: { user: { select: { firstName: true, lastName: true } } } },
          },
        },
      },
    }),
  ]);
  // A guest's ticket (the contact form) has no account: 0, which no account has, stands for it.
  const contexts = await loadBadgeContexts(
    tickets.map((t) => t.accountId ?? 0),
    tickets.map((t) => t.replies[0]?.email ?? ''),
  );
  const rows = tickets.map((t) => {
    const opening = t.replies[0];
    const owner = t.account?.users[0]?.user;
    const adminName = t.openedByAdmin ? `${t.openedByAdmin.firstName} ${t.openedByAdmin.lastName}` : null;
    const badge = opening
      ? badgeFor(
          { userId: opening.userId, adminId: opening.adminId, email: opening.email, adminName },
          contexts.get(t.accountId ?? 0)!,
        )
      : null;
    return {
      ticket: t,
      requestor: {
        name: opening?.name ?? '',
        email: opening?.email ?? '',
        /** The badge's label for customers; staff-opened tickets say "Staff" rather than a name. */
        type: badge ? (badge.kind === 'admin' ? 'Staff' : badge.label) : 'Guest',
      },
      ownerName: owner ? `${owner.firstName} ${owner.lastName}`.trim() : '',
      /** The admin who opened it, when staff did. */
      staffName: adminName ?? '',
    };
  });
  return { total, rows };
}

/** Every department with how many of its tickets are open and how many await a staff reply. */
export async function departmentsWithCounts() {
  const groups = await db().ticket.groupBy({ by: ['department', 'status'], _count: { _all: true } });
  return TICKET_DEPARTMENTS.map((name) => {
    const mine = groups.filter((g) => g.department === name);
    const count = (pred: (status: string) => boolean) =>
      mine.filter((g) => pred(g.status)).reduce((n, g) => n + g._count._all, 0);
    return {
      name,
      awaitingReply: count((s) => (AWAITING_STAFF as readonly string[]).includes(s)),
      openTickets: count((s) => s !== 'Closed'),
    };
  });
}
