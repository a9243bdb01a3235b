// Issue 14, staff management and roles: full administrator, support (clients read, tickets),
// billing (clients read, invoices and quotes), enforced in the services whatever route calls
// them; staff added with a checked password or an emailed link, disabled, their 2FA reset; and
// failed admin and client logins in the activity log with the IP and never the password.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { adminActor } from '../../src/services/actor.js';
import { createInvoice, markInvoicePaid } from '../../src/services/billing/staff-billing.js';
import { setSetting } from '../../src/services/settings/settings.js';
import { addStaff, setStaffDisabled, setStaffRole } from '../../src/services/admins/staff.js';
import {
  buildAccountWithOwner,
  buildAdmin,
  buildInvoice,
  buildTicket,
  TEST_PASSWORD,
  uniqueEmail,
} from '../factories/index.js';
import { useAdminSession } from '../helpers/admin.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, csrfOf, loginAdmin, postForm } from '../helpers/http.js';
import { deliveredToken } from '../helpers/outbox.js';
import { codeOf } from '../helpers/services.js';

const t = useTestDatabase();
const s = useAdminSession();

async function staffSession(role: 'support' | 'billing' | 'full') {
  const admin = await buildAdmin({ role });
  const agent = agentFor(s.app);
  await loginAdmin(agent, admin.email);
  return { admin, agent };
}

describe('roles are enforced on the server', () => {
  it('a support admin is refused billing actions (403, nothing written), in the routes and the services', async () => {
    const { admin, agent } = await staffSession('support');
    const { account } = await buildAccountWithOwner();
    const invoice = await buildInvoice({ accountId: account.id });
    const create = await postForm(agent, `/admin/clients/${account.id}/invoices`, {
      description: 'Sneaky charge',
      amount: '99.00',
      dueAt: '2031-01-01',
    });
    expect(create.status).toBe(403);
    expect(create.text).toContain('Your staff role (Support) does not allow this');
    const paid = await postForm(agent, `/admin/clients/${account.id}/invoices/${invoice.id}/paid`, {});
    expect(paid.status).toBe(403);
    expect(await t.prisma.invoice.count({ where: { accountId: account.id } })).toBe(1);
    expect((await t.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe('Unpaid');
    // The same refusal whoever calls the service (an API, a job).
    const actor = adminActor(admin.id);
    expect(
      await codeOf(
        createInvoice(actor, account.id, { items: [{ description: 'x', amount: '1.00' }], dueAt: new Date() }),
      ),
    ).toBe('FORBIDDEN');
    expect(await codeOf(markInvoicePaid(actor, account.id, invoice.id))).toBe('FORBIDDEN');
    // The invoice forms are not even offered to support.
    expect((await agent.get(`/admin/clients/${account.id}/invoices`)).text).not.toContain('Create Invoice');
  });

  it('support reads clients and answers tickets, but changes no client, setting or staff', async () => {
    const { agent } = await staffSession('support');
    const { account, owner } = await buildAccountWithOwner();
    const ticket = await buildTicket({ accountId: account.id, openedByUserId: owner.id });
    expect((await agent.get(`/admin/clients/${account.id}/users`)).status).toBe(200);
    expect((await postForm(agent, `/admin/tickets/${ticket.id}/reply`, { message: 'On it.' })).status).toBe(302);
    const profile = await postForm(agent, `/admin/clients/${account.id}/status`, { status: 'Closed' });
    expect(profile.status).toBe(403);
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: account.id } })).status).toBe('Active');
    const assoc = await postForm(agent, `/admin/clients/${account.id}/users/associate`, {
      email: uniqueEmail('x'),
      permissions: 'tickets',
      sendInvite: 'yes',
    });
    expect(assoc.status).toBe(403);
    expect((await agent.get('/admin/settings')).status).toBe(403);
    expect((await agent.get('/admin/staff')).status).toBe(403);
    const nav = (await agent.get('/admin')).text;
    expect(nav).not.toContain('href="/admin/staff"');
    expect(nav).not.toContain('href="/admin/settings"');
  });

  it('billing bills, but is refused settings; a demotion takes effect on the next request', async () => {
    const { admin, agent } = await staffSession('billing');
    const { account } = await buildAccountWithOwner();
    const ok = await postForm(agent, `/admin/clients/${account.id}/invoices`, {
      description: 'Hosting',
      amount: '10.00',
      dueAt: '2031-01-01',
    });
    expect(ok.status).toBe(302);
    expect(await codeOf(setSetting(adminActor(admin.id), 'companyName', 'Hijacked'))).toBe('FORBIDDEN');
    expect(
      (await postForm(agent, '/admin/settings', { companyName: 'Hijacked', publicUrl: 'https://x.test' })).status,
    ).toBe(403);
    await setStaffRole(adminActor(s.admin.id), admin.id, 'support');
    const after = await postForm(agent, `/admin/clients/${account.id}/invoices`, {
      description: 'Hosting',
      amount: '10.00',
      dueAt: '2031-01-01',
    });
    expect(after.status).toBe(403);
  });
});

