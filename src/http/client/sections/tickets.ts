// Support tickets (`tickets`): list, open, view with replies, reply, close (SPEC rule 21).
import type { Request, Response } from 'express';
import {
  closeTicket,
  getTicket,
  listTickets,
  openTicket,
  replyToTicket,
} from '../../../services/tickets/client-tickets.js';
import { TICKET_DEPARTMENTS, TICKET_PRIORITIES } from '../../../services/tickets/constants.js';
import { formRoute } from '../../forms.js';
import { idParam } from '../../middleware/guards.js';
import { replyForm, ticketForm } from '../../schemas/sections.js';
import { gatedRouter } from '../gated-router.js';
import { authorOf, contextOf } from '../route-context.js';
import { confirmFirst, confirmations, textsOf } from '../confirmations.js';

const newLocals = (req: Request) => ({
  title: req.t('Open Ticket'),
  departments: TICKET_DEPARTMENTS,
  priorities: TICKET_PRIORITIES,
});

async function ticketLocals(req: Request, res: Response) {
  const ticket = await getTicket(contextOf(req, res), idParam(req));
  return { title: req.t('Ticket #{{id}}', { id: ticket.id }), ticket };
}

export function ticketRoutes() {
  const { router, on } = gatedRouter();

  on('GET /tickets', async (req, res) => {
    res.page('client/sections/tickets', {
      title: req.t('My Support Tickets'),
      tickets: await listTickets(contextOf(req, res)),
    });
  });

  on('GET /tickets/new', (req, res) => {
    res.page('client/sections/ticket-new', {
      ...newLocals(req),
      values: { department: 'Support', priority: 'Medium' },
    });
  });

  on(
    'POST /tickets',
    formRoute({ view: 'client/sections/ticket-new', locals: newLocals, schema: ticketForm }, async (req, res, form) => {
      const ticket = await openTicket(contextOf(req, res), authorOf(res), form);
      req.flash('success', req.t('Ticket #{{id}} was opened. We will reply as soon as possible.', { id: ticket.id }));
      res.redirect(`/tickets/${ticket.id}`);
    }),
  );

  on('GET /tickets/:id', async (req, res) => res.page('client/sections/ticket', await ticketLocals(req, res)));

  on(
    'POST /tickets/:id/reply',
    formRoute({ view: 'client/sections/ticket', locals: ticketLocals, schema: replyForm }, async (req, res, form) => {
      const id = idParam(req);
      await replyToTicket(contextOf(req, res), id, authorOf(res), form.message);
      req.flash('success', req.t('Your reply was added.'));
      res.redirect(`/tickets/${id}`);
    }),
  );

  on(
    'POST /tickets/:id/close',
    confirmFirst(
      async (req, res) => {
        const ticket = await getTicket(contextOf(req, res), idParam(req));
        return { ...confirmations.closeTicket(textsOf(req, res), ticket), back: `/tickets/${ticket.id}` };
      },
      async (req, res) => {
        const id = idParam(req);
        await closeTicket(contextOf(req, res), id);
        req.flash('success', req.t('The ticket was closed.'));
        res.redirect(`/tickets/${id}`);
      },
    ),
  );
  return router;
}
