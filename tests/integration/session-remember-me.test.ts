// "Remember me" on the client login (issue 13): ticked, the session (its cookie and its stored
// row) lasts REMEMBER_ME_DAYS and keeps doing so as it rolls; not ticked, it lasts SESSION_HOURS
// after the last request. Also through the second-factor step, which carries the choice over.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { advanceClock } from '../../src/lib/clock.js';
import { currentTotp, newTotpSecret } from '../../src/lib/totp.js';
import { REMEMBER_ME_DAYS, SESSION_HOURS } from '../../src/http/middleware/session.js';
import { userActor } from '../../src/services/actor.js';
import { enableTotp } from '../../src/services/auth/two-factor.js';
import { buildAccountWithOwner, TEST_PASSWORD } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, csrfOf, type Agent } from '../helpers/http.js';

useTestDatabase();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The client session cookie a response sets: how long from now it lives, and its session id. */
function sessionCookie(res: { headers: Record<string, unknown> }) {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const cookie = cookies.find((c) => c.startsWith('client.sid='));
  if (!cookie) throw new Error(`no client.sid cookie in: ${cookies.join(' | ')}`);
  const expires = /;\s*Expires=([^;]+)/i.exec(cookie)?.[1];
  if (!expires) throw new Error(`session cookie without Expires: ${cookie}`);
  const value = decodeURIComponent(cookie.slice('client.sid='.length).split(';')[0]!);
  return { lifetime: new Date(expires).getTime() - Date.now(), sid: value.slice(2, value.lastIndexOf('.')) };
}

async function storedLifetime(sid: string): Promise<number> {
  const row = await db().session.findUniqueOrThrow({ where: { sid } });
  return row.expire.getTime() - Date.now();
}

async function logIn(agent: Agent, email: string, remember: boolean) {
  const _csrf = await csrfOf(agent, '/login');
  return agent
    .post('/login')
    .type('form')
    .send({ email, password: TEST_PASSWORD, _csrf, ...(remember ? { remember: 'on' } : {}) });
}

/** Within a minute of the expected lifetime (the request and the clock's second boundaries). */
const about = (ms: number) => ({ min: ms - 60_000, max: ms + 60_000 });
function expectLifetime(actual: number, expected: number) {
  const { min, max } = about(expected);
  expect(actual).toBeGreaterThan(min);
  expect(actual).toBeLessThan(max);
}

describe('Remember me', () => {
  let app: ReturnType<typeof buildTestApp>;
  beforeAll(() => {
    app = buildTestApp();
  });

  it(`ticked: the cookie and the stored session last ${REMEMBER_ME_DAYS} days, and still do after the next page`, async () => {
    const { owner } = await buildAccountWithOwner();
    const agent = agentFor(app);
    const res = await logIn(agent, owner.email, true);
    expect(res.status).toBe(302);
    const { lifetime, sid } = sessionCookie(res);
    expectLifetime(lifetime, REMEMBER_ME_DAYS * DAY);
    expectLifetime(await storedLifetime(sid), REMEMBER_ME_DAYS * DAY);
    // A rolling session keeps its length: the next page sets the cookie for 30 days again.
    const next = await agent.get('/');
    expect(next.status).toBe(200);
    expectLifetime(sessionCookie(next).lifetime, REMEMBER_ME_DAYS * DAY);
  });

  it(`not ticked: the default, ${SESSION_HOURS} hours after the last request`, async () => {
    const { owner } = await buildAccountWithOwner();
    const agent = agentFor(app);
    const res = await logIn(agent, owner.email, false);
    expect(res.status).toBe(302);
    const { lifetime, sid } = sessionCookie(res);
    expectLifetime(lifetime, SESSION_HOURS * HOUR);
    expectLifetime(await storedLifetime(sid), SESSION_HOURS * HOUR);
  });

  it('ticked before the second-factor step: the session that step opens is the long one', async () => {
    const { owner } = await buildAccountWithOwner();
    const secret = newTotpSecret();
    await enableTotp(userActor(owner.id), owner.id, secret, currentTotp(secret));
    advanceClock(30_000); // the enrolment's code cannot be used again
    const agent = agentFor(app);
    const first = await logIn(agent, owner.email, true);
    expect(first.headers.location).toBe('/login/2fa');
    const _csrf = await csrfOf(agent, '/login/2fa');
    const res = await agent
      .post('/login/2fa')
      .type('form')
      .send({ code: currentTotp(secret), _csrf });
    expect(res.status).toBe(302);
    const { lifetime, sid } = sessionCookie(res);
    expectLifetime(lifetime, REMEMBER_ME_DAYS * DAY);
    expectLifetime(await storedLifetime(sid), REMEMBER_ME_DAYS * DAY);
  });
});
