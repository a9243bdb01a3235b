// The admin dashboard: what needs attention today.
import { Router } from 'express';
import { db } from '../../db/client.js';
import { listActivityWithActors } from '../../services/activity/with-actors.js';

export function adminHomeRoutes() {
  const router = Router();
  router.get('/', async (_req, res) => {
    const [clients, users, openTickets, pendingInvites, failedEmails, unpaidInvoices, recent] = await Promise.all([
      db().account.count(),
      db().user.count(),
      db().ticket.count({ where: { status: { in: ['Open', 'Customer-Reply'] } } }),
      db().invitation.count({ where: { status: 'pending' } }),
      db().emailLog.count({ where: { status: 'failed' } }),
      db().invoice.count({ where: { status: 'Unpaid' } }),
      listActivityWithActors({ perPage: 10 }),
    ]);
    res.page('admin/home', {
      title: 'Admin Dashboard',
      stats: { clients, users, openTickets, pendingInvites, failedEmails, unpaidInvoices },
      recent: recent.entries,
    });
  });
  return router;
}
