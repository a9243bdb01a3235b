// Issue 14's desk: Manage User as the WHMCS docs describe it (details, this client's permissions,
// Make Owner, one Save), the ticket desk's filters and assignment, guests' tickets from the
// public contact form, and admin notes on a client. (The From name/address of Settings is in
// admin-settings.global.test.ts: settings are process-wide.)
import { describe, expect, it } from 'vitest';
import { adminActor } from '../../src/services/actor.js';
import { saveManagedUser } from '../../src/services/memberships/manage-user.js';
import {
  buildAccountWithOwner,
  buildAdmin,
  buildAuthorizedUser,
  buildTicket,
  buildUser,
  unique,
  uniqueEmail,
} from '../factories/index.js';
import { useAdminSession } from '../helpers/admin.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, csrfOf, loginAdmin, postForm } from '../helpers/http.js';
import { deliveredMail } from '../helpers/outbox.js';
import { codeOf } from '../helpers/services.js';

const t = useTestDatabase();
const s = useAdminSession();

describe('Manage User (from the Users tab)', () => {
  it("saves details and this client's permissions in one Save; Make Owner in the same dialog", async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    const page = await s.agent.get(`/admin/clients/${account.id}/users/${user.id}/manage`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Make Owner');
    expect(page.text).toContain(`value="${user.email}"`);
    const saved = await postForm(s.agent, `/admin/clients/${account.id}/users/${user.id}/manage`, {
      firstName: 'Renamed',
      lastName: user.lastName,
      email: user.email,
      language: 'en',
      permissions: ['invoices', 'domains'],
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.location).toBe(`/admin/clients/${account.id}/users`);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).firstName).toBe('Renamed');
    expect(
      (await t.prisma.accountUser.findFirstOrThrow({ where: { accountId: account.id, userId: user.id } })).permissions,
    ).toEqual(['domains', 'invoices']);

    const owned = await postForm(s.agent, `/admin/clients/${account.id}/users/${user.id}/manage`, {
      firstName: 'Renamed',
      lastName: user.lastName,
      email: user.email,
      language: 'en',
      makeOwner: 'on',
    });
    expect(owned.status).toBe(302);
    expect((await s.agent.get(owned.headers.location!)).text).toContain('Ownership transferred');
    const links = await t.prisma.accountUser.findMany({ where: { accountId: account.id } });
    expect(links.filter((l) => l.isOwner).map((l) => l.userId)).toEqual([user.id]);
    expect(links.find((l) => l.userId === owner.id)?.permissions).toHaveLength(13);
    // The owner's own page: no Make Owner, no permission boxes.
    const ownerPage = await s.agent.get(`/admin/clients/${account.id}/users/${user.id}/manage`);
    expect(ownerPage.text).toContain('data-testid="is-owner"');
    expect(ownerPage.text).not.toContain('id="f-makeOwner"');
  });

  it('one transaction: a refused part (a taken email) leaves the rest unsaved; no permissions is refused', async () => {
    const { account } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    const taken = await buildUser();
    const res = await postForm(s.agent, `/admin/clients/${account.id}/users/${user.id}/manage`, {
      firstName: 'Changed',
      lastName: 'Too',
      email: taken.email,
      language: 'en',
      permissions: ['emails'],
      makeOwner: 'on',
    });
    expect(res.status).toBe(409);
    expect(res.text).toContain('already in use');
    expect(res.text).toContain('value="Changed"');
    const after = await t.prisma.accountUser.findFirstOrThrow({ where: { accountId: account.id, userId: user.id } });
    expect(after).toMatchObject({ isOwner: false, permissions: ['tickets'] });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).firstName).toBe(user.firstName);
    const none = {
      firstName: 'A',
      lastName: 'B',
      email: user.email,
      language: 'en',
      permissions: [],
      makeOwner: false,
    };
    expect(await codeOf(saveManagedUser(adminActor(s.admin.id), account.id, user.id, none))).toBe('VALIDATION');
  });

  it('Password Reset from the Users tab row sends the email and comes back to the tab', async () => {
    const { account } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    const tab = await s.agent.get(`/admin/clients/${account.id}/users`);
    expect(tab.text).toContain(`/admin/users/${user.id}/password-reset?account=${account.id}`);
    const res = await postForm(s.agent, `/admin/users/${user.id}/password-reset?account=${account.id}`, {
      returnTo: `/admin/clients/${account.id}/users`,
    });
    expect(res.headers.location).toBe(`/admin/clients/${account.id}/users`);
    expect(await t.prisma.emailLog.count({ where: { recipient: user.email, template: 'password_reset' } })).toBe(1);
  });
});