describe('staff management', () => {
  it('lists staff with role, 2FA and last login; adds with a checked password', async () => {
    const list = await s.agent.get('/admin/staff');
    expect(list.status).toBe(200);
    expect(list.text).toContain(s.admin.email);
    expect(list.text).toContain('Last Login');
    const email = uniqueEmail('newstaff');
    const weak = await postForm(s.agent, '/admin/staff', {
      firstName: 'Sam',
      lastName: 'Support',
      email,
      role: 'support',
      passwordMode: 'password',
      password: 'password12',
    });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('too easy to guess');
    expect(weak.text).toContain(`value="${email}"`);
    expect(await t.prisma.admin.count({ where: { email } })).toBe(0);
    const ok = await postForm(s.agent, '/admin/staff', {
      firstName: 'Sam',
      lastName: 'Support',
      email,
      role: 'support',
      passwordMode: 'password',
      password: 'Orbit-Lantern-42-quay',
    });
    expect(ok.status).toBe(302);
    expect(await t.prisma.admin.findUniqueOrThrow({ where: { email } })).toMatchObject({ role: 'support' });
    await loginAdmin(agentFor(s.app), email, 'Orbit-Lantern-42-quay');
  });

  it('adds with an emailed set-password link (single use), which then logs in', async () => {
    const email = uniqueEmail('linkstaff');
    const { admin } = await addStaff(adminActor(s.admin.id), {
      email,
      firstName: 'Lin',
      lastName: 'Kay',
      role: 'billing',
      password: null,
    });
    expect((await t.prisma.admin.findUniqueOrThrow({ where: { id: admin.id } })).passwordHash).toBeNull();
    const token = await deliveredToken(email, 'admin_set_password', '/admin/password/set');
    const visitor = agentFor(s.app);
    const form = await visitor.get(`/admin/password/set/${token}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(email);
    const _csrf = await csrfOf(visitor, `/admin/password/set/${token}`);
    const set = await visitor
      .post(`/admin/password/set/${token}`)
      .type('form')
      .send({ _csrf, password: 'Meadow-Piano-77-river' });
    expect(set.status).toBe(302);
    expect((await visitor.get(`/admin/password/set/${token}`)).status).toBe(400);
    await loginAdmin(agentFor(s.app), email, 'Meadow-Piano-77-river');
    // The stored copy of the message holds no usable link.
    const stored = await t.prisma.emailLog.findFirstOrThrow({
      where: { recipient: email, template: 'admin_set_password' },
    });
    expect(stored.bodyText).not.toContain(token);
  });

  it('disables (the session ends on its next request), enables, resets 2FA; never disables oneself', async () => {
    const { admin, agent } = await staffSession('support');
    expect((await agent.get('/admin')).status).toBe(200);
    const off = await postForm(s.agent, `/admin/staff/${admin.id}/disable`, {});
    expect(off.status).toBe(302);
    const next = await agent.get('/admin');
    expect(next.status).toBe(302);
    expect(next.headers.location).toBe('/admin/login');
    const again = agentFor(s.app);
    const _csrf = await csrfOf(again, '/admin/login');
    expect(
      (await again.post('/admin/login').type('form').send({ _csrf, email: admin.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(401);
    await setStaffDisabled(adminActor(s.admin.id), admin.id, false);
    await loginAdmin(agentFor(s.app), admin.email);

    await t.prisma.admin.update({ where: { id: admin.id }, data: { totpEnabled: true, totpSecret: 'sealed' } });
    expect((await postForm(s.agent, `/admin/staff/${admin.id}/reset-2fa`, {})).status).toBe(302);
    expect(await t.prisma.admin.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      totpEnabled: false,
      totpSecret: null,
    });

    const self = await postForm(s.agent, `/admin/staff/${s.admin.id}/disable`, {});
    expect(self.status).toBe(409);
    expect(self.text).toContain('cannot disable your own');
    expect((await t.prisma.admin.findUniqueOrThrow({ where: { id: s.admin.id } })).disabled).toBe(false);
    expect(
      await t.prisma.activityLog.count({
        where: { adminId: s.admin.id, description: { contains: `Admin disabled: ${admin.email}` } },
      }),
    ).toBe(1);
  });
});

describe('failed logins are in the activity log, with the IP, never the password', () => {
  it('client area: wrong password and unknown email', async () => {
    const { owner } = await buildAccountWithOwner();
    const agent = agentFor(s.app);
    const _csrf = await csrfOf(agent, '/login');
    const secret = 'Wrong-But-Secret-123';
    expect((await agent.post('/login').type('form').send({ _csrf, email: owner.email, password: secret })).status).toBe(
      401,
    );
    const unknown = uniqueEmail('nobody');
    expect((await agent.post('/login').type('form').send({ _csrf, email: unknown, password: secret })).status).toBe(
      401,
    );
    const entries = await t.prisma.activityLog.findMany({
      where: {
        OR: [{ description: { contains: owner.email } }, { description: { contains: unknown } }],
        description: { startsWith: 'Failed login' },
      },
      orderBy: { id: 'asc' },
    });
    expect(entries.map((e) => e.description)).toEqual([
      `Failed login (client area) for ${owner.email}: wrong password`,
      `Failed login (client area) for ${unknown}: unknown email`,
    ]);
    expect(entries[0]).toMatchObject({ actorType: 'user', userId: owner.id });
    expect(entries[1]).toMatchObject({ actorType: 'system', userId: null });
    for (const e of entries) {
      expect(e.ip).toMatch(/127\.0\.0\.1|::1/);
      expect(JSON.stringify(e)).not.toContain(secret);
    }
  });

  it('admin area: wrong password, shown in the Activity Log page', async () => {
    const admin = await buildAdmin();
    const agent = agentFor(s.app);
    const _csrf = await csrfOf(agent, '/admin/login');
    const secret = 'Not-The-Admin-Password-9';
    expect(
      (await agent.post('/admin/login').type('form').send({ _csrf, email: admin.email, password: secret })).status,
    ).toBe(401);
    const entry = await t.prisma.activityLog.findFirstOrThrow({
      where: { adminId: admin.id, description: { startsWith: 'Failed login' } },
    });
    expect(entry).toMatchObject({
      actorType: 'admin',
      description: `Failed login (admin area) for ${admin.email}: wrong password`,
    });
    expect(entry.ip).not.toBe('');
    const page = await s.agent.get(`/admin/activity?admin=${admin.id}`);
    expect(page.text).toContain(`Failed login (admin area) for ${admin.email}`);
    expect(page.text).not.toContain(secret);
  });
});

describe('guard rails', () => {
  it('nobody demotes themselves', async () => {
    expect(await codeOf(setStaffRole(adminActor(s.admin.id), s.admin.id, 'support'))).toBe('CONFLICT');
    const { admin } = await staffSession('support');
    expect(await codeOf(setStaffRole(adminActor(admin.id), s.admin.id, 'support'))).toBe('FORBIDDEN');
    expect((await db().admin.findUniqueOrThrow({ where: { id: s.admin.id } })).role).toBe('full');
  });
});
