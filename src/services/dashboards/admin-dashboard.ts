// The admin dashboard: what needs attention today, and the latest activity.
import { db } from '../../db/client.js';
import { listActivityWithActors } from '../activity/with-actors.js';
import { AWAITING_STAFF } from '../tickets/constants.js';

export async function adminDashboard() {
  const [clients, users, openTickets, pendingInvites, failedEmails, unpaidInvoices, recent] = await Promise.all([
    db().account.count(),
    db().user.count(),
    db().ticket.count({ where: { status: { in: [...AWAITING_STAFF] } } }),
    db().invitation.count({ where: { status: 'pending' } }),
    db().emailLog.count({ where: { status: 'failed' } }),
    db().invoice.count({ where: { status: 'Unpaid' } }),
    listActivityWithActors({}, { perPage: 10 }),
  ]);
  return {
    stats: { clients, users, openTickets, pendingInvites, failedEmails, unpaidInvoices },
    recent: recent.entries,
  };
}
