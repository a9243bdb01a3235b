// The selected account's home page: panels of what needs the user, each shown only with its
// permission (services/dashboards/client-dashboard.ts reads them in one statement).
import { Router } from 'express';
import { TEST_GATEWAY } from '../../services/billing/constants.js';
import { DOMAIN_EXPIRY_WINDOW_DAYS, homePanels } from '../../services/dashboards/client-dashboard.js';
import { requireAccount } from '../middleware/guards.js';
import { contextOf } from './route-context.js';

export function dashboardRoutes() {
  const router = Router();
  router.get('/', requireAccount, async (req, res) => {
    const panels = await homePanels(contextOf(req, res));
    res.page('client/dashboard', {
      title: req.t('Dashboard'),
      panels,
      gateway: TEST_GATEWAY,
      expiryWindowDays: DOMAIN_EXPIRY_WINDOW_DAYS,
      firstLogin: req.session.firstLogin === true,
    });
  });
  return router;
}
