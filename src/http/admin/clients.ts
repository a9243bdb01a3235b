// Clients list, "Add New Client", and the client profile with its tabs (SPEC rule 16).
import { Router, type Request, type Response } from 'express';
import { db } from '../../db/client.js';
import { COUNTRIES } from '../../lib/countries.js';
import { listActivityWithActors } from '../../services/activity/with-actors.js';
import {
  ACCOUNT_STATUSES,
  clientSummary,
  createAccountWithOwnerByAdmin,
  searchClients,
} from '../../services/accounts/clients.js';
import { createInvoice, createQuote, markInvoicePaid } from '../../services/billing/staff-billing.js';
import { updateService } from '../../services/hosting/staff-services.js';
import { addService } from '../../services/hosting/staff-services.js';
import { SERVICE_STATUSES } from '../../services/hosting/constants.js';
import { BILLING_CYCLES } from '../../services/billing/constants.js';
import { setAccountStatus, updateAccountProfile } from '../../services/accounts/accounts.js';
import { listInvitations } from '../../services/invitations/invitations.js';
import { listEmails } from '../../services/mail/email-log.js';
import { listAccountUsers } from '../../services/memberships/memberships.js';
import { listTickets } from '../../services/tickets/staff-tickets.js';
import { onFailRender } from '../errors.js';
import { parseForm } from '../forms.js';
import { idParam } from '../middleware/guards.js';
import {
  LANGUAGES,
  accountStatusForm,
  addServiceForm,
  billingProfileForm,
  editServiceForm,
  invoiceForm,
  newClientForm,
  pageParam,
  quoteForm,
  textParam,
} from '../schemas/admin.js';
import { adminOf } from './guard.js';

export const CLIENT_TABS = [
  ['summary', 'Summary'],
  ['profile', 'Profile'],
  ['users', 'Users'],
  ['contacts', 'Contacts'],
  ['services', 'Products/Services'],
  ['domains', 'Domains'],
  ['invoices', 'Invoices'],
  ['quotes', 'Quotes'],
  ['tickets', 'Tickets'],
  ['emails', 'Emails'],
  ['log', 'Log'],
] as const;
export type ClientTab = (typeof CLIENT_TABS)[number][0];

const countryOptions = () => COUNTRIES.map((c) => ({ value: c.code, label: c.name }));

/** Everything the client profile page needs for one tab. */
export async function clientTabLocals(
  accountId: number,
  tab: ClientTab,
  req: Request,
): Promise<Record<string, unknown>> {
  const summary = await clientSummary(accountId);
  const page = pageParam(req.query.page);
  const base = { title: `Client #${accountId}`, tab, tabs: CLIENT_TABS, ...summary };
  switch (tab) {
    case 'summary': {
      const { entries } = await listActivityWithActors({ accountId, perPage: 10 });
      return { ...base, activity: entries };
    }
    case 'profile':
      return { ...base, countries: countryOptions(), statuses: ACCOUNT_STATUSES, values: summary.account };
    case 'users': {
      const [users, invitations] = await Promise.all([listAccountUsers(accountId), listInvitations(accountId)]);
      return {
        ...base,
        users,
        pendingInvites: invitations.filter((i) => i.state === 'pending' || i.state === 'expired'),
        acceptedInvites: invitations.filter((i) => i.state === 'accepted').slice(0, 10),
      };
    }
    case 'contacts':
      return { ...base, contacts: await db().contact.findMany({ where: { accountId }, orderBy: { id: 'asc' } }) };
    case 'services': {
      const [services, products] = await Promise.all([
        db().service.findMany({
          where: { accountId },
          orderBy: { id: 'desc' },
          include: { product: { select: { name: true } } },
        }),
        db().product.findMany({ orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] }),
      ]);
      return { ...base, services, products, serviceStatuses: SERVICE_STATUSES, billingCycles: BILLING_CYCLES };
    }
    case 'domains':
      return { ...base, domains: await db().domain.findMany({ where: { accountId }, orderBy: { name: 'asc' } }) };
    case 'invoices':
      return {
        ...base,
        invoices: await db().invoice.findMany({
          where: { accountId },
          orderBy: { id: 'desc' },
          include: { items: true },
        }),
      };
    case 'quotes':
      return {
        ...base,
        quotes: await db().quote.findMany({ where: { accountId }, orderBy: { id: 'desc' }, include: { items: true } }),
      };
    case 'tickets':
      return { ...base, ...(await listTickets({ accountId, page })) };
    case 'emails':
      return { ...base, ...(await listEmails({ accountId, page })) };
    case 'log':
      return { ...base, ...(await listActivityWithActors({ accountId, page })) };
  }
}

async function showTab(req: Request, res: Response, tab: ClientTab, extra: Record<string, unknown> = {}) {
  const accountId = idParam(req);
  res.page('admin/clients/show', { ...(await clientTabLocals(accountId, tab, req)), ...extra });
}

/** Marks the tab as the form to re-render when the action fails with a 4xx. */
async function failOnTab(req: Request, tab: ClientTab) {
  const accountId = idParam(req);
  onFailRender(req, 'admin/clients/show', await clientTabLocals(accountId, tab, req));
  return accountId;
}

