// Admin forms of the ticket desk: its filters, open, reply, status, assignment.
import { z } from 'zod';
import { fields } from '../../forms.js';
import { optionalId } from './filters.js';
import { TICKET_DEPARTMENTS, TICKET_PRIORITIES, TICKET_STATUSES } from '../../../services/tickets/constants.js';

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

export const assignTicketForm = z.object({
  assignedAdminId: z
    .string()
    .trim()
    .optional()
    .default('')
    .pipe(z.union([z.literal(''), z.string().regex(/^\d{1,9}$/, 'Choose a member of staff.')]))
    .transform((v) => (v ? Number(v) : null)),
});

/** A list filter: empty for "any", else one of the list's values (a value from nowhere is refused). */
const anyOr = (values: readonly string[], message: string) =>
  z
    .string()
    .trim()
    .optional()
    .default('')
    .refine((v) => v === '' || values.includes(v), message);

/**
 * The ticket desk's filters, refused as the activity log's are when they cannot mean anything
 * (issue 14, bug 4): a client id that is not a number, a status that does not exist, a partial
 * email (the requester filter matches a whole address) would otherwise list every ticket.
 */
export const ticketFilterQuery = z.object({
  q: z.string().trim().max(100, 'This is too long.').optional().default(''),
  status: anyOr(TICKET_STATUSES, 'Choose a status from the list.'),
  department: anyOr(TICKET_DEPARTMENTS, 'Choose a department from the list.'),
  priority: anyOr(TICKET_PRIORITIES, 'Choose a priority from the list.'),
  assigned: z
    .string()
    .trim()
    .optional()
    .default('')
    .refine((v) => v === '' || v === 'none' || /^\d{1,9}$/.test(v), 'Choose a member of staff from the list.'),
  requester: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .default('')
    .pipe(
      z.union([
        z.literal(''),
        z.email({ error: 'Enter a whole email address (the filter matches it exactly).' }).max(254),
      ]),
    ),
  account: optionalId('Enter a client ID as a number, e.g. 42.'),
  guests: fields.checkbox,
});
