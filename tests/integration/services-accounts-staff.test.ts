// The staff services added for the API (issue 11), called directly: closing and deleting a
// client account, a client for an existing owner, a new owner with a password, partial profile
// updates, the single sign-on switch, contacts added by staff, and the offset windows of clients,
// contacts, users and the activity log.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { adminActor } from '../../src/services/actor.js';
import { logStaffNote, listActivityWindow } from '../../src/services/activity/activity-log.js';
import { setAccountSingleSignOn, updateAccount } from '../../src/services/accounts/accounts.js';
import { listClientWindow } from '../../src/services/accounts/client-directory.js';
import { createAccountForOwner, createAccountWithOwnerByAdmin } from '../../src/services/accounts/clients.js';
import { createContactInAccount } from '../../src/services/accounts/contacts.js';
import { closeAccount, deleteAccount } from '../../src/services/accounts/lifecycle.js';
import { listContactWindow } from '../../src/services/accounts/staff-contacts.js';
import { sendPasswordResetByStaff } from '../../src/services/auth/email-links.js';
import { listUserWindow } from '../../src/services/users/search.js';
import { createUserByStaff } from '../../src/services/users/users.js';
import {
  buildAccountWithOwner,
  buildAdmin,
  buildAuthorizedUser,
  buildContact,
  buildInvoice,
  buildService,
  buildTicket,
  buildUser,
  unique,
  uniqueEmail,
} from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { codeOf, useLocalMail } from '../helpers/services.js';

useTestDatabase();
useLocalMail();

async function staff() {
  return adminActor((await buildAdmin()).id, '192.0.2.9');
}

const contactInput = (email = uniqueEmail('c')) => ({
  firstName: 'C',
  lastName: 'D',
  email,
  phone: '',
  companyName: '',
  generalEmails: true,
  invoiceEmails: false,
  supportEmails: false,
  productEmails: false,
  domainEmails: false,
  affiliateEmails: false,
});

