// SPEC rules 5-11 and 18: access resolution, permissions, removal, owner-only management and
// Make Owner (one owner at all times, even under concurrency).
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { ALL_PERMISSIONS } from '../../src/policies/permissions.js';
import { adminActor, userActor } from '../../src/services/actor.js';
import { cancelInvitation, invite, resendInvitation } from '../../src/services/invitations/invitations.js';
import {
  assertCanManageUsers,
  getAccess,
  listAccountUsers,
  listUserAccounts,
  makeOwner,
  parsePermissions,
  removeUser,
  updatePermissions,
} from '../../src/services/memberships/memberships.js';
import { buildAccountWithOwner, buildAdmin, buildAuthorizedUser, uniqueEmail } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { codeOf, useLocalMail } from '../helpers/services.js';

useTestDatabase();

useLocalMail();

describe('access (rules 5-6): owner => all 13, authorized user => exactly their stored ones', () => {
  it('gives the owner all 13 permissions in WHMCS order', async () => {
    const { account, owner } = await buildAccountWithOwner();
    expect(await getAccess(owner.id, account.id)).toEqual({
      accountId: account.id,
      userId: owner.id,
      isOwner: true,
      permissions: [...ALL_PERMISSIONS],
    });
  });

  it('gives the owner all 13 even if the stored array was emptied', async () => {
    const { account, owner, membership } = await buildAccountWithOwner();
    await db().accountUser.update({ where: { id: membership.id }, data: { permissions: [] } });
    expect((await getAccess(owner.id, account.id))?.permissions).toEqual([...ALL_PERMISSIONS]);
  });

  it('gives an authorized user exactly their stored permissions, no more', async () => {
    const { account } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets', 'invoices']);
    expect(await getAccess(user.id, account.id)).toEqual({
      accountId: account.id,
      userId: user.id,
      isOwner: false,
      permissions: ['invoices', 'tickets'],
    });
  });

  it('gives no access to an account the user is not associated with', async () => {
    const { account } = await buildAccountWithOwner();
    const { owner: stranger } = await buildAccountWithOwner();
    expect(await getAccess(stranger.id, account.id)).toBeNull();
  });

  it('lists every account a user can reach, with the owner flag', async () => {
    const a = await buildAccountWithOwner();
    const b = await buildAccountWithOwner();
    await buildAuthorizedUser(b.account.id, ['emails']).then(async ({ user }) => {
      await db().accountUser.create({ data: { accountId: a.account.id, userId: user.id, permissions: ['invoices'] } });
      const accounts = await listUserAccounts(user.id);
      expect(accounts.map((x) => [x.id, x.isOwner, x.permissions])).toEqual(
        expect.arrayContaining([
          [a.account.id, false, ['invoices']],
          [b.account.id, false, ['emails']],
        ]),
      );
      expect(accounts).toHaveLength(2);
    });
  });

  it('ends access at once when the user is removed (the next read returns null)', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['invoices']);
    expect(await getAccess(user.id, account.id)).not.toBeNull();
    await removeUser(userActor(owner.id), account.id, user.id);
    expect(await getAccess(user.id, account.id)).toBeNull();
  });
});

