// Admin support tickets: list, open on behalf, reply, status, and the reply badges of SPEC rule 21.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, loginAdmin, postForm, type Agent } from '../helpers/http.js';
import {
  buildAccountWithOwner,
  buildAdmin,
  buildAuthorizedUser,
  buildContact,
  buildTicket,
  buildUser,
  uniqueEmail,
} from '../factories/index.js';
import { getTicketWithBadges } from '../../src/services/tickets/staff-tickets.js';
import { removeUser } from '../../src/services/memberships/memberships.js';
import { connectTestDatabase } from '../helpers/db.js';
import { isPglite } from '../helpers/db.js';
import { setDatabase, database } from '../../src/db/client.js';

const t = useTestDatabase();
let app: ReturnType<typeof buildTestApp>;
let admin: Agent;
let staff: { id: number; firstName: string; lastName: string };

beforeAll(async () => {
  app = buildTestApp();
  const a = await buildAdmin({ firstName: 'Sam', lastName: 'Staffer' });
  staff = a;
  admin = agentFor(app);
  await loginAdmin(admin, a.email);
});

async function ticketWithEveryKindOfReply() {
  const { account, owner } = await buildAccountWithOwner();
  const { user: authorized } = await buildAuthorizedUser(account.id, ['tickets']);
  const { user: removed } = await buildAuthorizedUser(account.id, ['tickets']);
  const contact = await buildContact({ accountId: account.id });
  const ticket = await buildTicket({ accountId: account.id, openedByUserId: owner.id });
  const add = (r: { email: string; name: string; userId?: number; adminId?: number }, i: number) =>
    t.prisma.ticketReply.create({
      data: {
        ticketId: ticket.id,
        message: `reply ${i}`,
        email: r.email,
        name: r.name,
        userId: r.userId ?? null,
        adminId: r.adminId ?? null,
        createdAt: new Date(Date.now() + i * 1000),
      },
    });
  await add({ email: authorized.email, name: 'Auth', userId: authorized.id }, 1);
  await add({ email: contact.email, name: 'Contact' }, 2);
  await add({ email: removed.email, name: 'Removed', userId: removed.id }, 3);
  await add({ email: uniqueEmail('guest'), name: 'Guest' }, 4);
  await add({ email: 'staff@example.test', name: 'Sam Staffer', adminId: staff.id }, 5);
  await removeUser({ kind: 'system' }, account.id, removed.id);
  return { account, ticket };
}

describe('ticket badges', () => {
  it('owner, authorized user, contact, removed user, guest and admin each get their badge (HTTP)', async () => {
    const { ticket } = await ticketWithEveryKindOfReply();
    const res = await admin.get(`/admin/tickets/${ticket.id}`);
    expect(res.status).toBe(200);
    const badges = [...res.text.matchAll(/data-testid="reply-badge">([^<]+)</g)].map((m) => m[1]);
    expect(badges).toEqual(['Owner', 'Authorized User', 'Sub-account', 'External User', 'Guest', 'Sam Staffer']);
  });

  it('the badges cost a fixed number of queries, whatever the number of replies', async () => {
    if (isPglite()) return; // a second connection is not available on PGlite
    const { ticket } = await ticketWithEveryKindOfReply();
    const queries: string[] = [];
    const counted = connectTestDatabase({ onQuery: (q) => queries.push(q) });
    const previous = database();
    setDatabase(counted);
    try {
      await getTicketWithBadges(ticket.id);
      const few = queries.length;
      for (let i = 0; i < 20; i++)
        await previous.prisma.ticketReply.create({
          data: { ticketId: ticket.id, message: 'more', email: uniqueEmail('g'), name: 'G' },
        });
      queries.length = 0;
      await getTicketWithBadges(ticket.id);
      expect(queries.length).toBe(few);
    } finally {
      setDatabase(previous);
      await counted.close();
    }
  });
});

describe('ticket actions', () => {
  it('lists tickets across accounts, filters by status, opens on behalf of an account, replies as admin', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const ticket = await buildTicket({
      accountId: account.id,
      openedByUserId: owner.id,
      subject: `Printer on fire ${Date.now()}`,
    });
    const list = await admin.get('/admin/tickets?status=Open');
    expect(list.text).toContain(ticket.subject);
    const r = await postForm(admin, `/admin/tickets/${ticket.id}/reply`, {
      message: 'We are on it.',
      status: 'Answered',
    });
    expect(r.status).toBe(302);
    const after = await t.prisma.ticket.findUniqueOrThrow({
      where: { id: ticket.id },
      include: { replies: { orderBy: { id: 'asc' } } }, // unordered, the last reply was not always the newest
    });
    expect(after.status).toBe('Answered');
    expect(after.replies.at(-1)).toMatchObject({ adminId: staff.id, message: 'We are on it.' });
    const empty = await postForm(admin, `/admin/tickets/${ticket.id}/reply`, { message: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Write a reply.');
    expect((await postForm(admin, `/admin/tickets/${ticket.id}/status`, { status: 'Closed' })).status).toBe(302);
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('Closed');

    const opened = await postForm(admin, '/admin/tickets', {
      accountId: account.id,
      subject: 'Renewal notice',
      department: 'Billing',
      priority: 'High',
      message: 'Your plan renews soon.',
    });
    expect(opened.status).toBe(302);
    const created = await t.prisma.ticket.findFirstOrThrow({
      where: { accountId: account.id, subject: 'Renewal notice' },
      include: { replies: true },
    });
    expect(created.openedByAdminId).toBe(staff.id);
    expect(created.replies).toHaveLength(1);
    // An unknown client id: the form again, with the error and what was typed (issue 14, bug 6).
    const badAccount = await postForm(admin, '/admin/tickets', {
      accountId: 999999999,
      subject: 'Lost subject?',
      department: 'Billing',
      priority: 'High',
      message: 'A message that must survive.',
    });
    expect(badAccount.status).toBe(400);
    expect(badAccount.text).toContain('No client has this ID.');
    expect(badAccount.text).toContain('value="Lost subject?"');
    expect(badAccount.text).toContain('A message that must survive.');
    expect(await t.prisma.ticket.count({ where: { subject: 'Lost subject?' } })).toBe(0);
    const bad = await postForm(admin, '/admin/tickets', {
      accountId: 'abc',
      subject: '',
      department: 'Nope',
      priority: 'High',
      message: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter the client ID.');
  });

  it('without an admin session: redirected to login, no reply written', async () => {
    const ticket = await buildTicket({ openedByUserId: (await buildUser()).id });
    const res = await postForm(
      agentFor(app),
      `/admin/tickets/${ticket.id}/reply`,
      { message: 'sneaky' },
      '/admin/login',
    );
    expect(res.headers.location).toBe('/admin/login');
    expect(await t.prisma.ticketReply.count({ where: { ticketId: ticket.id } })).toBe(1);
  });
});
