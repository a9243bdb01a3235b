// SPEC rule 22: every state change writes an activity entry with the actor (user, admin or
// System), the account it concerned and the IP. (setSetting's entry, with no account, is in
// services-settings.test.ts, which isolates that global setting.)
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { userActor, adminActor } from '../../src/services/actor.js';
import { createAccountForUser, register } from '../../src/services/accounts/accounts.js';
import { associateUser } from '../../src/services/memberships/associations.js';
import { cancelInvitation, invite, resendInvitation } from '../../src/services/invitations/invitations.js';
import { acceptInvitation } from '../../src/services/invitations/accept.js';
import { registerAndAccept } from '../../src/services/invitations/accept.js';
import { makeOwner, removeUser, updatePermissions } from '../../src/services/memberships/memberships.js';
import {
  buildAccountWithOwner,
  buildAdmin,
  buildAuthorizedUser,
  buildUser,
  unique,
  uniqueEmail,
} from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { useLocalMail } from '../helpers/services.js';

useTestDatabase();

useLocalMail();

/** The entries for one account written after `since` (an id watermark), oldest first. */
async function entriesSince(accountId: number, sinceId: number) {
  return db().activityLog.findMany({ where: { accountId, id: { gt: sinceId } }, orderBy: { id: 'asc' } });
}

async function watermark(): Promise<number> {
  const last = await db().activityLog.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return last?.id ?? 0;
}

const USER_IP = '203.0.113.10';
const ADMIN_IP = '192.0.2.20';

describe('activity entries name actor, account and IP (rule 22)', () => {
  it('register: user actor, the new account, the IP', async () => {
    const email = uniqueEmail('reg');
    const { user, account } = await register(
      { firstName: 'Reg', lastName: `Istrant ${unique()}`, email, password: 'Tr0ub4dor&3-horse-battery' },
      USER_IP,
    );
    const entries = await entriesSince(account.id, 0);
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(entries.map((e) => e.description).join('\n')).toContain(email);
    for (const e of entries)
      expect(e).toMatchObject({
        actorType: 'user',
        userId: user.id,
        adminId: null,
        accountId: account.id,
        ip: USER_IP,
      });
  });

  it('createAccountForUser: user actor on the new account', async () => {
    const user = await buildUser();
    const account = await createAccountForUser(
      { kind: 'user', userId: user.id, ip: USER_IP },
      { firstName: 'A', lastName: 'B', email: uniqueEmail('billing') },
    );
    const [entry] = await entriesSince(account.id, 0);
    expect(entry).toMatchObject({
      actorType: 'user',
      userId: user.id,
      adminId: null,
      accountId: account.id,
      ip: USER_IP,
    });
  });

  it('invite, resend, cancel by the owner: user actor on the account, with the IP', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const since = await watermark();
    const actor = userActor(owner.id, USER_IP);
    const email = uniqueEmail('inv');
    const { invitation } = await invite(actor, account.id, email, ['invoices']);
    await resendInvitation(actor, invitation.id);
    await cancelInvitation(actor, invitation.id);
    const entries = await entriesSince(account.id, since);
    expect(entries.map((e) => e.description)).toEqual([
      expect.stringMatching(/sent/i),
      expect.stringMatching(/resent/i),
      expect.stringMatching(/cancel/i),
    ]);
    for (const e of entries) {
      expect(e.description).toContain(email);
      expect(e).toMatchObject({ actorType: 'user', userId: owner.id, adminId: null, ip: USER_IP });
    }
  });

  it('invite by an admin: admin actor, no user id', async () => {
    const { account } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    const since = await watermark();
    await invite(adminActor(admin.id, ADMIN_IP), account.id, uniqueEmail('inv'), ['tickets']);
    const [entry] = await entriesSince(account.id, since);
    expect(entry).toMatchObject({
      actorType: 'admin',
      adminId: admin.id,
      userId: null,
      accountId: account.id,
      ip: ADMIN_IP,
    });
  });

  it('accept: the accepting user on the account, with their IP', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { token } = await invite(userActor(owner.id), account.id, uniqueEmail('inv'), ['tickets']);
    const user = await buildUser();
    const since = await watermark();
    await acceptInvitation(token, user.id, '198.51.100.99');
    const entries = await entriesSince(account.id, since);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorType: 'user', userId: user.id, adminId: null, ip: '198.51.100.99' });
  });

  it('registerAndAccept: the new user registers and accepts on the inviting account', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { token } = await invite(userActor(owner.id), account.id, uniqueEmail('inv'), ['tickets']);
    const since = await watermark();
    const { user } = await registerAndAccept(
      token,
      { email: uniqueEmail('new'), firstName: 'N', lastName: 'U', password: 'Tr0ub4dor&3-horse-battery' },
      USER_IP,
    );
    const entries = await entriesSince(account.id, since);
    expect(entries.length).toBeGreaterThanOrEqual(2);
    for (const e of entries) expect(e).toMatchObject({ actorType: 'user', userId: user.id, ip: USER_IP });
  });

  it('updatePermissions and removeUser by the owner: user actor on the account', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, []);
    const since = await watermark();
    await updatePermissions(userActor(owner.id, USER_IP), account.id, user.id, ['tickets']);
    await removeUser(userActor(owner.id, USER_IP), account.id, user.id);
    const entries = await entriesSince(account.id, since);
    expect(entries).toHaveLength(2);
    expect(entries[0]?.description).toContain('tickets');
    for (const e of entries) {
      expect(e.description).toContain(user.email);
      expect(e).toMatchObject({ actorType: 'user', userId: owner.id, adminId: null, ip: USER_IP });
    }
  });

  it('refused actions write nothing', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, []);
    const since = await watermark();
    await expect(removeUser(userActor(owner.id), account.id, owner.id)).rejects.toThrow();
    await expect(updatePermissions(userActor(user.id), account.id, user.id, ['tickets'])).rejects.toThrow();
    await expect(invite(userActor(owner.id), account.id, user.email, ['tickets'])).rejects.toThrow();
    expect(await entriesSince(account.id, since)).toEqual([]);
  });

  it('makeOwner by an admin: admin actor on the account, with the IP', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, []);
    const admin = await buildAdmin();
    const since = await watermark();
    await makeOwner(adminActor(admin.id, ADMIN_IP), account.id, user.id);
    const entries = await entriesSince(account.id, since);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.description).toContain(owner.email);
    expect(entries[0]?.description).toContain(user.email);
    expect(entries[0]).toMatchObject({ actorType: 'admin', adminId: admin.id, userId: null, ip: ADMIN_IP });
  });

  it('associateUser by an admin: admin actor on the account for the user creation and the association', async () => {
    const { account } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    const since = await watermark();
    await associateUser(
      adminActor(admin.id, ADMIN_IP),
      account.id,
      { email: uniqueEmail('assoc'), firstName: 'Ada', lastName: 'Assoc' },
      ['emails'],
      false,
    );
    const entries = await entriesSince(account.id, since);
    expect(entries.length).toBeGreaterThanOrEqual(2);
    for (const e of entries)
      expect(e).toMatchObject({ actorType: 'admin', adminId: admin.id, userId: null, ip: ADMIN_IP });
  });
});
