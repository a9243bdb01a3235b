// Choose Account / Switch Account, and the page for a user with no account left (SPEC rule 5).
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { listUserAccounts } from '../../services/memberships/memberships.js';
import { parseForm } from '../forms.js';
import { requireLogin } from '../middleware/guards.js';
import { safeReturnTo, selectAccount } from './login-session.js';

const chooseForm = z.object({ accountId: z.coerce.number().int().positive() });

export function accountRoutes() {
  const router = Router();

  const chooser: RequestHandler = async (req, res) => {
    const userId = res.locals.currentUser!.id;
    const accounts = await listUserAccounts(userId);
    if (!accounts.length) return res.redirect('/accounts/none');
    res.page('client/choose-account', { title: req.t('Choose Account'), accounts, selectedId: req.session.accountId });
  };
  router.get('/accounts/choose', requireLogin, chooser);
  // Switching on purpose from the menu: a deep link remembered earlier no longer applies.
  router.get('/accounts/switch', requireLogin, (req, res, next) => {
    if (req.session.returnTo) delete req.session.returnTo;
    return chooser(req, res, next);
  });

  router.post('/accounts/choose', requireLogin, async (req, res) => {
    const { accountId } = parseForm(chooseForm, req.body, req.language);
    // The page a deep link asked for before the chooser (bug 4), this site's paths only.
    const next = safeReturnTo(req.session.returnTo) ?? '/';
    // The id in the form is only a wish: selectAccount's service checks the membership.
    await selectAccount(req, res.locals.currentUser!.id, accountId, res.locals.access);
    if (req.session.returnTo) delete req.session.returnTo;
    res.redirect(next);
  });

  router.get('/accounts/none', requireLogin, async (req, res) => {
    const accounts = await listUserAccounts(res.locals.currentUser!.id);
    if (accounts.length) return res.redirect('/accounts/choose');
    res.page('client/no-account', { title: req.t('No Account Access') });
  });

  return router;
}
