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
import { isAppError } from '../../lib/errors.js';
import { emptyPage } from '../../services/lists/paging.js';
import { formRoute, parseForm, typedValues } from '../forms.js';
import { idParam } from '../middleware/guards.js';
import { firstValues, idFilter } from '../schemas/admin/filters.js';
import {
  assignTicketForm,
  openTicketForm,
  ticketFilterQuery,
  ticketReplyForm,
  ticketStatusForm,
} from '../schemas/admin/tickets.js';
import { listParams } from '../schemas/lists.js';
import { adminOf } from './guard.js';

const choices = { statuses: TICKET_STATUSES, departments: TICKET_DEPARTMENTS, priorities: TICKET_PRIORITIES };

/**
 * The desk's filters from the query string. A value that cannot mean anything is refused
 * (VALIDATION, with the field's message) rather than dropped, so staff never read the whole desk
 * believing it filtered.
 */
function filterOf(req: Request) {
  const form = parseForm(ticketFilterQuery, firstValues(req.query));
  const params = { ...form, account: form.account ?? '', guests: form.guests ? '1' : '' };
  const filter: TicketFilter = {
    query: form.q || undefined,
    status: form.status || undefined,
    department: form.department || undefined,
    priority: form.priority || undefined,
    assigned: form.assigned === 'none' ? 'none' : idFilter(form.assigned),
    requesterEmail: form.requester || undefined,
    accountId: form.account,
    guestsOnly: form.guests,
  };
  return { params, filter };
}

export function adminTicketRoutes() {
  const router = Router();

  router.get('/tickets', async (req, res) => {
    const paging = listParams(req.query, TICKET_LIST.sorts);
    const locals = { title: 'Support Tickets', admins: await listAdmins(), ...choices };
    let parsed;
    try {
      parsed = filterOf(req);
    } catch (e) {
      if (!isAppError(e)) throw e;
      // The filters as typed, each refusal next to its field, and no list.
      return res.status(400).page('admin/tickets/index', {
        ...locals,
        params: typedValues(firstValues(req.query)),
        error: e.message,
        errors: e.fields,
        tickets: [],
        info: emptyPage(TICKET_LIST, paging),
      });
    }
    const result = await listTickets(parsed.filter, paging);
    res.page('admin/tickets/index', { ...locals, params: parsed.params, ...result });
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
