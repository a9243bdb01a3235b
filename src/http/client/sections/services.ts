// Products & Services (`products`), the password (`manageproducts`), control-panel single
// sign-on (`productsso`) and cancellation requests (`orders`).
import { Router } from 'express';
import {
  getService,
  listServices,
  requestCancellation,
  resetServicePassword,
  revealServicePassword,
  startServiceSso,
} from '../../../services/hosting/hosting-services.js';
import { CANCELLATION_TYPES } from '../../../services/hosting/constants.js';
import { onFailRender } from '../../errors.js';
import { parseForm } from '../../forms.js';
import { idParam, requirePermission } from '../../middleware/guards.js';
import { cancellationForm } from '../../schemas/sections.js';
import { actorOf, accessOf } from '../route-context.js';

export function serviceRoutes() {
  const router = Router();

  router.get('/services', requirePermission('products'), async (_req, res) => {
    res.page('client/sections/services', {
      title: 'My Products & Services',
      services: await listServices(accessOf(res)),
    });
  });

  router.get('/services/:id', requirePermission('products'), async (req, res) => {
    const service = await getService(accessOf(res), idParam(req));
    // The password is read (decrypted) only for a user with `manageproducts`.
    const password = res.locals.can('manageproducts') ? await revealServicePassword(accessOf(res), service.id) : null;
    res.page('client/sections/service', { title: service.product.name, service, password });
  });

  router.post('/services/:id/password', requirePermission('manageproducts'), async (req, res) => {
    const id = idParam(req);
    await resetServicePassword(actorOf(req, res), accessOf(res), id);
    req.flash('success', 'A new password was generated for this service.');
    res.redirect(res.locals.can('products') ? `/services/${id}` : '/');
  });

  router.post('/services/:id/sso', requirePermission('productsso'), async (req, res) => {
    res.redirect(303, await startServiceSso(actorOf(req, res), accessOf(res), idParam(req)));
  });

  const cancelLocals = { title: 'Request Cancellation', types: CANCELLATION_TYPES };
  router.get('/services/:id/cancel', requirePermission('orders'), async (req, res) => {
    const service = await getService(accessOf(res), idParam(req), 'orders');
    res.page('client/sections/service-cancel', { ...cancelLocals, service, values: { type: 'End of Billing Period' } });
  });

  router.post('/services/:id/cancel', requirePermission('orders'), async (req, res) => {
    const service = await getService(accessOf(res), idParam(req), 'orders');
    onFailRender(req, 'client/sections/service-cancel', { ...cancelLocals, service });
    const form = parseForm(cancellationForm, req.body);
    await requestCancellation(actorOf(req, res), accessOf(res), service.id, form);
    req.flash('success', 'Your cancellation request was received. We will process it shortly.');
    res.redirect(res.locals.can('products') ? `/services/${service.id}` : '/');
  });
  return router;
}
