// Clients list, "Add New Client", the client profile's tabs (SPEC rule 16) and its Profile tab's
// actions.
import { Router } from 'express';
import { setAccountSingleSignOn, setAccountStatus, updateAccountProfile } from '../../services/accounts/accounts.js';
import { CLIENT_TABS } from '../../services/accounts/client-profile.js';
import { createAccountWithOwnerByAdmin, searchClients } from '../../services/accounts/clients.js';
import { ACCOUNT_STATUSES } from '../../services/accounts/constants.js';
import { formRoute } from '../forms.js';
import { idParam } from '../middleware/guards.js';
import {
  LANGUAGES,
  accountStatusForm,
  billingProfileForm,
  newClientForm,
  pageParam,
  singleSignOnForm,
  textParam,
} from '../schemas/admin.js';
import { clientTabLocals, countryOptions, onTab } from './client-profile.js';
import { adminOf } from './guard.js';

const newLocals = () => ({ title: 'Add New Client', countries: countryOptions(), languages: LANGUAGES });

export function adminClientRoutes() {
  const router = Router();

  router.get('/clients', async (req, res) => {
    const q = textParam(req.query.q);
    const status = textParam(req.query.status, 20);
    const result = await searchClients({ query: q, status, page: pageParam(req.query.page) });
    res.page('admin/clients/index', { title: 'Clients', q, status, statuses: ACCOUNT_STATUSES, ...result });
  });

  router.get('/clients/new', (_req, res) =>
    res.page('admin/clients/new', { ...newLocals(), values: { country: 'US' } }),
  );
  router.post(
    '/clients',
    formRoute({ view: 'admin/clients/new', locals: newLocals, schema: newClientForm }, async (req, res, form) => {
      const { account, user } = await createAccountWithOwnerByAdmin(adminOf(req, res), form);
      req.flash(
        'success',
        `Client #${account.id} created. ${user.email} owns it and was sent an email to set a password.`,
      );
      res.redirect(`/admin/clients/${account.id}`);
    }),
  );

  router.get('/clients/:id', async (req, res) => res.page('admin/clients/show', await clientTabLocals(req, 'summary')));
  for (const [tab] of CLIENT_TABS) {
    if (tab === 'summary') continue;
    router.get(`/clients/:id/${tab}`, async (req, res) =>
      res.page('admin/clients/show', await clientTabLocals(req, tab)),
    );
  }

  router.post(
    '/clients/:id/profile',
    formRoute({ ...onTab('profile'), schema: billingProfileForm }, async (req, res, form) => {
      const accountId = idParam(req);
      await updateAccountProfile(adminOf(req, res), accountId, form);
      req.flash('success', 'Client profile saved.');
      res.redirect(`/admin/clients/${accountId}/profile`);
    }),
  );
  router.post(
    '/clients/:id/status',
    formRoute({ ...onTab('profile'), schema: accountStatusForm }, async (req, res, form) => {
      const accountId = idParam(req);
      await setAccountStatus(adminOf(req, res), accountId, form.status);
      req.flash('success', `Client status set to ${form.status}.`);
      res.redirect(`/admin/clients/${accountId}/profile`);
    }),
  );

  router.post(
    '/clients/:id/sso',
    formRoute({ ...onTab('profile'), schema: singleSignOnForm }, async (req, res, form) => {
      const accountId = idParam(req);
      await setAccountSingleSignOn(adminOf(req, res), accountId, form.allowSingleSignOn);
      req.flash('success', `Single sign-on ${form.allowSingleSignOn ? 'allowed' : 'blocked'} for this client.`);
      res.redirect(`/admin/clients/${accountId}/profile`);
    }),
  );

  return router;
}
