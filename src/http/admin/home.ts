import { Router } from 'express';

export function adminHomeRoutes() {
  const router = Router();
  router.get('/', (_req, res) => res.page('admin/home', { title: 'Admin Dashboard' }));
  return router;
}
