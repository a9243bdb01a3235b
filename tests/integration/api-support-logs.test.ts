// Issue 11, support and logs over HTTP through whmcs-js: OpenTicket (by a user, a contact, the
// owner, staff), GetTickets with requestor_type as the ticket badges, AddTicketReply,
// GetActivityLog and LogActivity (GetSupportDepartments counts every ticket: api-departments.global).
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { openGuestTicket } from '../../src/services/tickets/guest-tickets.js';
import { getTicketWithBadges } from '../../src/services/tickets/staff-tickets.js';
import {
  buildAccountWithOwner,
  buildAdmin,
  buildAuthorizedUser,
  buildContact,
  buildTicket,
  buildUser,
  unique,
  uniqueEmail,
} from '../factories/index.js';
import { entriesOf, useApiServer } from '../helpers/api.js';

const api = useApiServer();

type TicketRow = Record<string, unknown> & { id: number; requestor_type: string };
const ticketsOf = (answer: Record<string, unknown>) => (answer.tickets as { ticket: TicketRow[] }).ticket;

describe('OpenTicket', () => {
  it('opens a ticket written by a user of the client, badged Authorized User', async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    const answer = await c.support.openTicket({
      clientid: account.id,
      userid: user.id,
      deptid: 2,
      subject: 'Upgrade please',
      message: 'I would like a bigger plan.',
      priority: 'High',
    });
    expect(answer).toEqual({ result: 'success', id: expect.any(Number), tid: String(answer.id) });
    const ticket = await getTicketWithBadges(answer.id as number);
    expect(ticket).toMatchObject({ accountId: account.id, department: 'Sales', priority: 'High', status: 'Open' });
    expect(ticket.replies[0]).toMatchObject({
      userId: user.id,
      email: user.email,
      badge: { label: 'Authorized User' },
    });
    expect((await entriesOf(c))[0]).toMatchObject({
      description: `Support ticket opened by staff: #${answer.id} Upgrade please`,
      accountId: account.id,
    });
  });

  it("by default writes as the client's owner; contactid as a contact; admin=1 as the admin", async () => {
    const c = await api.client();
    const { account, owner } = await buildAccountWithOwner();
    const contact = await buildContact({ accountId: account.id });
    const base = { clientid: account.id, deptid: 1, subject: 'Hello', message: 'Hi.' };
    const asOwner = await c.support.openTicket(base);
    const asContact = await c.support.openTicket({ ...base, contactid: contact.id });
    const asAdmin = await c.support.openTicket({ ...base, admin: true });
    const badge = async (id: unknown) => (await getTicketWithBadges(id as number)).replies[0]!;
    expect(await badge(asOwner.id)).toMatchObject({ userId: owner.id, badge: { label: 'Owner' } });
    expect(await badge(asContact.id)).toMatchObject({ email: contact.email, badge: { label: 'Sub-account' } });
    expect(await badge(asAdmin.id)).toMatchObject({ adminId: c.admin.id, badge: { kind: 'admin' } });
  });

  it('answers each documented error and opens nothing', async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    const stranger = await buildUser();
    const base = { clientid: account.id, deptid: 1, subject: 'S', message: 'M' };
    const cases: [Record<string, string | number>, string][] = [
      [{ ...base, deptid: 99 }, 'Department ID not found'],
      [{ ...base, subject: '' }, 'Subject is required'],
      [{ ...base, message: '' }, 'Message is required'],
      [{ ...base, clientid: 2_000_000_000 }, 'Client ID Not Found'],
      [{ ...base, userid: 2_000_000_000 }, 'The system cannot find the provided user ID.'],
      [{ ...base, userid: stranger.id }, 'User is not associated with client'],
      [{ ...base, contactid: 2_000_000_000 }, 'Contact ID Not Found'],
      [{ deptid: 1, subject: 'S', message: 'M' }, 'Name and email address are required if not a client'],
      [{ ...base, email: 'bad' }, 'Email Address Invalid'],
    ];
    for (const [params, message] of cases)
      expect(await c.support.openTicket(params), message).toEqual({ result: 'error', message });
    const email = uniqueEmail('guest');
    const guestCases: [Record<string, string | number>, string][] = [
      [{ deptid: 1, subject: 'S', message: 'M', name: 'G' }, 'Name and email address are required if not a client'],
      [{ deptid: 1, subject: 'S', message: 'M', email }, 'Name and email address are required if not a client'],
      [{ deptid: 1, subject: 'S', message: 'M', name: 'G', email, userid: stranger.id }, 'Client ID Not Found'],
      [{ deptid: 1, subject: 'S', message: 'M', name: 'G', email, admin: 1 }, 'Client ID Not Found'],
    ];
    for (const [params, message] of guestCases)
      expect(await c.support.openTicket(params), message).toEqual({ result: 'error', message });
    expect(await db().ticket.count({ where: { accountId: account.id } })).toBe(0);
    expect(await db().ticket.count({ where: { requesterEmail: email } })).toBe(0);
  });

  it('without clientid, opens a guest ticket (name and email), badged Guest, the guest told by email', async () => {
    const c = await api.client();
    const email = uniqueEmail('guest');
    const subject = `Presales ${unique()}`;
    const answer = await c.support.openTicket({
      deptid: 2,
      subject,
      message: 'Do you host Node apps?',
      name: 'Gale Guest',
      email: email.toUpperCase(),
      priority: 'Low',
    });
    expect(answer).toEqual({ result: 'success', id: expect.any(Number), tid: String(answer.id) });
    const ticket = await getTicketWithBadges(answer.id as number);
    expect(ticket).toMatchObject({
      accountId: null,
      requesterEmail: email,
      requesterName: 'Gale Guest',
      department: 'Sales',
      priority: 'Low',
      status: 'Open',
    });
    expect(ticket.replies[0]).toMatchObject({ email, name: 'Gale Guest', badge: { label: 'Guest' } });
    expect((await entriesOf(c))[0]).toMatchObject({
      description: `Support ticket opened by staff for guest ${email}: #${answer.id} ${subject}`,
      accountId: null,
    });
    expect(await db().emailLog.count({ where: { recipient: email, template: 'ticket_received' } })).toBe(1);

    // noemail=1: no confirmation.
    const quiet = uniqueEmail('guest');
    await c.support.openTicket({ deptid: 1, subject, message: 'M', name: 'Q', email: quiet, noemail: 1 });
    expect(await db().emailLog.count({ where: { recipient: quiet } })).toBe(0);

    // A Billing admin does not answer tickets: refused, as in the admin area.
    const billing = await api.client({ admin: await buildAdmin({ role: 'billing' }) });
    const refused = await billing.support.openTicket({ deptid: 1, subject, message: 'M', name: 'B', email: quiet });
    expect(refused.message).toContain('Your staff role (Billing) does not allow this');
  });
});

