// Admin support tickets (SPEC rule 21, issue 14's ticket desk): the desk's list with its filters
// (department, status, priority, assigned staff, requester email, subject or #number), open on
// behalf of an account, view with a badge per reply, reply as the admin (a guest gets the reply
// by email), change status, assign.
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';
import {
  allIds,
  containsWords,
  inOrder,
  type ListRequest,
  type ListSpec,
  pageOfIds,
  whereAll,
} from '../lists/paging.js';
import { sendTemplate } from '../mail/mailer.js';
import { addCustomerReply, openTicketInAccount, type TicketAuthor } from './client-tickets.js';
import { getAccountMember } from '../memberships/memberships.js';
import { findAccountContact } from '../accounts/contacts.js';
import { getUser } from '../users/users.js';
import { badgeFor, loadBadgeContext } from './badges.js';
import { TICKET_PRIORITIES } from './constants.js';

export type TicketSort = 'id' | 'subject' | 'department' | 'priority' | 'status' | 'lastReply';

const textCol = (c: string) => ({ sql: Prisma.raw(`t."${c}"`), type: 'text' as const });

export const TICKET_LIST: ListSpec<TicketSort> = {
  from: Prisma.sql`"tickets" t`,
  id: Prisma.sql`t."id"`,
  sorts: {
    id: { label: '#', columns: [] },
    subject: { label: 'Subject', columns: [textCol('subject')] },
    department: { label: 'Department', columns: [textCol('department')] },
    // Low < Medium < High, not alphabetical.
    priority: {
      label: 'Priority',
      columns: [
        {
          sql: Prisma.sql`coalesce(array_position(${[...TICKET_PRIORITIES]}::text[], t."priority"), 0)`,
          type: 'int',
        },
      ],
    },
    status: { label: 'Status', columns: [textCol('status')] },
    lastReply: { label: 'Last Reply', columns: [{ sql: Prisma.sql`t."last_reply_at"`, type: 'timestamptz' }] },
  },
  defaultSort: 'lastReply',
  defaultDir: 'desc',
};

export interface TicketFilter {
  accountId?: number;
  status?: string;
  department?: string;
  priority?: string;
  /** An admin id, or 'none' for unassigned tickets. */
  assigned?: number | 'none';
  requesterEmail?: string;
  /** Subject contains (tickets_subject_trgm_idx), or a ticket number (#123). */
  query?: string;
  /** Only guests' tickets (no client). */
  guestsOnly?: boolean;
}

export function ticketWhere(f: TicketFilter): Prisma.Sql {
  const q = f.query?.trim() ?? '';
  const number = /^#?(\d{1,9})$/.exec(q)?.[1];
  const subject = containsWords(Prisma.sql`lower(t."subject")`, q);
  return whereAll([
    f.accountId !== undefined && Prisma.sql`t."account_id" = ${f.accountId}`,
    !!f.guestsOnly && Prisma.sql`t."account_id" IS NULL`,
    !!f.status && Prisma.sql`t."status" = ${f.status}`,
    !!f.department && Prisma.sql`t."department" = ${f.department}`,
    !!f.priority && Prisma.sql`t."priority" = ${f.priority}`,
    f.assigned === 'none' && Prisma.sql`t."assigned_admin_id" IS NULL`,
    typeof f.assigned === 'number' && Prisma.sql`t."assigned_admin_id" = ${f.assigned}`,
    !!f.requesterEmail?.trim() && Prisma.sql`t."requester_email" = ${f.requesterEmail?.trim().toLowerCase()}`,
    !!q && (number ? Prisma.sql`(t."id" = ${Number(number)} OR ${subject})` : subject),
  ]);
}

const ticketsFor = async (ids: number[]) =>
  ids.length
    ? inOrder(
        ids,
        await db().ticket.findMany({
          where: { id: { in: ids } },
          include: {
            account: { select: { id: true, firstName: true, lastName: true, companyName: true } },
            assignedAdmin: { select: { id: true, firstName: true, lastName: true } },
          },
        }),
      )
    : [];

export async function listTickets(filter: TicketFilter, req: ListRequest<TicketSort> = {}) {
  const { ids, info } = await pageOfIds(TICKET_LIST, ticketWhere(filter), req);
  return { tickets: await ticketsFor(ids), info, page: info.page, hasNext: info.next !== null };
}

