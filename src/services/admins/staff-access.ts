// The staff-role check every admin-facing service makes before it reads or changes anything that
// needs more than the shared minimum (src/policies/staff.ts). The role is read fresh on each call,
// so a demoted or disabled admin loses the right on their very next action, whichever route, API
// call or job asks.
import { db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { authorizeStaff, staffCan, type StaffPermission } from '../../policies/staff.js';
import type { Actor } from '../actor.js';

async function roleOf(adminId: number): Promise<string> {
  const admin = await db().admin.findUnique({ where: { id: adminId }, select: { role: true, disabled: true } });
  if (!admin || admin.disabled) throw new AppError('FORBIDDEN', 'This staff login is disabled.');
  return admin.role;
}

/**
 * Refuses (FORBIDDEN) an admin whose role lacks the permission. Users and System pass: services
 * shared with the client area check users their own way (accountFor, the user-management policy),
 * and System is the app's own automation.
 */
export async function assertStaffMay(actor: Actor, permission: StaffPermission): Promise<void> {
  if (actor.kind !== 'admin') return;
  authorizeStaff(await roleOf(actor.adminId), permission);
}

/** Whether an admin's role grants the permission (for answers that differ rather than refuse). */
export async function staffMay(actor: Actor, permission: StaffPermission): Promise<boolean> {
  if (actor.kind !== 'admin') return actor.kind === 'system';
  return staffCan(await roleOf(actor.adminId), permission);
}