export function adminClientRoutes() {
  const router = Router();

  router.get('/clients', async (req, res) => {
    const q = textParam(req.query.q);
    const status = textParam(req.query.status, 20);
    const page = pageParam(req.query.page);
    const result = await searchClients({ query: q, status, page });
    res.page('admin/clients/index', { title: 'Clients', q, status, statuses: ACCOUNT_STATUSES, ...result });
  });

  const newLocals = () => ({ title: 'Add New Client', countries: countryOptions(), languages: LANGUAGES });
  router.get('/clients/new', (_req, res) =>
    res.page('admin/clients/new', { ...newLocals(), values: { country: 'US' } }),
  );
  router.post('/clients', async (req, res) => {
    onFailRender(req, 'admin/clients/new', newLocals());
    const form = parseForm(newClientForm, req.body);
    const { account, user } = await createAccountWithOwnerByAdmin(adminOf(req, res), form);
    req.flash(
      'success',
      `Client #${account.id} created. ${user.email} owns it and was sent an email to set a password.`,
    );
    res.redirect(`/admin/clients/${account.id}`);
  });

  router.get('/clients/:id', (req, res) => showTab(req, res, 'summary'));
  for (const [tab] of CLIENT_TABS) {
    if (tab === 'summary') continue;
    router.get(`/clients/:id/${tab}`, (req, res) => showTab(req, res, tab));
  }

  // Profile
  router.post('/clients/:id/profile', async (req, res) => {
    const accountId = await failOnTab(req, 'profile');
    const form = parseForm(billingProfileForm, req.body);
    await updateAccountProfile(adminOf(req, res), accountId, form);
    req.flash('success', 'Client profile saved.');
    res.redirect(`/admin/clients/${accountId}/profile`);
  });
  router.post('/clients/:id/status', async (req, res) => {
    const accountId = await failOnTab(req, 'profile');
    const form = parseForm(accountStatusForm, req.body);
    await setAccountStatus(adminOf(req, res), accountId, form.status);
    req.flash('success', `Client status set to ${form.status}.`);
    res.redirect(`/admin/clients/${accountId}/profile`);
  });

  // Products/Services
  router.post('/clients/:id/services', async (req, res) => {
    const accountId = await failOnTab(req, 'services');
    const form = parseForm(addServiceForm, req.body);
    const service = await addService(adminOf(req, res), accountId, form);
    req.flash('success', `Service #${service.id} added.`);
    res.redirect(`/admin/clients/${accountId}/services`);
  });
  const serviceLocals = async (accountId: number, serviceId: number) => {
    const service = await db().service.findFirst({
      where: { id: serviceId, accountId },
      include: { product: { select: { name: true } } },
    });
    const summary = await clientSummary(accountId);
    return { title: `Service #${serviceId}`, service, account: summary.account, serviceStatuses: SERVICE_STATUSES };
  };
  router.get('/clients/:id/services/:serviceId', async (req, res) => {
    const locals = await serviceLocals(idParam(req), idParam(req, 'serviceId'));
    if (!locals.service)
      return res
        .status(404)
        .page('errors/admin-error', { title: 'Not found', status: 404, message: 'Service not found.' });
    res.page('admin/clients/service', { ...locals, values: { ...locals.service, password: '' } });
  });
  router.post('/clients/:id/services/:serviceId', async (req, res) => {
    const accountId = idParam(req);
    const serviceId = idParam(req, 'serviceId');
    onFailRender(req, 'admin/clients/service', await serviceLocals(accountId, serviceId));
    const form = parseForm(editServiceForm, req.body);
    await updateService(adminOf(req, res), accountId, serviceId, form);
    req.flash('success', `Service #${serviceId} saved.`);
    res.redirect(`/admin/clients/${accountId}/services`);
  });

  // Invoices
  router.post('/clients/:id/invoices', async (req, res) => {
    const accountId = await failOnTab(req, 'invoices');
    const form = parseForm(invoiceForm, req.body);
    const invoice = await createInvoice(adminOf(req, res), accountId, {
      items: [{ description: form.description, amount: form.amount }],
      dueAt: form.dueAt,
    });
    req.flash('success', `Invoice #${invoice.id} created.`);
    res.redirect(`/admin/clients/${accountId}/invoices`);
  });
  router.post('/clients/:id/invoices/:invoiceId/paid', async (req, res) => {
    const accountId = await failOnTab(req, 'invoices');
    const invoiceId = idParam(req, 'invoiceId');
    await markInvoicePaid(adminOf(req, res), accountId, invoiceId);
    req.flash('success', `Invoice #${invoiceId} marked paid.`);
    res.redirect(`/admin/clients/${accountId}/invoices`);
  });

  // Quotes
  router.post('/clients/:id/quotes', async (req, res) => {
    const accountId = await failOnTab(req, 'quotes');
    const form = parseForm(quoteForm, req.body);
    const quote = await createQuote(adminOf(req, res), accountId, {
      subject: form.subject,
      items: [{ description: form.description, amount: form.amount }],
      validUntil: form.validUntil,
    });
    req.flash('success', `Quote #${quote.id} created.`);
    res.redirect(`/admin/clients/${accountId}/quotes`);
  });

  return router;
}
