// How many wrong passwords and codes a login form accepts (SPEC rule 4; hardening item 4).
// Only failures count: a person who logs in a hundred times a day is never slowed down.
// - per email + IP: LOGIN_RATE_LIMIT failures per 15 minutes, then that pair waits out the window
//   (a guesser on one address is stopped without locking the real user out elsewhere);
// - per IP: three times that, over any emails (one address trying many accounts);
// - per email, from anywhere: past three times the limit, every further attempt for the address
//   must wait an interval that doubles with each failure, up to five minutes. A distributed guess
//   is slowed to a crawl, and the real user, whose right password still works, waits at most
//   that interval instead of being locked out.
// - the second factor: 5 wrong codes per pending login, then the half-logged-in session must
//   start again with the password; and a per-IP ceiling.
// The client and admin areas count separately. Everything is in the shared "throttles" table.
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { assertNoneExhausted, assertNotExhausted, clear, clearAll, count, type ThrottleRule } from './throttles.js';

export type LoginArea = 'client' | 'admin';

const WINDOW_SECONDS = 15 * 60;
const MAX_BACKOFF_SECONDS = 5 * 60;
export const SECOND_FACTOR_ATTEMPTS = 5;

let failuresPerWindow = 10;

/** From LOGIN_RATE_LIMIT at start-up. */
export function configureLoginThrottle(limit: number): void {
  failuresPerWindow = limit;
}

const TOO_MANY: string = msg('Too many failed attempts. Please wait a few minutes and try again.');

function rules(area: LoginArea) {
  const rule = (name: string, points: number, message = TOO_MANY): ThrottleRule => ({
    name: `${area}-${name}`,
    points,
    windowSeconds: WINDOW_SECONDS,
    message,
  });
  return {
    pair: rule('login-fail-pair', failuresPerWindow),
    ip: rule('login-fail-ip', failuresPerWindow * 3),
    email: rule('login-fail-email', failuresPerWindow * 3),
    slow: rule(
      'login-slow',
      1,
      msg('Too many failed attempts for this email address. Please wait a moment and try again.'),
    ),
    code: rule('2fa-fail-pending', SECOND_FACTOR_ATTEMPTS),
    codeIp: rule('2fa-fail-ip', failuresPerWindow * 3),
  };
}

const pairKey = (email: string, ip: string) => `${email.trim().toLowerCase()}|${ip}`;
const emailKey = (email: string) => email.trim().toLowerCase();

/** Before a password is checked: RATE_LIMITED (with Retry-After) when this attempt must wait. */
export async function beforePasswordAttempt(area: LoginArea, email: string, ip: string): Promise<void> {
  const r = rules(area);
  // The backoff key exists only while the address is past its ceiling: one read checks all three.
  await assertNoneExhausted([
    [r.pair, pairKey(email, ip)],
    [r.ip, ip],
    [r.slow, emailKey(email)],
  ]);
}

export async function afterPasswordFailure(area: LoginArea, email: string, ip: string): Promise<void> {
  const r = rules(area);
  await count(r.pair, pairKey(email, ip));
  await count(r.ip, ip);
  const failures = await count(r.email, emailKey(email));
  const beyond = failures - r.email.points;
  if (beyond >= 0) await count(r.slow, emailKey(email), Math.min(2 ** beyond, MAX_BACKOFF_SECONDS));
}

/** A right password clears this address's failures (not the IP's: that is the guesser's). */
export async function afterPasswordSuccess(area: LoginArea, email: string, ip: string): Promise<void> {
  const r = rules(area);
  await clearAll([
    [r.pair, pairKey(email, ip)],
    [r.email, emailKey(email)],
    [r.slow, emailKey(email)],
  ]);
}

/** One pending login (password checked, code not yet): an id the session keeps. */
export interface PendingLogin {
  id: string;
  ip: string;
}

export async function beforeCodeAttempt(area: LoginArea, pending: PendingLogin): Promise<void> {
  await assertNotExhausted(rules(area).codeIp, pending.ip);
}

/**
 * A wrong second-factor code. After SECOND_FACTOR_ATTEMPTS of them the pending login is over:
 * LOGIN_RESTART tells the caller to discard the half-logged-in session.
 */
export async function afterCodeFailure(area: LoginArea, pending: PendingLogin): Promise<void> {
  const r = rules(area);
  await count(r.codeIp, pending.ip);
  if ((await count(r.code, pending.id)) >= SECOND_FACTOR_ATTEMPTS) {
    throw new AppError('LOGIN_RESTART', msg('Too many wrong codes. For your security, please log in again.'));
  }
}

export async function afterCodeSuccess(area: LoginArea, pending: PendingLogin): Promise<void> {
  await clear(rules(area).code, pending.id);
}
