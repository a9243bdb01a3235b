// The header's quick search (issue 14): results grouped by kind, as JSON for the header's
// drop-down (public/js/admin.js) and as a page of its own (no JavaScript, or Enter).
import { Router } from 'express';
import { quickSearch } from '../../services/search/quick-search.js';
import { textParam } from '../schemas/admin/filters.js';

export function adminSearchRoutes() {
  const router = Router();
  router.get('/search.json', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(await quickSearch(textParam(req.query.q)));
  });
  router.get('/search', async (req, res) => {
    const result = await quickSearch(textParam(req.query.q));
    res.page('admin/search', { title: result.query ? `Search: ${result.query}` : 'Search', ...result });
  });
  return router;
}
