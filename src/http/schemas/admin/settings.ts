// Admin forms of a full administrator's: Settings and the product catalog.
import { z } from 'zod';
import { fields } from '../../forms.js';
import { BILLING_CYCLES } from '../../../services/billing/constants.js';
import { money, optionalEmail, optionalPanelUrl } from './common.js';

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
