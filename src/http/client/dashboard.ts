// The selected account's dashboard: counts and shortcuts for what the user may use.
import { Router } from 'express';
import { dashboardCounts } from '../../services/dashboards/client-dashboard.js';
import { requireAccount } from '../middleware/guards.js';

export function dashboardRoutes() {
  const router = Router();
  router.get('/', requireAccount, async (req, res) => {
    const counts = await dashboardCounts(res.locals.access!.accountId);
    res.page('client/dashboard', { title: 'Dashboard', counts, firstLogin: req.session.firstLogin === true });
  });
  return router;
}
