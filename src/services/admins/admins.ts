// Staff who log in to the admin area (SPEC rule 15). Admins are not users: own table, own login.
import { randomBytes } from 'node:crypto';
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { seal } from '../../lib/secretbox.js';
import { totpStep } from '../../lib/totp.js';
import { acceptTotpCode } from '../auth/totp-once.js';
import {
  afterCodeFailure,
  afterCodeSuccess,
  afterPasswordFailure,
  afterPasswordSuccess,
  beforeCodeAttempt,
  beforePasswordAttempt,
  type PendingLogin,
} from '../throttles/login-throttle.js';
import type { Admin } from '../../generated/prisma/client.js';
import { logActivity } from '../activity/activity-log.js';
import { adminActor, type Actor } from '../actor.js';

export type PublicAdmin = Pick<Admin, 'id' | 'email' | 'firstName' | 'lastName' | 'totpEnabled' | 'lastLoginAt'>;

export const PUBLIC_ADMIN_SELECT = {
  id: true,
  email: true,
  firstName: true,
  lastName: true,
  totpEnabled: true,
  lastLoginAt: true,
} as const;

export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

export async function createAdmin(
  input: { email: string; firstName: string; lastName: string; password: string },
  actor: Actor = { kind: 'system' },
) {
  const email = input.email.trim().toLowerCase();
  try {
    const admin = await db().admin.create({
      data: {
        email,
        firstName: input.firstName,
        lastName: input.lastName,
        passwordHash: await hashPassword(input.password),
        createdAt: now(),
      },
      select: PUBLIC_ADMIN_SELECT,
    });
    await logActivity(actor, `Admin created: ${email} (Admin ID: ${admin.id})`, null);
    return admin;
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError('EMAIL_TAKEN', 'An admin with this email address already exists.', {
        email: 'Already in use.',
      });
    throw e;
  }
}

/** On the embedded default's first start: create an admin and return its password to print once. */
export async function ensureFirstAdmin(): Promise<{ email: string; password: string } | null> {
  if ((await db().admin.count()) > 0) return null;
  const password = generatePassword();
  const email = 'admin@example.com';
  await createAdmin({ email, firstName: 'System', lastName: 'Administrator', password });
  return { email, password };
}

/** Throttled like the client area's login, with counters of its own (login-throttle.ts). */
export async function checkAdminCredentials(
  email: string,
  password: string,
  ip = '',
): Promise<{ admin: Admin; needsTotp: boolean }> {
  await beforePasswordAttempt('admin', email, ip);
  const admin = await db().admin.findUnique({ where: { email: email.trim().toLowerCase() } });
  const ok = await verifyPassword(admin?.passwordHash, password);
  if (!admin || !ok || admin.disabled) {
    await afterPasswordFailure('admin', email, ip);
    throw new AppError('INVALID_CREDENTIALS', 'Login details incorrect. Please try again.');
  }
  await afterPasswordSuccess('admin', email, ip);
  return { admin, needsTotp: admin.totpEnabled };
}

/** Each code is accepted once; five wrong ones end the pending login (LOGIN_RESTART). */
export async function checkAdminSecondFactor(
  adminId: number,
  code: string,
  pending: PendingLogin = { id: `admin-${adminId}`, ip: '' },
): Promise<void> {
  await beforeCodeAttempt('admin', pending);
  const admin = await db().admin.findUnique({ where: { id: adminId } });
  if (!admin?.totpEnabled || !admin.totpSecret) return;
  if (await acceptTotpCode('admin', admin, code)) return afterCodeSuccess('admin', pending);
  await afterCodeFailure('admin', pending);
  throw new AppError('INVALID_TOTP', 'The two-factor code is not correct.', { code: 'The code is not correct.' });
}

export async function recordAdminLogin(adminId: number, ip: string): Promise<void> {
  await db().admin.update({ where: { id: adminId }, data: { lastLoginAt: now(), lastLoginIp: ip } });
  await logActivity(adminActor(adminId, ip), 'Admin logged in', null);
}

export async function enableAdminTotp(adminId: number, secret: string, code: string, ip = ''): Promise<void> {
  const step = totpStep(secret, code);
  if (step === null)
    throw new AppError('INVALID_TOTP', 'That code does not match.', { code: 'The code is not correct.' });
  await db().admin.update({
    where: { id: adminId },
    data: { totpEnabled: true, totpSecret: seal(secret), totpLastStep: step },
  });
  await logActivity(adminActor(adminId, ip), 'Admin two-factor authentication enabled', null);
}

export async function getAdmin(adminId: number): Promise<PublicAdmin | null> {
  return db().admin.findFirst({ where: { id: adminId, disabled: false }, select: PUBLIC_ADMIN_SELECT });
}

export async function disableAdminTotp(adminId: number, code: string, ip = ''): Promise<void> {
  const admin = await db().admin.findUnique({ where: { id: adminId } });
  if (!admin || !(await acceptTotpCode('admin', admin, code)))
    throw new AppError('INVALID_TOTP', 'The two-factor code is not correct.', { code: 'The code is not correct.' });
  await db().admin.update({
    where: { id: adminId },
    data: { totpEnabled: false, totpSecret: null, totpLastStep: null },
  });
  await logActivity(adminActor(adminId, ip), 'Admin two-factor authentication disabled', null);
}

export function listAdmins() {
  return db().admin.findMany({
    select: { id: true, firstName: true, lastName: true, email: true },
    orderBy: { id: 'asc' },
  });
}

/** The admin with this login email, or null (the API's GetActivityLog `user` filter). */
export async function findAdminIdByEmail(email: string): Promise<number | null> {
  const admin = await db().admin.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  return admin?.id ?? null;
}
