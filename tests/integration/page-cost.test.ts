// Issue 12's structural limits, kept by the suite (the speed itself is measured by `npm run bench`,
// not by timed tests): the pages people open all day send few statements, the same number however
// many users an account has, write nothing for an unchanged session, and hash no ETag.
// Statements are counted at pg.Client#query, where Prisma, the session store and plain pg meet.
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { invite } from '../../src/services/invitations/invitations.js';
import { buildAccountWithOwner, buildMembership, buildUser, uniqueEmail } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, csrfOf, loginAs, type Agent } from '../helpers/http.js';

useTestDatabase();

const seen: string[] = [];
const original = pg.Client.prototype.query as (...a: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (
  this: pg.Client,
  ...args: unknown[]
) {
  const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
  if (text) seen.push(text);
  return original.apply(this, args);
};
afterAll(() => {
  (pg.Client.prototype as unknown as { query: unknown }).query = original;
});

/** The statements one request sends (warmed once first: compiled templates, the settings cache). */
async function statementsOf(
  agent: Agent,
  path: string,
): Promise<{ status: number; statements: string[]; etag?: string }> {
  await agent.get(path);
  for (;;) {
    seen.length = 0;
    const res = await agent.get(path);
    await sleep(30); // anything the request left running after its answer
    // The settings cache (5 s) may expire during the request and add its one read: measure again.
    if (seen.some((s) => /FROM "settings"|"settings"\./.test(s))) continue;
    return { status: res.status, statements: [...seen], etag: res.headers.etag as string | undefined };
  }
}

async function ownerOfAccountWith(members: number) {
  const app = buildTestApp(); // configures mail, which invite() below uses
  const owned = await buildAccountWithOwner();
  for (let i = 0; i < members; i++) {
    const user = await buildUser();
    await buildMembership({ accountId: owned.account.id, userId: user.id, permissions: ['tickets'] });
  }
  const actor = { kind: 'user' as const, userId: owned.owner.id, ip: '127.0.0.1' };
  for (let i = 0; i < 3; i++) await invite(actor, owned.account.id, uniqueEmail('cost'), ['tickets']);
  const agent = agentFor(app);
  await loginAs(agent, owned.owner.email);
  return agent;
}

describe('what a page costs', () => {
  it('the dashboard: one read of session + user + membership and one of its panels, no write, no ETag', async () => {
    const agent = await ownerOfAccountWith(0);
    const { status, statements, etag } = await statementsOf(agent, '/');
    expect(status).toBe(200);
    expect(statements).toHaveLength(2);
    expect(statements.filter((s) => /^\s*(UPDATE|INSERT|DELETE)/i.test(s))).toEqual([]);
    expect(etag).toBeUndefined();
  });

  it('User Management: two statements, for 2 users as for 25 (no query per row)', async () => {
    const small = await statementsOf(await ownerOfAccountWith(1), '/account/users');
    const big = await statementsOf(await ownerOfAccountWith(24), '/account/users');
    expect([small.status, big.status]).toEqual([200, 200]);
    expect(small.statements).toHaveLength(2);
    expect(big.statements).toHaveLength(2);
  });

  it('switching account: the new session is written once (not again at the end of the answer)', async () => {
    const app = buildTestApp();
    const a = await buildAccountWithOwner();
    const b = await buildAccountWithOwner();
    await buildMembership({ accountId: b.account.id, userId: a.owner.id, permissions: ['tickets'] });
    const agent = agentFor(app);
    await loginAs(agent, a.owner.email);
    for (const accountId of [a.account.id, b.account.id]) {
      const _csrf = await csrfOf(agent, '/accounts/choose');
      seen.length = 0;
      const res = await agent.post('/accounts/choose').type('form').send({ accountId, _csrf });
      await sleep(30);
      expect(res.status).toBe(302);
      const writes = seen.filter((q) => /INSERT INTO "session"/.test(q));
      expect(writes).toHaveLength(1);
    }
    // And the session that was written once is the one the next page reads.
    expect((await agent.get('/')).text).toContain(b.account.companyName);
  });
});
