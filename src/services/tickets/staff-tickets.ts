// Admin support tickets (SPEC rule 21): list across accounts, open on behalf of an account,
// view with a badge per reply, reply as the admin, change status.
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { openTicketInAccount } from './client-tickets.js';
import { badgeFor, loadBadgeContext } from './badges.js';

export async function listTickets(filter: { accountId?: number; status?: string; page?: number; perPage?: number }) {
  const perPage = filter.perPage ?? 25;
  const page = Math.max(1, filter.page ?? 1);
  const rows = await db().ticket.findMany({
    where: {
      ...(filter.accountId ? { accountId: filter.accountId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    },
    orderBy: [{ lastReplyAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * perPage,
    take: perPage + 1,
    include: { account: { select: { id: true, firstName: true, lastName: true, companyName: true } } },
  });
  return { tickets: rows.slice(0, perPage), page, hasNext: rows.length > perPage };
}

/** The ticket with every reply and its badge: three queries whatever the number of replies. */
export async function getTicketWithBadges(ticketId: number) {
  const ticket = await db().ticket.findUnique({
    where: { id: ticketId },
    include: {
      account: { select: { id: true, firstName: true, lastName: true, companyName: true } },
      replies: {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { admin: { select: { firstName: true, lastName: true } } },
      },
    },
  });
  if (!ticket) throw new AppError('NOT_FOUND', 'Ticket not found.');
  const ctx = await loadBadgeContext(
    ticket.accountId,
    ticket.replies.map((r) => r.email),
  );
  const replies = ticket.replies.map((r) => ({
    ...r,
    badge: badgeFor(
      {
        userId: r.userId,
        adminId: r.adminId,
        email: r.email,
        adminName: r.admin ? `${r.admin.firstName} ${r.admin.lastName}` : r.name,
      },
      ctx,
    ),
  }));
  return { ...ticket, replies };
}

async function adminIdentity(adminId: number) {
  const admin = await db().admin.findUnique({
    where: { id: adminId },
    select: { email: true, firstName: true, lastName: true },
  });
  if (!admin) throw new AppError('NOT_FOUND', 'Admin not found.');
  return { email: admin.email, name: `${admin.firstName} ${admin.lastName}`.trim() };
}

export async function adminReply(actor: Actor & { kind: 'admin' }, ticketId: number, message: string, status?: string) {
  const who = await adminIdentity(actor.adminId);
  await db().$transaction(async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, select: { id: true, accountId: true } });
    if (!ticket) throw new AppError('NOT_FOUND', 'Ticket not found.');
    const at = now();
    await tx.ticketReply.create({
      data: { ticketId, message, adminId: actor.adminId, email: who.email, name: who.name, createdAt: at },
    });
    await tx.ticket.update({ where: { id: ticketId }, data: { lastReplyAt: at, status: status ?? 'Answered' } });
    await logActivity(actor, `Ticket #${ticketId} replied to by staff`, ticket.accountId, tx);
  });
}

export async function setTicketStatus(actor: Actor, ticketId: number, status: string) {
  await db().$transaction(async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, select: { accountId: true } });
    if (!ticket) throw new AppError('NOT_FOUND', 'Ticket not found.');
    await tx.ticket.update({ where: { id: ticketId }, data: { status } });
    await logActivity(actor, `Ticket #${ticketId} status changed to ${status}`, ticket.accountId, tx);
  });
}

export async function openTicketForAccount(
  actor: Actor & { kind: 'admin' },
  accountId: number,
  input: { subject: string; department: string; priority: string; message: string },
) {
  const who = await adminIdentity(actor.adminId);
  const account = await db().account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw new AppError('NOT_FOUND', 'Client not found.', { accountId: 'No client with this ID.' });
  return openTicketInAccount(actor, accountId, { adminId: actor.adminId, ...who }, input);
}
