// "Login as Owner/User" arriving in the client area (issue 14): the admin's single-use link
// opens a client session of its own — a new session id, nothing kept from before — bound to the
// user and account it was made for, marked as staff's so every page shows "Logged in by staff:
// <name> — return to admin" and every action is logged as that admin's.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { useStaffLogin } from '../../services/auth/staff-login.js';
import { refreshCsrf } from '../middleware/csrf.js';
import { tokenParam } from '../middleware/guards.js';
import { REQUEST_RULES } from '../../services/throttles/request-throttles.js';
import { throttle } from '../middleware/rate-limit.js';
import { regenerate } from '../middleware/session.js';

declare global {
  namespace Express {
    interface Locals {
      /** Set in a session staff opened as the user: for the banner. */
      staffSession?: { adminName: string; accountId: number };
    }
  }
}

/** The banner's data, for every page of a staff session. */
export function staffBanner(req: Request, res: Response, next: NextFunction) {
  const { staffAdminId, staffAdminName, staffAccountId } = req.session;
  if (staffAdminId !== undefined && staffAccountId !== undefined && res.locals.currentUser)
    res.locals.staffSession = { adminName: staffAdminName ?? 'staff', accountId: staffAccountId };
  next();
}

export function staffSessionRoutes() {
  const router = Router();

  router.get('/staff-login/:token', throttle(REQUEST_RULES.tokenLinksPerIp), async (req, res) => {
    const login = await useStaffLogin(tokenParam(req), { ip: req.ip ?? '', host: req.hostname });
    await regenerate(req);
    Object.assign(req.session, {
      userId: login.userId,
      accountId: login.accountId,
      staffAdminId: login.adminId,
      staffAdminName: login.adminName,
      staffAccountId: login.accountId,
      ip: req.ip ?? '',
      userAgent: req.get('user-agent') ?? '',
      createdAt: new Date().toISOString(),
    });
    refreshCsrf(req, res);
    res.redirect('/');
  });

  // "Return to admin": ends this client session and goes back to the client's Users tab.
  router.post('/staff-logout', async (req, res) => {
    const accountId = req.session.staffAccountId;
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('client.sid');
    res.redirect(accountId ? `/admin/clients/${accountId}/users` : '/admin');
  });

  return router;
}
