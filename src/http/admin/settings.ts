// Settings (SPEC rule 20, issue 14: the From name and address too) and the test email that
// proves mail works. Full administrators only (the services refuse other roles).
import { Router, type Request, type Response } from 'express';
import { sendTestEmail } from '../../services/mail/test-email.js';
import { mailMode } from '../../services/mail/mailer.js';
import { getSettingsAsStaff, saveSettings } from '../../services/settings/settings.js';
import { formRoute } from '../forms.js';
import { settingsForm } from '../schemas/admin/settings.js';
import { adminOf } from './guard.js';

const settingsLocals = async (req: Request, res: Response) => ({
  title: 'Settings',
  // Not `settings`: that local is Express's own (the app settings EJS reads its root from).
  saved: await getSettingsAsStaff(adminOf(req, res)),
  mailMode: mailMode(),
});

export function adminSettingsRoutes() {
  const router = Router();

  router.get('/settings', async (req, res) => {
    const locals = await settingsLocals(req, res);
    res.page('admin/settings', { ...locals, values: locals.saved });
  });

  router.post(
    '/settings',
    formRoute({ view: 'admin/settings', locals: settingsLocals, schema: settingsForm }, async (req, res, form) => {
      const actor = adminOf(req, res);
      // An empty terms version keeps the current one.
      const termsVersion = form.termsVersion || (await getSettingsAsStaff(actor)).termsVersion;
      await saveSettings(actor, { ...form, termsVersion });
      req.flash('success', 'Settings saved.');
      res.redirect('/admin/settings');
    }),
  );

  router.post('/settings/test-email', async (req, res) => {
    const admin = res.locals.currentAdmin!;
    const result = await sendTestEmail(adminOf(req, res), admin);
    if (result.status === 'failed') req.flash('danger', `The test email failed: ${result.error ?? 'unknown error'}`);
    else
      req.flash(
        'success',
        `Test email ${result.status === 'sent' ? 'sent by SMTP' : 'stored locally'} to ${admin.email}.`,
      );
    res.redirect('/admin/settings');
  });

  return router;
}
