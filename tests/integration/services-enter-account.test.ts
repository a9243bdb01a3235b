// enterAccount / completeLogin (structure issue, item 2): the one way into an account, for login,
// switch, checkout, invitations, SSO and the importer. The membership is checked in the service.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { completeLogin, enterAccount } from '../../src/services/auth/enter-account.js';
import { buildAccountWithOwner, buildAuthorizedUser, buildMembership, buildUser } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { codeOf } from '../helpers/services.js';

useTestDatabase();
const meta = { ip: '203.0.113.7', host: 'client.example.test' };

const selections = (userId: number) =>
  db().activityLog.findMany({ where: { userId, description: 'User selected this account' } });

describe('enterAccount', () => {
  it("returns the member's access and records the account login and one activity entry", async () => {
    const { account } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets', 'invoices']);
    const access = await enterAccount(user.id, account.id, meta);
    expect(access).toEqual({
      accountId: account.id,
      userId: user.id,
      isOwner: false,
      permissions: ['invoices', 'tickets'],
    });
    const link = await db().accountUser.findFirstOrThrow({ where: { userId: user.id, accountId: account.id } });
    expect(link.lastLoginAt).toBeInstanceOf(Date);
    expect(link.lastLoginIp).toBe(meta.ip);
    const entries = await selections(user.id);
    expect(entries.map((e) => [e.accountId, e.ip])).toEqual([[account.id, meta.ip]]);
  });

  it('gives the owner every permission', async () => {
    const { account, owner } = await buildAccountWithOwner();
    expect((await enterAccount(owner.id, account.id, meta)).permissions).toHaveLength(13);
  });

  it('refuses an account the user does not belong to with NOT_FOUND and writes nothing', async () => {
    const { account } = await buildAccountWithOwner();
    const stranger = await buildUser();
    expect(await codeOf(enterAccount(stranger.id, account.id, meta))).toBe('NOT_FOUND');
    expect(await selections(stranger.id)).toHaveLength(0);
  });
});

describe('completeLogin', () => {
  it('binds a user with exactly one account to it, and records the login', async () => {
    const { account, owner } = await buildAccountWithOwner();
    expect(await completeLogin(owner.id, meta)).toEqual({
      userId: owner.id,
      accountId: account.id,
      accountCount: 1,
      firstLogin: true,
    });
    const user = await db().user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(user.lastLoginIp).toBe(meta.ip);
    expect(user.lastLoginHost).toBe(meta.host);
    expect(await selections(owner.id)).toHaveLength(1);
  });

  it('leaves a user with several accounts to choose, and one with none to the "no account" page', async () => {
    const { owner } = await buildAccountWithOwner();
    const second = await buildAccountWithOwner();
    await buildMembership({ accountId: second.account.id, userId: owner.id, permissions: ['tickets'] });
    expect(await completeLogin(owner.id, meta)).toEqual({
      userId: owner.id,
      accountId: null,
      accountCount: 2,
      firstLogin: true,
    });
    expect(await selections(owner.id)).toHaveLength(0);
    const lonely = await buildUser();
    expect(await completeLogin(lonely.id, meta)).toEqual({
      userId: lonely.id,
      accountId: null,
      accountCount: 0,
      firstLogin: true,
    });
  });

  it('binds into the account asked for (an invitation just accepted), once, and only if a member', async () => {
    const { owner } = await buildAccountWithOwner();
    const joined = await buildAccountWithOwner();
    await buildMembership({ accountId: joined.account.id, userId: owner.id, permissions: ['emails'] });
    const login = await completeLogin(owner.id, meta, joined.account.id);
    expect(login.accountId).toBe(joined.account.id);
    expect((await selections(owner.id)).map((e) => e.accountId)).toEqual([joined.account.id]);
    const foreign = await buildAccountWithOwner();
    expect(await codeOf(completeLogin(owner.id, meta, foreign.account.id))).toBe('NOT_FOUND');
  });
});
