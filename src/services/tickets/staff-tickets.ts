// Admin support tickets (SPEC rule 21): list across accounts, open on behalf of an account,
// view with a badge per reply, reply as the admin, change status.
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { addCustomerReply, openTicketInAccount, type TicketAuthor } from './client-tickets.js';
import { getAccountMember } from '../memberships/memberships.js';
import { findAccountContact } from '../accounts/contacts.js';
import { getUser } from '../users/users.js';
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
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', 'Ticket not found.');
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
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', 'Ticket not found.');
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
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', 'Ticket not found.');
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
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'Client not found.', { accountId: 'No client with this ID.' });
  return openTicketInAccount(actor, accountId, { adminId: actor.adminId, ...who }, input);
}

/**
 * For whom staff write on a ticket: a user of the account, its owner, one of its contacts, or a
 * guest (a name and an email).
 */
export type OnBehalfOf =
  { userId: number } | { owner: true } | { contactId: number } | { guest: { name: string; email: string } };

/** The author a reply or an opening message carries when staff write on behalf of someone. */
async function authorOnBehalf(accountId: number, who: OnBehalfOf): Promise<TicketAuthor> {
  if ('owner' in who) {
    const owner = await db().accountUser.findFirst({ where: { accountId, isOwner: true }, select: { userId: true } });
    if (!owner) throw new AppError('NOT_A_MEMBER', 'This client account has no owner.');
    return authorOnBehalf(accountId, { userId: owner.userId });
  }
  if ('userId' in who) {
    await getUser(who.userId); // USER_NOT_FOUND before NOT_A_MEMBER, so the caller can tell which
    const member = await getAccountMember(accountId, who.userId);
    return { userId: member.id, email: member.email, name: `${member.firstName} ${member.lastName}`.trim() };
  }
  if ('contactId' in who) {
    const contact = await findAccountContact(accountId, who.contactId);
    return { email: contact.email, name: `${contact.firstName} ${contact.lastName}`.trim() };
  }
  return { email: who.guest.email.trim().toLowerCase(), name: who.guest.name.trim() };
}

/**
 * Staff open a ticket in an account on someone's behalf (the API's OpenTicket): the opening
 * message carries that person, so the ticket badges them (Owner, Authorized User, Sub-account...).
 */
export async function openTicketOnBehalf(
  actor: Actor & { kind: 'admin' },
  accountId: number,
  who: OnBehalfOf,
  input: { subject: string; department: string; priority: string; message: string },
) {
  const account = await db().account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'Client not found.');
  return openTicketInAccount(actor, accountId, await authorOnBehalf(accountId, who), input);
}

/**
 * Staff add a reply written by someone on the customer's side (the API's AddTicketReply).
 * `accountId`, when given, must be the ticket's account (the caller named the client).
 */
export async function replyOnBehalf(
  actor: Actor & { kind: 'admin' },
  ticketId: number,
  who: OnBehalfOf,
  message: string,
  options: { accountId?: number; status?: string } = {},
) {
  const ticket = await db().ticket.findUnique({ where: { id: ticketId }, select: { id: true, accountId: true } });
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', 'Ticket not found.');
  if (options.accountId !== undefined && options.accountId !== ticket.accountId)
    throw new AppError('ACCOUNT_NOT_FOUND', "That client account is not this ticket's client.");
  const author = await authorOnBehalf(ticket.accountId, who);
  return addCustomerReply(actor, ticket.accountId, ticket.id, author, message, options.status);
}
