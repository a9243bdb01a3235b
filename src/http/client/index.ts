// The client area: one sub-app with its own session cookie, CSRF, fresh user/membership
// loading on every request, and its own error pages. Route files each hold one part.
import ejs from 'ejs';
import express, { type Request, type Router } from 'express';
import type pg from 'pg';
import type { Config } from '../../config.js';
import { getSettings } from '../../services/settings/settings.js';
import { errorHandler, notFoundHandler } from '../errors.js';
import { csrfProtection, sameOriginOnly } from '../middleware/csrf.js';
import { noStore } from '../middleware/security-headers.js';
import { flash } from '../middleware/flash.js';
import { loadUser } from '../middleware/load-user.js';
import { detectLanguage, useUserLanguage } from '../middleware/language.js';
import { saveSessionBeforeRedirect, sessionMiddleware } from '../middleware/session.js';
import { pageRenderer } from '../render.js';
import { fmt } from '../view-helpers.js';
import { PERMISSIONS } from '../../policies/permissions.js';
import { canManageUsers } from '../../policies/user-management.js';
import { accountRoutes } from './accounts.js';
import { authRoutes } from './auth.js';
import { dashboardRoutes } from './dashboard.js';
import { ssoRoutes } from './sso.js';
import { ACCOUNT_SECTION_ROUTES } from './sections/index.js';
import { contactRoutes } from './contact.js';
import { languageRoutes } from './language.js';
import { safeReturnTo } from './login-session.js';
import { staffBanner, staffSessionRoutes } from './staff-session.js';
import { accountActivityRoutes } from './user-area/activity.js';
import { invitationRoutes } from './user-area/invite.js';
import { myAccountRoutes } from './user-area/my-account.js';
import { userManagementRoutes } from './user-area/users.js';
import { confirmations } from './confirmations.js';

/**
 * Where the footer's language picker comes back to: this page; for a page answering a form (a
 * POST), the page the form was on when the browser names it (Referer), else the home page.
 */
function returnToOf(req: Request): string {
  if (req.method === 'GET') return req.originalUrl;
  const referer = req.get('referer');
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    return safeReturnTo(`${url.pathname}${url.search}`) ?? '/';
  } catch {
    return '/';
  }
}

export interface ClientAppDeps {
  pool: pg.Pool;
  secret: string;
  secure: boolean;
  config: Config;
}

export function createClientApp(deps: ClientAppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // pages are no-store: an ETag would only cost a hash of each body
  // Same for every request: set once, not per request.
  app.locals.fmt = fmt;
  app.locals.permissionList = PERMISSIONS;
  app.locals.confirmations = confirmations;
  // t(key, { ...escaped, name }) escapes the values put into a translation whose own text holds
  // markup (a link in a sentence), for output with <%- %>; the markup is ours, from locales/.
  // Escaped as EJS escapes (i18next's own escape also turns "/" in a URL into "&#x2F;").
  app.locals.escaped = { interpolation: { escapeValue: true, escape: (v: unknown) => ejs.escapeXML(String(v)) } };
  app.use(noStore);
  app.use(pageRenderer('layouts/client'));
  // First, so that even a refused form or a session error is answered in the reader's language.
  app.use(detectLanguage);
  app.use(
    sessionMiddleware({
      pool: deps.pool,
      secret: deps.secret,
      secure: deps.secure,
      cookieName: 'client.sid',
      tableName: 'session',
    }),
  );
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  app.use(express.json({ limit: '100kb' }));
  app.use(saveSessionBeforeRedirect);
  app.use(flash);
  app.use(sameOriginOnly(deps.config.PUBLIC_URL));
  app.use(csrfProtection);
  app.use(loadUser);
  app.use(useUserLanguage);
  app.use(staffBanner);
  app.use(async (req, res, next) => {
    res.locals.path = req.path;
    res.locals.returnTo = returnToOf(req);
    const settings = await getSettings();
    res.locals.companyName = settings.companyName;
    res.locals.termsUrl = settings.termsUrl;
    res.locals.userManagementEnabled = canManageUsers(res.locals.access, settings);
    next();
  });

  const routers: Router[] = [
    authRoutes(deps.config),
    staffSessionRoutes(),
    contactRoutes(),
    languageRoutes({ secure: deps.secure }),
    ssoRoutes(),
    accountRoutes(),
    dashboardRoutes(),
    myAccountRoutes(),
    userManagementRoutes(),
    invitationRoutes(deps.config),
    accountActivityRoutes(),
    ...ACCOUNT_SECTION_ROUTES.map((s) => s()),
  ];
  for (const router of routers) app.use(router);

  app.use(notFoundHandler('errors/error'));
  app.use(errorHandler('errors/error', { secureCookies: deps.secure }));
  return app;
}
