// Settings (SPEC rule 20) and the test email that proves mail works.
import { Router } from 'express';
import { logActivity } from '../../services/activity/activity-log.js';
import { mailMode, sendTemplate } from '../../services/mail/mailer.js';
import { getSettings, setSetting } from '../../services/settings/settings.js';
import { formRoute } from '../forms.js';
import { settingsForm } from '../schemas/admin.js';
import { adminOf } from './guard.js';

const settingsLocals = async () => ({ title: 'Settings', settings: await getSettings(), mailMode: mailMode() });

export function adminSettingsRoutes() {
  const router = Router();

  router.get('/settings', async (_req, res) => {
    const locals = await settingsLocals();
    res.page('admin/settings', { ...locals, values: locals.settings });
  });

  router.post(
    '/settings',
    formRoute({ view: 'admin/settings', locals: settingsLocals, schema: settingsForm }, async (req, res, form) => {
      const actor = adminOf(req, res);
      const current = await getSettings();
      if (current.disableClientUserManagement !== form.disableClientUserManagement)
        await setSetting(actor, 'disableClientUserManagement', form.disableClientUserManagement);
      if (current.companyName !== form.companyName) await setSetting(actor, 'companyName', form.companyName);
      if (current.publicUrl !== form.publicUrl) await setSetting(actor, 'publicUrl', form.publicUrl);
      if (current.termsUrl !== form.termsUrl) await setSetting(actor, 'termsUrl', form.termsUrl);
      if (form.termsVersion && current.termsVersion !== form.termsVersion)
        await setSetting(actor, 'termsVersion', form.termsVersion);
      req.flash('success', 'Settings saved.');
      res.redirect('/admin/settings');
    }),
  );

  router.post('/settings/test-email', async (req, res) => {
    const admin = res.locals.currentAdmin!;
    const result = await sendTemplate({ template: 'test', to: admin.email, data: { firstName: admin.firstName } });
    await logActivity(
      adminOf(req, res),
      `Test email sent to ${admin.email} (Email ID: ${result.emailId}): ${result.status}`,
      null,
    );
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
