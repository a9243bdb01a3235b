// Issue 11: calls are throttled per credential, and the counter lives in PostgreSQL, so two app
// instances (two servers here, as two processes behind a load balancer would be) share it.
import { describe, expect, it } from 'vitest';
import { advanceClock, MINUTE } from '../../src/lib/clock.js';
import { buildApiCredential } from '../factories/index.js';
import { API_PATH, useApiServer, whmcsClient } from '../helpers/api.js';

const LIMIT = 4;
const first = useApiServer({ env: { API_RATE_LIMIT: String(LIMIT) } });
const second = useApiServer({ env: { API_RATE_LIMIT: String(LIMIT) } });

describe('per-credential throttle', () => {
  it('refuses the call past the limit within a minute, counted across two app instances', async () => {
    const { identifier, secret } = await buildApiCredential();
    const a = whmcsClient({ serverUrl: first.endpoint, identifier, secret });
    const b = whmcsClient({ serverUrl: second.endpoint, identifier, secret });
    expect(first.endpoint).not.toBe(second.endpoint);
    for (let i = 0; i < LIMIT; i++) {
      const answer = await (i % 2 ? b : a).call('GetPermissionsList');
      expect(answer.result, `call ${i + 1}`).toBe('success');
    }
    const refused = await b.call('GetPermissionsList');
    expect(refused.result).toBe('error');
    expect(refused.message).toMatch(/^Too many requests: this API credential may make 4 calls a minute/);
    expect((await a.call('GetPermissionsList')).result).toBe('error');

    const res = await first
      .request()
      .post(API_PATH)
      .type('form')
      .send({ identifier, secret, action: 'GetPermissionsList' });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('counts each credential on its own, and opens a new window after a minute', async () => {
    const busy = await buildApiCredential();
    const quiet = await buildApiCredential();
    const busyClient = whmcsClient({ serverUrl: first.endpoint, identifier: busy.identifier, secret: busy.secret });
    for (let i = 0; i < LIMIT; i++) await busyClient.call('GetPermissionsList');
    expect((await busyClient.call('GetPermissionsList')).result).toBe('error');
    const quietClient = whmcsClient({ serverUrl: second.endpoint, identifier: quiet.identifier, secret: quiet.secret });
    expect((await quietClient.call('GetPermissionsList')).result).toBe('success');

    advanceClock(MINUTE - 2000);
    expect((await busyClient.call('GetPermissionsList')).message).toMatch(/Try again in [1-3] seconds\.$/);
    advanceClock(3000);
    expect((await busyClient.call('GetPermissionsList')).result).toBe('success');
  });

  it('does not count calls with a wrong secret against the credential', async () => {
    const { identifier, secret } = await buildApiCredential();
    const wrong = whmcsClient({ serverUrl: first.endpoint, identifier, secret: 'not-the-secret' });
    for (let i = 0; i < LIMIT + 2; i++)
      expect((await wrong.call('GetPermissionsList')).message).toBe('Authentication Failed');
    const right = whmcsClient({ serverUrl: first.endpoint, identifier, secret });
    expect((await right.call('GetPermissionsList')).result).toBe('success');
  });
});
