// "Manage API Credentials" (issue 11): create a credential for an admin (its secret shown once,
// on the answer to the form, never stored readable nor put in the session), revoke one, and the
// API reference generated from the API's own schemas.
import { Router, type Request, type Response } from 'express';
import { API_ACTIONS } from '../../policies/api-access.js';
import { listAdmins } from '../../services/admins/admins.js';
import { createApiCredential, listApiCredentials, revokeApiCredential } from '../../services/api/credentials.js';
import { getSetting } from '../../services/settings/settings.js';
import { apiReference } from '../api/reference.js';
import { formRoute } from '../forms.js';
import { idParam } from '../middleware/guards.js';
import { apiCredentialForm } from '../schemas/api-credentials.js';
import { adminOf, requireStaff } from './guard.js';

const endpoint = async () => `${(await getSetting('publicUrl')).replace(/\/+$/, '')}/includes/api.php`;

const listLocals = async (req: Request, res: Response) => ({
  title: 'Manage API Credentials',
  credentials: await listApiCredentials(adminOf(req, res)),
  admins: await listAdmins(),
  groups: apiReference().map((g) => ({ group: g.group, functions: g.functions.map((f) => f.name) })),
  actionCount: API_ACTIONS.length,
  endpoint: await endpoint(),
  currentAdminId: res.locals.currentAdmin!.id,
});

export function adminApiRoutes() {
  const router = Router();

  router.get('/api/credentials', async (req, res) => {
    const locals = await listLocals(req, res);
    res.page('admin/api/credentials', { ...locals, values: { adminId: locals.currentAdminId, scope: 'chosen' } });
  });

  router.post(
    '/api/credentials',
    formRoute(
      { view: 'admin/api/credentials', locals: listLocals, schema: apiCredentialForm },
      async (req, res, form) => {
        const { credential, identifier, secret } = await createApiCredential(adminOf(req, res), {
          admin: { id: form.adminId },
          name: form.name,
          description: form.description,
          actions: form.scope === 'all' ? 'all' : form.actions,
          ipAllowList: form.ipAllowList,
        });
        // The one and only time the secret is shown: this answer, not cached, not kept anywhere.
        res.set('Cache-Control', 'no-store');
        res.status(201).page('admin/api/created', {
          title: 'API Credential Created',
          credential,
          identifier,
          secret,
          endpoint: await endpoint(),
        });
      },
    ),
  );

  router.post('/api/credentials/:id/revoke', async (req, res) => {
    await revokeApiCredential(adminOf(req, res), idParam(req));
    req.flash('success', 'API credential revoked. Calls with it are refused from now on.');
    res.redirect('/admin/api/credentials');
  });

  // The same role as the credentials page and the navigation's API link (settings).
  router.get('/api/reference', requireStaff('settings'), async (_req, res) => {
    res.page('admin/api/reference', { title: 'API Reference', groups: apiReference(), endpoint: await endpoint() });
  });

  return router;
}
