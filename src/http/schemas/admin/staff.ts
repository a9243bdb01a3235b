// Admin forms of staff management and an admin's own password.
import { z } from 'zod';
import { fields } from '../../forms.js';
import { STAFF_ROLES } from '../../../policies/staff.js';

export const adminSetPasswordForm = z.object({ password: fields.newPassword });

export const staffRoleField = z.enum(STAFF_ROLES, { error: 'Choose a role.' });

/** Staff > Add: a password now (strength-checked by the service) or an emailed link. */
export const addStaffForm = z
  .object({
    firstName: fields.name('a first name'),
    lastName: fields.name('a last name'),
    email: fields.email,
    role: staffRoleField,
    passwordMode: z.enum(['link', 'password'], { error: 'Choose how the password is set.' }),
    password: z.string().max(256, 'Use at most 256 characters.').optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.passwordMode === 'password' && !v.password)
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'Choose a password, or send a link instead.' });
  });

export const staffRoleForm = z.object({ role: staffRoleField });
