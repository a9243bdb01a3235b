// Links sent by email to a user (SPEC rules 25-26): password reset (2 hours, single use, no
// auto-login), the admin-sent "set your password" link, and email verification (60 minutes).
import { db } from '../../db/client.js';
import { HOUR, MINUTE, now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { userActor, type Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';
import { queueTemplate, sendTemplate, type SendResult } from '../mail/mailer.js';
import { getSetting } from '../settings/settings.js';
import { findUserByEmail, getUser, setPassword } from '../users/users.js';
import { endUserSessions } from '../users/sessions.js';

// ---- Password reset (2 hours, single use, no auto-login) --------------------------------

const RESET_LIFETIME = 2 * HOUR;
const VERIFY_LIFETIME = 60 * MINUTE;

async function issueUserToken(userId: number, purpose: 'password_reset' | 'email_verification', lifetimeMs: number) {
  const { token, hash } = newToken();
  await db().userToken.create({
    data: { userId, purpose, tokenHash: hash, expiresAt: new Date(now().getTime() + lifetimeMs), createdAt: now() },
  });
  return token;
}

async function link(path: string): Promise<string> {
  return `${(await getSetting('publicUrl')).replace(/\/$/, '')}${path}`;
}

/**
 * Same answer whether or not the email exists (SPEC rule 25): callers show one message, and the
 * mail is delivered in the background so a known address does not answer more slowly.
 */
export async function requestPasswordReset(email: string, ip = ''): Promise<void> {
  const user = await findUserByEmail(email);
  if (!user) return;
  const token = await issueUserToken(user.id, 'password_reset', RESET_LIFETIME);
  await logActivity(userActor(user.id, ip), 'Password reset requested', null);
  await queueTemplate({
    template: 'password_reset',
    to: user.email,
    userId: user.id,
    data: { firstName: user.firstName, link: await link(`/password/reset/${token}`) },
    secrets: [token],
  });
}

/** Admin "Send Password Reset Email" and the new-user "set your password" email. */
export async function sendPasswordSetupEmail(
  actor: Actor,
  userId: number,
  template: 'password_reset' | 'set_password' = 'password_reset',
  extra: { accountId?: number; accountName?: string } = {},
): Promise<SendResult> {
  await assertStaffMay(actor, 'clients.write');
  const user = await getUser(userId);
  const token = await issueUserToken(user.id, 'password_reset', RESET_LIFETIME);
  await logActivity(actor, `Password reset email sent to ${user.email} (User ID: ${user.id})`, extra.accountId ?? null);
  return sendTemplate({
    template,
    to: user.email,
    userId: user.id,
    accountId: extra.accountId ?? null,
    data: {
      firstName: user.firstName,
      accountName: extra.accountName ?? '',
      link: await link(`/password/reset/${token}`),
      // A reset staff sent says so: the person did not ask for it themselves.
      byStaff: actor.kind === 'admin',
    },
    secrets: [token],
  });
}

/** Consumes a token of a purpose: one conditional UPDATE, so a token works exactly once. */
async function consumeToken(token: string, purpose: string): Promise<number> {
  const tokenHash = hashToken(token);
  const at = now();
  const row = await db().userToken.findUnique({ where: { tokenHash } });
  if (!row || row.purpose !== purpose || row.usedAt)
    throw new AppError('TOKEN_INVALID', 'This link is not valid or has already been used.');
  if (row.expiresAt <= at) throw new AppError('TOKEN_EXPIRED', 'This link has expired. Please ask for a new one.');
  const { count } = await db().userToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: at } });
  if (!count) throw new AppError('TOKEN_INVALID', 'This link has already been used.');
  return row.userId;
}

/** Checks a reset link without using it (to show the form or a clear error). */
export async function checkPasswordResetToken(token: string): Promise<void> {
  const row = await db().userToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== 'password_reset' || row.usedAt)
    throw new AppError('TOKEN_INVALID', 'This link is not valid or has already been used.');
  if (row.expiresAt <= now()) throw new AppError('TOKEN_EXPIRED', 'This link has expired. Please ask for a new one.');
}

export async function resetPassword(token: string, password: string, ip = ''): Promise<void> {
  const userId = await consumeToken(token, 'password_reset');
  const actor = userActor(userId, ip);
  await db().$transaction(async (tx) => {
    await setPassword(actor, userId, password, tx);
    // Following the link proves the mailbox, like a verification link would.
    await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now() } });
    await tx.userToken.updateMany({
      where: { userId, purpose: 'password_reset', usedAt: null },
      data: { usedAt: now() },
    });
    await endUserSessions(userId, undefined, tx);
  });
  const user = await getUser(userId);
  await sendTemplate({
    template: 'password_reset_confirmation',
    to: user.email,
    userId,
    data: { firstName: user.firstName },
  });
}

// ---- Email verification (60 minutes) -----------------------------------------------------

export async function sendEmailVerification(userId: number): Promise<SendResult> {
  const user = await getUser(userId);
  const token = await issueUserToken(user.id, 'email_verification', VERIFY_LIFETIME);
  return sendTemplate({
    template: 'email_verification',
    to: user.email,
    userId,
    data: { firstName: user.firstName, link: await link(`/verify-email/${token}`) },
    secrets: [token],
  });
}

export async function verifyEmail(token: string, ip = ''): Promise<number> {
  const userId = await consumeToken(token, 'email_verification');
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: now() } });
    await logActivity(userActor(userId, ip), 'Email address verified', null, tx);
  });
  return userId;
}
