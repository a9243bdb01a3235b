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
import { assertStrongPassword } from '../../lib/password-strength.js';
import { isStaffRole, type StaffRole } from '../../policies/staff.js';
import { logActivity, logFailedLogin } from '../activity/activity-log.js';
import { adminActor, type Actor } from '../actor.js';

export type PublicAdmin = Pick<
  Admin,
  'id' | 'email' | 'firstName' | 'lastName' | 'role' | 'totpEnabled' | 'lastLoginAt'
>;

export const PUBLIC_ADMIN_SELECT = {
  id: true,
  email: true,
  firstName: true,
  lastName: true,
  role: true,
  totpEnabled: true,
  lastLoginAt: true,
} as const;

export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

export interface NewAdmin {
  email: string;
  firstName: string;
  lastName: string;
  /** Checked for strength. Null: no password yet (staff management emails a set-password link). */
  password: string | null;
  role?: StaffRole;
}

/** Creates an admin: `npm run admin:create`, the embedded default's first start, Staff > Add. */
export async function createAdmin(input: NewAdmin, actor: Actor = { kind: 'system' }) {
  const email = input.email.trim().toLowerCase();
  if (input.password !== null) assertStrongPassword(input.password, [email, input.firstName, input.lastName]);
  const role = input.role ?? 'full';
  if (!isStaffRole(role)) throw new AppError('VALIDATION', 'Choose a staff role.', { role: 'Choose a role.' });
  const passwordHash = input.password !== null ? await hashPassword(input.password) : null;
  try {
    const admin = await db().admin.create({
      data: { email, firstName: input.firstName, lastName: input.lastName, passwordHash, role, createdAt: now() },
      select: PUBLIC_ADMIN_SELECT,
    });
    await logActivity(actor, `Admin created: ${email} (Admin ID: ${admin.id}, role ${role})`, null);
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

/**
 * Email and password of staff, throttled like the client area's login with counters of its own
 * (login-throttle.ts); a failure is logged with the email tried and the IP, never the password.
 */
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
    const reason = !admin ? 'unknown email' : !ok ? 'wrong password' : 'login disabled';
    await logFailedLogin('admin', { email, ip, adminId: admin?.id }, reason);
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
  await logFailedLogin('admin', { email: admin.email, ip: pending.ip, adminId }, 'wrong two-factor code');
  throw new AppError('INVALID_TOTP', 'The two-factor code is not correct.', { code: 'The code is not correct.' });
}

/** Whether any admin exists: the first start with DATABASE_URL says how to create one. */
export async function hasAnyAdmin(): Promise<boolean> {
  return (await db().admin.count({ take: 1 })) > 0;
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

/** Every admin by name, for filters and pickers (disabled ones flagged). */
export function listAdmins() {
  return db().admin.findMany({
    select: { id: true, firstName: true, lastName: true, email: true, role: true, disabled: true },
    orderBy: { id: 'asc' },
  });
}

/** The admin with this login email, or null (the API's GetActivityLog `user` filter). */
export async function findAdminIdByEmail(email: string): Promise<number | null> {
  const admin = await db().admin.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  return admin?.id ?? null;
}
