// SPEC rules 4 and 25-26: credentials (no enumeration), argon2id hashing, password reset
// (same answer for unknown emails, single use, 2 h, confirmation email, sessions ended),
// email verification (60 min), TOTP enrolment and one-time recovery codes.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { advanceClock, HOUR, MINUTE } from '../../src/lib/clock.js';
import { hashToken } from '../../src/lib/tokens.js';
import { configureSecretKey } from '../../src/lib/secretbox.js';
import { currentTotp, newTotpSecret } from '../../src/lib/totp.js';
import { userActor } from '../../src/services/actor.js';
import { register } from '../../src/services/accounts/accounts.js';
import {
  checkPasswordResetToken,
  requestPasswordReset,
  resetPassword,
  sendEmailVerification,
  verifyEmail,
} from '../../src/services/auth/email-links.js';
import { enableTotp } from '../../src/services/auth/two-factor.js';
import { disableTotp } from '../../src/services/auth/two-factor.js';
import { checkSecondFactor } from '../../src/services/auth/login.js';
import { checkCredentials } from '../../src/services/auth/login.js';
import { configureMail } from '../../src/services/mail/mailer.js';
import { changePassword, setPassword, updateUserProfile } from '../../src/services/users/users.js';
import { buildAdmin, buildUser, TEST_PASSWORD, unique, uniqueEmail } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { deferredMailSentTo, deliveredToken } from '../helpers/outbox.js';

useTestDatabase();

beforeAll(() => {
  configureMail({ dataDir: mkdtempSync(join(tmpdir(), 'mail-')), from: 'Test <no-reply@example.test>' });
  configureSecretKey('services-auth-test-secret-0123456789-abcdef');
});

async function errorOf(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  return { code: 'resolved', message: '' };
}
const codeOf = async (p: Promise<unknown>) => (await errorOf(p)).code;

const tokenFromMail = deliveredToken;

