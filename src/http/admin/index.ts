// The admin area: its own sub-app, session cookie (path /admin), CSRF, layout and errors.
// No client session reaches it, and an admin session never acts as a user.
import { DEFAULT_LANGUAGE, translator } from '../../lib/i18n.js';
import express, { type Router } from 'express';
import type pg from 'pg';
import type { Config } from '../../config.js';
import { errorHandler, notFoundHandler } from '../errors.js';
import { csrfProtection, sameOriginOnly } from '../middleware/csrf.js';
import { noStore } from '../middleware/security-headers.js';
import { flash } from '../middleware/flash.js';
import { saveSessionBeforeRedirect, sessionMiddleware } from '../middleware/session.js';
import { pageRenderer } from '../render.js';
import { fmt } from '../view-helpers.js';
import { PERMISSIONS } from '../../policies/permissions.js';
import { adminAuthRoutes } from './auth.js';
import { loadAdmin, requireAdmin } from './guard.js';
import { ADMIN_SECTIONS } from './sections.js';

export interface AdminAppDeps {
  pool: pg.Pool;
  secret: string;
  secure: boolean;
  config: Config;
}

export function createAdminApp(deps: AdminAppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // pages are no-store: an ETag would only cost a hash of each body
  // Same for every request: set once, not per request.
  app.locals.fmt = fmt;
  // The admin area stays English (README); partials shared with the client area still call t().
  app.locals.t = translator(DEFAULT_LANGUAGE);
  app.locals.permissionList = PERMISSIONS;
  app.use(noStore);
  app.use(pageRenderer('layouts/admin'));
  app.use(
    sessionMiddleware({
      pool: deps.pool,
      secret: deps.secret,
      secure: deps.secure,
      cookieName: 'admin.sid',
      tableName: 'admin_session',
      path: '/admin',
    }),
  );
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  app.use(express.json({ limit: '100kb' }));
  app.use(saveSessionBeforeRedirect);
  app.use(flash);
  app.use(sameOriginOnly(deps.config.PUBLIC_URL));
  app.use(csrfProtection);
  app.use(loadAdmin);
  app.use((req, res, next) => {
    res.locals.path = req.baseUrl + req.path;
    next();
  });

  app.use(adminAuthRoutes(deps.config));
  // Everything below needs an admin session.
  app.use(requireAdmin);
  const routers: Router[] = ADMIN_SECTIONS.map((s) => s());
  for (const router of routers) app.use(router);

  app.use(notFoundHandler('errors/admin-error'));
  app.use(errorHandler('errors/admin-error', { secureCookies: deps.secure }));
  return app;
}
