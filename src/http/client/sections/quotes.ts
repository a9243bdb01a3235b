// Quotes (`quotes`): list, view, accept (which creates an invoice).
import { Router } from 'express';
import { acceptQuote, getQuote, listQuotes } from '../../../services/billing/quotes.js';
import { idParam, requirePermission } from '../../middleware/guards.js';
import { actorOf, accessOf } from '../route-context.js';

export function quoteRoutes() {
  const router = Router();
  const gate = requirePermission('quotes');

  router.get('/quotes', gate, async (_req, res) => {
    res.page('client/sections/quotes', { title: 'My Quotes', quotes: await listQuotes(accessOf(res)) });
  });

  router.get('/quotes/:id', gate, async (req, res) => {
    const quote = await getQuote(accessOf(res), idParam(req));
    res.page('client/sections/quote', { title: `Quote #${quote.id}`, quote });
  });

  router.post('/quotes/:id/accept', gate, async (req, res) => {
    const id = idParam(req);
    const invoice = await acceptQuote(actorOf(req, res), accessOf(res), id);
    req.flash('success', `Quote accepted. Invoice #${invoice.id} has been created.`);
    res.redirect(res.locals.can('invoices') ? `/invoices/${invoice.id}` : `/quotes/${id}`);
  });
  return router;
}
