// Admin area form schemas (zod). Messages say what to fix.
import { LANGUAGE_CODES, languageLabel } from '../../lib/languages.js';
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import { hasControlCharacter } from '../../lib/text.js';
import { fields } from '../forms.js';
import { ACCOUNT_STATUSES } from '../../services/accounts/constants.js';
import { SERVICE_STATUSES } from '../../services/hosting/constants.js';
import { BILLING_CYCLES } from '../../services/billing/constants.js';
import { TICKET_DEPARTMENTS, TICKET_PRIORITIES, TICKET_STATUSES } from '../../services/tickets/constants.js';
import { STAFF_ROLES } from '../../policies/staff.js';

/** The language choices of the admin's forms, named as the admin area names them: "Deutsch (de)". */
export const LANGUAGES = LANGUAGE_CODES.map((code) => ({ value: code, label: languageLabel(code) }));

const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .default('')
  .pipe(z.union([z.literal(''), z.email({ error: 'Enter a valid email address.' }).max(254)]));

const money = z
  .string({ error: 'Enter an amount.' })
  .trim()
  .regex(/^\d{1,8}(\.\d{1,2})?$/, 'Enter an amount like 12.50.');

const date = (label: string) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label} as YYYY-MM-DD.`)
    .transform((s) => new Date(`${s}T00:00:00Z`))
    .refine((d) => !Number.isNaN(d.getTime()), `Enter a real date for ${label}.`);

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

export const settingsForm = z.object({
  disableClientUserManagement: fields.checkbox,
  companyName: fields.name('the company name'),
  publicUrl: z
    .string({ error: 'Enter the public URL.' })
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: 'Enter a full URL starting with http:// or https://.' }).max(200))
    .transform((u) => u.replace(/\/+$/, '')),
  mailFromName: fields.optional(100),
  mailFromAddress: optionalEmail,
  termsUrl: z
    .string()
    .trim()
    .max(300)
    .refine(
      (u) => u === '' || /^(https?:\/\/|\/)\S+$/.test(u),
      'Enter a full URL (https://...) or a path on this site, or leave it empty.',
    )
    .optional()
    .default(''),
  /** Empty keeps the current version. */
  termsVersion: z.string().trim().max(40).optional().default(''),
});

const hostName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Staff add a domain to a client (Domains tab). */
export const addDomainForm = z.object({
  name: z.string().trim().toLowerCase().regex(hostName, 'Enter a domain like example.com.'),
  years: z.coerce.number({ error: 'Choose a period.' }).int().min(1, 'Choose a period.').max(10, 'At most 10 years.'),
  nameservers: z
    .string()
    .trim()
    .max(1000)
    .optional()
    .default('')
    .transform((s) => s.split(/[\s,]+/).filter(Boolean))
    .refine(
      (list) => list.length <= 4 && list.every((n) => hostName.test(n.toLowerCase())),
      'Up to 4 host names like ns1.example.com.',
    )
    .transform((list) => list.map((n) => n.toLowerCase())),
});

/** A control-panel address: empty, or a full http(s) URL. */
const optionalPanelUrl = z
  .string()
  .trim()
  .optional()
  .default('')
  .pipe(
    z.union([
      z.literal(''),
      z.url({ protocol: /^https?$/, error: 'Enter a full URL starting with https://.' }).max(300),
    ]),
  );

export const productForm = z.object({
  name: fields.name('a product name'),
  description: fields.optional(2000),
  price: money,
  billingCycle: z.enum(BILLING_CYCLES, { error: 'Choose a billing cycle.' }),
  panelUrl: optionalPanelUrl,
  active: fields.checkbox,
  sortOrder: z.coerce
    .number({ error: 'Enter a number.' })
    .int('Enter a whole number.')
    .min(0)
    .max(100000)
    .optional()
    .default(0),
});

export const addServiceForm = z.object({
  productId: z.coerce.number({ error: 'Choose a product.' }).int().positive('Choose a product.'),
  domain: fields.optional(253),
  status: z.enum(SERVICE_STATUSES, { error: 'Choose a status.' }),
  username: fields.optional(100),
  password: z.string().max(200, 'This is too long.').optional().default(''),
});

export const editServiceForm = z.object({
  domain: fields.optional(253),
  status: z.enum(SERVICE_STATUSES, { error: 'Choose a status.' }),
  panelUrl: optionalPanelUrl,
  username: fields.optional(100),
  password: z.string().max(200, 'This is too long.').optional().default(''),
});

export const invoiceForm = z.object({
  description: fields.name('a description'),
  amount: money,
  dueAt: date('a due date'),
});

export const quoteForm = z.object({
  subject: fields.name('a subject'),
  description: fields.name('a line description'),
  amount: money,
  validUntil: date('a valid-until date'),
});

export const ticketReplyForm = z.object({
  message: z.string({ error: 'Write a reply.' }).trim().min(1, 'Write a reply.').max(20000, 'The reply is too long.'),
  status: z.enum(TICKET_STATUSES).optional(),
});

export const ticketStatusForm = z.object({ status: z.enum(TICKET_STATUSES, { error: 'Choose a status.' }) });

export const openTicketForm = z.object({
  accountId: z.coerce
    .number({ error: 'Enter the client ID.' })
    .int('Enter the client ID.')
    .positive('Enter the client ID.'),
  subject: fields.name('a subject'),
  department: z.enum(TICKET_DEPARTMENTS, { error: 'Choose a department.' }),
  priority: z.enum(TICKET_PRIORITIES, { error: 'Choose a priority.' }),
  message: z
    .string({ error: 'Write the message.' })
    .trim()
    .min(1, 'Write the message.')
    .max(20000, 'The message is too long.'),
});

/** Query strings: page numbers and filters never 500. */
export const pageParam = (v: unknown) => {
  const n = typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : 1;
  return Math.max(1, n);
};
export const idFilter = (v: unknown): number | undefined =>
  typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined;
/** A search text from the query string; a control character (a NUL byte, say) is a 400. */
export const textParam = (v: unknown, max = 100): string => {
  if (typeof v !== 'string') return '';
  if (hasControlCharacter(v)) throw new AppError('VALIDATION', 'The search contains characters that are not allowed.');
  return v.trim().slice(0, max);
};
export const dateFilter = (v: unknown, endOfDay = false): Date | undefined => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  const d = new Date(`${v}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

