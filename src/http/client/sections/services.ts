// Products & Services (`products`), the password (`manageproducts`), control-panel single
// sign-on (`productsso`) and cancellation requests (`orders`).
import type { Request, Response } from 'express';
import { invoiceAwaitedBy } from '../../../services/billing/invoices.js';
import { CANCELLATION_TYPES } from '../../../services/hosting/constants.js';
import {
  getService,
  listServices,
  requestCancellation,
  resetServicePassword,
  revealServicePassword,
  startServiceSso,
} from '../../../services/hosting/hosting-services.js';
import { formRoute } from '../../forms.js';
import { idParam } from '../../middleware/guards.js';
import { cancellationForm } from '../../schemas/sections.js';
import { gatedRouter } from '../gated-router.js';
import { contextOf } from '../route-context.js';
import { confirmFirst, confirmations, textsOf } from '../confirmations.js';

const cancelLocals = async (req: Request, res: Response) => ({
  title: req.t('Request Cancellation'),
  types: CANCELLATION_TYPES,
  service: await getService(contextOf(req, res), idParam(req), 'orders'),
});

/** After an action on a service: its page, or home for a user who may not view services. */
const backToService = (res: Response, id: number) => (res.locals.can('products') ? `/services/${id}` : '/');

export function serviceRoutes() {
  const { router, on } = gatedRouter();

  on('GET /services', async (req, res) => {
    res.page('client/sections/services', {
      title: req.t('My Products & Services'),
      services: await listServices(contextOf(req, res)),
    });
  });

  on('GET /services/:id', async (req, res) => {
    const ctx = contextOf(req, res);
    const service = await getService(ctx, idParam(req));
    // The password is read (decrypted) only for a user with `manageproducts`.
    const password = res.locals.can('manageproducts') ? await revealServicePassword(ctx, service.id) : null;
    // A Pending service says what it waits for: the payment of its order's invoice.
    const awaitedInvoiceId = service.status === 'Pending' ? await invoiceAwaitedBy(ctx, service.id) : null;
    res.page('client/sections/service', { title: service.product.name, service, password, awaitedInvoiceId });
  });

  on(
    'POST /services/:id/password',
    confirmFirst(
      async (req, res) => {
        const service = await getService(contextOf(req, res), idParam(req), 'manageproducts');
        return { ...confirmations.resetServicePassword(textsOf(req, res)), back: backToService(res, service.id) };
      },
      async (req, res) => {
        const id = idParam(req);
        await resetServicePassword(contextOf(req, res), id);
        req.flash('success', req.t('A new password was generated for this service.'));
        res.redirect(backToService(res, id));
      },
    ),
  );

  // Not a redirect: our CSP's form-action 'self' makes Chromium refuse a form POST that redirects
  // to another origin (issue 13 bug 1). The answer is a page that goes on to the panel by a GET
  // navigation (meta refresh, and a link for when refresh is off), which form-action does not
  // govern. The signed token lives 60 seconds; the page is no-store and sends no Referer.
  on('POST /services/:id/sso', async (req, res) => {
    const ctx = contextOf(req, res);
    const id = idParam(req);
    const panelUrl = await startServiceSso(ctx, id);
    const service = await getService(ctx, id, 'productsso');
    res.page('client/sections/service-sso', {
      title: req.t('Opening your control panel'),
      service,
      panelUrl,
      refreshTo: panelUrl,
    });
  });

  on('GET /services/:id/cancel', async (req, res) => {
    res.page('client/sections/service-cancel', {
      ...(await cancelLocals(req, res)),
      values: { type: 'End of Billing Period' },
    });
  });

  on(
    'POST /services/:id/cancel',
    confirmFirst(
      async (req, res) => {
        const { service } = await cancelLocals(req, res);
        return {
          ...confirmations.requestCancellation(textsOf(req, res), service),
          back: `/services/${service.id}/cancel`,
        };
      },
      formRoute(
        { view: 'client/sections/service-cancel', locals: cancelLocals, schema: cancellationForm },
        async (req, res, form) => {
          const id = idParam(req);
          await requestCancellation(contextOf(req, res), id, form);
          req.flash('success', req.t('Your cancellation request was received. We will process it shortly.'));
          res.redirect(backToService(res, id));
        },
      ),
    ),
  );
  return router;
}
