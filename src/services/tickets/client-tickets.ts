// Support tickets in the client area (SPEC rule 21): list, open, view, reply, close. Every
// reply records its author user, with their email and name as they were when writing.
import { accountFor } from '../../policies/authorize.js';
import { db, type Tx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import type { AccountContext, Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';

/** A user writing in the client area. */
export interface ClientTicketAuthor {
  userId: number;
  email: string;
  name: string;
}

/**
 * Who writes on a ticket: a user of the client area, staff, or (through staff tools) just a name
 * and an email: one of the account's contacts, or a guest.
 */
export type TicketAuthor =
  ClientTicketAuthor | { adminId: number; email: string; name: string } | { email: string; name: string };

const authorIds = (author: TicketAuthor) => ({
  userId: 'userId' in author ? author.userId : null,
  adminId: 'adminId' in author ? author.adminId : null,
});

export function listTickets(ctx: AccountContext) {
  const accountId = accountFor(ctx.access, 'tickets');
  return db().ticket.findMany({ where: { accountId }, orderBy: [{ lastReplyAt: 'desc' }, { id: 'desc' }] });
}

async function findTicket(client: Tx, accountId: number, ticketId: number) {
  const ticket = await client.ticket.findFirst({ where: { id: ticketId, accountId } });
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', msg('That ticket was not found in this account.'));
  return ticket;
}

export async function getTicket(ctx: AccountContext, ticketId: number) {
  const accountId = accountFor(ctx.access, 'tickets');
  const ticket = await db().ticket.findFirst({
    where: { id: ticketId, accountId },
    include: {
      replies: {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { admin: { select: { firstName: true, lastName: true } } },
      },
    },
  });
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', msg('That ticket was not found in this account.'));
  return ticket;
}

/** A user opens a ticket in the account they have `tickets` access to. */
export function openTicket(
  ctx: AccountContext,
  author: ClientTicketAuthor,
  input: { subject: string; department: string; priority: string; message: string },
) {
  return openTicketInAccount(ctx.actor, accountFor(ctx.access, 'tickets'), author, input);
}

/**
 * Opens a ticket in an account: for a user through openTicket, for staff on the account's behalf.
 * The requester (for the desk's filters) is the author unless given (staff open for a client).
 */
export async function openTicketInAccount(
  actor: Actor,
  accountId: number,
  author: TicketAuthor,
  input: { subject: string; department: string; priority: string; message: string },
  requester: { email: string; name: string } = author,
) {
  return db().$transaction(async (tx) => {
    const at = now();
    const ticket = await tx.ticket.create({
      data: {
        accountId,
        subject: input.subject,
        department: input.department,
        priority: input.priority,
        status: 'Open',
        openedByUserId: authorIds(author).userId,
        openedByAdminId: authorIds(author).adminId,
        requesterEmail: requester.email.trim().toLowerCase(),
        requesterName: requester.name,
        createdAt: at,
        lastReplyAt: at,
        replies: {
          create: {
            message: input.message,
            ...authorIds(author),
            email: author.email,
            name: author.name,
            createdAt: at,
          },
        },
      },
    });
    const by = actor.kind === 'admin' ? ' by staff' : '';
    await logActivity(actor, `Support ticket opened${by}: #${ticket.id} ${ticket.subject}`, accountId, tx);
    return ticket;
  });
}

export function replyToTicket(ctx: AccountContext, ticketId: number, author: ClientTicketAuthor, message: string) {
  return addCustomerReply(ctx.actor, accountFor(ctx.access, 'tickets'), ticketId, author, message);
}

/**
 * A reply from the customer's side (a user, or through staff tools a contact or a guest) on a
 * ticket of the account. It reopens a closed ticket as "Customer-Reply", as in WHMCS, unless the
 * caller sets another status.
 */
export async function addCustomerReply(
  actor: Actor,
  accountId: number,
  ticketId: number,
  author: TicketAuthor,
  message: string,
  status = 'Customer-Reply',
) {
  return db().$transaction(async (tx) => {
    const ticket = await findTicket(tx, accountId, ticketId);
    const at = now();
    const reply = await tx.ticketReply.create({
      data: {
        ticketId: ticket.id,
        message,
        ...authorIds(author),
        email: author.email,
        name: author.name,
        createdAt: at,
      },
    });
    await tx.ticket.update({ where: { id: ticket.id }, data: { status, lastReplyAt: at } });
    await logActivity(actor, `Replied to support ticket #${ticket.id}`, accountId, tx);
    return reply;
  });
}

export async function closeTicket(ctx: AccountContext, ticketId: number) {
  const accountId = accountFor(ctx.access, 'tickets');
  await db().$transaction(async (tx) => {
    const ticket = await findTicket(tx, accountId, ticketId);
    if (ticket.status === 'Closed') throw new AppError('CONFLICT', msg('This ticket is already closed.'));
    await tx.ticket.update({ where: { id: ticket.id }, data: { status: 'Closed' } });
    await logActivity(ctx.actor, `Support ticket #${ticket.id} closed`, accountId, tx);
  });
}
