// Invoices (`invoices`): list, view, pay through the built-in Test Gateway.
import { Router } from 'express';
import { getInvoice, listInvoices, payInvoice, TEST_GATEWAY } from '../../../services/billing/invoices.js';
import { idParam, requirePermission } from '../../middleware/guards.js';
import { actorOf, accessOf } from '../route-context.js';

export function invoiceRoutes() {
  const router = Router();
  const gate = requirePermission('invoices');

  router.get('/invoices', gate, async (_req, res) => {
    res.page('client/sections/invoices', { title: 'My Invoices', invoices: await listInvoices(accessOf(res)) });
  });

  router.get('/invoices/:id', gate, async (req, res) => {
    const invoice = await getInvoice(accessOf(res), idParam(req));
    res.page('client/sections/invoice', { title: `Invoice #${invoice.id}`, invoice, gateway: TEST_GATEWAY });
  });

  router.post('/invoices/:id/pay', gate, async (req, res) => {
    const id = idParam(req);
    const transaction = await payInvoice(actorOf(req, res), accessOf(res), id);
    req.flash('success', `Payment received, thank you. Transaction reference ${transaction.reference}.`);
    res.redirect(`/invoices/${id}`);
  });
  return router;
}
