// Clients list, "Add New Client", the client profile's tabs (SPEC rule 16) and its Profile tab's
// actions.
import { Router } from 'express';
import { setAccountSingleSignOn, setAccountStatus, updateAccountProfile } from '../../services/accounts/accounts.js';
import { CLIENT_TABS } from '../../services/accounts/client-profile.js';
import { createAccountWithOwnerByAdmin } from '../../services/accounts/clients.js';
import { CLIENT_LIST, exportClients, listClients, type ClientFilter } from '../../services/accounts/client-list.js';
import { ACCOUNT_STATUSES } from '../../services/accounts/constants.js';
import { sendCsv } from '../csv.js';
import { formRoute } from '../forms.js';
import { listParams } from '../schemas/lists.js';
import { idParam } from '../middleware/guards.js';
import { ADMIN_LANGUAGES } from '../schemas/admin/common.js';
import { accountStatusForm, billingProfileForm, newClientForm, singleSignOnForm } from '../schemas/admin/clients.js';
import { textParam } from '../schemas/admin/filters.js';
import { clientTabLocals, countryOptions, onTab } from './client-profile.js';
import { adminOf } from './guard.js';

const newLocals = () => ({ title: 'Add New Client', countries: countryOptions(), languages: ADMIN_LANGUAGES });

export function adminClientRoutes() {
  const router = Router();

  const filterOf = (query: Record<string, unknown>): ClientFilter & { q: string; status: string } => {
    const q = textParam(query.q);
    const status = textParam(query.status, 20);
    return { q, status, query: q };
  };

  router.get('/clients', async (req, res) => {
    const filter = filterOf(req.query);
    const result = await listClients(filter, listParams(req.query, CLIENT_LIST.sorts));
    res.page('admin/clients/index', {
      title: 'Clients',
      q: filter.q,
      status: filter.status,
      statuses: ACCOUNT_STATUSES,
      sorts: CLIENT_LIST.sorts,
      ...result,
    });
  });

  router.get('/clients.csv', async (req, res) => {
    const filter = filterOf(req.query);
    await sendCsv(
      res,
      'clients.csv',
      [
        { header: 'ID', value: (c) => c.id },
        { header: 'First Name', value: (c) => c.firstName },
        { header: 'Last Name', value: (c) => c.lastName },
        { header: 'Company', value: (c) => c.companyName },
        { header: 'Email', value: (c) => c.email },
        { header: 'Users', value: (c) => c._count.users },
        { header: 'Services', value: (c) => c._count.services },
        { header: 'Created', value: (c) => c.createdAt },
        { header: 'Status', value: (c) => c.status },
      ],
      exportClients(filter, listParams(req.query, CLIENT_LIST.sorts)),
    );
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
