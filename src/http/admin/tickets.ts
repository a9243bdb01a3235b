// Support tickets in the admin area (SPEC rule 21): every reply with its badge.
import { Router, type Request } from 'express';
import {
  adminReply,
  getTicketWithBadges,
  listTickets,
  openTicketForAccount,
  setTicketStatus,
} from '../../services/tickets/staff-tickets.js';
import { TICKET_STATUSES } from '../../services/tickets/constants.js';
import { TICKET_PRIORITIES } from '../../services/tickets/constants.js';
import { TICKET_DEPARTMENTS } from '../../services/tickets/constants.js';
import { formRoute } from '../forms.js';
import { idParam } from '../middleware/guards.js';
import { idFilter, openTicketForm, pageParam, textParam, ticketReplyForm, ticketStatusForm } from '../schemas/admin.js';
import { adminOf } from './guard.js';

export function adminTicketRoutes() {
  const router = Router();
  const choices = { statuses: TICKET_STATUSES, departments: TICKET_DEPARTMENTS, priorities: TICKET_PRIORITIES };

  router.get('/tickets', async (req, res) => {
    const status = (TICKET_STATUSES as readonly string[]).includes(textParam(req.query.status))
      ? textParam(req.query.status)
      : '';
    const accountId = idFilter(req.query.account);
    const result = await listTickets({ status: status || undefined, accountId, page: pageParam(req.query.page) });
    res.page('admin/tickets/index', {
      title: 'Support Tickets',
      status,
      account: accountId ?? '',
      ...choices,
      ...result,
    });
  });

  router.get('/tickets/new', (req, res) => {
    res.page('admin/tickets/new', {
      title: 'Open Ticket',
      ...choices,
      values: { accountId: idFilter(req.query.account) ?? '', department: 'Support', priority: 'Medium' },
    });
  });
  router.post(
    '/tickets',
    formRoute(
      { view: 'admin/tickets/new', locals: () => ({ title: 'Open Ticket', ...choices }), schema: openTicketForm },
      async (req, res, form) => {
        const ticket = await openTicketForAccount(adminOf(req, res), form.accountId, form);
        req.flash('success', `Ticket #${ticket.id} opened for client #${form.accountId}.`);
        res.redirect(`/admin/tickets/${ticket.id}`);
      },
    ),
  );

  const showLocals = async (req: Request) => {
    const id = idParam(req);
    return { title: `Ticket #${id}`, ticket: await getTicketWithBadges(id), ...choices };
  };
  router.get('/tickets/:id', async (req, res) => res.page('admin/tickets/show', await showLocals(req)));
  router.post(
    '/tickets/:id/reply',
    formRoute({ view: 'admin/tickets/show', locals: showLocals, schema: ticketReplyForm }, async (req, res, form) => {
      const id = idParam(req);
      await adminReply(adminOf(req, res), id, form.message, form.status);
      req.flash('success', 'Reply posted.');
      res.redirect(`/admin/tickets/${id}`);
    }),
  );
  router.post(
    '/tickets/:id/status',
    formRoute({ view: 'admin/tickets/show', locals: showLocals, schema: ticketStatusForm }, async (req, res, form) => {
      const id = idParam(req);
      await setTicketStatus(adminOf(req, res), id, form.status);
      req.flash('success', `Status set to ${form.status}.`);
      res.redirect(`/admin/tickets/${id}`);
    }),
  );
  return router;
}
