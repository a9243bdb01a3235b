// Admin forms of the ticket desk: open, reply, status, assignment.
import { z } from 'zod';
import { fields } from '../../forms.js';
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
