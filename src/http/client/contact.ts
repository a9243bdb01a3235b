// The public contact form (issue 14): anyone opens a ticket with a name and an email address,
// logged in or not; staff see it on the ticket desk badged Guest and answer by email.
import { Router, type Request } from 'express';
import { openGuestTicket } from '../../services/tickets/guest-tickets.js';
import { TICKET_DEPARTMENTS } from '../../services/tickets/constants.js';
import { formRoute } from '../forms.js';
import { REQUEST_RULES } from '../../services/throttles/request-throttles.js';
import { throttle } from '../middleware/rate-limit.js';
import { guestTicketForm } from '../schemas/sections.js';

const contactLocals = (req: Request) => ({ title: req.t('Contact Us'), departments: TICKET_DEPARTMENTS });

export function contactRoutes() {
  const router = Router();
  // Anyone may write, and each message sends a confirmation email: counted per IP.
  const limit = throttle(REQUEST_RULES.contactPerIp);

  router.get('/contact', (req, res) => {
    const user = res.locals.currentUser;
    res.page('client/contact', {
      ...contactLocals(req),
      values: {
        department: 'Support',
        name: user ? `${user.firstName} ${user.lastName}` : '',
        email: user?.email ?? '',
      },
    });
  });

  router.post(
    '/contact',
    limit,
    formRoute({ view: 'client/contact', locals: contactLocals, schema: guestTicketForm }, async (req, res, form) => {
      const { ticket } = await openGuestTicket(form, req.ip ?? '', req.language);
      res.page('client/contact', { ...contactLocals(req), sentTicketId: ticket.id, sentTo: form.email, values: {} });
    }),
  );
  return router;
}
