// SPEC rule 17: admin "Associate User". Send Invite = No associates at once (a new user gets a
// "set your password" email); Send Invite = Yes sends an invitation and associates nobody yet.
import { adminActor } from '../../src/services/actor.js';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { associateUser } from '../../src/services/memberships/associations.js';
import { acceptInvitation } from '../../src/services/invitations/accept.js';
import { getAccess } from '../../src/services/memberships/memberships.js';
import { buildAccountWithOwner, buildAdmin, buildAuthorizedUser, buildUser, uniqueEmail } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { deliveredMail } from '../helpers/outbox.js';
import { codeOf, useLocalMail } from '../helpers/services.js';

useTestDatabase();

useLocalMail();

describe('associate user, Send Invite = No (rule 17)', () => {
  it('with a new email: creates the user without a password, the membership, and a set_password email', async () => {
    const { account } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    const email = uniqueEmail('assoc');
    const result = await associateUser(
      adminActor(admin.id, '192.0.2.5'),
      account.id,
      { email: email.toUpperCase(), firstName: 'Grace', lastName: 'Hopper' },
      ['tickets', 'invoices'],
      false,
    );
    expect(result).toMatchObject({ kind: 'associated', createdUser: true });

    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash).toBeNull();
    expect(user).toMatchObject({ firstName: 'Grace', lastName: 'Hopper' });
    expect(await getAccess(user.id, account.id)).toMatchObject({
      isOwner: false,
      permissions: ['invoices', 'tickets'],
    });
    expect(await db().invitation.count({ where: { accountId: account.id } })).toBe(0);

    const mails = await db().emailLog.findMany({ where: { recipient: email } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      template: 'set_password',
      userId: user.id,
      accountId: account.id,
      status: 'stored',
    });
    expect((await deliveredMail(mails[0]?.id ?? 0)).text).toMatch(/\/password\/reset\/[A-Za-z0-9_-]{43}/);
    expect(mails[0]?.bodyText).toContain('/password/reset/[link-removed]');
    // And a user with no password cannot log in until they set one.
    expect(await db().userToken.count({ where: { userId: user.id, purpose: 'password_reset', usedAt: null } })).toBe(1);
  });

  it('with an existing user: associates them at once, creates no user and sends no set-password email', async () => {
    const { account } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    const existing = await buildUser();
    const usersBefore = await db().user.count({ where: { email: existing.email } });
    const result = await associateUser(adminActor(admin.id), account.id, { userId: existing.id }, ['emails'], false);
    expect(result).toEqual({ kind: 'associated', userId: existing.id, createdUser: false });
    expect((await getAccess(existing.id, account.id))?.permissions).toEqual(['emails']);
    expect(await db().user.count({ where: { email: existing.email } })).toBe(usersBefore);
    expect(await db().emailLog.count({ where: { recipient: existing.email, template: 'set_password' } })).toBe(0);
  });

  it('with a typed email that belongs to an existing user (any case): associates that user', async () => {
    const { account } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    const existing = await buildUser();
    const result = await associateUser(
      adminActor(admin.id),
      account.id,
      { email: existing.email.toUpperCase() },
      ['emails'],
      false,
    );
    expect(result).toEqual({ kind: 'associated', userId: existing.id, createdUser: false });
  });

  it('refuses a user who is already associated (ALREADY_MEMBER) and unknown permissions (INVALID_PERMISSION)', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    const { user } = await buildAuthorizedUser(account.id, ['emails']);
    expect(
      await codeOf(associateUser(adminActor(admin.id), account.id, { userId: user.id }, ['invoices'], false)),
    ).toBe('ALREADY_MEMBER');
    expect(
      await codeOf(associateUser(adminActor(admin.id), account.id, { userId: owner.id }, ['tickets'], false)),
    ).toBe('ALREADY_MEMBER');
    expect((await getAccess(user.id, account.id))?.permissions).toEqual(['emails']);
    const email = uniqueEmail('bad');
    expect(await codeOf(associateUser(adminActor(admin.id), account.id, { email }, ['god-mode'], false))).toBe(
      'INVALID_PERMISSION',
    );
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it('refuses an unknown user id (USER_NOT_FOUND)', async () => {
    const { account } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    expect(
      await codeOf(associateUser(adminActor(admin.id), account.id, { userId: 2_000_000_000 }, ['tickets'], false)),
    ).toBe('USER_NOT_FOUND');
  });
});

describe('associate user, Send Invite = Yes (rule 17)', () => {
  it('with a new email: creates an invitation (not a user, not a membership)', async () => {
    const { account } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    const email = uniqueEmail('assoc');
    const result = await associateUser(adminActor(admin.id), account.id, { email }, ['domains'], true);
    expect(result.kind).toBe('invited');
    if (result.kind !== 'invited') return;
    expect(result.invite.invitation).toMatchObject({
      accountId: account.id,
      email,
      status: 'pending',
      permissions: ['domains'],
      invitedByAdminId: admin.id,
    });
    expect(await db().user.count({ where: { email } })).toBe(0);
    expect(await db().accountUser.count({ where: { accountId: account.id } })).toBe(1);
    expect(await db().emailLog.count({ where: { recipient: email, template: 'invitation' } })).toBe(1);

    // The invitation then works like any other.
    const user = await buildUser();
    await acceptInvitation(result.invite.token, user.id);
    expect((await getAccess(user.id, account.id))?.permissions).toEqual(['domains']);
  });

  it('with an existing user: invites their email, no membership until accepted', async () => {
    const { account } = await buildAccountWithOwner();
    const admin = await buildAdmin();
    const existing = await buildUser();
    const result = await associateUser(adminActor(admin.id), account.id, { userId: existing.id }, ['emails'], true);
    expect(result.kind).toBe('invited');
    expect(await getAccess(existing.id, account.id)).toBeNull();
    expect(
      await db().invitation.count({ where: { accountId: account.id, email: existing.email, status: 'pending' } }),
    ).toBe(1);
  });
});
