// Users: the people who log in. Their own profile, password and security settings.
import { db, type Tx } from '../db/client.js';
import { now } from '../lib/clock.js';
import { AppError, isUniqueViolation } from '../lib/errors.js';
import { hashPassword, verifyPassword } from '../lib/passwords.js';
import type { Actor } from './actor.js';
import { logActivity } from './activity.js';
import type { User } from '../generated/prisma/client.js';

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
  password?: string;
  language?: string;
}

/** Creates a user inside the caller's transaction. */
export async function createUserInTx(tx: Tx, input: NewUser): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    return await tx.user.create({
      data: {
        email: normalizeEmail(input.email),
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        language: input.language ?? 'en',
        passwordHash,
      },
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw emailTaken();
    throw e;
  }
}

export const emailTaken = () =>
  new AppError('EMAIL_TAKEN', 'A user with this email address already exists.', {
    email: 'This email address is already in use. Log in instead, or use another address.',
  });

export async function getUser(userId: number): Promise<User> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError('NOT_FOUND', 'User not found.');
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
}

/** A user edits their own profile, or an admin edits it (SPEC rule 18). A new email is unverified. */
export async function updateUserProfile(actor: Actor, userId: number, changes: ProfileChanges): Promise<User> {
  return db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId } });
    if (!before) throw new AppError('NOT_FOUND', 'User not found.');
    const email = normalizeEmail(changes.email);
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
  });
}

export async function changePassword(actor: Actor, userId: number, current: string, next: string): Promise<void> {
  const user = await getUser(userId);
  if (!(await verifyPassword(user.passwordHash, current))) {
    throw new AppError('INVALID_CREDENTIALS', 'Your current password is not correct.', {
      currentPassword: 'Your current password is not correct.',
    });
  }
  await setPassword(actor, userId, next);
}

/** Sets a password without the old one (admin "Set Password", password reset). */
export async function setPassword(actor: Actor, userId: number, next: string, tx: Tx = db()): Promise<void> {
  const passwordHash = await hashPassword(next);
  await tx.user.update({ where: { id: userId }, data: { passwordHash } });
  await logActivity(actor, `Password changed for User ID: ${userId}`, null, tx);
}

/** Admin "Set Password": the new password, and every session the user had is ended. */
export async function setPasswordAsAdmin(actor: Actor, userId: number, next: string): Promise<void> {
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

export async function checkSecurityAnswer(userId: number, answer: string): Promise<boolean> {
  const user = await getUser(userId);
  return !!user.securityAnswerHash && verifyPassword(user.securityAnswerHash, normalizeAnswer(answer));
}

export async function clearSecurityQuestion(actor: Actor, userId: number) {
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { securityQuestion: null, securityAnswerHash: null } });
    await logActivity(actor, `Security question cleared for User ID: ${userId}`, null, tx);
  });
}

const normalizeAnswer = (answer: string) => answer.trim().toLowerCase().replace(/\s+/g, ' ');

/** Ends every client-area session of a user, except the one given (SPEC rule 25). */
export async function endUserSessions(userId: number, exceptSid?: string, tx: Tx = db()): Promise<number> {
  return tx.$executeRaw`DELETE FROM "session" WHERE ("sess"::jsonb ->> 'userId')::int = ${userId} AND "sid" <> ${exceptSid ?? ''}`;
}

export async function listUserSessions(userId: number) {
  return db().$queryRaw<
    { sid: string; expire: Date; ip: string | null; userAgent: string | null; createdAt: string | null }[]
  >`
    SELECT "sid", "expire", "sess"::jsonb ->> 'ip' AS "ip", "sess"::jsonb ->> 'userAgent' AS "userAgent",
           "sess"::jsonb ->> 'createdAt' AS "createdAt"
    FROM "session" WHERE ("sess"::jsonb ->> 'userId')::int = ${userId} ORDER BY "expire" DESC`;
}

export interface UserSearch {
  query?: string;
  page?: number;
  perPage?: number;
}

/**
 * Admin "Manage Users" and the type-ahead: prefix match on email, first, last or full name.
 * Written in SQL so each branch uses its text_pattern_ops index (see the init migration).
 */
export async function searchUsers({ query = '', page = 1, perPage = 25 }: UserSearch) {
  const q = query.trim().toLowerCase();
  const offset = (Math.max(1, page) - 1) * perPage;
  if (!q) {
    const users = await db().user.findMany({
      select: PUBLIC_USER_SELECT,
      orderBy: { id: 'desc' },
      skip: offset,
      take: perPage + 1,
    });
    return { users: users.slice(0, perPage), page, hasNext: users.length > perPage };
  }
  const prefix = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const ids = await db().$queryRaw<{ id: number }[]>`
    SELECT id FROM (
      SELECT id FROM "users" WHERE "email" LIKE ${prefix}
      UNION SELECT id FROM "users" WHERE lower("first_name") LIKE ${prefix}
      UNION SELECT id FROM "users" WHERE lower("last_name") LIKE ${prefix}
      UNION SELECT id FROM "users" WHERE lower("first_name" || ' ' || "last_name") LIKE ${prefix}
    ) matches ORDER BY id DESC OFFSET ${offset} LIMIT ${perPage + 1}`;
  const users = await db().user.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: PUBLIC_USER_SELECT,
    orderBy: { id: 'desc' },
  });
  return { users: users.slice(0, perPage), page, hasNext: ids.length > perPage };
}

/** Email addresses of the given users, for showing who did what (account activity log). */
export async function userEmailsById(ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db().user.findMany({ where: { id: { in: unique } }, select: { id: true, email: true } });
  return new Map(rows.map((r) => [r.id, r.email]));
}
