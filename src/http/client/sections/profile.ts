// Account Profile (`profile`): the account's billing profile.
import type { Request } from 'express';
import { COUNTRIES } from '../../../lib/countries.js';
import { getAccountProfile, updateAccountProfileAsUser } from '../../../services/accounts/accounts.js';
import { formRoute } from '../../forms.js';
import { profileForm } from '../../schemas/sections.js';
import { gatedRouter } from '../gated-router.js';
import { contextOf } from '../route-context.js';

const locals = (req: Request) => ({ title: req.t('Account Profile'), countries: COUNTRIES });

export function profileRoutes() {
  const { router, on } = gatedRouter();

  on('GET /account/profile', async (req, res) => {
    res.page('client/sections/profile', { ...locals(req), values: await getAccountProfile(contextOf(req, res)) });
  });

  on(
    'POST /account/profile',
    formRoute({ view: 'client/sections/profile', locals, schema: profileForm }, async (req, res, form) => {
      await updateAccountProfileAsUser(contextOf(req, res), form);
      req.flash('success', req.t('The account profile was saved.'));
      res.redirect('/account/profile');
    }),
  );
  return router;
}