const optionalId = (message: string) =>
  z
    .string()
    .trim()
    .max(12, message)
    .optional()
    .default('')
    .pipe(z.union([z.literal(''), z.string().regex(/^#?\d{1,9}$/, message)]))
    .transform((v) => (v ? Number(v.replace('#', '')) : undefined));

const optionalDay = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .default('')
    .refine((v) => !v || dateFilter(v) !== undefined, `Enter the ${label} date as YYYY-MM-DD.`);

/**
 * The activity log's filters (SPEC rule 22). A filter that cannot mean anything (a client id
 * that is not a number) is refused with its message, never silently dropped.
 */
export const activityFilterQuery = z.object({
  account: optionalId('Enter a client ID as a number, e.g. 42.'),
  user: z.string().trim().max(254, 'This is too long.').optional().default(''),
  admin: optionalId('Choose an admin from the list.'),
  text: z.string().trim().max(200, 'This is too long.').optional().default(''),
  from: optionalDay('From'),
  to: optionalDay('To'),
});

export const assignTicketForm = z.object({
  assignedAdminId: z
    .string()
    .trim()
    .optional()
    .default('')
    .pipe(z.union([z.literal(''), z.string().regex(/^\d{1,9}$/, 'Choose a member of staff.')]))
    .transform((v) => (v ? Number(v) : null)),
});

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

export const noteForm = z.object({
  body: z.string({ error: 'Write the note.' }).trim().min(1, 'Write the note.').max(5000, 'The note is too long.'),
});

/** Manage User from a client's Users tab: the user's details, their permissions here, Make Owner. */
export const manageUserForm = userProfileForm.extend({
  permissions: fields.list,
  makeOwner: fields.checkbox,
});