describe('ticket desk', () => {
  it('filters by department, status, priority, assigned staff and requester email; assigns', async () => {
    const tag = `desk${unique().replace(/-/g, '')}`;
    const { account, owner } = await buildAccountWithOwner();
    const helper = await buildAdmin();
    const a = await buildTicket({
      accountId: account.id,
      subject: `${tag} billing high`,
      department: 'Billing',
      priority: 'High',
      openedByUserId: owner.id,
      requesterEmail: owner.email,
    });
    const b = await buildTicket({
      accountId: account.id,
      subject: `${tag} support low`,
      department: 'Support',
      priority: 'Low',
      status: 'Answered',
      requesterEmail: 'someone@example.test',
    });
    const assigned = await postForm(s.agent, `/admin/tickets/${b.id}/assign`, { assignedAdminId: String(helper.id) });
    expect(assigned.status).toBe(302);
    const ids = async (qs: string) =>
      [...(await s.agent.get(`/admin/tickets?q=${tag}&${qs}`)).text.matchAll(/data-ticket-id="(\d+)"/g)].map((m) =>
        Number(m[1]),
      );
    expect((await ids('')).sort()).toEqual([a.id, b.id].sort());
    expect(await ids('department=Billing')).toEqual([a.id]);
    expect(await ids('status=Answered')).toEqual([b.id]);
    expect(await ids('priority=High')).toEqual([a.id]);
    expect(await ids(`assigned=${helper.id}`)).toEqual([b.id]);
    expect(await ids('assigned=none')).toEqual([a.id]);
    expect(await ids(`requester=${encodeURIComponent(owner.email.toUpperCase())}`)).toEqual([a.id]);
    expect(await ids('sort=priority&dir=desc')).toEqual([a.id, b.id]);
    // Values from nowhere are refused, not dropped (admin-desk-bugs.test.ts, bug 4 on the desk).
    expect((await s.agent.get(`/admin/tickets?q=${tag}&department=Nope&assigned=abc`)).status).toBe(400);
    expect((await s.agent.get(`/admin/tickets/${b.id}`)).text).toContain(
      `selected>${helper.firstName} ${helper.lastName}`,
    );
    const csv = (await s.agent.get(`/admin/tickets.csv?q=${tag}&department=Billing`)).text.trim().split('\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(`${tag} billing high`);
  });

  it('a guest writes from the public contact form: a ticket with no client, badged Guest, answered by email', async () => {
    const email = uniqueEmail('guest');
    const visitor = agentFor(s.app);
    const _csrf = await csrfOf(visitor, '/contact');
    const bad = await visitor
      .post('/contact')
      .type('form')
      .send({ _csrf, name: 'Gus', email: 'not-an-email', subject: 'Hello there', department: 'Sales', message: 'Hi' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a valid email address.');
    expect(bad.text).toContain('value="Hello there"');
    const sent = await visitor.post('/contact').type('form').send({
      _csrf,
      name: 'Gus Guest',
      email,
      subject: 'Pre-sales question',
      department: 'Sales',
      message: 'Do you host Node apps?',
    });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('data-testid="contact-sent"');
    const ticket = await t.prisma.ticket.findFirstOrThrow({ where: { requesterEmail: email } });
    expect(ticket).toMatchObject({ accountId: null, department: 'Sales', requesterName: 'Gus Guest', status: 'Open' });
    const received = await t.prisma.emailLog.findFirstOrThrow({
      where: { recipient: email, template: 'ticket_received' },
    });
    expect(received.subject).toBe(`We received your request (Ticket #${ticket.id})`);

    const view = await s.agent.get(`/admin/tickets/${ticket.id}`);
    expect(view.text).toContain('data-badge="guest"');
    expect((await s.agent.get('/admin/tickets?guests=1')).text).toContain(`data-ticket-id="${ticket.id}"`);
    expect((await postForm(s.agent, `/admin/tickets/${ticket.id}/reply`, { message: 'Yes, we do.' })).status).toBe(302);
    const reply = await t.prisma.emailLog.findFirstOrThrow({ where: { recipient: email, template: 'ticket_reply' } });
    expect((await deliveredMail(reply.id)).text).toContain('Yes, we do.');
  });
});

describe('admin notes on a client', () => {
  it('are dated and signed by the member of staff; support may add them; the author deletes', async () => {
    const { account } = await buildAccountWithOwner();
    const support = await buildAdmin({ role: 'support' });
    const agent = agentFor(s.app);
    await loginAdmin(agent, support.email);
    const res = await postForm(agent, `/admin/clients/${account.id}/notes`, {
      body: 'Called about the renewal; will pay Friday.',
    });
    expect(res.status).toBe(302);
    const summary = await s.agent.get(`/admin/clients/${account.id}`);
    expect(summary.text).toContain('Called about the renewal; will pay Friday.');
    expect(summary.text).toContain(`${support.firstName} ${support.lastName}`);
    expect((await postForm(s.agent, `/admin/clients/${account.id}/notes`, { body: '   ' })).status).toBe(400);
    const note = await t.prisma.clientNote.findFirstOrThrow({ where: { accountId: account.id } });
    const other = await buildAdmin({ role: 'billing' });
    const otherAgent = agentFor(s.app);
    await loginAdmin(otherAgent, other.email);
    expect((await postForm(otherAgent, `/admin/clients/${account.id}/notes/${note.id}/delete`, {})).status).toBe(403);
    expect((await postForm(agent, `/admin/clients/${account.id}/notes/${note.id}/delete`, {})).status).toBe(302);
    expect(await t.prisma.clientNote.count({ where: { accountId: account.id } })).toBe(0);
  });
});
