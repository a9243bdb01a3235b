// One zod schema per form of the user's own pages, User Management and the invitation page.
import { LANGUAGE_CODES, LANGUAGES } from '../../lib/languages.js';
import { z } from 'zod';
import { msg } from '../../lib/i18n.js';
import { ALL_PERMISSIONS } from '../../policies/permissions.js';
import { fields } from '../forms.js';
import { strongPassword } from './auth.js';

export { LANGUAGES };

export const SECURITY_QUESTIONS = [
  'What was the name of your first pet?',
  'In what city were you born?',
  "What is your mother's maiden name?",
  'What was the name of your primary school?',
  'What was the make of your first car?',
] as const;

const permissionList = fields.list.pipe(
  z.array(z.enum(ALL_PERMISSIONS as [string, ...string[]], { error: msg('Choose permissions from the list.') })),
);

/** Invite New User: email plus "all" or a chosen subset (at least one). */
export const inviteForm = z
  .object({
    email: fields.email,
    permissionMode: z.enum(['all', 'choose'], { error: msg('Choose All Permissions or Choose Permissions.') }),
    permissions: permissionList,
  })
  .superRefine((d, ctx) => {
    if (d.permissionMode === 'choose' && d.permissions.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['permissions'],
        message: msg('Tick at least one permission, or choose All Permissions.'),
      });
    }
  })
  .transform((d) => ({
    email: d.email,
    permissions: d.permissionMode === 'all' ? [...ALL_PERMISSIONS] : d.permissions,
  }));

/** Manage Permissions: the ticked keys (the service refuses none: memberships/updatePermissions). */
export const permissionsForm = z.object({ permissions: permissionList });

export const profileForm = z.object({
  firstName: fields.text({ missing: msg('Enter your first name.'), tooLong: msg('Your first name is too long.') }),
  lastName: fields.text({ missing: msg('Enter your last name.'), tooLong: msg('Your last name is too long.') }),
  email: fields.email,
  language: z.enum(LANGUAGE_CODES, { error: msg('Choose a language.') }),
  /** Needed only when the email changes (checked by the users service). */
  currentPassword: z.string().max(256).optional().default(''),
});

export const changePasswordForm = strongPassword(
  z.object({
    currentPassword: z
      .string({ error: msg('Enter your current password.') })
      .min(1, msg('Enter your current password.'))
      .max(256),
    password: fields.newPassword,
    passwordConfirm: z.string().optional(),
  }),
);

export const totpCodeForm = z.object({
  code: z
    .string({ error: msg('Enter the 6-digit code from your app.') })
    .trim()
    .regex(/^\d{3} ?\d{3}$/, msg('Enter the 6-digit code from your authenticator app.'))
    .transform((c) => c.replace(/\s+/g, '')),
});

export const securityQuestionForm = z.object({
  securityQuestion: z.enum(SECURITY_QUESTIONS, { error: msg('Choose a question.') }),
  securityAnswer: z
    .string({ error: msg('Enter an answer.') })
    .trim()
    .min(2, msg('Enter an answer of at least 2 characters.'))
    .max(200, msg('The answer is too long.')),
});

/** Log in on the invitation page (field names differ from the register form beside it). */
export const inviteLoginForm = z.object({
  loginEmail: fields.email,
  loginPassword: z
    .string({ error: msg('Enter your password.') })
    .min(1, msg('Enter your password.'))
    .max(256),
});

/** Register on the invitation page: a user only (no account of their own). */
export const inviteRegisterForm = strongPassword(
  z.object({
    firstName: fields.text({ missing: msg('Enter your first name.'), tooLong: msg('Your first name is too long.') }),
    lastName: fields.text({ missing: msg('Enter your last name.'), tooLong: msg('Your last name is too long.') }),
    email: fields.email,
    password: fields.newPassword,
    passwordConfirm: z.string().optional(),
    acceptTerms: fields.checkbox,
  }),
  (d) => [d.email, d.firstName, d.lastName],
);

export const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1) });
