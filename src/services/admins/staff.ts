// Staff management (issue 14): list admins, add one (with a strength-checked password, or an
// emailed link to set one), change a role, disable or enable, reset two-factor authentication.
// Only a role with `staff` may; nobody locks themselves out, and the last full administrator
// stays one (src/policies/staff.ts). Every change is in the activity log.
import { db } from '../../db/client.js';
import { DAY, now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { assertStrongPassword } from '../../lib/password-strength.js';
import { hashPassword } from '../../lib/passwords.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { authorizeStaffChange, STAFF_ROLE_LABELS, type StaffRole } from '../../policies/staff.js';
import type { AdminActor } from '../actor.js';
import { adminActor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { sendTemplate, type SendResult } from '../mail/mailer.js';
import { getSetting } from '../settings/settings.js';
import { createAdmin } from './admins.js';
import { assertStaffMay } from './staff-access.js';

const SET_PASSWORD_LIFETIME = DAY;

export async function listStaff(actor: AdminActor) {
  await assertStaffMay(actor, 'staff');
  return db()
    .admin.findMany({
      select: {
        id: true,
        email: true,
        firstName: true,
        lastName: true,
        role: true,
        disabled: true,
        totpEnabled: true,
        lastLoginAt: true,
        lastLoginIp: true,
        createdAt: true,
        passwordHash: true,
      },
      orderBy: [{ disabled: 'asc' }, { lastName: 'asc' }, { id: 'asc' }],
    })
    .then((rows) => rows.map(({ passwordHash, ...a }) => ({ ...a, hasPassword: passwordHash !== null })));
}

export interface NewStaff {
  email: string;
  firstName: string;
  lastName: string;
  role: StaffRole;
  /** A password to set now, or null to email a link to set one. */
  password: string | null;
}

export async function addStaff(actor: AdminActor, input: NewStaff) {
  await assertStaffMay(actor, 'staff');
  const admin = await createAdmin(input, actor);
  const mail = input.password === null ? await sendAdminSetPasswordLink(actor, admin.id) : null;
  return { admin, mail };
}

async function target(adminId: number) {
  const admin = await db().admin.findUnique({ where: { id: adminId } });
  if (!admin) throw new AppError('NOT_FOUND', 'Admin not found.');
  return admin;
}

const activeFullAdmins = () => db().admin.count({ where: { role: 'full', disabled: false } });

export async function setStaffRole(actor: AdminActor, adminId: number, role: StaffRole) {
  await assertStaffMay(actor, 'staff');
  const admin = await target(adminId);
  authorizeStaffChange(
    { actorAdminId: actor.adminId, targetAdminId: adminId, disabling: false, newRole: role },
    admin,
    await activeFullAdmins(),
  );
  if (admin.role === role) return;
  await db().$transaction(async (tx) => {
    await tx.admin.update({ where: { id: adminId }, data: { role } });
    await logActivity(
      actor,
      `Admin role changed: ${admin.email} (Admin ID: ${adminId}) to ${STAFF_ROLE_LABELS[role]}`,
      null,
      tx,
    );
  });
}

/** A disabled admin's next request finds no admin (loadAdmin) and their sessions end there. */
export async function setStaffDisabled(actor: AdminActor, adminId: number, disabled: boolean) {
  await assertStaffMay(actor, 'staff');
  const admin = await target(adminId);
  authorizeStaffChange(
    { actorAdminId: actor.adminId, targetAdminId: adminId, disabling: disabled, newRole: null },
    admin,
    await activeFullAdmins(),
  );
  if (admin.disabled === disabled) return;
  await db().$transaction(async (tx) => {
    await tx.admin.update({ where: { id: adminId }, data: { disabled } });
    await logActivity(
      actor,
      `Admin ${disabled ? 'disabled' : 'enabled'}: ${admin.email} (Admin ID: ${adminId})`,
      null,
      tx,
    );
  });
}

/** For staff who lost their authenticator: they log in with the password only and enrol again. */
export async function resetStaffTotp(actor: AdminActor, adminId: number) {
  await assertStaffMay(actor, 'staff');
  const admin = await target(adminId);
  if (!admin.totpEnabled) throw new AppError('CONFLICT', 'Two-factor authentication is already off for this admin.');
  await db().$transaction(async (tx) => {
    await tx.admin.update({ where: { id: adminId }, data: { totpEnabled: false, totpSecret: null } });
    await logActivity(actor, `Admin two-factor authentication reset: ${admin.email} (Admin ID: ${adminId})`, null, tx);
  });
}

/** Emails a single-use link (24 hours) to set a password; earlier links stop working. */
export async function sendAdminSetPasswordLink(actor: AdminActor, adminId: number): Promise<SendResult> {
  await assertStaffMay(actor, 'staff');
  const admin = await target(adminId);
  const by = await target(actor.adminId);
  const { token, hash } = newToken();
  const at = now();
  await db().$transaction(async (tx) => {
    await tx.adminToken.updateMany({ where: { adminId, purpose: 'set_password', usedAt: null }, data: { usedAt: at } });
    await tx.adminToken.create({
      data: {
        adminId,
        purpose: 'set_password',
        tokenHash: hash,
        expiresAt: new Date(at.getTime() + SET_PASSWORD_LIFETIME),
        createdAt: at,
      },
    });
    await logActivity(actor, `Admin set-password link sent to ${admin.email} (Admin ID: ${adminId})`, null, tx);
  });
  const base = (await getSetting('publicUrl')).replace(/\/$/, '');
  return sendTemplate({
    template: 'admin_set_password',
    to: admin.email,
    data: {
      firstName: admin.firstName,
      invitedBy: `${by.firstName} ${by.lastName}`.trim(),
      link: `${base}/admin/password/set/${token}`,
    },
    secrets: [token],
  });
}

async function usableToken(token: string) {
  const row = await db().adminToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { admin: true } });
  if (!row || row.purpose !== 'set_password' || row.usedAt || row.admin.disabled)
    throw new AppError('TOKEN_INVALID', 'This link is not valid or has already been used.');
  if (row.expiresAt <= now())
    throw new AppError('TOKEN_EXPIRED', 'This link has expired. Ask a full administrator for a new one.');
  return row;
}

/** The set-password page: who the link is for (or why it cannot be used). */
export async function checkAdminSetPasswordToken(token: string) {
  const row = await usableToken(token);
  return { email: row.admin.email, firstName: row.admin.firstName };
}

/** Sets the password from the link; the link is used up in the same conditional UPDATE. */
export async function setAdminPasswordWithToken(token: string, password: string, ip = '') {
  const row = await usableToken(token);
  assertStrongPassword(password, [row.admin.email, row.admin.firstName, row.admin.lastName]);
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    const { count } = await tx.adminToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now() } });
    if (!count) throw new AppError('TOKEN_INVALID', 'This link has already been used.');
    await tx.admin.update({ where: { id: row.adminId }, data: { passwordHash } });
    await logActivity(adminActor(row.adminId, ip), 'Admin password set from an emailed link', null, tx);
  });
}
