// Tickets from guests (issue 14): a name and an email, no client. They come from the public
// contact form (anyone, logged in or not) or from staff through the API's OpenTicket. The writer
// is badged Guest (or External User when the email is a registered user's). The guest gets a
// confirmation, and later the staff's replies, by email.
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';
import { sendTemplate } from '../mail/mailer.js';

export interface GuestTicketInput {
  name: string;
  email: string;
  subject: string;
  department: string;
  message: string;
}

async function createGuestTicket(
  actor: Actor,
  input: GuestTicketInput & { priority: string },
  describe: (email: string) => string,
) {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  return db().$transaction(async (tx) => {
    const at = now();
    const ticket = await tx.ticket.create({
      data: {
        accountId: null,
        subject: input.subject,
        department: input.department,
        priority: input.priority,
        status: 'Open',
        requesterEmail: email,
        requesterName: name,
        createdAt: at,
        lastReplyAt: at,
        replies: { create: { message: input.message, email, name, createdAt: at } },
      },
    });
    await logActivity(actor, `${describe(email)}: #${ticket.id} ${ticket.subject}`, null, tx);
    return ticket;
  });
}

/** `language`: the one the guest wrote in (the contact page's); staff-opened tickets keep English. */
const confirm = (ticket: { id: number; requesterEmail: string }, language?: string) =>
  sendTemplate({ template: 'ticket_received', to: ticket.requesterEmail, language, data: { ticketId: ticket.id } });

/**
 * The contact form: the visitor opens it themselves. `language`: the page's (req.language), for
 * the confirmation email. Staff replies to a guest stay English: a ticket keeps no language.
 */
export async function openGuestTicket(input: GuestTicketInput, ip = '', language?: string) {
  const ticket = await createGuestTicket(
    { kind: 'system', ip },
    { ...input, priority: 'Medium' },
    (email) => `Support ticket opened by guest ${email}`,
  );
  return { ticket, mail: await confirm(ticket, language) };
}

/**
 * Staff open a ticket for someone with no client account (the API's OpenTicket with name and
 * email, as a shop front's chat widget does). The confirmation goes out unless the caller says not.
 */
export async function openGuestTicketByStaff(
  actor: Actor & { kind: 'admin' },
  input: GuestTicketInput & { priority: string },
  options: { notify: boolean },
) {
  await assertStaffMay(actor, 'tickets');
  const ticket = await createGuestTicket(actor, input, (email) => `Support ticket opened by staff for guest ${email}`);
  if (options.notify) await confirm(ticket);
  return ticket;
}
