// Users: the people who log in. Their own profile, password and security settings.
import { db, type Tx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { msg, supportedLanguage } from '../../lib/i18n.js';
import { assertStrongPassword } from '../../lib/password-strength.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { assertStaffMay } from '../admins/staff-access.js';
import type { Actor } from '../actor.js';
import { endUserSessions } from './sessions.js';
import { logActivity } from '../activity/activity-log.js';
import { sendTemplate } from '../mail/mailer.js';
import type { User } from '../../generated/prisma/client.js';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The fields safe to render: no hashes, no secrets. */
export type PublicUser = Omit<User, 'passwordHash' | 'totpSecret' | 'recoveryCodeHashes' | 'securityAnswerHash'>;

export function toPublicUser(user: User): PublicUser {
  const { passwordHash: _p, totpSecret: _t, recoveryCodeHashes: _r, securityAnswerHash: _s, ...rest } = user;
  return rest;
}

export const PUBLIC_USER_SELECT = {
  id: true,
  email: true,
  firstName: true,
  lastName: true,
  language: true,
  totpEnabled: true,
  securityQuestion: true,
  emailVerifiedAt: true,
  lastLoginAt: true,
  lastLoginIp: true,
  lastLoginHost: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  /** Hashed by the caller BEFORE its transaction opens (hashUserPassword): argon2 takes tens of
   *  milliseconds and must not hold a database connection and a transaction while it runs. */
  passwordHash?: string | null;
  language?: string;
  activationPending?: boolean;
  /** The Terms of Service version accepted now, when the site has terms (recorded with the time). */
  termsVersion?: string | null;
}

/** The argon2id hash of a new password; null for a user who will set one by email. */
export function hashUserPassword(password: string | undefined): Promise<string | null> {
  return password ? hashPassword(password) : Promise.resolve(null);
}

/** Creates a user inside the caller's transaction. */
export async function createUserInTx(tx: Tx, input: NewUser): Promise<User> {
  try {
    return await tx.user.create({
      data: {
        email: normalizeEmail(input.email),
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        language: input.language ?? 'en',
        passwordHash: input.passwordHash ?? null,
        activationPending: input.activationPending ?? false,
        ...(input.termsVersion ? { termsVersion: input.termsVersion, termsAcceptedAt: now() } : {}),
      },
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw emailTaken();
    throw e;
  }
}

/** Staff create a user with no account yet (the API's AddUser); they are associated later. */
export async function createUserByStaff(
  actor: Actor & { kind: 'admin' | 'system' },
  input: Omit<NewUser, 'passwordHash'> & { password?: string },
): Promise<User> {
  await assertStaffMay(actor, 'clients.write');
  const { password, ...fields } = input;
  const passwordHash = await hashUserPassword(password); // before the transaction opens
  return db().$transaction(async (tx) => {
    const user = await createUserInTx(tx, { ...fields, passwordHash });
    await logActivity(actor, `User created: ${user.email} (User ID: ${user.id})`, null, tx);
    return user;
  });
}

export const emailTaken = () =>
  new AppError('EMAIL_TAKEN', msg('A user with this email address already exists.'), {
    email: msg('This email address is already in use. Log in instead, or use another address.'),
  });

export async function getUser(userId: number): Promise<User> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError('USER_NOT_FOUND', msg('User not found.'));
  return user;
}

export function findUserByEmail(email: string): Promise<User | null> {
  return db().user.findUnique({ where: { email: normalizeEmail(email) } });
}

export interface ProfileChanges {
  firstName: string;
  lastName: string;
  email: string;
  language: string;
  /** A user changing their own login email must give their password (hardening item 11). */
  currentPassword?: string;
}

/**
 * A user edits their own profile, or an admin edits it (SPEC rule 18). A new email is unverified,
 * needs the user's password when they change it themselves, and the old address is told.
 */
export async function updateUserProfile(actor: Actor, userId: number, changes: ProfileChanges): Promise<User> {
  await assertStaffMay(actor, 'clients.write');
  const current = await getUser(userId);
  const email = normalizeEmail(changes.email);
  if (actor.kind === 'user' && email !== current.email) {
    if (!changes.currentPassword || !(await verifyPassword(current.passwordHash, changes.currentPassword))) {
      throw new AppError('INVALID_CREDENTIALS', msg('Enter your current password to change your email address.'), {
        currentPassword: msg('Enter your current password to change your email address.'),
      });
    }
  }
  const user = await db().$transaction((tx) => updateUserProfileInTx(tx, actor, userId, changes));
  await tellOldAddress(actor, current.email, user);
  return user;
}

/** After an email change the old address is told, by whom it was changed (hardening item 11). */
export async function tellOldAddress(actor: Actor, oldEmail: string, user: User): Promise<void> {
  if (user.email === oldEmail) return;
  await sendTemplate({
    template: 'email_changed',
    to: oldEmail,
    userId: user.id,
    language: user.language,
    data: { firstName: user.firstName, oldEmail, newEmail: user.email, byStaff: actor.kind !== 'user' },
  });
}

/** updateUserProfile inside the caller's transaction (Manage User saves several things at once). */
export async function updateUserProfileInTx(tx: Tx, actor: Actor, userId: number, changes: ProfileChanges) {
  const before = await tx.user.findUnique({ where: { id: userId } });
  if (!before) throw new AppError('USER_NOT_FOUND', msg('User not found.'));
  const email = normalizeEmail(changes.email);
  const unchanged =
    before.firstName === changes.firstName.trim() &&
    before.lastName === changes.lastName.trim() &&
    before.language === changes.language &&
    before.email === email;
  if (unchanged) return before;
  try {
    const user = await tx.user.update({
      where: { id: userId },
      data: {
        firstName: changes.firstName.trim(),
        lastName: changes.lastName.trim(),
        language: changes.language,
        email,
        ...(email !== before.email ? { emailVerifiedAt: null } : {}),
      },
    });
    // Links sent to the old address (verification, password reset) stop working.
    if (email !== before.email)
      await tx.userToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now() } });
    const what = email !== before.email ? ` (email ${before.email} -> ${email})` : '';
    await logActivity(actor, `User profile updated: ${user.email} (User ID: ${userId})${what}`, null, tx);
    return user;
  } catch (e) {
    if (isUniqueViolation(e)) throw emailTaken();
    throw e;
  }
}