describe("permissions (rule 9): only the 13 keys, never the owner's, stored in WHMCS order", () => {
  it('stores the chosen permissions in WHMCS order without duplicates', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user, membership } = await buildAuthorizedUser(account.id, ['emails']);
    await updatePermissions(userActor(owner.id), account.id, user.id, ['orders', 'profile', 'tickets', 'profile']);
    const row = await db().accountUser.findUniqueOrThrow({ where: { id: membership.id } });
    expect(row.permissions).toEqual(['profile', 'tickets', 'orders']);
    expect((await getAccess(user.id, account.id))?.permissions).toEqual(['profile', 'tickets', 'orders']);
  });

  // Issue 14, bug 3: one rule for both areas, in the service — never an authorized user with none.
  it('refuses to take every permission away (VALIDATION), for the owner in the client area and for an admin', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    const { user } = await buildAuthorizedUser(account.id, ['emails', 'invoices']);
    expect(await codeOf(updatePermissions(userActor(owner.id), account.id, user.id, []))).toBe('VALIDATION');
    expect(await codeOf(updatePermissions(adminActor(admin.id), account.id, user.id, []))).toBe('VALIDATION');
    expect((await getAccess(user.id, account.id))?.permissions).toEqual(['invoices', 'emails']);
  });

  it.each([['admin'], ['Invoices'], [''], ['invoices ', 'tickets'], ['all']])(
    'rejects keys outside the 13 (%s) with INVALID_PERMISSION and changes nothing',
    async (...keys) => {
      const { account, owner } = await buildAccountWithOwner();
      const { user, membership } = await buildAuthorizedUser(account.id, ['emails']);
      expect(await codeOf(updatePermissions(userActor(owner.id), account.id, user.id, ['invoices', ...keys]))).toBe(
        'INVALID_PERMISSION',
      );
      expect((await db().accountUser.findUniqueOrThrow({ where: { id: membership.id } })).permissions).toEqual([
        'emails',
      ]);
    },
  );

  it('parsePermissions names the unknown keys', () => {
    expect(() => parsePermissions(['invoices', 'superuser'])).toThrowError(/superuser/);
  });

  it("refuses to change the owner's permissions (OWNER_PERMISSIONS_FIXED), for the owner and for an admin", async () => {
    const { account, owner, membership } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    expect(await codeOf(updatePermissions(userActor(owner.id), account.id, owner.id, ['invoices']))).toBe(
      'OWNER_PERMISSIONS_FIXED',
    );
    expect(await codeOf(updatePermissions(adminActor(admin.id), account.id, owner.id, []))).toBe(
      'OWNER_PERMISSIONS_FIXED',
    );
    expect((await db().accountUser.findUniqueOrThrow({ where: { id: membership.id } })).permissions).toEqual([
      ...ALL_PERMISSIONS,
    ]);
    expect((await getAccess(owner.id, account.id))?.permissions).toEqual([...ALL_PERMISSIONS]);
  });

  it('refuses a user who is not associated with the account (NOT_A_MEMBER)', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { owner: stranger } = await buildAccountWithOwner();
    expect(await codeOf(updatePermissions(userActor(owner.id), account.id, stranger.id, ['invoices']))).toBe(
      'NOT_A_MEMBER',
    );
  });

  it("lets an admin change an authorized user's permissions", async () => {
    const { account } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    const { user } = await buildAuthorizedUser(account.id, []);
    await updatePermissions(adminActor(admin.id), account.id, user.id, ['domains']);
    expect((await getAccess(user.id, account.id))?.permissions).toEqual(['domains']);
  });
});

describe('remove (rule 10): the owner is never removable', () => {
  it('refuses to remove the owner (OWNER_NOT_REMOVABLE), for the owner and for an admin', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    expect(await codeOf(removeUser(userActor(owner.id), account.id, owner.id))).toBe('OWNER_NOT_REMOVABLE');
    expect(await codeOf(removeUser(adminActor(admin.id), account.id, owner.id))).toBe('OWNER_NOT_REMOVABLE');
    expect(await getAccess(owner.id, account.id)).toMatchObject({ isOwner: true });
  });

  it('removes a non-owner user, leaving the user itself and their other accounts alone', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const other = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['invoices']);
    await db().accountUser.create({ data: { accountId: other.account.id, userId: user.id, permissions: ['emails'] } });
    await removeUser(userActor(owner.id), account.id, user.id);
    expect(await getAccess(user.id, account.id)).toBeNull();
    expect(await getAccess(user.id, other.account.id)).not.toBeNull();
    expect(await db().user.findUnique({ where: { id: user.id } })).not.toBeNull();
    expect((await listAccountUsers(account.id)).map((u) => u.id)).toEqual([owner.id]);
  });

  it('answers NOT_A_MEMBER when removing someone twice', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id);
    await removeUser(userActor(owner.id), account.id, user.id);
    expect(await codeOf(removeUser(userActor(owner.id), account.id, user.id))).toBe('NOT_A_MEMBER');
  });
});

