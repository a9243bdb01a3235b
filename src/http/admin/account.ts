// The signed-in admin's own security: two-factor authentication (SPEC rule 15).
import { Router, type Request, type Response } from 'express';
import { newTotpSecret, totpQrCode } from '../../lib/totp.js';
import { disableAdminTotp, enableAdminTotp } from '../../services/admins/admins.js';
import { getSetting } from '../../services/settings/settings.js';
import { formRoute } from '../forms.js';
import { totpForm } from '../schemas/auth.js';

async function accountLocals(req: Request, res: Response) {
  const admin = res.locals.currentAdmin!;
  if (admin.totpEnabled) return { title: 'My Account', admin };
  req.session.totpEnrolSecret ??= newTotpSecret();
  const secret = req.session.totpEnrolSecret;
  const qr = await totpQrCode(secret, `${await getSetting('companyName')} Admin`, admin.email);
  return { title: 'My Account', admin, secret, qr };
}

export function adminAccountRoutes() {
  const router = Router();

  router.get('/account', async (req, res) => {
    res.page('admin/account', await accountLocals(req, res));
  });

  router.post(
    '/account/2fa/enable',
    formRoute({ view: 'admin/account', locals: accountLocals, schema: totpForm }, async (req, res, form) => {
      const secret = req.session.totpEnrolSecret;
      if (!secret) return res.redirect('/admin/account');
      await enableAdminTotp(res.locals.currentAdmin!.id, secret, form.code, req.ip ?? '');
      delete req.session.totpEnrolSecret;
      req.flash('success', 'Two-factor authentication is on. You will be asked for a code at every login.');
      res.redirect('/admin/account');
    }),
  );

  router.post(
    '/account/2fa/disable',
    formRoute({ view: 'admin/account', locals: accountLocals, schema: totpForm }, async (req, res, form) => {
      await disableAdminTotp(res.locals.currentAdmin!.id, form.code, req.ip ?? '');
      req.flash('success', 'Two-factor authentication is off.');
      res.redirect('/admin/account');
    }),
  );

  return router;
}
