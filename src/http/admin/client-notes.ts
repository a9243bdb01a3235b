// A client's admin notes on the Summary tab (issue 14): dated, by a member of staff.
import { Router } from 'express';
import { addClientNote, deleteClientNote } from '../../services/accounts/client-notes.js';
import { formRoute } from '../forms.js';
import { idParam } from '../middleware/guards.js';
import { noteForm } from '../schemas/admin/clients.js';
import { onTab } from './client-profile.js';
import { adminOf } from './guard.js';

export function adminClientNoteRoutes() {
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

  return router;
}