describe('owner-only management (rules 7-8): a non-owner user actor gets NOT_OWNER', () => {
  it('refuses invite / updatePermissions / removeUser / resend / cancel to an authorized user, even one with every permission', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user: manager } = await buildAuthorizedUser(account.id, [...ALL_PERMISSIONS]);
    const { user: other } = await buildAuthorizedUser(account.id, ['emails']);
    const pending = await invite(userActor(owner.id), account.id, uniqueEmail('invitee'), ['invoices']);
    const actor = userActor(manager.id);

    expect(await codeOf(assertCanManageUsers(actor, account.id))).toBe('NOT_OWNER');
    expect(await codeOf(invite(actor, account.id, uniqueEmail('x'), ['invoices']))).toBe('NOT_OWNER');
    expect(await codeOf(updatePermissions(actor, account.id, other.id, [...ALL_PERMISSIONS]))).toBe('NOT_OWNER');
    expect(await codeOf(removeUser(actor, account.id, other.id))).toBe('NOT_OWNER');
    expect(await codeOf(resendInvitation(actor, pending.invitation.id))).toBe('NOT_OWNER');
    expect(await codeOf(cancelInvitation(actor, pending.invitation.id))).toBe('NOT_OWNER');

    // Nothing changed.
    expect((await getAccess(other.id, account.id))?.permissions).toEqual(['emails']);
    const inv = await db().invitation.findUniqueOrThrow({ where: { id: pending.invitation.id } });
    expect(inv).toMatchObject({ status: 'pending', tokenHash: pending.invitation.tokenHash });
  });

  it("refuses the owner of another account (NOT_OWNER) — owning an account grants nothing on another's", async () => {
    const { account } = await buildAccountWithOwner();
    const { owner: otherOwner } = await buildAccountWithOwner();
    expect(await codeOf(invite(userActor(otherOwner.id), account.id, uniqueEmail('x'), ['tickets']))).toBe('NOT_OWNER');
  });

  it("refuses resend/cancel of another account's invitation even by an owner, like a missing one", async () => {
    const a = await buildAccountWithOwner();
    const b = await buildAccountWithOwner();
    const inv = await invite(userActor(a.owner.id), a.account.id, uniqueEmail('x'), ['tickets']);
    expect(await codeOf(resendInvitation(userActor(b.owner.id), inv.invitation.id, b.account.id))).toBe(
      'INVITATION_NOT_FOUND',
    );
    expect(await codeOf(cancelInvitation(userActor(b.owner.id), inv.invitation.id, b.account.id))).toBe(
      'INVITATION_NOT_FOUND',
    );
    expect(await codeOf(cancelInvitation(userActor(b.owner.id), inv.invitation.id))).toBe('NOT_OWNER');
  });

  it('lets the owner and an admin manage users', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    await expect(assertCanManageUsers(userActor(owner.id), account.id)).resolves.toBeUndefined();
    await expect(assertCanManageUsers(adminActor(admin.id), account.id)).resolves.toBeUndefined();
  });
});

