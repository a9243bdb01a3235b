// Admin login (password, then TOTP when enabled) and logout. SPEC rule 15. Throttled in the
// admins service with counters of the admin area's own (services/throttles/login-throttle.ts).
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import type { Config } from '../../config.js';
import { isAppError } from '../../lib/errors.js';
import {
  checkAdminCredentials,
  checkAdminSecondFactor,
  hasAnyAdmin,
  recordAdminLogin,
} from '../../services/admins/admins.js';
import { checkAdminSetPasswordToken, setAdminPasswordWithToken } from '../../services/admins/staff.js';
import { REQUEST_RULES } from '../../services/throttles/request-throttles.js';
import { formRoute, parseForm } from '../forms.js';
import { tokenParam } from '../middleware/guards.js';
import { throttle } from '../middleware/rate-limit.js';
import { loginForm, totpForm } from '../schemas/auth.js';
import { adminSetPasswordForm } from '../schemas/admin/staff.js';
import { regenerate } from '../middleware/session.js';

export function adminAuthRoutes(_config: Config) {
  const router = Router();

  const finish = async (req: Request, adminId: number) => {
    const returnTo = req.session.returnTo;
    await regenerate(req);
    req.session.adminId = adminId;
    await recordAdminLogin(adminId, req.ip ?? '');
    return returnTo?.startsWith('/admin') ? returnTo : '/admin';
  };

  // The first start on an empty PostgreSQL database has no admin (only the embedded default
  // makes one): the login page says how to create it instead of refusing every attempt.
  const loginLocals = async () => ({ title: 'Admin Login', noAdminYet: !(await hasAnyAdmin()) });

  router.get('/login', async (_req, res) => {
    if (res.locals.currentAdmin) return res.redirect('/admin');
    res.page('admin/login', { ...(await loginLocals()), values: {} });
  });

  router.post(
    '/login',
    formRoute({ view: 'admin/login', locals: loginLocals, schema: loginForm }, async (req, res, form) => {
      const { admin, needsTotp } = await checkAdminCredentials(form.email, form.password, req.ip ?? '');
      if (needsTotp) {
        const returnTo = req.session.returnTo;
        await regenerate(req);
        req.session.pendingAdminId = admin.id;
        req.session.pendingLoginId = randomUUID();
        req.session.returnTo = returnTo;
        return res.redirect('/admin/login/2fa');
      }
      res.redirect(await finish(req, admin.id));
    }),
  );

  router.get('/login/2fa', (req, res) => {
    if (!req.session.pendingAdminId) return res.redirect('/admin/login');
    res.page('admin/login-2fa', { title: 'Two-Factor Authentication', values: {} });
  });

  router.post(
    '/login/2fa',
    formRoute({ view: 'admin/login-2fa', locals: () => ({ title: 'Two-Factor Authentication' }) }, async (req, res) => {
      const adminId = req.session.pendingAdminId;
      const pendingId = req.session.pendingLoginId;
      if (!adminId || !pendingId) return res.redirect('/admin/login');
      const form = parseForm(totpForm, req.body);
      try {
        await checkAdminSecondFactor(adminId, form.code, { id: pendingId, ip: req.ip ?? '' });
      } catch (e) {
        if (!isAppError(e) || e.code !== 'LOGIN_RESTART') throw e;
        // Five wrong codes: the half-logged-in session is discarded; start again with the password.
        await regenerate(req);
        req.flash('danger', e.message);
        return res.redirect('/admin/login');
      }
      res.redirect(await finish(req, adminId));
    }),
  );

  // An admin added with an emailed link sets their password here (single use, 24 hours).
  const limitTokens = throttle(REQUEST_RULES.tokenLinksPerIp);
  const setLocals = async (req: Request) => {
    const token = tokenParam(req);
    return { title: 'Set Your Password', token, admin: await checkAdminSetPasswordToken(token) };
  };
  router.get('/password/set/:token', limitTokens, async (req, res) => {
    res.page('admin/set-password', { ...(await setLocals(req)), values: {} });
  });
  router.post(
    '/password/set/:token',
    limitTokens,
    formRoute(
      { view: 'admin/set-password', locals: setLocals, schema: adminSetPasswordForm },
      async (req, res, form) => {
        await setAdminPasswordWithToken(tokenParam(req), form.password, req.ip ?? '');
        req.flash('success', 'Your password is set. Log in with it now.');
        res.redirect('/admin/login');
      },
    ),
  );

  router.post('/logout', async (req, res) => {
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('admin.sid', { path: '/admin' });
    res.redirect('/admin/login');
  });

  return router;
}
