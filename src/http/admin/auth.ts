// Admin login (password, then TOTP when enabled) and logout. SPEC rule 15.
import { Router, type Request } from 'express';
import type { Config } from '../../config.js';
import { checkAdminCredentials, checkAdminSecondFactor, recordAdminLogin } from '../../services/admins/admins.js';
import { formRoute, parseForm } from '../forms.js';
import { loginLimiters } from '../middleware/rate-limit.js';
import { loginForm, totpForm } from '../schemas/auth.js';
import { regenerate } from '../middleware/session.js';

export function adminAuthRoutes(config: Config) {
  const router = Router();
  const limit = loginLimiters(config.LOGIN_RATE_LIMIT);

  const finish = async (req: Request, adminId: number) => {
    const returnTo = req.session.returnTo;
    await regenerate(req);
    req.session.adminId = adminId;
    await recordAdminLogin(adminId, req.ip ?? '');
    return returnTo?.startsWith('/admin') ? returnTo : '/admin';
  };

  router.get('/login', (_req, res) => {
    if (res.locals.currentAdmin) return res.redirect('/admin');
    res.page('admin/login', { title: 'Admin Login', values: {} });
  });

  router.post(
    '/login',
    ...limit,
    formRoute(
      { view: 'admin/login', locals: () => ({ title: 'Admin Login' }), schema: loginForm },
      async (req, res, form) => {
        const { admin, needsTotp } = await checkAdminCredentials(form.email, form.password);
        if (needsTotp) {
          const returnTo = req.session.returnTo;
          await regenerate(req);
          req.session.pendingAdminId = admin.id;
          req.session.returnTo = returnTo;
          return res.redirect('/admin/login/2fa');
        }
        res.redirect(await finish(req, admin.id));
      },
    ),
  );

  router.get('/login/2fa', (req, res) => {
    if (!req.session.pendingAdminId) return res.redirect('/admin/login');
    res.page('admin/login-2fa', { title: 'Two-Factor Authentication', values: {} });
  });

  router.post(
    '/login/2fa',
    ...limit,
    formRoute({ view: 'admin/login-2fa', locals: () => ({ title: 'Two-Factor Authentication' }) }, async (req, res) => {
      const adminId = req.session.pendingAdminId;
      if (!adminId) return res.redirect('/admin/login');
      const form = parseForm(totpForm, req.body);
      await checkAdminSecondFactor(adminId, form.code);
      res.redirect(await finish(req, adminId));
    }),
  );

  router.post('/logout', async (req, res) => {
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('admin.sid', { path: '/admin' });
    res.redirect('/admin/login');
  });

  return router;
}
