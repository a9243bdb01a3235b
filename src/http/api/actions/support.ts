// Support: OpenTicket, GetTickets, AddTicketReply, GetSupportDepartments.
import { z } from 'zod';
import {
  TICKET_DEPARTMENTS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  departmentById,
  departmentId,
} from '../../../services/tickets/constants.js';
import {
  adminReply,
  openTicketForAccount,
  openTicketOnBehalf,
  replyOnBehalf,
  type OnBehalfOf,
} from '../../../services/tickets/staff-tickets.js';
import { openGuestTicketByStaff } from '../../../services/tickets/guest-tickets.js';
import {
  TICKET_STATUS_GROUPS,
  departmentsWithCounts,
  listTicketWindow,
} from '../../../services/tickets/ticket-directory.js';
import { defineAction, exId, exText, paging, success } from '../action.js';
import { whmcsDateTime } from '../format.js';
import { bool, count, ignored, int, optionalEmail, optionalInt, optionalText, text } from '../params.js';

const GROUP = 'Support';

const DEPARTMENT_HELP = TICKET_DEPARTMENTS.map((d) => `${departmentId(d)} = ${d}`).join(', ');

export const openTicket = defineAction({
  name: 'OpenTicket',
  group: GROUP,
  summary:
    'Opens a ticket in a client account, written by one of its users, a contact, its owner, or staff; or a guest ticket with no client.',
  notes: [
    "With clientid, the opening message is written by userid (a user of the client), else contactid, else the client's owner; with admin=1, by the admin behind the credential. name and email are then not used. The ticket badges that person (GetTickets requestor_type).",
    "Without clientid, name and email open a guest ticket, as the public Contact Us form does: it belongs to no client, is badged Guest (External User when the email is a registered user's), and the guest gets a confirmation email (unless noemail) and staff replies by email. userid, contactid and admin=1 need a clientid.",
    'tid is the ticket number customers see (#id); no access code (c) is issued: guests follow their ticket by email, not in the client area.',
  ],
  params: z
    .object({
      deptid: int(`Department: ${DEPARTMENT_HELP}`, 'Department ID not found'),
      subject: text('Subject', 'Subject is required', 200),
      message: text('The opening message', 'Message is required', 20000),
      clientid: optionalInt('The client account', 'Client ID Not Found'),
      userid: optionalInt('The user (of that client) who writes it', 'The system cannot find the provided user ID.'),
      contactid: optionalInt('Or: the contact (of that client) who writes it', 'Contact ID Not Found'),
      name: optionalText("Without clientid: the guest's name", 100),
      email: optionalEmail("Without clientid: the guest's email", 'Email Address Invalid'),
      priority: optionalText(`Priority: ${TICKET_PRIORITIES.join(', ')} (default Medium)`, 10),
      admin: bool('Written by the admin behind the credential'),
      serviceid: ignored('Related service (not stored)'),
      domainid: ignored('Related domain (not stored)'),
      created: ignored('Creation date (tickets are dated when opened)'),
      markdown: ignored('Markdown (messages are plain text)'),
      noemail: bool("Send no confirmation to a guest (a client's ticket sends none anyway)"),
      customfields: ignored('Custom fields (not stored)'),
      attachments: ignored('Attachments (not supported)'),
      preventClientClosure: ignored('Prevent client closure (not supported)'),
    })
    .superRefine((p, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (!departmentById(p.deptid)) issue('deptid', 'Department ID not found');
      if (p.clientid === undefined) {
        if (!p.name || !p.email) issue('clientid', 'Name and email address are required if not a client');
        // Who of a client writes it, or staff writing to one: there must be a client.
        else if (p.userid !== undefined || p.contactid !== undefined || p.admin)
          issue('clientid', 'Client ID Not Found');
      }
      if (p.priority && !(TICKET_PRIORITIES as readonly string[]).includes(p.priority))
        issue('priority', `priority must be one of ${TICKET_PRIORITIES.join(', ')}`);
    }),
  response: success({ id: exId(31), tid: exText('31') }),
  async handler(p, { actor }) {
    const input = {
      subject: p.subject,
      message: p.message,
      department: departmentById(p.deptid)!,
      priority: p.priority ?? 'Medium',
    };
    if (p.clientid === undefined) {
      const guest = { ...input, name: p.name!, email: p.email! };
      const ticket = await openGuestTicketByStaff(actor, guest, { notify: !p.noemail });
      return { id: ticket.id, tid: String(ticket.id) };
    }
    const accountId = p.clientid;
    const ticket = p.admin
      ? await openTicketForAccount(actor, accountId, input)
      : await openTicketOnBehalf(actor, accountId, writer(p) ?? { owner: true }, input);
    return { id: ticket.id, tid: String(ticket.id) };
  },
});

