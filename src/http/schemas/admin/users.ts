// Admin forms about users: associate with a client, permissions, profile, password, Manage User.
import { z } from 'zod';
import { fields } from '../../forms.js';
import { LANGUAGE_CODES } from '../../../lib/languages.js';
import { optionalEmail } from './common.js';

export const associateForm = z
  .object({
    userId: z
      .string()
      .trim()
      .optional()
      .default('')
      .pipe(z.union([z.literal(''), z.string().regex(/^\d{1,9}$/, 'Choose a user from the list.')])),
    email: optionalEmail,
    firstName: fields.optional(100),
    lastName: fields.optional(100),
    permissions: fields.list,
    sendInvite: z.enum(['yes', 'no'], { error: 'Choose whether to send an invitation.' }),
  })
  .superRefine((v, ctx) => {
    if (!v.userId && !v.email) {
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Choose an existing user, or enter an email address to create a new user.',
      });
    }
  });

export const permissionsForm = z.object({ permissions: fields.list });

export const userProfileForm = z.object({
  firstName: fields.name('a first name'),
  lastName: fields.name('a last name'),
  email: fields.email,
  language: z.enum(LANGUAGE_CODES, { error: 'Choose a language.' }),
});

export const setPasswordForm = z.object({ password: fields.newPassword });

/** Manage User from a client's Users tab: the user's details, their permissions here, Make Owner. */
export const manageUserForm = userProfileForm.extend({
  permissions: fields.list,
  makeOwner: fields.checkbox,
});
