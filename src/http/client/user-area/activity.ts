// The selected account's own activity log, for its owner (SPEC rule 22), newest first.
import { Router } from 'express';
import { listAccountActivity } from '../../../services/activity/with-actors.js';
import { requireAccountActivity } from '../../middleware/guards.js';
import { pageQuery } from '../../schemas/user-area.js';

export function accountActivityRoutes() {
  const router = Router();
  router.get('/account/activity', requireAccountActivity, async (req, res) => {
    const { page } = pageQuery.parse(req.query);
    const result = await listAccountActivity(res.locals.access!, page);
    res.page('client/user-area/activity', { title: req.t('Account Activity'), page, ...result });
  });
  return router;
}
