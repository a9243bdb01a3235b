// Quotes (`quotes`): list, view, accept (which creates an invoice).
import { acceptQuote, getQuote, listQuotes } from '../../../services/billing/quotes.js';
import { idParam } from '../../middleware/guards.js';
import { gatedRouter } from '../gated-router.js';
import { contextOf } from '../route-context.js';
import { confirmFirst, confirmations, textsOf } from '../confirmations.js';

export function quoteRoutes() {
  const { router, on } = gatedRouter();

  on('GET /quotes', async (req, res) => {
    res.page('client/sections/quotes', { title: req.t('My Quotes'), quotes: await listQuotes(contextOf(req, res)) });
  });

  on('GET /quotes/:id', async (req, res) => {
    const quote = await getQuote(contextOf(req, res), idParam(req));
    res.page('client/sections/quote', { title: req.t('Quote #{{id}}', { id: quote.id }), quote });
  });

  on(
    'POST /quotes/:id/accept',
    confirmFirst(
      async (req, res) => {
        const quote = await getQuote(contextOf(req, res), idParam(req));
        return { ...confirmations.acceptQuote(textsOf(req, res), quote), back: `/quotes/${quote.id}` };
      },
      async (req, res) => {
        const id = idParam(req);
        const invoice = await acceptQuote(contextOf(req, res), id);
        req.flash('success', req.t('Quote accepted. Invoice #{{id}} has been created.', { id: invoice.id }));
        res.redirect(res.locals.can('invoices') ? `/invoices/${invoice.id}` : `/quotes/${id}`);
      },
    ),
  );
  return router;
}
