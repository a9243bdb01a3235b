// Links sent by email to a user (SPEC rules 25-26): password reset (2 hours, single use, no
// auto-login), the admin-sent "set your password" link, and email verification (60 minutes).
import { db } from '../../db/client.js';
import { HOUR, MINUTE, now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { userActor, type Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';
import { sendTemplate, type SendResult } from '../mail/mailer.js';
import { hit } from '../throttles/throttles.js';
import { REQUEST_RULES } from '../throttles/request-throttles.js';
import { deferEmail } from './deferred-mail.js';
import { getSetting } from '../settings/settings.js';
import { findUserByEmail, getUser, normalizeEmail, setPassword } from '../users/users.js';
import type { User } from '../../generated/prisma/client.js';
import { endUserSessions } from '../users/sessions.js';

// ---- Password reset (2 hours, single use, no auto-login) --------------------------------

const RESET_LIFETIME = 2 * HOUR;
const VERIFY_LIFETIME = 60 * MINUTE;
const ACTIVATION_LIFETIME = 24 * HOUR;

type TokenPurpose = 'password_reset' | 'email_verification' | 'activation';

async function issueUserToken(userId: number, purpose: TokenPurpose, lifetimeMs: number) {
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
 * Same answer, after the same work, whether or not the email exists (SPEC rule 25; hardening
 * item 6): the request is throttled and recorded, nothing more; a worker looks the address up
 * and sends the link (deferred-mail.ts). So a known address does not answer more slowly.
 */
export async function requestPasswordReset(email: string, ip = ''): Promise<void> {
  await hit(REQUEST_RULES.resetPerIp, ip);
  await hit(REQUEST_RULES.resetPerEmailIp, `${normalizeEmail(email)}|${ip}`);
  await deferEmail('password_reset', email, ip);
}

/** The worker's half of requestPasswordReset, for an address that belongs to a user. */
export async function sendPasswordResetLink(user: User, ip: string): Promise<SendResult> {
  const token = await issueUserToken(user.id, 'password_reset', RESET_LIFETIME);
  await logActivity(userActor(user.id, ip), 'Password reset requested', null);
  return sendTemplate({
    template: 'password_reset',
    to: user.email,
    language: user.language,
    userId: user.id,
    data: { firstName: user.firstName, link: await link(`/password/reset/${token}`) },
    secrets: [token],
  });
}

/** The link that confirms a new registration's address and logs the person in (24 hours, once). */
export async function sendActivationLink(user: User, accountName = ''): Promise<SendResult> {
  const token = await issueUserToken(user.id, 'activation', ACTIVATION_LIFETIME);
  return sendTemplate({
    template: 'account_activation',
    to: user.email,
    language: user.language,
    userId: user.id,
    data: { firstName: user.firstName, accountName, link: await link(`/register/activate/${token}`) },
    secrets: [token],
  });
}

/** Someone registered with an address that already has a user: tell its owner, reveal nothing. */
export async function sendAccountExistsNotice(
  user: User,
  invitation?: { token: string; accountName: string },
): Promise<SendResult> {
  return sendTemplate({
    template: 'account_exists',
    to: user.email,
    language: user.language,
    userId: user.id,
    data: {
      firstName: user.firstName,
      accountName: invitation?.accountName ?? '',
      inviteLink: invitation ? await link(`/invite/${invitation.token}`) : '',
      loginLink: await link('/login'),
      resetLink: await link('/password/forgot'),
    },
    secrets: invitation ? [invitation.token] : [],
  });
}

/**
 * The activation link: confirms the address, lets the user log in from now on, and returns the
 * user for the caller to log in (once; a used or expired link is TOKEN_INVALID/TOKEN_EXPIRED).
 */
export async function activateAccount(token: string, ip = ''): Promise<number> {
  const userId = await consumeToken(token, 'activation');
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { activationPending: false, emailVerifiedAt: now() } });
    await logActivity(userActor(userId, ip), 'Registration confirmed by email', null, tx);
  });
  return userId;
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
    language: user.language,
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

/** Staff start a user's password reset by id or by email (the API's ResetPassword). */
export async function sendPasswordResetByStaff(actor: Actor, who: { userId: number } | { email: string }) {
  const user = 'userId' in who ? await getUser(who.userId) : await findUserByEmail(who.email);
  if (!user) throw new AppError('USER_NOT_FOUND', msg('User not found.'));
  return sendPasswordSetupEmail(actor, user.id, 'password_reset');
}

/** Consumes a token of a purpose: one conditional UPDATE, so a token works exactly once. */
async function consumeToken(token: string, purpose: TokenPurpose): Promise<number> {
  const tokenHash = hashToken(token);
  const at = now();
  const row = await db().userToken.findUnique({ where: { tokenHash } });
  if (!row || row.purpose !== purpose || row.usedAt)
    throw new AppError('TOKEN_INVALID', msg('This link is not valid or has already been used.'));
  if (row.expiresAt <= at) throw new AppError('TOKEN_EXPIRED', msg('This link has expired. Please ask for a new one.'));
  const { count } = await db().userToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: at } });
  if (!count) throw new AppError('TOKEN_INVALID', msg('This link has already been used.'));
  return row.userId;
}

/** Checks a reset link without using it (to show the form or a clear error). */
export async function checkPasswordResetToken(token: string): Promise<void> {
  const row = await db().userToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== 'password_reset' || row.usedAt)
    throw new AppError('TOKEN_INVALID', msg('This link is not valid or has already been used.'));
  if (row.expiresAt <= now())
    throw new AppError('TOKEN_EXPIRED', msg('This link has expired. Please ask for a new one.'));
}

export async function resetPassword(token: string, password: string, ip = ''): Promise<void> {
  const userId = await consumeToken(token, 'password_reset');
  const actor = userActor(userId, ip);
  await db().$transaction(async (tx) => {
    await setPassword(actor, userId, password, tx);
    // Following the link proves the mailbox, like a verification link would (and so finishes a
    // registration whose activation email was lost).
    await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now() } });
    await tx.user.updateMany({ where: { id: userId, activationPending: true }, data: { activationPending: false } });
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
    language: user.language,
    userId,
    data: { firstName: user.firstName },
  });
}

// ---- Email verification (60 minutes) -----------------------------------------------------

/** At most one a minute and ten a day per user (hardening item 5): RATE_LIMITED otherwise. */
export async function sendEmailVerification(userId: number): Promise<SendResult> {
  await hit(REQUEST_RULES.verificationCooldown, String(userId));
  await hit(REQUEST_RULES.verificationPerDay, String(userId));
  const user = await getUser(userId);
  const token = await issueUserToken(user.id, 'email_verification', VERIFY_LIFETIME);
  return sendTemplate({
    template: 'email_verification',
    to: user.email,
    language: user.language,
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
