// One zod schema per form of the permission-gated sections and checkout.
import { z } from 'zod';
import { msg } from '../../lib/i18n.js';
import { CANCELLATION_TYPES } from '../../services/hosting/constants.js';
import { TICKET_DEPARTMENTS, TICKET_PRIORITIES } from '../../services/tickets/constants.js';
import { fields } from '../forms.js';
import { billingProfileFields } from './auth.js';

export const profileForm = z.object({ ...billingProfileFields, email: fields.email });

const phoneOptional = z
  .string()
  .trim()
  .max(30, msg('This is too long.'))
  .regex(/^[+0-9 ().-]*$/, msg('Use digits, spaces and + ( ) - only.'))
  .optional()
  .default('');

export const contactForm = z.object({
  firstName: fields.text({ missing: msg('Enter a first name.'), tooLong: msg('The first name is too long.') }),
  lastName: fields.text({ missing: msg('Enter a last name.'), tooLong: msg('The last name is too long.') }),
  email: fields.email,
  phone: phoneOptional,
  companyName: fields.optional(100),
  generalEmails: fields.checkbox,
  invoiceEmails: fields.checkbox,
  supportEmails: fields.checkbox,
  productEmails: fields.checkbox,
  domainEmails: fields.checkbox,
  affiliateEmails: fields.checkbox,
});

const hostname = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const domainSettingsForm = z.object({
  ns1: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, msg('Enter at least two nameservers.'))
    .regex(hostname, msg('Enter a host name like ns1.example.com.')),
  ns2: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, msg('Enter at least two nameservers.'))
    .regex(hostname, msg('Enter a host name like ns2.example.com.')),
  ns3: z
    .string()
    .trim()
    .toLowerCase()
    .regex(hostname, msg('Enter a host name like ns3.example.com.'))
    .or(z.literal(''))
    .optional()
    .default(''),
  ns4: z
    .string()
    .trim()
    .toLowerCase()
    .regex(hostname, msg('Enter a host name like ns4.example.com.'))
    .or(z.literal(''))
    .optional()
    .default(''),
  autoRenew: fields.checkbox,
  locked: fields.checkbox,
});

export const cancellationForm = z.object({
  reason: z
    .string({ error: msg('Tell us why you are cancelling.') })
    .trim()
    .min(3, msg('Tell us why you are cancelling.'))
    .max(2000, msg('Please keep it under 2000 characters.')),
  type: z.enum(CANCELLATION_TYPES, { error: msg('Choose when to cancel.') }),
});

export const ticketForm = z.object({
  subject: z
    .string({ error: msg('Enter a subject.') })
    .trim()
    .min(3, msg('Enter a subject.'))
    .max(200, msg('The subject is too long.')),
  department: z.enum(TICKET_DEPARTMENTS, { error: msg('Choose a department.') }),
  priority: z.enum(TICKET_PRIORITIES, { error: msg('Choose a priority.') }),
  message: z
    .string({ error: msg('Enter your message.') })
    .trim()
    .min(1, msg('Enter your message.'))
    .max(20_000, msg('The message is too long.')),
});

export const replyForm = z.object({
  message: z
    .string({ error: msg('Enter your reply.') })
    .trim()
    .min(1, msg('Enter your reply.'))
    .max(20_000, msg('The message is too long.')),
});

export const withdrawalForm = z.object({
  amount: z
    .string({ error: msg('Enter an amount.') })
    .trim()
    .regex(/^\d{1,8}(\.\d{1,2})?$/, msg('Enter an amount like 25.00.'))
    .refine((v) => Number(v) > 0, msg('Enter a positive amount.')),
});

export const cartForm = z.object({
  productId: z.coerce
    .number({ error: msg('Choose a product.') })
    .int()
    .positive(),
});
export const cartRemoveForm = z.object({ index: z.coerce.number().int().min(0) });

/** "Choose Account": an account id, or "new" with a billing profile. */
export const checkoutChoiceForm = z.object({
  account: z.union([z.literal('new'), z.coerce.number().int().positive()], {
    error: msg('Choose an account, or create a new one.'),
  }),
});
export const newAccountForm = profileForm;

/** The public contact form (a guest's ticket): who writes, and the same fields as a ticket. */
export const guestTicketForm = ticketForm.omit({ priority: true }).extend({
  name: fields.text({ missing: msg('Enter your name.'), tooLong: msg('Your name is too long.') }),
  email: fields.email,
});
