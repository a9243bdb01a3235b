// src/services/auth/sso.ts: links made for staff (createSsoToken) and used by the client area
// (signInWithSsoToken): only the hash stored, exactly one of concurrent uses wins, 60 seconds,
// the membership and the client's switch checked when made and when used, the login recorded
// through completeLogin/enterAccount.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { advanceClock } from '../../src/lib/clock.js';
import { hashToken } from '../../src/lib/tokens.js';
import { adminActor } from '../../src/services/actor.js';
import { setAccountSingleSignOn } from '../../src/services/accounts/accounts.js';
import { createSsoToken, signInWithSsoToken } from '../../src/services/auth/sso.js';
import { buildAccountWithOwner, buildAdmin, buildAuthorizedUser, buildDomain, buildUser } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { codeOf } from '../helpers/services.js';

useTestDatabase();
const meta = { ip: '198.51.100.4', host: 'client.example' };

async function staff() {
  return adminActor((await buildAdmin()).id, '192.0.2.9');
}

describe('createSsoToken', () => {
  it("stores the token's hash with its user, account and destination, and logs it for the admin", async () => {
    const actor = await staff();
    const { account, owner } = await buildAccountWithOwner();
    const domain = await buildDomain({ accountId: account.id });
    const made = await createSsoToken(actor, {
      accountId: account.id,
      destination: 'clientarea:domain_details',
      domainId: domain.id,
    });
    expect(made).toMatchObject({ accountId: account.id, userId: owner.id, destination: `/domains/${domain.id}` });
    const row = await db().ssoToken.findUniqueOrThrow({ where: { tokenHash: hashToken(made.token) } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(60_000);
    expect(
      await db().activityLog.count({
        where: {
          adminId: actor.adminId,
          accountId: account.id,
          description: { contains: 'Single sign-on link created' },
        },
      }),
    ).toBe(1);
  });

  it('refuses each wrong request with its own code', async () => {
    const actor = await staff();
    const { account } = await buildAccountWithOwner();
    const stranger = await buildUser();
    expect(await codeOf(createSsoToken(actor, {}))).toBe('VALIDATION');
    expect(await codeOf(createSsoToken(actor, { accountId: 2_000_000_000 }))).toBe('ACCOUNT_NOT_FOUND');
    expect(await codeOf(createSsoToken(actor, { accountId: account.id, userId: 2_000_000_000 }))).toBe(
      'USER_NOT_FOUND',
    );
    expect(await codeOf(createSsoToken(actor, { accountId: account.id, userId: stranger.id }))).toBe('NOT_A_MEMBER');
    expect(await codeOf(createSsoToken(actor, { userId: stranger.id }))).toBe('NOT_A_MEMBER');
    expect(await codeOf(createSsoToken(actor, { accountId: account.id, destination: 'nowhere' }))).toBe('VALIDATION');
    await setAccountSingleSignOn(actor, account.id, false);
    expect(await codeOf(createSsoToken(actor, { accountId: account.id }))).toBe('SSO_DISABLED');
    expect(await db().ssoToken.count({ where: { accountId: account.id } })).toBe(0);
  });
});

describe('signInWithSsoToken', () => {
  it('completes the login into the account: exactly one of concurrent uses wins', async () => {
    const actor = await staff();
    const { account } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    const { token } = await createSsoToken(actor, {
      accountId: account.id,
      userId: user.id,
      destination: 'clientarea:tickets',
    });
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(() => signInWithSsoToken(token, meta)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect((won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof signInWithSsoToken>>>).value).toEqual({
      login: { userId: user.id, accountId: account.id, accountCount: 1, firstLogin: true },
      destination: '/tickets',
    });
    const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(lost.map((r) => (r.reason as { code: string }).code)).toEqual([
      'TOKEN_INVALID',
      'TOKEN_INVALID',
      'TOKEN_INVALID',
      'TOKEN_INVALID',
    ]);
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ lastLoginIp: meta.ip });
    const link = await db().accountUser.findUniqueOrThrow({
      where: { accountId_userId: { accountId: account.id, userId: user.id } },
    });
    expect(link.lastLoginIp).toBe(meta.ip);
  });

  it('refuses an expired link, an unknown one, a switched-off client, and a removed membership', async () => {
    const actor = await staff();
    const { account } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, []);
    const late = await createSsoToken(actor, { accountId: account.id });
    const blocked = await createSsoToken(actor, { accountId: account.id });
    const removed = await createSsoToken(actor, { accountId: account.id, userId: user.id });
    expect(await codeOf(signInWithSsoToken('x'.repeat(43), meta))).toBe('TOKEN_INVALID');
    await db().accountUser.delete({ where: { accountId_userId: { accountId: account.id, userId: user.id } } });
    expect(await codeOf(signInWithSsoToken(removed.token, meta))).toBe('NOT_FOUND');
    expect(
      await db().activityLog.count({ where: { userId: user.id, description: 'Logged in with a single sign-on link' } }),
    ).toBe(0);
    await setAccountSingleSignOn(actor, account.id, false);
    expect(await codeOf(signInWithSsoToken(blocked.token, meta))).toBe('SSO_DISABLED');
    await setAccountSingleSignOn(actor, account.id, true);
    advanceClock(60_001);
    expect(await codeOf(signInWithSsoToken(late.token, meta))).toBe('TOKEN_EXPIRED');
  });
});