export async function* exportTickets(filter: TicketFilter, req: Pick<ListRequest<TicketSort>, 'sort' | 'dir'>) {
  for await (const ids of allIds(TICKET_LIST, ticketWhere(filter), req)) yield await ticketsFor(ids);
}

/** The ticket with every reply and its badge: three queries whatever the number of replies. */
export async function getTicketWithBadges(ticketId: number) {
  const ticket = await db().ticket.findUnique({
    where: { id: ticketId },
    include: {
      account: { select: { id: true, firstName: true, lastName: true, companyName: true } },
      assignedAdmin: { select: { id: true, firstName: true, lastName: true } },
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
  await assertStaffMay(actor, 'tickets');
  const who = await adminIdentity(actor.adminId);
  const ticket = await db().$transaction(async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', 'Ticket not found.');
    const at = now();
    await tx.ticketReply.create({
      data: { ticketId, message, adminId: actor.adminId, email: who.email, name: who.name, createdAt: at },
    });
    await tx.ticket.update({ where: { id: ticketId }, data: { lastReplyAt: at, status: status ?? 'Answered' } });
    await logActivity(actor, `Ticket #${ticketId} replied to by staff`, ticket.accountId, tx);
    return ticket;
  });
  // A guest has no client area to read the answer in: it goes to them by email.
  if (ticket.accountId === null && ticket.requesterEmail) {
    await sendTemplate({
      template: 'ticket_reply',
      to: ticket.requesterEmail,
      data: { name: ticket.requesterName, ticketId, subject: ticket.subject, message, staffName: who.name },
    });
  }
}

export async function setTicketStatus(actor: Actor, ticketId: number, status: string) {
  await assertStaffMay(actor, 'tickets');
  await db().$transaction(async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, select: { accountId: true } });
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', 'Ticket not found.');
    await tx.ticket.update({ where: { id: ticketId }, data: { status } });
    await logActivity(actor, `Ticket #${ticketId} status changed to ${status}`, ticket.accountId, tx);
  });
}

/** Assigns a ticket to a member of staff (any role that answers tickets), or unassigns it. */
export async function assignTicket(actor: Actor, ticketId: number, adminId: number | null) {
  await assertStaffMay(actor, 'tickets');
  await db().$transaction(async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, select: { accountId: true } });
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', 'Ticket not found.');
    let name = 'nobody';
    if (adminId !== null) {
      const admin = await tx.admin.findFirst({ where: { id: adminId, disabled: false } });
      if (!admin)
        throw new AppError('VALIDATION', 'Choose an active member of staff.', {
          assignedAdminId: 'Choose from the list.',
        });
      name = `${admin.firstName} ${admin.lastName}`;
    }
    await tx.ticket.update({ where: { id: ticketId }, data: { assignedAdminId: adminId } });
    await logActivity(actor, `Ticket #${ticketId} assigned to ${name}`, ticket.accountId, tx);
  });
}

export async function openTicketForAccount(
  actor: Actor & { kind: 'admin' },
  accountId: number,
  input: { subject: string; department: string; priority: string; message: string },
) {
  await assertStaffMay(actor, 'tickets');
  const who = await adminIdentity(actor.adminId);
  const account = await db().account.findUnique({
    where: { id: accountId },
    select: { id: true, email: true, firstName: true, lastName: true },
  });
  // A typo in the client id: the form comes back with what was typed (400, not a bare 404).
  if (!account)
    throw new AppError('VALIDATION', `There is no client #${accountId}.`, {
      accountId: 'No client has this ID. Check the number on the client profile.',
    });
  return openTicketInAccount(actor, accountId, { adminId: actor.adminId, ...who }, input, {
    email: account.email,
    name: `${account.firstName} ${account.lastName}`.trim(),
  });
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
  await assertStaffMay(actor, 'tickets');
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
  await assertStaffMay(actor, 'tickets');
  const ticket = await db().ticket.findUnique({ where: { id: ticketId }, select: { id: true, accountId: true } });
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', 'Ticket not found.');
  // A guest's ticket (the contact form) has no client whose people could be named.
  if (ticket.accountId === null)
    throw new AppError('CONFLICT', "This is a guest's ticket: it belongs to no client. Reply as staff instead.");
  if (options.accountId !== undefined && options.accountId !== ticket.accountId)
    throw new AppError('ACCOUNT_NOT_FOUND', "That client account is not this ticket's client.");
  const author = await authorOnBehalf(ticket.accountId, who);
  return addCustomerReply(actor, ticket.accountId, ticket.id, author, message, options.status);
}