function writer(p: { userid?: number; contactid?: number }): OnBehalfOf | undefined {
  if (p.userid !== undefined) return { userId: p.userid };
  if (p.contactid !== undefined) return { contactId: p.contactid };
  return undefined;
}

export const getTickets = defineAction({
  name: 'GetTickets',
  group: GROUP,
  summary: 'Lists tickets, most recently replied first, with who opened each.',
  notes: [
    'requestor_type is the badge the admin ticket view shows for the opening message: Owner, Authorized User, Sub-account (a contact), External User (a user no longer of this client), Guest, or Staff.',
    `status is a ticket status (${TICKET_STATUSES.join(', ')}) or one of ${TICKET_STATUS_GROUPS.join(', ')} (tickets have no flags here, so the last matches none).`,
    'email matches the email a customer wrote from (not staff replies).',
  ],
  params: z
    .object({
      limitstart: count('The offset to start at (default 0)', 0),
      limitnum: count('How many to return (default 25, at most 250)', 25, 250),
      deptid: optionalInt(`Department: ${DEPARTMENT_HELP}`, 'Department ID not found'),
      clientid: optionalInt('Only tickets of this client', 'Client ID Not Found'),
      email: optionalEmail('Only tickets written from this email', 'Email Address Invalid'),
      status: optionalText('A status or a status group (see the notes)', 30),
      subject: optionalText('Part of the subject', 200),
      ignore_dept_assignments: ignored('Admins see every department here'),
    })
    .superRefine((p, ctx) => {
      if (p.deptid !== undefined && !departmentById(p.deptid))
        ctx.addIssue({ code: 'custom', path: ['deptid'], message: 'Department ID not found' });
      const statuses: readonly string[] = [...TICKET_STATUSES, ...TICKET_STATUS_GROUPS];
      if (p.status && !statuses.includes(p.status))
        ctx.addIssue({ code: 'custom', path: ['status'], message: 'Invalid Ticket Status' });
    }),
  response: success({
    ...paging,
    tickets: z.strictObject({
      ticket: z.array(
        z.strictObject({
          id: exId(31),
          tid: exText('31'),
          deptid: exId(1),
          userid: exId(12),
          name: exText('Jane Doe'),
          owner_name: exText('Olive Owner'),
          email: exText('jane@example.com'),
          requestor_name: exText('Jane Doe'),
          requestor_email: exText('jane@example.com'),
          requestor_type: exText('Authorized User'),
          date: exText('2026-02-01 10:00:00'),
          subject: exText('Cannot reach my website'),
          status: exText('Open'),
          priority: exText('Medium'),
          admin: exText(''),
          lastreply: exText('2026-02-01 10:00:00'),
        }),
      ),
    }),
  }),
  async handler(p) {
    const { total, rows } = await listTicketWindow({
      accountId: p.clientid,
      department: p.deptid !== undefined ? departmentById(p.deptid) : undefined,
      status: p.status,
      subject: p.subject,
      email: p.email,
      offset: p.limitstart,
      limit: p.limitnum,
    });
    return {
      totalresults: total,
      startnumber: p.limitstart,
      numreturned: rows.length,
      tickets: {
        ticket: rows.map(({ ticket: t, requestor, ownerName, staffName }) => ({
          id: t.id,
          tid: String(t.id),
          deptid: departmentId(t.department),
          userid: t.accountId ?? 0,
          name: requestor.name,
          owner_name: ownerName,
          email: requestor.email,
          requestor_name: requestor.name,
          requestor_email: requestor.email,
          requestor_type: requestor.type,
          date: whmcsDateTime(t.createdAt),
          subject: t.subject,
          status: t.status,
          priority: t.priority,
          admin: staffName,
          lastreply: whmcsDateTime(t.lastReplyAt),
        })),
      },
    };
  },
});

