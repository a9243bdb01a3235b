// Support tickets in the admin area (SPEC rule 21, issue 14's ticket desk): the desk's filters,
// every reply with its badge, replies, status and assignment.
import { Router, type Request } from 'express';
import { listAdmins } from '../../services/admins/admins.js';
import {
  adminReply,
  assignTicket,
  exportTickets,
  getTicketWithBadges,
  listTickets,
  openTicketForAccount,
  setTicketStatus,
  TICKET_LIST,
  type TicketFilter,
} from '../../services/tickets/staff-tickets.js';
import { TICKET_DEPARTMENTS, TICKET_PRIORITIES, TICKET_STATUSES } from '../../services/tickets/constants.js';
import { sendCsv } from '../csv.js';
import { formRoute } from '../forms.js';
import { idParam } from '../middleware/guards.js';
import { idFilter, textParam } from '../schemas/admin/filters.js';
import { assignTicketForm, openTicketForm, ticketReplyForm, ticketStatusForm } from '../schemas/admin/tickets.js';
import { listParams } from '../schemas/lists.js';
import { adminOf } from './guard.js';

const choices = { statuses: TICKET_STATUSES, departments: TICKET_DEPARTMENTS, priorities: TICKET_PRIORITIES };
const oneOf = (list: readonly string[], v: unknown) => (list.includes(textParam(v)) ? textParam(v) : '');

/** The desk's filters from the query string: unknown values are dropped, never a 500. */
function filterOf(req: Request) {
  const q = req.query;
  const assignedRaw = textParam(q.assigned, 12);
  const params = {
    q: textParam(q.q),
    status: oneOf(TICKET_STATUSES, q.status),
    department: oneOf(TICKET_DEPARTMENTS, q.department),
    priority: oneOf(TICKET_PRIORITIES, q.priority),
    assigned: assignedRaw === 'none' || idFilter(assignedRaw) ? assignedRaw : '',
    requester: textParam(q.requester, 254).toLowerCase(),
    account: idFilter(q.account) ?? '',
    guests: q.guests === '1' ? '1' : '',
  };
  const filter: TicketFilter = {
    query: params.q || undefined,
    status: params.status || undefined,
    department: params.department || undefined,
    priority: params.priority || undefined,
    assigned: params.assigned === 'none' ? 'none' : idFilter(params.assigned),
    requesterEmail: params.requester || undefined,
    accountId: typeof params.account === 'number' ? params.account : undefined,
    guestsOnly: params.guests === '1',
  };
  return { params, filter };
}

export function adminTicketRoutes() {
  const router = Router();

  router.get('/tickets', async (req, res) => {
    const { params, filter } = filterOf(req);
    const [result, admins] = await Promise.all([
      listTickets(filter, listParams(req.query, TICKET_LIST.sorts)),
      listAdmins(),
    ]);
    res.page('admin/tickets/index', { title: 'Support Tickets', params, admins, ...choices, ...result });
  });

  router.get('/tickets.csv', async (req, res) => {
    const { filter } = filterOf(req);
    await sendCsv(
      res,
      'tickets.csv',
      [
        { header: 'ID', value: (t) => t.id },
        { header: 'Subject', value: (t) => t.subject },
        { header: 'Client ID', value: (t) => t.accountId },
        { header: 'Requester', value: (t) => t.requesterEmail },
        { header: 'Department', value: (t) => t.department },
        { header: 'Priority', value: (t) => t.priority },
        { header: 'Status', value: (t) => t.status },
        {
          header: 'Assigned To',
          value: (t) => (t.assignedAdmin ? `${t.assignedAdmin.firstName} ${t.assignedAdmin.lastName}` : ''),
        },
        { header: 'Created', value: (t) => t.createdAt },
        { header: 'Last Reply', value: (t) => t.lastReplyAt },
      ],
      exportTickets(filter, listParams(req.query, TICKET_LIST.sorts)),
    );
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
    const [ticket, admins] = await Promise.all([getTicketWithBadges(id), listAdmins()]);
    return { title: `Ticket #${id}`, ticket, admins, ...choices };
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
  router.post(
    '/tickets/:id/assign',
    formRoute({ view: 'admin/tickets/show', locals: showLocals, schema: assignTicketForm }, async (req, res, form) => {
      const id = idParam(req);
      await assignTicket(adminOf(req, res), id, form.assignedAdminId);
      req.flash('success', form.assignedAdminId ? 'Ticket assigned.' : 'Ticket unassigned.');
      res.redirect(`/admin/tickets/${id}`);
    }),
  );
  return router;
}
