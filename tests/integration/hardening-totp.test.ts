// Hardening issue, item 3 (RFC 6238 §5.2): a TOTP code is accepted once, for users and admins,
// even when the same code is sent twice at the same moment.
import { beforeAll, describe, expect, it } from 'vitest';
import { advanceClock } from '../../src/lib/clock.js';
import { configureSecretKey } from '../../src/lib/secretbox.js';
import { currentTotp, newTotpSecret } from '../../src/lib/totp.js';
import { userActor } from '../../src/services/actor.js';
import { checkAdminSecondFactor, enableAdminTotp } from '../../src/services/admins/admins.js';
import { checkSecondFactor } from '../../src/services/auth/login.js';
import { enableTotp } from '../../src/services/auth/two-factor.js';
import { buildAdmin, buildUser } from '../factories/index.js';
import { isPglite, useTestDatabase } from '../helpers/db.js';
import { codeOf } from '../helpers/services.js';

useTestDatabase();
beforeAll(() => configureSecretKey('hardening-totp-test-secret-0123456789'));

describe('a TOTP code works once (item 3)', () => {
  it('for a user: the same code a second time is refused; the next step’s code works', async () => {
    const user = await buildUser();
    const secret = newTotpSecret();
    await enableTotp(userActor(user.id), user.id, secret, currentTotp(secret));
    // The enrolment code itself was used: it cannot log in.
    expect(await codeOf(checkSecondFactor(user.id, currentTotp(secret)))).toBe('INVALID_TOTP');
    advanceClock(30_000);
    const code = currentTotp(secret);
    expect(await checkSecondFactor(user.id, code)).toBe('totp');
    expect(await codeOf(checkSecondFactor(user.id, code))).toBe('INVALID_TOTP');
    advanceClock(30_000);
    expect(await checkSecondFactor(user.id, currentTotp(secret))).toBe('totp');
  });

  it('for a user: the same code sent twice at once is accepted exactly once', async () => {
    const user = await buildUser();
    const secret = newTotpSecret();
    await enableTotp(userActor(user.id), user.id, secret, currentTotp(secret));
    advanceClock(30_000);
    const code = currentTotp(secret);
    const results = await Promise.all([1, 2, 3, 4].map(() => codeOf(checkSecondFactor(user.id, code))));
    expect(results.filter((r) => r === 'resolved')).toHaveLength(1);
    expect(results.filter((r) => r === 'INVALID_TOTP')).toHaveLength(3);
    if (isPglite()) expect(results).toHaveLength(4); // one connection: serialized, still once
  });

  it('for an admin: the same code a second time is refused', async () => {
    const admin = await buildAdmin();
    const secret = newTotpSecret();
    await enableAdminTotp(admin.id, secret, currentTotp(secret));
    advanceClock(30_000);
    const code = currentTotp(secret);
    await expect(checkAdminSecondFactor(admin.id, code)).resolves.toBeUndefined();
    expect(await codeOf(checkAdminSecondFactor(admin.id, code))).toBe('INVALID_TOTP');
  });
});