describe('GetTickets', () => {
  it('gives each ticket its requestor as the admin view badges it: Owner, Authorized User, Guest, ...', async () => {
    const c = await api.client();
    const subject = `Badge ${unique()}`;
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    const contact = await buildContact({ accountId: account.id });
    const removed = await buildUser();
    const guestEmail = uniqueEmail('guest');
    const made = {
      Owner: await buildTicket({ accountId: account.id, subject, openedByUserId: owner.id }),
      'Authorized User': await buildTicket({ accountId: account.id, subject, openedByUserId: user.id }),
      'Sub-account': await buildTicket({ accountId: account.id, subject, author: { email: contact.email, name: 'C' } }),
      'External User': await buildTicket({ accountId: account.id, subject, openedByUserId: removed.id }),
      Guest: await buildTicket({ accountId: account.id, subject, author: { email: guestEmail, name: 'Guest G' } }),
      Staff: await buildTicket({ accountId: account.id, subject, openedByAdminId: c.admin.id }),
    };
    const answer = await c.tickets.getTickets({ clientid: account.id, subject, limitnum: 50 });
    expect(answer).toMatchObject({ result: 'success', totalresults: 6, startnumber: 0, numreturned: 6 });
    const rows = ticketsOf(answer);
    for (const [type, ticket] of Object.entries(made))
      expect(rows.find((r) => r.id === ticket.id)?.requestor_type, type).toBe(type);
    const guestRow = rows.find((r) => r.id === made.Guest.id);
    expect(guestRow).toEqual({
      id: made.Guest.id,
      tid: String(made.Guest.id),
      deptid: 1,
      userid: account.id,
      name: 'Guest G',
      owner_name: `${owner.firstName} ${owner.lastName}`,
      email: guestEmail,
      requestor_name: 'Guest G',
      requestor_email: guestEmail,
      requestor_type: 'Guest',
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      subject,
      status: 'Open',
      priority: 'Medium',
      admin: '',
      lastreply: expect.any(String),
    });
    expect(rows.find((r) => r.id === made.Staff.id)?.admin).toBe(`${c.admin.firstName} ${c.admin.lastName}`);
  });

  it("lists guests' tickets (the contact form's and OpenTicket's) badged Guest, with no client", async () => {
    const c = await api.client();
    const email = uniqueEmail('guest');
    const { ticket } = await openGuestTicket({
      name: 'Gus Guest',
      email,
      subject: `Contact form ${unique()}`,
      department: 'Support',
      message: 'Hello from the contact form.',
    });
    const rows = ticketsOf(await c.tickets.getTickets({ email }));
    expect(rows).toEqual([
      expect.objectContaining({
        id: ticket.id,
        userid: 0,
        name: 'Gus Guest',
        email,
        requestor_type: 'Guest',
        owner_name: '',
      }),
    ]);
  });

  it('filters by status groups, department, email, and pages', async () => {
    const c = await api.client();
    const subject = `Filter ${unique()}`;
    const { account } = await buildAccountWithOwner();
    const open = await buildTicket({ accountId: account.id, subject, department: 'Billing' });
    const closed = await buildTicket({ accountId: account.id, subject, status: 'Closed' });
    const answered = await buildTicket({ accountId: account.id, subject, status: 'Answered' });
    const ids = async (params: Record<string, string | number>) =>
      ticketsOf(await c.tickets.getTickets({ subject, ...params }))
        .map((r) => r.id)
        .sort();
    expect(await ids({ status: 'Awaiting Reply' })).toEqual([open.id]);
    expect(await ids({ status: 'All Active Tickets' })).toEqual([open.id, answered.id].sort());
    expect(await ids({ status: 'Closed' })).toEqual([closed.id]);
    expect(await ids({ status: 'My Flagged Tickets' })).toEqual([]);
    expect(await ids({ deptid: 3 })).toEqual([open.id]);
    expect(await ids({ email: open.replies[0]!.email })).toEqual([open.id]);
    const page = await c.tickets.getTickets({ subject, limitstart: 2, limitnum: 2 });
    expect(page).toMatchObject({ totalresults: 3, startnumber: 2, numreturned: 1 });
    expect((await c.tickets.getTickets({ status: 'Sleeping' })).message).toBe('Invalid Ticket Status');
  });
});

