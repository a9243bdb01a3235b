// The public contact form (issue 14): anyone, logged in or not, opens a ticket with a name and an
// email. It belongs to no client; its writer is badged Guest (or External User when the email is
// a registered user's). The guest gets a confirmation, and later the staff's replies, by email.
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { sendTemplate } from '../mail/mailer.js';

export interface GuestTicketInput {
  name: string;
  email: string;
  subject: string;
  department: string;
  message: string;
}

/**
 * `language`: the one the guest wrote in (the page's, req.language), for the confirmation email.
 * Staff replies to a guest stay English: a ticket keeps no language (staff-tickets.ts).
 */
export async function openGuestTicket(input: GuestTicketInput, ip = '', language?: string) {
  const email = input.email.trim().toLowerCase();
  const actor: Actor = { kind: 'system', ip };
  const ticket = await db().$transaction(async (tx) => {
    const at = now();
    const ticket = await tx.ticket.create({
      data: {
        accountId: null,
        subject: input.subject,
        department: input.department,
        priority: 'Medium',
        status: 'Open',
        requesterEmail: email,
        requesterName: input.name,
        createdAt: at,
        lastReplyAt: at,
        replies: { create: { message: input.message, email, name: input.name, createdAt: at } },
      },
    });
    await logActivity(actor, `Support ticket opened by guest ${email}: #${ticket.id} ${ticket.subject}`, null, tx);
    return ticket;
  });
  const mail = await sendTemplate({
    template: 'ticket_received',
    to: email,
    language,
    data: { ticketId: ticket.id },
  });
  return { ticket, mail };
}