async function insertSession(userId: number): Promise<string> {
  const sid = randomBytes(16).toString('hex');
  await db()
    .$executeRaw`INSERT INTO "session" ("sid", "sess", "expire") VALUES (${sid}, ${JSON.stringify({ cookie: {}, userId })}::json, now() + interval '1 day')`;
  return sid;
}
async function sessionExists(sid: string): Promise<boolean> {
  const rows = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "session" WHERE "sid" = ${sid}`;
  return rows[0]?.n === 1;
}

function argonParams(hash: string) {
  // $argon2id$v=19$m=19456,t=2,p=1$salt$hash (the parameter order varies between libraries)
  const m = /^\$argon2id\$v=\d+\$([^$]+)\$/.exec(hash);
  if (!m?.[1]) throw new Error(`not an argon2id hash: ${hash.slice(0, 30)}`);
  const params = Object.fromEntries(m[1].split(',').map((kv) => kv.split('=') as [string, string]));
  return { m: Number(params.m), t: Number(params.t), p: Number(params.p) };
}

describe('password hashing (rule 25): argon2id, m >= 19 MiB, t >= 2, p = 1', () => {
  it('stores registered passwords as argon2id with at least the OWASP minimum cost', async () => {
    const password = 'Tr0ub4dor&3-horse-battery';
    const { user } = await register({
      firstName: 'H',
      lastName: `Ash ${unique()}`,
      email: uniqueEmail('hash'),
      password,
    });
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    const { m, t, p } = argonParams(stored.passwordHash ?? '');
    expect(m).toBeGreaterThanOrEqual(19456);
    expect(t).toBeGreaterThanOrEqual(2);
    expect(p).toBe(1);
    expect(stored.passwordHash).not.toContain(password);
  });

  it('setPassword and changePassword store argon2id too, and the old password stops working', async () => {
    const user = await buildUser();
    await changePassword(userActor(user.id), user.id, TEST_PASSWORD, 'N3w-Secret-Phrase-42');
    expect(await codeOf(checkCredentials(user.email, TEST_PASSWORD))).toBe('INVALID_CREDENTIALS');
    await expect(checkCredentials(user.email, 'N3w-Secret-Phrase-42')).resolves.toBeTruthy();
    expect(await codeOf(changePassword(userActor(user.id), user.id, 'wrong-current', 'Another-0ne-Here'))).toBe(
      'INVALID_CREDENTIALS',
    );
    await setPassword(userActor(user.id), user.id, 'Third-Passw0rd-Here');
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(argonParams(stored.passwordHash ?? '').m).toBeGreaterThanOrEqual(19456);
  });
});

describe('login credentials (rule 4): one generic error, no enumeration', () => {
  it('accepts the right password in any email case', async () => {
    const user = await buildUser();
    const { user: found, needsTotp } = await checkCredentials(user.email.toUpperCase(), TEST_PASSWORD);
    expect(found.id).toBe(user.id);
    expect(needsTotp).toBe(false);
  });

  it('wrong password and unknown email give the same INVALID_CREDENTIALS message', async () => {
    const user = await buildUser();
    const wrong = await errorOf(checkCredentials(user.email, 'not-the-password'));
    const unknown = await errorOf(checkCredentials(uniqueEmail('nobody'), 'not-the-password'));
    const noPassword = await errorOf(checkCredentials((await buildUser({ passwordHash: null })).email, ''));
    expect(wrong.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.code).toBe('INVALID_CREDENTIALS');
    expect(noPassword.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.message).toBe(wrong.message);
    expect(noPassword.message).toBe(wrong.message);
  });
});

describe('password reset (rule 25)', () => {
  it('for an unknown email resolves exactly like a known one and sends nothing', async () => {
    const email = uniqueEmail('ghost');
    const known = await buildUser();
    const [a, b] = await Promise.all([requestPasswordReset(email), requestPasswordReset(known.email)]);
    expect(a).toBe(b);
    // The mail is sent by a worker after the answer (the same work either way).
    await Promise.all([deferredMailSentTo(email), deferredMailSentTo(known.email)]);
    expect(await db().emailLog.count({ where: { recipient: email } })).toBe(0);
    expect(await db().emailLog.count({ where: { recipient: known.email, template: 'password_reset' } })).toBe(1);
  });

  it('stores only the token hash', async () => {
    const user = await buildUser();
    await requestPasswordReset(user.email);
    const token = await tokenFromMail(user.email, 'password_reset', '/password/reset');
    const row = await db().userToken.findFirstOrThrow({ where: { userId: user.id, purpose: 'password_reset' } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('the token works once: new password set, confirmation email sent, other sessions ended; a second use is TOKEN_INVALID', async () => {
    const user = await buildUser();
    const other = await buildUser();
    const sid1 = await insertSession(user.id);
    const sid2 = await insertSession(user.id);
    const otherSid = await insertSession(other.id);
    await requestPasswordReset(user.email.toUpperCase());
    const token = await tokenFromMail(user.email, 'password_reset', '/password/reset');
    await expect(checkPasswordResetToken(token)).resolves.toBeUndefined();

    await resetPassword(token, 'Brand-New-Passw0rd!', '203.0.113.4');
    await expect(checkCredentials(user.email, 'Brand-New-Passw0rd!')).resolves.toBeTruthy();
    expect(await codeOf(checkCredentials(user.email, TEST_PASSWORD))).toBe('INVALID_CREDENTIALS');

    const confirmation = await db().emailLog.findFirst({
      where: { recipient: user.email, template: 'password_reset_confirmation' },
    });
    expect(confirmation).not.toBeNull();

    expect(await sessionExists(sid1)).toBe(false);
    expect(await sessionExists(sid2)).toBe(false);
    expect(await sessionExists(otherSid)).toBe(true);

    expect(await codeOf(resetPassword(token, 'Yet-Another-Passw0rd!'))).toBe('TOKEN_INVALID');
    expect(await codeOf(checkPasswordResetToken(token))).toBe('TOKEN_INVALID');
    await expect(checkCredentials(user.email, 'Brand-New-Passw0rd!')).resolves.toBeTruthy();
  });

  it('using one reset link kills the other outstanding reset links of that user', async () => {
    const user = await buildUser();
    await requestPasswordReset(user.email);
    const first = await tokenFromMail(user.email, 'password_reset', '/password/reset');
    await requestPasswordReset(user.email);
    await deferredMailSentTo(user.email);
    const second = await tokenFromMail(user.email, 'password_reset', '/password/reset');
    expect(second).not.toBe(first);
    await resetPassword(second, 'Brand-New-Passw0rd!');
    expect(await codeOf(resetPassword(first, 'Sneaky-Passw0rd-99'))).toBe('TOKEN_INVALID');
  });

  it('still works just before 2 hours, and expires after 2 hours (TOKEN_EXPIRED, password unchanged)', async () => {
    const early = await buildUser();
    await requestPasswordReset(early.email);
    const earlyToken = await tokenFromMail(early.email, 'password_reset', '/password/reset');
    const late = await buildUser();
    await requestPasswordReset(late.email);
    const lateToken = await tokenFromMail(late.email, 'password_reset', '/password/reset');

    advanceClock(2 * HOUR - MINUTE);
    await resetPassword(earlyToken, 'Brand-New-Passw0rd!');

    advanceClock(MINUTE + 1);
    expect(await codeOf(checkPasswordResetToken(lateToken))).toBe('TOKEN_EXPIRED');
    expect(await codeOf(resetPassword(lateToken, 'Brand-New-Passw0rd!'))).toBe('TOKEN_EXPIRED');
    await expect(checkCredentials(late.email, TEST_PASSWORD)).resolves.toBeTruthy();
  });

  it('an email-verification token cannot reset a password', async () => {
    const user = await buildUser();
    await sendEmailVerification(user.id);
    const token = await tokenFromMail(user.email, 'email_verification', '/verify-email');
    expect(await codeOf(resetPassword(token, 'Brand-New-Passw0rd!'))).toBe('TOKEN_INVALID');
  });
});

describe('email verification (rules 23, 26): a 60-minute, single-use link', () => {
  it('verifies the address within 60 minutes, once', async () => {
    const user = await buildUser();
    expect(user.emailVerifiedAt).toBeNull();
    await sendEmailVerification(user.id);
    const token = await tokenFromMail(user.email, 'email_verification', '/verify-email');
    advanceClock(59 * MINUTE);
    expect(await verifyEmail(token)).toBe(user.id);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull();
    expect(await codeOf(verifyEmail(token))).toBe('TOKEN_INVALID');
  });

  it('expires after 60 minutes (TOKEN_EXPIRED) and leaves the email unverified', async () => {
    const user = await buildUser();
    await sendEmailVerification(user.id);
    const token = await tokenFromMail(user.email, 'email_verification', '/verify-email');
    advanceClock(60 * MINUTE + 1);
    expect(await codeOf(verifyEmail(token))).toBe('TOKEN_EXPIRED');
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();
  });

  it('a password-reset token cannot verify an email', async () => {
    const user = await buildUser();
    await requestPasswordReset(user.email);
    const token = await tokenFromMail(user.email, 'password_reset', '/password/reset');
    expect(await codeOf(verifyEmail(token))).toBe('TOKEN_INVALID');
  });
});

describe('TOTP two-factor (rule 26)', () => {
  it('enableTotp refuses a wrong code and leaves 2FA off', async () => {
    const user = await buildUser();
    const secret = newTotpSecret();
    const wrong = currentTotp(secret) === '000000' ? '111111' : '000000';
    expect(await codeOf(enableTotp(userActor(user.id), user.id, secret, wrong))).toBe('INVALID_TOTP');
    expect(await codeOf(enableTotp(userActor(user.id), user.id, secret, 'abcdef'))).toBe('INVALID_TOTP');
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpEnabled).toBe(false);
    expect(stored.totpSecret).toBeNull();
  });

  it('enableTotp accepts the current code, stores the secret encrypted and returns 10 distinct recovery codes', async () => {
    const user = await buildUser();
    const secret = newTotpSecret();
    const codes = await enableTotp(userActor(user.id), user.id, secret, currentTotp(secret));
    // A code works once (RFC 6238 §5.2): the next one is 30 seconds later.
    advanceClock(30_000);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpEnabled).toBe(true);
    expect(stored.totpSecret).not.toBe(secret);
    expect(stored.totpSecret).not.toContain(secret);
    expect(stored.recoveryCodeHashes).toHaveLength(10);
    for (const c of codes) expect(stored.recoveryCodeHashes).not.toContain(c);
    expect((await checkCredentials(user.email, TEST_PASSWORD)).needsTotp).toBe(true);
  });

  it('checkSecondFactor accepts a current code and refuses a wrong one', async () => {
    const user = await buildUser();
    const secret = newTotpSecret();
    await enableTotp(userActor(user.id), user.id, secret, currentTotp(secret));
    // A code works once (RFC 6238 §5.2): the next one is 30 seconds later.
    advanceClock(30_000);
    expect(await checkSecondFactor(user.id, currentTotp(secret))).toBe('totp');
    const wrong = currentTotp(secret) === '123456' ? '654321' : '123456';
    expect(await codeOf(checkSecondFactor(user.id, wrong))).toBe('INVALID_TOTP');
  });

  it('a recovery code works exactly once (also in upper case), others still work', async () => {
    const user = await buildUser();
    const secret = newTotpSecret();
    const codes = await enableTotp(userActor(user.id), user.id, secret, currentTotp(secret));
    // A code works once (RFC 6238 §5.2): the next one is 30 seconds later.
    advanceClock(30_000);
    const [first, second] = codes as [string, string];
    expect(await checkSecondFactor(user.id, first)).toBe('recovery');
    expect(await codeOf(checkSecondFactor(user.id, first))).toBe('INVALID_TOTP');
    expect(await checkSecondFactor(user.id, second.toUpperCase())).toBe('recovery');
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).recoveryCodeHashes).toHaveLength(8);
  });

  it('one recovery code used twice concurrently succeeds once', async () => {
    const user = await buildUser();
    const secret = newTotpSecret();
    const [code] = (await enableTotp(userActor(user.id), user.id, secret, currentTotp(secret))) as [string];
    const results = await Promise.allSettled([
      checkSecondFactor(user.id, code),
      checkSecondFactor(user.id, code),
      checkSecondFactor(user.id, code),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('an admin turns 2FA off without a code (rule 18)', async () => {
    const user = await buildUser();
    const secret = newTotpSecret();
    await enableTotp(userActor(user.id), user.id, secret, currentTotp(secret));
    // A code works once (RFC 6238 §5.2): the next one is 30 seconds later.
    advanceClock(30_000);
    await disableTotp({ kind: 'admin', adminId: (await buildAdmin()).id, ip: '' }, user.id);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabled).toBe(false);
    expect((await checkCredentials(user.email, TEST_PASSWORD)).needsTotp).toBe(false);
  });

  it('the user turns 2FA off only with a current code', async () => {
    const user = await buildUser();
    const secret = newTotpSecret();
    await enableTotp(userActor(user.id), user.id, secret, currentTotp(secret));
    // A code works once (RFC 6238 §5.2): the next one is 30 seconds later.
    advanceClock(30_000);
    expect(await codeOf(disableTotp(userActor(user.id), user.id))).toBe('INVALID_TOTP');
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabled).toBe(true);
    await disableTotp(userActor(user.id), user.id, currentTotp(secret));
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored).toMatchObject({ totpEnabled: false, totpSecret: null, recoveryCodeHashes: [] });
  });
});

describe('email verification is bound to the address it was sent to (rule 26)', () => {
  it('a link sent to the old address does not verify a changed email address', async () => {
    const user = await buildUser();
    await sendEmailVerification(user.id);
    const token = await tokenFromMail(user.email, 'email_verification', '/verify-email');
    const newEmail = uniqueEmail('changed');
    await updateUserProfile(userActor(user.id), user.id, {
      firstName: user.firstName,
      lastName: user.lastName,
      email: newEmail,
      language: 'en',
      currentPassword: TEST_PASSWORD,
    });
    expect(await codeOf(verifyEmail(token))).toBe('TOKEN_INVALID');
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.email).toBe(newEmail);
    expect(stored.emailVerifiedAt).toBeNull();
  });
});
