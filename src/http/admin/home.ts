// The admin dashboard: what needs attention today.
import { Router } from 'express';
import { adminDashboard } from '../../services/dashboards/admin-dashboard.js';

export function adminHomeRoutes() {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.page('admin/home', { title: 'Admin Dashboard', ...(await adminDashboard()) });
  });
  return router;
}