/**
 * The user's language (issue 15), as the footer's language picker sets it: pages and emails for
 * this user are then in that language. Only a language we have message files for is accepted.
 */
export async function setUserLanguage(actor: Actor, userId: number, language: string): Promise<void> {
  const code = supportedLanguage(language);
  if (!code || code !== language)
    throw new AppError('VALIDATION', 'Choose a language.', { language: 'Choose a language.' });
  await assertStaffMay(actor, 'clients.write');
  const result = await db().user.updateMany({
    where: { id: userId, language: { not: code } },
    data: { language: code },
  });
  if (result.count) await logActivity(actor, `User language changed to ${code} (User ID: ${userId})`, null);
}

export async function changePassword(actor: Actor, userId: number, current: string, next: string): Promise<void> {
  const user = await getUser(userId);
  if (!(await verifyPassword(user.passwordHash, current))) {
    throw new AppError('INVALID_CREDENTIALS', msg('Your current password is not correct.'), {
      currentPassword: msg('Your current password is not correct.'),
    });
  }
  await setPassword(actor, userId, next);
}

/**
 * Sets a password without the old one (admin "Set Password", password reset). The strength rule
 * holds here, whoever sets it (the user's own name and email count against it).
 */
export async function setPassword(actor: Actor, userId: number, next: string, tx: Tx = db()): Promise<void> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { email: true, firstName: true, lastName: true },
  });
  if (!user) throw new AppError('USER_NOT_FOUND', msg('User not found.'));
  assertStrongPassword(next, [user.email, user.firstName, user.lastName]);
  const passwordHash = await hashPassword(next);
  await tx.user.update({ where: { id: userId }, data: { passwordHash } });
  await logActivity(actor, `Password changed for User ID: ${userId}`, null, tx);
}

/** Admin "Set Password": the new password, and every session the user had is ended. */
export async function setPasswordAsAdmin(actor: Actor, userId: number, next: string): Promise<void> {
  await assertStaffMay(actor, 'clients.write');
  const user = await getUser(userId);
  // Checked before the transaction: argon2 must not run while it holds a connection.
  assertStrongPassword(next, [user.email, user.firstName, user.lastName]);
  await db().$transaction(async (tx) => {
    await setPassword(actor, userId, next, tx);
    await endUserSessions(userId, undefined, tx);
  });
}

export async function setSecurityQuestion(actor: Actor, userId: number, question: string, answer: string) {
  const securityAnswerHash = await hashPassword(normalizeAnswer(answer));
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { securityQuestion: question.trim(), securityAnswerHash } });
    await logActivity(actor, `Security question set for User ID: ${userId}`, null, tx);
  });
}

export async function clearSecurityQuestion(actor: Actor, userId: number) {
  await assertStaffMay(actor, 'clients.write');
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { securityQuestion: null, securityAnswerHash: null } });
    await logActivity(actor, `Security question cleared for User ID: ${userId}`, null, tx);
  });
}

const normalizeAnswer = (answer: string) => answer.trim().toLowerCase().replace(/\s+/g, ' ');
