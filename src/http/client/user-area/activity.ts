// The selected account's own activity log, for its owner (SPEC rule 22), newest first.
import { Router } from 'express';
import { authorizeOwner } from '../../../policies/authorize.js';
import { listActivity } from '../../../services/activity/activity-log.js';
import { userEmailsById } from '../../../services/users/search.js';
import { requireAccount } from '../../middleware/guards.js';
import { pageQuery } from '../../schemas/user-area.js';

const PER_PAGE = 25;

export function accountActivityRoutes() {
  const router = Router();
  router.get('/account/activity', requireAccount, async (req, res) => {
    const access = authorizeOwner(res.locals.access);
    const { page } = pageQuery.parse(req.query);
    const { entries, hasNext } = await listActivity({ accountId: access.accountId, page, perPage: PER_PAGE });
    const emails = await userEmailsById(entries.flatMap((e) => (e.userId ? [e.userId] : [])));
    const rows = entries.map((e) => ({
      id: e.id,
      createdAt: e.createdAt,
      description: e.description,
      ip: e.ip,
      who:
        e.actorType === 'admin'
          ? 'Admin'
          : e.actorType === 'system'
            ? 'System'
            : (emails.get(e.userId ?? 0) ?? `Deleted user #${e.userId ?? '?'}`),
    }));
    res.page('client/user-area/activity', { title: 'Account Activity', rows, page, hasNext });
  });
  return router;
}
