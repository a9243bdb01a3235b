// SPEC rules 1-3: registration makes an account and its owner user in one transaction; a
// logged-in user can create another account they own; user emails are unique in any case.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { ALL_PERMISSIONS } from '../../src/policies/permissions.js';
import { createAccountForUser, register, type Registration } from '../../src/services/accounts/accounts.js';
import { getAccess, listUserAccounts } from '../../src/services/memberships/memberships.js';
import { buildAccountWithOwner, buildUser, unique, uniqueEmail } from '../factories/index.js';
import { isPglite, useTestDatabase } from '../helpers/db.js';
import { codeOf, useLocalMail } from '../helpers/services.js';

useTestDatabase();

useLocalMail();

function registration(overrides: Partial<Registration> = {}): Registration {
  return {
    firstName: 'Ada',
    lastName: `Lovelace ${unique()}`,
    companyName: 'Analytical Engines Ltd',
    email: uniqueEmail('reg'),
    password: 'Tr0ub4dor&3-horse-battery',
    address1: '1 Engine Street',
    city: 'London',
    postcode: 'N1 1AA',
    country: 'GB',
    phone: '+44 20 7946 0000',
    ...overrides,
  };
}

describe('registration (rule 1): account + owner user + activity, one transaction', () => {
  it('creates the account, a user who owns it with every permission, and activity entries', async () => {
    const input = registration();
    const { user, account } = await register(input, '203.0.113.9');

    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.email).toBe(input.email);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);

    const acc = await db().account.findUniqueOrThrow({ where: { id: account.id } });
    expect(acc.companyName).toBe('Analytical Engines Ltd');
    expect(acc.email).toBe(input.email);
    expect(acc.country).toBe('GB');

    const links = await db().accountUser.findMany({ where: { accountId: account.id } });
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ userId: user.id, isOwner: true });

    const access = await getAccess(user.id, account.id);
    expect(access).toMatchObject({ isOwner: true, permissions: [...ALL_PERMISSIONS] });

    const entries = await db().activityLog.findMany({ where: { accountId: account.id } });
    expect(entries.length).toBeGreaterThanOrEqual(1);
    for (const e of entries)
      expect(e).toMatchObject({ actorType: 'user', userId: user.id, adminId: null, ip: '203.0.113.9' });
  });

  it('stores the email lower-cased and trimmed', async () => {
    const local = `Mixed-${unique()}`;
    const { user } = await register(registration({ email: `  ${local}@Example.TEST ` }));
    expect(user.email).toBe(`${local.toLowerCase()}@example.test`);
  });

  it('refuses an email already used by a user in another case (EMAIL_TAKEN) and writes nothing', async () => {
    const local = `foo-${unique()}`;
    await register(registration({ email: `${local}@x.example.test` }));
    const before = {
      accounts: await db().account.count(),
      users: await db().user.count(),
      links: await db().accountUser.count(),
    };
    const beforeActivity = await db().activityLog.count();

    const marker = `Half Written ${unique()}`;
    expect(
      await codeOf(register(registration({ email: `${local.toUpperCase()}@X.EXAMPLE.TEST`, companyName: marker }))),
    ).toBe('EMAIL_TAKEN');
    expect(await db().account.count({ where: { companyName: marker } })).toBe(0);

    // Other test files may write concurrently on real PostgreSQL, so look for our own rows too.
    const ours = await db().account.count({
      where: { email: { in: [`${local}@x.example.test`, `${local.toUpperCase()}@X.EXAMPLE.TEST`] } },
    });
    expect(ours).toBe(1);
    expect(await db().user.count({ where: { email: `${local}@x.example.test` } })).toBe(1);
    if (isPglite()) {
      // Files run one at a time on PGlite, so whole-table counts are exact there.
      expect(await db().account.count()).toBe(before.accounts);
      expect(await db().user.count()).toBe(before.users);
      expect(await db().accountUser.count()).toBe(before.links);
      expect(await db().activityLog.count()).toBe(beforeActivity);
    }
  });

  it('refuses an email of an existing (factory-made) user whatever its case', async () => {
    const existing = await buildUser();
    const accountsBefore = await db().account.count({ where: { email: existing.email } });
    expect(await codeOf(register(registration({ email: existing.email.toUpperCase() })))).toBe('EMAIL_TAKEN');
    expect(await db().account.count({ where: { email: existing.email } })).toBe(accountsBefore);
  });

  it("keeps the account billing email separate from user emails (rule 3): a second user may register with another account's billing email", async () => {
    const { account } = await buildAccountWithOwner();
    const { user } = await register(registration({ email: account.email }));
    expect(user.email).toBe(account.email);
  });
});

describe('createAccountForUser (rule 2): the user owns the new account', () => {
  it('makes the acting user the owner, with every permission, keeping their other accounts', async () => {
    const { owner, account: first } = await buildAccountWithOwner();
    const second = await createAccountForUser(
      { kind: 'user', userId: owner.id, ip: '198.51.100.2' },
      {
        firstName: 'Second',
        lastName: 'Business',
        companyName: `Second Co ${unique()}`,
        email: uniqueEmail('billing'),
      },
    );
    expect(second.id).not.toBe(first.id);
    expect(await getAccess(owner.id, second.id)).toMatchObject({ isOwner: true, permissions: [...ALL_PERMISSIONS] });
    expect(await db().accountUser.count({ where: { accountId: second.id } })).toBe(1);
    const mine = await listUserAccounts(owner.id);
    expect(mine.map((a) => a.id).sort((a, b) => a - b)).toEqual([first.id, second.id].sort((a, b) => a - b));

    const entry = await db().activityLog.findFirstOrThrow({ where: { accountId: second.id } });
    expect(entry).toMatchObject({ actorType: 'user', userId: owner.id, ip: '198.51.100.2' });
  });

  it('works for a user who has no account yet (e.g. all access removed)', async () => {
    const user = await buildUser();
    const account = await createAccountForUser(
      { kind: 'user', userId: user.id, ip: '' },
      { firstName: 'Solo', lastName: 'Trader', email: uniqueEmail('billing') },
    );
    expect((await getAccess(user.id, account.id))?.isOwner).toBe(true);
  });
});

describe('unique user emails under concurrency (rule 3)', () => {
  it('5 simultaneous registrations of one email (different cases) make one user and one account', async () => {
    const local = `race-${unique()}`;
    const marker = `Race Co ${unique()}`;
    const variants = [
      local,
      local.toUpperCase(),
      `${local[0]?.toUpperCase()}${local.slice(1)}`,
      local,
      local.toUpperCase(),
    ];
    const results = await Promise.allSettled(
      variants.map((v) => register(registration({ email: `${v}@Race.Example.Test`, companyName: marker }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => (r.reason as { code?: string }).code);
    expect(codes).toEqual(Array(4).fill('EMAIL_TAKEN'));
    expect(await db().account.count({ where: { companyName: marker } })).toBe(1);
    expect(await db().user.count({ where: { email: `${local}@race.example.test` } })).toBe(1);
  });
});
