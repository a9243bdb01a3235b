// ValidateLogin goes through the login throttle with the API caller's IP (the one its credential's
// IP allow-list checks), as every login form does with the visitor's: one caller's wrong
// passwords use up that caller's budget, not every caller's, while the per-email limits still
// hold whichever caller sends the guesses. Each test uses its own client IPs and emails: the
// counters live in the shared PostgreSQL table, as in production.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { buildApiCredential, buildUser, TEST_PASSWORD, uniqueEmail } from '../factories/index.js';
import { API_PATH, useApiServer } from '../helpers/api.js';

const LIMIT = 3;
const api = useApiServer({ env: { TRUST_PROXY: '1', LOGIN_RATE_LIMIT: String(LIMIT), RATE_LIMIT_SCALE: '1' } });
const freshIp = () => `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

/** An API caller: its own credential, calling from its own address (one proxy hop in front). */
async function caller(ip = freshIp()) {
  const { identifier, secret } = await buildApiCredential();
  const validate = (email: string, password2: string) =>
    api
      .request()
      .post(API_PATH)
      .set('X-Forwarded-For', ip)
      .type('form')
      .send({ identifier, secret, action: 'ValidateLogin', responsetype: 'json', email, password2 });
  return { ip, validate };
}

const INVALID = { result: 'error', message: 'Email or Password Invalid' };

describe('ValidateLogin counts failures per API caller', () => {
  it("one caller's wrong passwords do not block a login through another caller; the log has the caller's IP", async () => {
    const guesser = await caller();
    // The per-IP ceiling (three times the limit, over any emails), reached by one caller.
    for (let i = 0; i < LIMIT * 3; i++) {
      const res = await guesser.validate(uniqueEmail('guess'), 'wrong-password');
      expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: INVALID });
    }
    const user = await buildUser();
    const stopped = await guesser.validate(user.email, TEST_PASSWORD);
    expect(stopped.status).toBe(429);

    const shop = await caller();
    const ok = await shop.validate(user.email, TEST_PASSWORD);
    expect({ status: ok.status, body: ok.body }).toEqual({
      status: 200,
      body: { result: 'success', userid: user.id, twoFactorEnabled: false },
    });

    const failed = await db().activityLog.findMany({
      where: { description: { startsWith: 'Failed login (client area) for guess' }, ip: guesser.ip },
    });
    expect(failed).toHaveLength(LIMIT * 3);
  });

  it('the per-email limits still hold: per email and caller, and per email across callers', async () => {
    const user = await buildUser();
    const first = await caller();
    for (let i = 0; i < LIMIT; i++) expect((await first.validate(user.email, 'wrong-password')).body).toEqual(INVALID);
    // This caller has used up its tries for this email, even with the right password...
    expect((await first.validate(user.email, TEST_PASSWORD)).status).toBe(429);
    // ...another caller has not.
    expect((await (await caller()).validate(user.email, TEST_PASSWORD)).body).toMatchObject({ result: 'success' });

    // Guesses for one email spread over many callers reach the per-email ceiling: the next
    // attempt waits (a backoff of seconds), even from a new caller with the right password.
    const target = await buildUser();
    for (let i = 0; i < LIMIT * 3; i++)
      expect((await (await caller()).validate(target.email, 'wrong-password')).body).toEqual(INVALID);
    const waiting = await (await caller()).validate(target.email, TEST_PASSWORD);
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});
