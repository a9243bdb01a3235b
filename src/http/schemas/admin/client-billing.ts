// Admin forms on a client's Domains, Products/Services, Invoices and Quotes tabs.
import { z } from 'zod';
import { fields } from '../../forms.js';
import { SERVICE_STATUSES } from '../../../services/hosting/constants.js';
import { date, money, optionalPanelUrl } from './common.js';

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