describe('AddTicketReply', () => {
  it("replies as the admin by default, as the client's owner with clientid, as a contact with contactid", async () => {
    const c = await api.client();
    const { account, owner } = await buildAccountWithOwner();
    const contact = await buildContact({ accountId: account.id });
    const ticket = await buildTicket({ accountId: account.id, openedByUserId: owner.id });
    expect(await c.support.addTicketReply({ ticketid: ticket.id, message: 'Looking into it.' })).toEqual({
      result: 'success',
    });
    expect((await db().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('Answered');
    await c.support.addTicketReply({ ticketid: ticket.id, message: 'Thanks!', clientid: account.id });
    expect((await db().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('Customer-Reply');
    await c.support.addTicketReply({
      ticketid: ticket.id,
      message: 'Me too.',
      contactid: contact.id,
      status: 'On Hold',
    });
    const view = await getTicketWithBadges(ticket.id);
    expect(view.status).toBe('On Hold');
    expect(view.replies.map((r) => r.badge.label)).toEqual([
      'Owner',
      `${c.admin.firstName} ${c.admin.lastName}`,
      'Owner',
      'Sub-account',
    ]);
    expect(await entriesOf(c)).toHaveLength(3);
  });

  it('answers each documented error', async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    const other = await buildAccountWithOwner();
    const ticket = await buildTicket({ accountId: account.id });
    const cases: [Record<string, string | number>, string][] = [
      [{ ticketid: 2_000_000_000, message: 'x' }, 'Ticket ID not found'],
      [{ ticketid: ticket.id, message: '' }, 'Message is required'],
      [{ ticketid: ticket.id, message: 'x', clientid: other.account.id }, 'Client ID Not Found'],
      [{ ticketid: ticket.id, message: 'x', contactid: 2_000_000_000 }, 'Contact ID Not Found'],
      [{ ticketid: ticket.id, message: 'x', status: 'Sleeping' }, 'Invalid Ticket Status'],
      [
        { ticketid: ticket.id, message: 'x', name: 'Only a name' },
        'Name and email address are required if not a client',
      ],
      [{ ticketid: ticket.id, message: 'x', name: 'N', email: 'bad' }, 'Email Address Invalid'],
    ];
    for (const [params, message] of cases)
      expect(await c.support.addTicketReply(params), message).toEqual({ result: 'error', message });
    expect(await db().ticketReply.count({ where: { ticketId: ticket.id } })).toBe(1);
  });
});

describe('GetActivityLog and LogActivity', () => {
  it('writes an entry as the admin through the API, and finds it again', async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    const text = `Synced from accounting ${unique()}`;
    expect(await c.system.logActivity({ clientid: account.id, description: text })).toEqual({ result: 'success' });
    const [entry] = await entriesOf(c);
    expect(entry).toMatchObject({ description: text, accountId: account.id, ip: '127.0.0.1' });

    const found = await c.system.getActivityLog({ clientid: account.id, description: text.slice(0, 20) });
    expect(found).toMatchObject({ result: 'success', totalresults: 1, startnumber: 0 });
    expect((found.activity as { entry: unknown[] }).entry).toEqual([
      {
        id: entry!.id,
        clientId: account.id,
        userId: null,
        adminId: c.admin.id,
        date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
        description: text,
        username: c.admin.email,
        ipaddress: '127.0.0.1',
        userid: account.id,
      },
    ]);
    const today = entry!.createdAt.toISOString().slice(0, 10);
    const [y, m, d] = today.split('-');
    for (const params of [
      { user: c.admin.email },
      { date: today },
      { date: `${d}/${m}/${y}` },
      { ipaddress: '127.0.0.1' },
    ])
      expect(
        (await c.system.getActivityLog({ ...params, description: text })).totalresults,
        JSON.stringify(params),
      ).toBe(1);
    expect((await c.system.getActivityLog({ user: uniqueEmail('nobody'), description: text })).totalresults).toBe(0);
    expect((await c.system.getActivityLog({ date: '2020-13-45' })).message).toBe(
      'date must be YYYY-MM-DD or DD/MM/YYYY',
    );
  });

  it("filters by a user's email: their own actions", async () => {
    const c = await api.client();
    const { account, owner } = await buildAccountWithOwner();
    await db().activityLog.create({
      data: {
        description: `Owner did a thing ${unique()}`,
        actorType: 'user',
        userId: owner.id,
        accountId: account.id,
      },
    });
    const found = await c.system.getActivityLog({ user: owner.email });
    expect(found.totalresults).toBe(1);
    expect((found.activity as { entry: { username: string }[] }).entry[0]?.username).toBe(owner.email);
  });

  it('answers LogActivity errors', async () => {
    const c = await api.client();
    expect(await c.system.logActivity({ description: '' })).toEqual({
      result: 'error',
      message: 'Description is required',
    });
    expect(await c.system.logActivity({ clientid: 2_000_000_000, description: 'x' })).toEqual({
      result: 'error',
      message: 'Client ID Not Found',
    });
    expect(await c.system.logActivity({ description: 'About nothing in particular' })).toEqual({ result: 'success' });
    expect((await entriesOf(c)).map((e) => e.accountId)).toEqual([null]);
  });
});
