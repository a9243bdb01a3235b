// Probes for process managers, orchestrators and load balancers. /healthz: the process is up and
// its event loop answers (liveness: restart it when this fails). /readyz: it can serve requests
// (readiness: send it traffic only when this answers 200); 503 while the database is unreachable
// or migrations are pending, and from SIGTERM on, while it drains.
import { Router } from 'express';
import { isDraining } from '../lib/lifecycle.js';
import { checkReadiness } from '../services/health/readiness.js';

export function healthRoutes(): Router {
  const router = Router();
  router.use(['/healthz', '/readyz'], (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    if (isDraining()) {
      res.status(503).json({ ready: false, draining: true });
      return;
    }
    const readiness = await checkReadiness();
    res.status(readiness.ready ? 200 : 503).json(readiness);
  });
  return router;
}
