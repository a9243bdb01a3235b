// What each member of staff may do in the admin area (issue 14): three roles over a small set of
// permissions. The services ask authorizeStaff() (through services/admins/staff-access.ts, which
// reads the admin's role fresh), so a rule holds whichever route, API call or job reaches them;
// the views ask staffCan() only to hide what would be refused.
import { AppError } from '../lib/errors.js';

export const STAFF_ROLES = ['full', 'support', 'billing'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  full: 'Full Administrator',
  support: 'Support',
  billing: 'Billing',
};

export const STAFF_PERMISSIONS = {
  'clients.read': 'View clients, users, logs and emails',
  'clients.write': 'Change clients and their users, resend emails',
  loginAsClient: 'Log in to the client area as a user',
  notes: 'Add notes to a client',
  tickets: 'Answer, open and assign support tickets',
  billing: 'Create and change invoices and quotes',
  settings: 'Settings and the product catalog',
  staff: 'Manage staff',
} as const;
export type StaffPermission = keyof typeof STAFF_PERMISSIONS;

const EVERYTHING = Object.keys(STAFF_PERMISSIONS) as StaffPermission[];

/** Support answers the desk and reads clients; Billing reads clients and bills them. */
export const ROLE_PERMISSIONS: Record<StaffRole, readonly StaffPermission[]> = {
  full: EVERYTHING,
  support: ['clients.read', 'notes', 'tickets'],
  billing: ['clients.read', 'notes', 'billing'],
};

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

export function staffCan(role: string | null | undefined, permission: StaffPermission): boolean {
  return !!role && isStaffRole(role) && ROLE_PERMISSIONS[role].includes(permission);
}

export function authorizeStaff(role: string | null | undefined, permission: StaffPermission): void {
  if (staffCan(role, permission)) return;
  const label = role && isStaffRole(role) ? STAFF_ROLE_LABELS[role] : 'unknown';
  throw new AppError(
    'FORBIDDEN',
    `Your staff role (${label}) does not allow this: ${STAFF_PERMISSIONS[permission].toLowerCase()}.`,
  );
}

/**
 * Staff management's own guard rails: nobody disables or demotes themselves (they would lock
 * themselves out mid-task), and the last active full administrator stays one.
 */
export function authorizeStaffChange(
  change: { actorAdminId: number; targetAdminId: number; disabling: boolean; newRole: StaffRole | null },
  target: { role: string; disabled: boolean },
  activeFullAdmins: number,
): void {
  const self = change.actorAdminId === change.targetAdminId;
  if (self && change.disabling) throw new AppError('CONFLICT', 'You cannot disable your own staff login.');
  if (self && change.newRole && change.newRole !== target.role)
    throw new AppError('CONFLICT', 'You cannot change your own role; ask another full administrator.');
  const losesFull =
    target.role === 'full' && !target.disabled && (change.disabling || (change.newRole ?? 'full') !== 'full');
  if (losesFull && activeFullAdmins <= 1)
    throw new AppError('CONFLICT', 'This is the last active full administrator; make another one first.');
}
