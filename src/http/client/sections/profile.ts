// Account Profile (`profile`): the account's billing profile.
import { COUNTRIES } from '../../../lib/countries.js';
import { getAccountProfile, updateAccountProfileAsUser } from '../../../services/accounts/accounts.js';
import { formRoute } from '../../forms.js';
import { profileForm } from '../../schemas/sections.js';
import { gatedRouter } from '../gated-router.js';
import { contextOf } from '../route-context.js';

const locals = { title: 'Account Profile', countries: COUNTRIES };

export function profileRoutes() {
  const { router, on } = gatedRouter();

  on('GET /account/profile', async (req, res) => {
    res.page('client/sections/profile', { ...locals, values: await getAccountProfile(contextOf(req, res)) });
  });

  on(
    'POST /account/profile',
    formRoute(
      { view: 'client/sections/profile', locals: () => locals, schema: profileForm },
      async (req, res, form) => {
        await updateAccountProfileAsUser(contextOf(req, res), form);
        req.flash('success', 'The account profile was saved.');
        res.redirect('/account/profile');
      },
    ),
  );
  return router;
}
