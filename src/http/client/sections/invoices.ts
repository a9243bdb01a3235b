// Invoices (`invoices`): list, view, pay through the built-in Test Gateway.
import { getInvoice, listInvoices, payInvoice } from '../../../services/billing/invoices.js';
import { TEST_GATEWAY } from '../../../services/billing/constants.js';
import { invoicePdf } from '../../../services/billing/invoice-pdf.js';
import { countryName } from '../../../lib/countries.js';
import { idParam } from '../../middleware/guards.js';
import { gatedRouter } from '../gated-router.js';
import { contextOf } from '../route-context.js';
import { confirmFirst, confirmations, textsOf } from '../confirmations.js';

export function invoiceRoutes() {
  const { router, on } = gatedRouter();

  on('GET /invoices', async (req, res) => {
    res.page('client/sections/invoices', {
      title: req.t('My Invoices'),
      invoices: await listInvoices(contextOf(req, res)),
    });
  });

  on('GET /invoices/:id', async (req, res) => {
    const invoice = await getInvoice(contextOf(req, res), idParam(req));
    res.page('client/sections/invoice', {
      title: req.t('Invoice #{{id}}', { id: invoice.id }),
      invoice,
      gateway: TEST_GATEWAY,
      countryName,
    });
  });

  on('GET /invoices/:id/pdf', async (req, res) => {
    const { filename, pdf } = await invoicePdf(contextOf(req, res), idParam(req), req.language);
    res.type('application/pdf').attachment(filename).send(pdf);
  });

  on(
    'POST /invoices/:id/pay',
    confirmFirst(
      async (req, res) => {
        const invoice = await getInvoice(contextOf(req, res), idParam(req));
        return {
          ...confirmations.payInvoice(textsOf(req, res), invoice, TEST_GATEWAY),
          back: `/invoices/${invoice.id}`,
        };
      },
      async (req, res) => {
        const id = idParam(req);
        const transaction = await payInvoice(contextOf(req, res), id);
        req.flash(
          'success',
          req.t('Payment received, thank you. Transaction reference {{reference}}.', {
            reference: transaction.reference,
          }),
        );
        res.redirect(`/invoices/${id}`);
      },
    ),
  );
  return router;
}
