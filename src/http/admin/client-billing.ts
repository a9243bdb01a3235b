// A client's products/services, invoices and quotes as staff manage them from the profile tabs.
import { Router } from 'express';
import { clientService } from '../../services/accounts/client-profile.js';
import { createInvoice, createQuote, markInvoicePaid } from '../../services/billing/staff-billing.js';
import { addDomainForClient } from '../../services/hosting/staff-domains.js';
import { addService, updateService } from '../../services/hosting/staff-services.js';
import { AppError } from '../../lib/errors.js';
import { formRoute } from '../forms.js';
import { idParam } from '../middleware/guards.js';
import {
  addDomainForm,
  addServiceForm,
  editServiceForm,
  invoiceForm,
  quoteForm,
} from '../schemas/admin/client-billing.js';
import { onTab } from './client-profile.js';
import { adminOf } from './guard.js';

async function serviceLocals(accountId: number, serviceId: number) {
  const found = await clientService(accountId, serviceId);
  if (!found.service) throw new AppError('NOT_FOUND', 'Service not found.');
  return { title: `Service #${serviceId}`, ...found, service: found.service };
}

export function adminClientBillingRoutes() {
  const router = Router();

  router.post(
    '/clients/:id/domains',
    formRoute({ ...onTab('domains'), schema: addDomainForm }, async (req, res, form) => {
      const accountId = idParam(req);
      const domain = await addDomainForClient(adminOf(req, res), accountId, form);
      req.flash('success', `Domain ${domain.name} added.`);
      res.redirect(`/admin/clients/${accountId}/domains`);
    }),
  );

  router.post(
    '/clients/:id/services',
    formRoute({ ...onTab('services'), schema: addServiceForm }, async (req, res, form) => {
      const accountId = idParam(req);
      const service = await addService(adminOf(req, res), accountId, form);
      req.flash('success', `Service #${service.id} added.`);
      res.redirect(`/admin/clients/${accountId}/services`);
    }),
  );
  router.get('/clients/:id/services/:serviceId', async (req, res) => {
    const locals = await serviceLocals(idParam(req), idParam(req, 'serviceId'));
    res.page('admin/clients/service', { ...locals, values: { ...locals.service, password: '' } });
  });
  router.post(
    '/clients/:id/services/:serviceId',
    formRoute(
      {
        view: 'admin/clients/service',
        locals: (req) => serviceLocals(idParam(req), idParam(req, 'serviceId')),
        schema: editServiceForm,
      },
      async (req, res, form) => {
        const accountId = idParam(req);
        const serviceId = idParam(req, 'serviceId');
        await updateService(adminOf(req, res), accountId, serviceId, form);
        req.flash('success', `Service #${serviceId} saved.`);
        res.redirect(`/admin/clients/${accountId}/services`);
      },
    ),
  );

  router.post(
    '/clients/:id/invoices',
    formRoute({ ...onTab('invoices'), schema: invoiceForm }, async (req, res, form) => {
      const accountId = idParam(req);
      const invoice = await createInvoice(adminOf(req, res), accountId, {
        items: [{ description: form.description, amount: form.amount }],
        dueAt: form.dueAt,
      });
      req.flash('success', `Invoice #${invoice.id} created.`);
      res.redirect(`/admin/clients/${accountId}/invoices`);
    }),
  );
  router.post(
    '/clients/:id/invoices/:invoiceId/paid',
    formRoute(onTab('invoices'), async (req, res) => {
      const accountId = idParam(req);
      const invoiceId = idParam(req, 'invoiceId');
      await markInvoicePaid(adminOf(req, res), accountId, invoiceId);
      req.flash('success', `Invoice #${invoiceId} marked paid.`);
      res.redirect(`/admin/clients/${accountId}/invoices`);
    }),
  );

  router.post(
    '/clients/:id/quotes',
    formRoute({ ...onTab('quotes'), schema: quoteForm }, async (req, res, form) => {
      const accountId = idParam(req);
      const quote = await createQuote(adminOf(req, res), accountId, {
        subject: form.subject,
        items: [{ description: form.description, amount: form.amount }],
        validUntil: form.validUntil,
      });
      req.flash('success', `Quote #${quote.id} created.`);
      res.redirect(`/admin/clients/${accountId}/quotes`);
    }),
  );

  return router;
}
