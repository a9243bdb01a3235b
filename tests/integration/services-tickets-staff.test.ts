// The ticket services added for the API (issue 11), called directly: staff opening and replying on
// someone's behalf (the author must belong to the account), and the ticket window whose
// requestor types are exactly the admin view's badges.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { adminActor } from '../../src/services/actor.js';
import { openTicketOnBehalf, replyOnBehalf } from '../../src/services/tickets/staff-tickets.js';
import { listTicketWindow } from '../../src/services/tickets/ticket-directory.js';
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
import { useTestDatabase } from '../helpers/db.js';
import { codeOf } from '../helpers/services.js';

useTestDatabase();
const input = { subject: 'Help', department: 'Support', priority: 'Low', message: 'Please.' };

async function staff() {
  return adminActor((await buildAdmin()).id, '192.0.2.9');
}

describe('openTicketOnBehalf', () => {
  it('writes the opening message as the user, the owner or a contact of the account', async () => {
    const actor = await staff();
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, []);
    const contact = await buildContact({ accountId: account.id });
    const first = (id: number) => db().ticketReply.findFirstOrThrow({ where: { ticketId: id } });
    const byUser = await openTicketOnBehalf(actor, account.id, { userId: user.id }, input);
    expect(await first(byUser.id)).toMatchObject({ userId: user.id, email: user.email, adminId: null });
    expect(byUser.openedByUserId).toBe(user.id);
    const byOwner = await openTicketOnBehalf(actor, account.id, { owner: true }, input);
    expect(await first(byOwner.id)).toMatchObject({ userId: owner.id });
    const byContact = await openTicketOnBehalf(actor, account.id, { contactId: contact.id }, input);
    expect(await first(byContact.id)).toMatchObject({ userId: null, email: contact.email });
  });

  it("refuses a stranger, a missing user, another account's contact, a missing account", async () => {
    const actor = await staff();
    const { account } = await buildAccountWithOwner();
    const stranger = await buildUser();
    const foreignContact = await buildContact();
    expect(await codeOf(openTicketOnBehalf(actor, account.id, { userId: stranger.id }, input))).toBe('NOT_A_MEMBER');
    expect(await codeOf(openTicketOnBehalf(actor, account.id, { userId: 2_000_000_000 }, input))).toBe(
      'USER_NOT_FOUND',
    );
    expect(await codeOf(openTicketOnBehalf(actor, account.id, { contactId: foreignContact.id }, input))).toBe(
      'CONTACT_NOT_FOUND',
    );
    expect(await codeOf(openTicketOnBehalf(actor, 2_000_000_000, { owner: true }, input))).toBe('ACCOUNT_NOT_FOUND');
    expect(await db().ticket.count({ where: { accountId: account.id } })).toBe(0);
  });
});

describe('replyOnBehalf', () => {
  it("adds a customer-side reply (default status Customer-Reply) only on the named client's ticket", async () => {
    const actor = await staff();
    const { account, owner } = await buildAccountWithOwner();
    const other = await buildAccountWithOwner();
    const ticket = await buildTicket({ accountId: account.id, status: 'Answered' });
    await replyOnBehalf(actor, ticket.id, { owner: true }, 'Thanks', { accountId: account.id });
    expect((await db().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('Customer-Reply');
    await replyOnBehalf(actor, ticket.id, { guest: { name: 'Gus', email: 'GUS@example.test' } }, 'Hi', {
      status: 'Closed',
    });
    const replies = await db().ticketReply.findMany({ where: { ticketId: ticket.id }, orderBy: { id: 'asc' } });
    expect(replies.slice(1).map((r) => [r.userId, r.email])).toEqual([
      [owner.id, owner.email],
      [null, 'gus@example.test'],
    ]);
    expect((await db().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('Closed');
    expect(await codeOf(replyOnBehalf(actor, ticket.id, { owner: true }, 'x', { accountId: other.account.id }))).toBe(
      'ACCOUNT_NOT_FOUND',
    );
    expect(await codeOf(replyOnBehalf(actor, 2_000_000_000, { owner: true }, 'x'))).toBe('TICKET_NOT_FOUND');
  });
});

describe('listTicketWindow', () => {
  it('names the requestor with the badge of the opening message, and the owner', async () => {
    const subject = `Win ${unique()}`;
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, []);
    const t1 = await buildTicket({ accountId: account.id, subject, openedByUserId: user.id });
    const t2 = await buildTicket({ accountId: account.id, subject, author: { email: uniqueEmail('g'), name: 'G' } });
    const second = await buildAccountWithOwner();
    const t3 = await buildTicket({ accountId: second.account.id, subject, openedByUserId: second.owner.id });
    const { total, rows } = await listTicketWindow({ subject, offset: 0, limit: 10 });
    expect(total).toBe(3);
    const byId = new Map(rows.map((r) => [r.ticket.id, r]));
    expect(byId.get(t1.id)).toMatchObject({
      requestor: { type: 'Authorized User', email: user.email },
      ownerName: `${owner.firstName} ${owner.lastName}`,
    });
    expect(byId.get(t2.id)?.requestor.type).toBe('Guest');
    expect(byId.get(t3.id)?.requestor.type).toBe('Owner');
  });
});
