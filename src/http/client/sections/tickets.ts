// Support tickets (`tickets`): list, open, view with replies, reply, close (SPEC rule 21).
import { Router } from 'express';
import {
  closeTicket,
  getTicket,
  listTickets,
  openTicket,
  replyToTicket,
} from '../../../services/tickets/client-tickets.js';
import { TICKET_DEPARTMENTS, TICKET_PRIORITIES } from '../../../services/tickets/constants.js';
import { onFailRender } from '../../errors.js';
import { parseForm } from '../../forms.js';
import { idParam, requirePermission } from '../../middleware/guards.js';
import { replyForm, ticketForm } from '../../schemas/sections.js';
import { actorOf, authorOf, accessOf } from '../route-context.js';

export function ticketRoutes() {
  const router = Router();
  const gate = requirePermission('tickets');
  const newLocals = { title: 'Open Ticket', departments: TICKET_DEPARTMENTS, priorities: TICKET_PRIORITIES };

  router.get('/tickets', gate, async (_req, res) => {
    res.page('client/sections/tickets', { title: 'My Support Tickets', tickets: await listTickets(accessOf(res)) });
  });

  router.get('/tickets/new', gate, (_req, res) => {
    res.page('client/sections/ticket-new', { ...newLocals, values: { department: 'Support', priority: 'Medium' } });
  });

  router.post('/tickets', gate, async (req, res) => {
    onFailRender(req, 'client/sections/ticket-new', newLocals);
    const form = parseForm(ticketForm, req.body);
    const ticket = await openTicket(actorOf(req, res), accessOf(res), authorOf(res), form);
    req.flash('success', `Ticket #${ticket.id} was opened. We will reply as soon as possible.`);
    res.redirect(`/tickets/${ticket.id}`);
  });

  router.get('/tickets/:id', gate, async (req, res) => {
    const ticket = await getTicket(accessOf(res), idParam(req));
    res.page('client/sections/ticket', { title: `Ticket #${ticket.id}`, ticket });
  });

  router.post('/tickets/:id/reply', gate, async (req, res) => {
    const ticket = await getTicket(accessOf(res), idParam(req));
    onFailRender(req, 'client/sections/ticket', { title: `Ticket #${ticket.id}`, ticket });
    const form = parseForm(replyForm, req.body);
    await replyToTicket(actorOf(req, res), accessOf(res), ticket.id, authorOf(res), form.message);
    req.flash('success', 'Your reply was added.');
    res.redirect(`/tickets/${ticket.id}`);
  });

  router.post('/tickets/:id/close', gate, async (req, res) => {
    const id = idParam(req);
    await closeTicket(actorOf(req, res), accessOf(res), id);
    req.flash('success', 'The ticket was closed.');
    res.redirect(`/tickets/${id}`);
  });
  return router;
}
