// Admin forms about a client account: its billing profile, a new client, status, single sign-on, notes.
import { z } from 'zod';
import { fields } from '../../forms.js';
import { LANGUAGE_CODES } from '../../../lib/languages.js';
import { ACCOUNT_STATUSES } from '../../../services/accounts/constants.js';
import { optionalEmail } from './common.js';

export const billingProfileForm = z.object({
  firstName: fields.name('a first name'),
  lastName: fields.name('a last name'),
  companyName: fields.optional(),
  email: fields.email,
  address1: fields.optional(),
  address2: fields.optional(),
  city: fields.optional(100),
  state: fields.optional(100),
  postcode: fields.optional(20),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Choose a country.')
    .optional()
    .default('US'),
  phone: fields.optional(40),
});

export const newClientForm = billingProfileForm.extend({
  ownerEmail: optionalEmail,
  language: z.enum(LANGUAGE_CODES).optional().default('en'),
});

export const accountStatusForm = z.object({
  status: z.enum(ACCOUNT_STATUSES, { error: 'Choose Active, Inactive or Closed.' }),
});

export const singleSignOnForm = z.object({ allowSingleSignOn: fields.checkbox });

export const noteForm = z.object({
  body: z.string({ error: 'Write the note.' }).trim().min(1, 'Write the note.').max(5000, 'The note is too long.'),
});
