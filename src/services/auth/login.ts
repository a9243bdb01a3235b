// Logging a user in (SPEC rule 4): email and password, then the second factor when enabled.
import { database, db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { verifyPassword } from '../../lib/passwords.js';
import { hashRecoveryCode } from '../../lib/totp.js';
import {
  afterCodeFailure,
  afterCodeSuccess,
  afterPasswordFailure,
  afterPasswordSuccess,
  beforeCodeAttempt,
  beforePasswordAttempt,
  type PendingLogin,
} from '../throttles/login-throttle.js';
import { acceptTotpCode } from './totp-once.js';
import type { User } from '../../generated/prisma/client.js';
import { userActor } from '../actor.js';
import { logActivity, logFailedLogin } from '../activity/activity-log.js';
import { findUserByEmail, getUser } from '../users/users.js';

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', msg('Login details incorrect. Please try again.'));

/**
 * Step one: email and password. The same error for an unknown email and a wrong password; the
 * activity log records which it was, with the IP (never the password). Throttled per email + IP,
 * per IP and per email (services/throttles/login-throttle.ts): every login form (the login page,
 * the invitation page, the API's ValidateLogin) goes through here.
 */
export async function checkCredentials(
  email: string,
  password: string,
  ip = '',
): Promise<{ user: User; needsTotp: boolean }> {
  await beforePasswordAttempt('client', email, ip);
  const user = await findUserByEmail(email);
  const ok = await verifyPassword(user?.passwordHash, password);
  // A registration not yet confirmed by its emailed link logs in like a wrong password: otherwise
  // a second try with the password just chosen would tell a new address from a taken one.
  if (!user || !ok || user.activationPending) {
    await afterPasswordFailure('client', email, ip);
    const reason = !user
      ? 'unknown email'
      : !ok
        ? user.passwordHash
          ? 'wrong password'
          : 'no password set yet'
        : 'registration not confirmed yet';
    await logFailedLogin('client', { email, ip, userId: user?.id }, reason);
    throw invalidCredentials();
  }
  await afterPasswordSuccess('client', email, ip);
  return { user, needsTotp: user.totpEnabled };
}

/**
 * Step two when enabled: a TOTP code (each accepted once), or one of the recovery codes (used up
 * once used). Five wrong codes end the pending login (LOGIN_RESTART). A wrong code is logged with
 * the IP.
 */
export async function checkSecondFactor(
  userId: number,
  code: string,
  pending: PendingLogin = { id: `user-${userId}`, ip: '' },
): Promise<'totp' | 'recovery'> {
  await beforeCodeAttempt('client', pending);
  const user = await getUser(userId);
  if (!user.totpEnabled || !user.totpSecret) return 'totp';
  if (await acceptTotpCode('user', user, code)) {
    await afterCodeSuccess('client', pending);
    return 'totp';
  }
  const hash = hashRecoveryCode(code);
  if (user.recoveryCodeHashes.includes(hash)) {
    // Conditional on the code still being there, so one code cannot be used twice concurrently.
    const used = await db().$executeRaw`
      UPDATE "users" SET "recovery_code_hashes" = array_remove("recovery_code_hashes", ${hash})
      WHERE id = ${userId} AND ${hash} = ANY("recovery_code_hashes")`;
    if (used) {
      await logActivity(userActor(userId, pending.ip), 'Logged in with a two-factor recovery code', null);
      await afterCodeSuccess('client', pending);
      return 'recovery';
    }
  }
  await afterCodeFailure('client', pending);
  await logFailedLogin('client', { email: user.email, ip: pending.ip, userId }, 'wrong two-factor code');
  throw new AppError('INVALID_TOTP', msg('The two-factor code is not correct. Please try again.'), {
    code: msg('The code is not correct.'),
  });
}

/** Records a completed login (time, IP, host) and logs it. True when it is the user's first login. */
export async function recordLogin(userId: number, ip: string, host: string | null = null): Promise<boolean> {
  // One statement: the login time, its activity entry, and whether it is the first login. The
  // CTEs share one snapshot, so "before" reads the value from before the update.
  const at = now();
  const { rows } = await database().pool.query<{ first: boolean | null }>({
    name: 'record-login',
    text: `WITH before AS (SELECT last_login_at FROM users WHERE id = $1),
      upd AS (UPDATE users SET last_login_at = $2, last_login_ip = $3, last_login_host = $4 WHERE id = $1 RETURNING id),
      logged AS (INSERT INTO activity_log (created_at, description, actor_type, user_id, ip)
                 SELECT $2, 'User logged in', 'user', id, $3 FROM upd)
      SELECT (SELECT last_login_at IS NULL FROM before) AS first`,
    values: [userId, at, ip, host],
  });
  return rows[0]?.first === true;
}
