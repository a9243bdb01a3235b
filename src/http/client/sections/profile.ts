// Account Profile (`profile`): the account's billing profile.
import { Router } from 'express';
import { COUNTRIES } from '../../../lib/countries.js';
import { getAccountProfile, updateAccountProfileAsUser } from '../../../services/accounts/accounts.js';
import { onFailRender } from '../../errors.js';
import { parseForm } from '../../forms.js';
import { requirePermission } from '../../middleware/guards.js';
import { profileForm } from '../../schemas/sections.js';
import { accessOf, actorOf } from '../route-context.js';

export function profileRoutes() {
  const router = Router();
  const gate = requirePermission('profile');
  const locals = { title: 'Account Profile', countries: COUNTRIES };

  router.get('/account/profile', gate, async (_req, res) => {
    const account = await getAccountProfile(accessOf(res));
    res.page('client/sections/profile', { ...locals, values: account });
  });

  router.post('/account/profile', gate, async (req, res) => {
    onFailRender(req, 'client/sections/profile', locals);
    const form = parseForm(profileForm, req.body);
    await updateAccountProfileAsUser(actorOf(req, res), accessOf(res), form);
    req.flash('success', 'The account profile was saved.');
    res.redirect('/account/profile');
  });
  return router;
}