describe('make owner (rule 18): one owner at all times; previous owner keeps all 13 permissions', () => {
  it('transfers ownership; the previous owner stays an authorized user with all 13 and isOwner false', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['emails']);
    const admin = await buildAdmin();
    await makeOwner(adminActor(admin.id, '192.0.2.7'), account.id, user.id);

    expect(await getAccess(user.id, account.id)).toMatchObject({ isOwner: true, permissions: [...ALL_PERMISSIONS] });
    expect(await getAccess(owner.id, account.id)).toMatchObject({ isOwner: false, permissions: [...ALL_PERMISSIONS] });
    const prev = await db().accountUser.findFirstOrThrow({ where: { accountId: account.id, userId: owner.id } });
    expect(prev.permissions).toEqual([...ALL_PERMISSIONS]);
    expect(await db().accountUser.count({ where: { accountId: account.id, isOwner: true } })).toBe(1);

    // The previous owner is now an ordinary authorized user: removable, restrictable.
    await updatePermissions(adminActor(admin.id), account.id, owner.id, ['invoices']);
    expect((await getAccess(owner.id, account.id))?.permissions).toEqual(['invoices']);
  });

  it('refuses a user actor, even the owner (FORBIDDEN), and changes nothing', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['emails']);
    expect(await codeOf(makeOwner(userActor(owner.id), account.id, user.id))).toBe('FORBIDDEN');
    expect(await codeOf(makeOwner(userActor(user.id), account.id, user.id))).toBe('FORBIDDEN');
    expect((await getAccess(owner.id, account.id))?.isOwner).toBe(true);
    expect((await getAccess(user.id, account.id))?.isOwner).toBe(false);
  });

  it('refuses a user who is not associated with the account (NOT_A_MEMBER)', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { owner: stranger } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    expect(await codeOf(makeOwner(adminActor(admin.id), account.id, stranger.id))).toBe('NOT_A_MEMBER');
    expect((await getAccess(owner.id, account.id))?.isOwner).toBe(true);
  });

  // Issue 14, bug 8: a forged Make Owner on the current owner is refused, not reported as a transfer.
  it('making the current owner owner again is refused (CONFLICT) and changes nothing', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    expect(await codeOf(makeOwner(adminActor(admin.id), account.id, owner.id))).toBe('CONFLICT');
    expect(
      await db().activityLog.count({ where: { accountId: account.id, description: { contains: 'ownership' } } }),
    ).toBe(0);
    expect(await db().accountUser.count({ where: { accountId: account.id, isOwner: true } })).toBe(1);
    expect((await getAccess(owner.id, account.id))?.isOwner).toBe(true);
  });

  it('10 concurrent makeOwner calls for different users leave exactly one owner and raise no error', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    const candidates = [];
    for (let i = 0; i < 10; i++) candidates.push((await buildAuthorizedUser(account.id, ['emails'])).user);

    const results = await Promise.allSettled(candidates.map((u) => makeOwner(adminActor(admin.id), account.id, u.id)));
    const errors = results
      .filter((r) => r.status === 'rejected')
      .map((r) => String((r as PromiseRejectedResult).reason));
    expect(errors).toEqual([]);

    const owners = await db().accountUser.findMany({ where: { accountId: account.id, isOwner: true } });
    expect(owners).toHaveLength(1);
    expect(candidates.map((u) => u.id)).toContain(owners[0]?.userId);
    // Everyone who was owner at some point keeps full access; nobody lost access.
    const links = await db().accountUser.findMany({ where: { accountId: account.id } });
    expect(links).toHaveLength(11);
    expect((await getAccess(owner.id, account.id))?.permissions).toEqual([...ALL_PERMISSIONS]);
    // One activity entry per transfer, all attributed to the admin.
    const transfers = await db().activityLog.findMany({
      where: { accountId: account.id, description: { contains: 'ownership transferred' } },
    });
    expect(transfers).toHaveLength(10);
    for (const t of transfers) expect(t).toMatchObject({ actorType: 'admin', adminId: admin.id });
  });

  it('the database itself refuses a second owner (accounts_one_owner)', async () => {
    const { account } = await buildAccountWithOwner();
    const { membership } = await buildAuthorizedUser(account.id);
    await expect(db().accountUser.update({ where: { id: membership.id }, data: { isOwner: true } })).rejects.toThrow();
    expect(await db().accountUser.count({ where: { accountId: account.id, isOwner: true } })).toBe(1);
  });
});