describe('closeAccount and deleteAccount', () => {
  it('close: status Closed, unpaid invoices cancelled, services ended, users kept; one entry', async () => {
    const actor = await staff();
    const { account, owner } = await buildAccountWithOwner();
    const invoice = await buildInvoice({ accountId: account.id });
    const suspended = await buildService({ accountId: account.id, status: 'Suspended' });
    const done = await buildService({ accountId: account.id, status: 'Cancelled' });
    expect(await closeAccount(actor, account.id)).toEqual({
      invoicesCancelled: 1,
      servicesCancelled: 0,
      servicesTerminated: 1,
    });
    expect((await db().invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe('Cancelled');
    expect((await db().service.findUniqueOrThrow({ where: { id: suspended.id } })).status).toBe('Terminated');
    expect((await db().service.findUniqueOrThrow({ where: { id: done.id } })).status).toBe('Cancelled');
    expect(await db().accountUser.count({ where: { accountId: account.id, userId: owner.id } })).toBe(1);
    expect(await codeOf(closeAccount(actor, 2_000_000_000))).toBe('ACCOUNT_NOT_FOUND');
  });

  it('delete: the account and what it owns go; the log keeps its entries; users only on request', async () => {
    const actor = await staff();
    const { account, owner } = await buildAccountWithOwner();
    const { user: member } = await buildAuthorizedUser(account.id, ['tickets']);
    const elsewhere = await buildAccountWithOwner();
    await db().accountUser.create({ data: { accountId: elsewhere.account.id, userId: member.id, permissions: [] } });
    const ticket = await buildTicket({ accountId: account.id, openedByUserId: owner.id });
    await logStaffNote(actor, 'Before deletion', account.id);

    const result = await deleteAccount(actor, account.id, { deleteUsers: true });
    expect(result).toEqual({ accountId: account.id, deletedUserIds: [owner.id] });
    expect(await db().ticket.count({ where: { id: ticket.id } })).toBe(0);
    expect(await db().user.count({ where: { id: member.id } })).toBe(1);
    expect(await db().activityLog.count({ where: { description: 'Before deletion', adminId: actor.adminId } })).toBe(1);
    expect(await codeOf(deleteAccount(actor, account.id))).toBe('ACCOUNT_NOT_FOUND');

    const kept = await buildAccountWithOwner();
    await deleteAccount(actor, kept.account.id);
    expect(await db().user.count({ where: { id: kept.owner.id } })).toBe(1);
  });
});

describe('creating client accounts for staff', () => {
  it('for an existing owner, or with a new owner who has a password (no "set your password" email)', async () => {
    const actor = await staff();
    const owner = await buildUser();
    const account = await createAccountForOwner(actor, owner.id, {
      firstName: 'A',
      lastName: 'B',
      email: uniqueEmail(),
    });
    expect(await db().accountUser.findFirst({ where: { accountId: account.id } })).toMatchObject({
      userId: owner.id,
      isOwner: true,
    });
    expect(
      await codeOf(
        createAccountForOwner(actor, 2_000_000_000, { firstName: 'A', lastName: 'B', email: uniqueEmail() }),
      ),
    ).toBe('USER_NOT_FOUND');
    const email = uniqueEmail('owner');
    const made = await createAccountWithOwnerByAdmin(actor, {
      firstName: 'N',
      lastName: 'O',
      email,
      password: 'Correct-Horse-42',
    });
    expect(made.user.passwordHash).toBeTruthy();
    expect(await db().emailLog.count({ where: { recipient: email, template: 'set_password' } })).toBe(0);
    const without = await createAccountWithOwnerByAdmin(actor, {
      firstName: 'N',
      lastName: 'O',
      email: uniqueEmail('nopw'),
    });
    expect(await db().emailLog.count({ where: { userId: without.user.id, template: 'set_password' } })).toBe(1);
  });

  it('creates a standalone user', async () => {
    const actor = await staff();
    const email = uniqueEmail('standalone');
    const user = await createUserByStaff(actor, { email, firstName: 'S', lastName: 'A', password: 'Correct-Horse-42' });
    expect(await db().accountUser.count({ where: { userId: user.id } })).toBe(0);
    expect(await codeOf(createUserByStaff(actor, { email: email.toUpperCase(), firstName: 'S', lastName: 'A' }))).toBe(
      'EMAIL_TAKEN',
    );
  });
});

describe('updateAccount and the single sign-on switch', () => {
  it('changes only the given fields and the status in one transaction, logging what changed', async () => {
    const actor = await staff();
    const { account } = await buildAccountWithOwner();
    await updateAccount(actor, account.id, { city: 'Leeds' });
    await updateAccount(actor, account.id, { status: 'Inactive' });
    const after = await db().account.findUniqueOrThrow({ where: { id: account.id } });
    expect(after).toMatchObject({
      city: 'Leeds',
      status: 'Inactive',
      email: account.email,
      lastName: account.lastName,
    });
    const log = await db().activityLog.findMany({
      where: { accountId: account.id, adminId: actor.adminId },
      orderBy: { id: 'asc' },
    });
    expect(log.map((e) => e.description)).toEqual([
      `Account profile updated (Account ID: ${account.id})`,
      'Account status changed to Inactive',
    ]);
    expect(await codeOf(updateAccount(actor, 2_000_000_000, { city: 'X' }))).toBe('ACCOUNT_NOT_FOUND');
  });

  it('switches single sign-on off and on, logged', async () => {
    const actor = await staff();
    const { account } = await buildAccountWithOwner();
    await setAccountSingleSignOn(actor, account.id, false);
    expect((await db().account.findUniqueOrThrow({ where: { id: account.id } })).allowSingleSignOn).toBe(false);
    await setAccountSingleSignOn(actor, account.id, true);
    expect((await db().account.findUniqueOrThrow({ where: { id: account.id } })).allowSingleSignOn).toBe(true);
    expect(await codeOf(setAccountSingleSignOn(actor, 2_000_000_000, true))).toBe('ACCOUNT_NOT_FOUND');
  });
});

describe('contacts added by staff', () => {
  it('adds to an existing account only, and lists with exact filters', async () => {
    const actor = await staff();
    const { account } = await buildAccountWithOwner();
    const contact = await createContactInAccount(actor, account.id, contactInput());
    expect(await codeOf(createContactInAccount(actor, 2_000_000_000, contactInput()))).toBe('ACCOUNT_NOT_FOUND');
    await buildContact({ accountId: account.id, firstName: 'Other' });
    const all = await listContactWindow({ accountId: account.id, offset: 0, limit: 10 });
    expect(all.total).toBe(2);
    const one = await listContactWindow({ email: contact.email.toUpperCase(), offset: 0, limit: 10 });
    expect(one.contacts.map((c) => c.id)).toEqual([contact.id]);
    const page = await listContactWindow({ accountId: account.id, offset: 1, limit: 1 });
    expect(page).toMatchObject({ total: 2, contacts: [expect.objectContaining({ firstName: 'Other' })] });
  });
});

describe('offset windows', () => {
  it('clients: prefix search, status, order and the total (also past the last row)', async () => {
    const tag = `win${unique().replace(/-/g, '')}`;
    const a = await buildAccountWithOwner({ account: { companyName: `${tag} b`, lastName: 'Beta' } });
    const b = await buildAccountWithOwner({
      account: { companyName: `${tag} a`, lastName: 'Alpha', status: 'Inactive' },
    });
    const byName = await listClientWindow({ search: tag, offset: 0, limit: 10, orderBy: 'lastname' });
    expect(byName).toMatchObject({ total: 2 });
    expect(byName.clients.map((c) => c.id)).toEqual([b.account.id, a.account.id]);
    expect(
      (await listClientWindow({ search: tag, status: 'Inactive', offset: 0, limit: 10 })).clients.map((c) => c.id),
    ).toEqual([b.account.id]);
    expect(await listClientWindow({ search: tag, offset: 5, limit: 10 })).toEqual({ total: 2, clients: [] });
    expect((await listClientWindow({ search: `${tag}%`, offset: 0, limit: 10 })).total).toBe(0);
  });

  it('users: prefix search with the accounts each reaches, both orders', async () => {
    const tag = `uw${unique().replace(/-/g, '')}`;
    const { owner, account } = await buildAccountWithOwner({ owner: { lastName: `${tag}1` } });
    const loner = await buildUser({ lastName: `${tag}2` });
    const asc = await listUserWindow({ search: tag, offset: 0, limit: 10 });
    expect(asc.total).toBe(2);
    expect(asc.users.map((u) => [u.id, u.memberships])).toEqual([
      [owner.id, [{ accountId: account.id, isOwner: true }]],
      [loner.id, []],
    ]);
    const desc = await listUserWindow({ search: tag, offset: 0, limit: 1, descending: true });
    expect(desc).toMatchObject({ total: 2, users: [expect.objectContaining({ id: loner.id })] });
  });

  it('activity: by IP and by account, with the total; a note about a missing account is refused', async () => {
    const actor = adminActor((await buildAdmin()).id, `203.0.113.${Math.floor(Math.random() * 250) + 1}`);
    const { account } = await buildAccountWithOwner();
    await logStaffNote(actor, 'one', account.id);
    await logStaffNote(actor, 'two', account.id);
    const window = await listActivityWindow({
      accountId: account.id,
      ip: actor.ip,
      adminId: actor.adminId,
      offset: 1,
      limit: 5,
    });
    expect(window.total).toBe(2);
    expect(window.entries.map((e) => e.description)).toEqual(['one']);
    expect(await codeOf(logStaffNote(actor, 'x', 2_000_000_000))).toBe('ACCOUNT_NOT_FOUND');
  });
});

describe('sendPasswordResetByStaff', () => {
  it('sends to a user by id or email, and says USER_NOT_FOUND otherwise', async () => {
    const actor = await staff();
    const user = await buildUser();
    await sendPasswordResetByStaff(actor, { userId: user.id });
    await sendPasswordResetByStaff(actor, { email: user.email.toUpperCase() });
    expect(await db().emailLog.count({ where: { userId: user.id, template: 'password_reset' } })).toBe(2);
    expect(await codeOf(sendPasswordResetByStaff(actor, { email: uniqueEmail('ghost') }))).toBe('USER_NOT_FOUND');
  });
});
