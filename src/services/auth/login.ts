// Logging a user in (SPEC rule 4): email and password, then the second factor when enabled.
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { verifyPassword } from '../../lib/passwords.js';
import { open } from '../../lib/secretbox.js';
import { checkTotp, hashRecoveryCode } from '../../lib/totp.js';
import type { User } from '../../generated/prisma/client.js';
import { userActor } from '../actor.js';
import { logActivity, logFailedLogin } from '../activity/activity-log.js';
import { findUserByEmail, getUser } from '../users/users.js';

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'Login details incorrect. Please try again.');

/**
 * Step one: email and password. The same error for an unknown email and a wrong password; the
 * activity log records which it was, with the IP (never the password).
 */
export async function checkCredentials(
  email: string,
  password: string,
  ip = '',
): Promise<{ user: User; needsTotp: boolean }> {
  const user = await findUserByEmail(email);
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok) {
    const reason = !user ? 'unknown email' : user.passwordHash ? 'wrong password' : 'no password set yet';
    await logFailedLogin('client', { email, ip, userId: user?.id }, reason);
    throw invalidCredentials();
  }
  return { user, needsTotp: user.totpEnabled };
}

/** Step two when enabled: a TOTP code, or one of the recovery codes (used up once used). */
export async function checkSecondFactor(userId: number, code: string, ip = ''): Promise<'totp' | 'recovery'> {
  const user = await getUser(userId);
  if (!user.totpEnabled || !user.totpSecret) return 'totp';
  if (checkTotp(open(user.totpSecret), code)) return 'totp';
  const hash = hashRecoveryCode(code);
  if (user.recoveryCodeHashes.includes(hash)) {
    // Conditional on the code still being there, so one code cannot be used twice concurrently.
    const used = await db().$executeRaw`
      UPDATE "users" SET "recovery_code_hashes" = array_remove("recovery_code_hashes", ${hash})
      WHERE id = ${userId} AND ${hash} = ANY("recovery_code_hashes")`;
    if (used) {
      await logActivity(userActor(userId), 'Logged in with a two-factor recovery code', null);
      return 'recovery';
    }
  }
  await logFailedLogin('client', { email: user.email, ip, userId }, 'wrong two-factor code');
  throw new AppError('INVALID_TOTP', 'The two-factor code is not correct. Please try again.', {
    code: 'The code is not correct.',
  });
}

/** Records a completed login (time, IP, host) and logs it. */
export async function recordLogin(userId: number, ip: string, host: string | null = null): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { lastLoginAt: now(), lastLoginIp: ip, lastLoginHost: host } });
    await logActivity(userActor(userId, ip), 'User logged in', null, tx);
  });
}
