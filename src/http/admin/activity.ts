// The activity log (SPEC rule 22), filterable by client, user, admin, text and dates.
import { Router } from 'express';
import { listActivityWithActors } from '../../services/activity/with-actors.js';
import { listAdmins } from '../../services/admins/admins.js';
import { findUserByEmail } from '../../services/users/users.js';
import { dateFilter, idFilter, pageParam, textParam } from '../schemas/admin.js';

export function adminActivityRoutes() {
  const router = Router();
  router.get('/activity', async (req, res) => {
    const filters = {
      account: textParam(req.query.account, 12),
      user: textParam(req.query.user, 254),
      admin: textParam(req.query.admin, 12),
      text: textParam(req.query.text),
      from: textParam(req.query.from, 10),
      to: textParam(req.query.to, 10),
    };
    let userId = idFilter(filters.user);
    let noMatch = false;
    if (filters.user && !userId) {
      const u = filters.user.includes('@') ? await findUserByEmail(filters.user) : null;
      if (u) userId = u.id;
      else noMatch = true;
    }
    const page = pageParam(req.query.page);
    const result = noMatch
      ? { entries: [], page, hasNext: false }
      : await listActivityWithActors({
          accountId: idFilter(filters.account),
          userId,
          adminId: idFilter(filters.admin),
          text: filters.text || undefined,
          from: dateFilter(filters.from),
          to: dateFilter(filters.to, true),
          page,
        });
    res.page('admin/activity', { title: 'Activity Log', filters, admins: await listAdmins(), noMatch, ...result });
  });
  return router;
}
