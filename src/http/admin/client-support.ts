// A client's support-desk comforts (issue 14): admin notes on the Summary tab, and the Profile
// tab's "Allow single sign-on" switch.
import { Router } from 'express';
import { setAccountSso } from '../../services/accounts/accounts.js';
import { addClientNote, deleteClientNote } from '../../services/accounts/client-notes.js';
import { formRoute } from '../forms.js';
import { idParam } from '../middleware/guards.js';
import { noteForm, ssoForm } from '../schemas/admin.js';
import { onTab } from './client-profile.js';
import { adminOf } from './guard.js';

export function adminClientSupportRoutes() {
  const router = Router();

  router.post(
    '/clients/:id/notes',
    formRoute({ ...onTab('summary'), schema: noteForm }, async (req, res, form) => {
      const accountId = idParam(req);
      await addClientNote(adminOf(req, res), accountId, form.body);
      req.flash('success', 'Note added.');
      res.redirect(`/admin/clients/${accountId}`);
    }),
  );
  router.post(
    '/clients/:id/notes/:noteId/delete',
    formRoute(onTab('summary'), async (req, res) => {
      const accountId = idParam(req);
      await deleteClientNote(adminOf(req, res), accountId, idParam(req, 'noteId'));
      req.flash('success', 'Note deleted.');
      res.redirect(`/admin/clients/${accountId}`);
    }),
  );

  router.post(
    '/clients/:id/sso',
    formRoute({ ...onTab('profile'), schema: ssoForm }, async (req, res, form) => {
      const accountId = idParam(req);
      await setAccountSso(adminOf(req, res), accountId, form.ssoEnabled);
      req.flash(
        'success',
        form.ssoEnabled ? 'Single sign-on allowed for this client.' : 'Single sign-on turned off for this client.',
      );
      res.redirect(`/admin/clients/${accountId}/profile`);
    }),
  );
  return router;
}