export const addTicketReply = defineAction({
  name: 'AddTicketReply',
  group: GROUP,
  summary:
    "Adds a reply: the admin's by default, or the client owner's (clientid), a contact's (contactid), or a guest's (name and email).",
  notes: [
    'adminusername is not needed: staff replies are written by the admin behind the credential.',
    'A customer-side reply sets the status to Customer-Reply and a staff reply to Answered, unless status says otherwise.',
  ],
  params: z
    .object({
      ticketid: int('The ticket', 'Ticket ID not found'),
      message: text('The reply', 'Message is required', 20000),
      clientid: optionalInt("Reply as this client's owner (must be the ticket's client)", 'Client ID Not Found'),
      contactid: optionalInt("Reply as this contact of the ticket's client", 'Contact ID Not Found'),
      name: optionalText('Reply as a guest: name', 100),
      email: optionalEmail('Reply as a guest: email', 'Email Address Invalid'),
      status: optionalText(`New status: ${TICKET_STATUSES.join(', ')}`, 20),
      adminusername: ignored("Admin name (the credential's admin writes)"),
      markdown: ignored('Markdown (messages are plain text)'),
      noemail: ignored('No email (ticket emails are not sent)'),
      customfields: ignored('Custom fields (not stored)'),
      attachments: ignored('Attachments (not supported)'),
      created: ignored('Reply date (replies are dated when added)'),
    })
    .superRefine((p, ctx) => {
      if (p.status && !(TICKET_STATUSES as readonly string[]).includes(p.status))
        ctx.addIssue({ code: 'custom', path: ['status'], message: 'Invalid Ticket Status' });
      if (p.clientid === undefined && p.contactid === undefined && !!p.name !== !!p.email)
        ctx.addIssue({
          code: 'custom',
          path: ['email'],
          message: 'Name and email address are required if not a client',
        });
    }),
  response: success({}),
  async handler(p, { actor }) {
    const who: OnBehalfOf | undefined =
      p.contactid !== undefined
        ? { contactId: p.contactid }
        : p.clientid !== undefined
          ? { owner: true }
          : p.name && p.email
            ? { guest: { name: p.name, email: p.email } }
            : undefined;
    if (who) await replyOnBehalf(actor, p.ticketid, who, p.message, { accountId: p.clientid, status: p.status });
    else await adminReply(actor, p.ticketid, p.message, p.status);
    return {};
  },
});

export const getSupportDepartments = defineAction({
  name: 'GetSupportDepartments',
  group: GROUP,
  summary: 'The support departments, with how many tickets are open and awaiting a staff reply in each.',
  params: z.object({ ignore_dept_assignments: ignored('Admins see every department here') }),
  response: success({
    totalresults: exId(3),
    departments: z.strictObject({
      department: z.array(
        z.strictObject({ id: exId(1), name: exText('Support'), awaitingreply: exId(2), opentickets: exId(5) }),
      ),
    }),
  }),
  async handler() {
    const departments = await departmentsWithCounts();
    return {
      totalresults: departments.length,
      departments: {
        department: departments.map((d) => ({
          id: departmentId(d.name),
          name: d.name,
          awaitingreply: d.awaitingReply,
          opentickets: d.openTickets,
        })),
      },
    };
  },
});

export const SUPPORT_ACTIONS = [openTicket, getTickets, addTicketReply, getSupportDepartments];
