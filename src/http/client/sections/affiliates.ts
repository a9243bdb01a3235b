// Affiliates (`affiliates`): activation (an explicit button: a page view never writes), referral
// link, balance, withdrawal requests.
import type { LocaleFormats } from '../../../lib/format.js';
import type { Request, Response } from 'express';
import { activateAffiliate, getAffiliate, requestWithdrawal } from '../../../services/billing/affiliates.js';
import { formRoute } from '../../forms.js';
import { withdrawalForm } from '../../schemas/sections.js';
import { gatedRouter } from '../gated-router.js';
import { contextOf } from '../route-context.js';

async function pageLocals(req: Request, res: Response) {
  const affiliate = await getAffiliate(contextOf(req, res));
  const referralLink = affiliate
    ? `${req.protocol}://${req.get('host') ?? 'localhost'}/store?aff=${encodeURIComponent(affiliate.code)}`
    : '';
  return { title: req.t('Affiliates'), affiliate, referralLink };
}

export function affiliateRoutes() {
  const { router, on } = gatedRouter();

  on('GET /affiliates', async (req, res) => res.page('client/sections/affiliates', await pageLocals(req, res)));

  on('POST /affiliates/activate', async (req, res) => {
    await activateAffiliate(contextOf(req, res));
    req.flash('success', req.t('Your affiliate account is active. Share your referral link to earn commission.'));
    res.redirect('/affiliates');
  });

  on(
    'POST /affiliates/withdraw',
    formRoute(
      { view: 'client/sections/affiliates', locals: pageLocals, schema: withdrawalForm },
      async (req, res, form) => {
        await requestWithdrawal(contextOf(req, res), form.amount);
        req.flash(
          'success',
          req.t('Your withdrawal request for {{amount}} was received.', {
            amount: (res.locals.fmt as LocaleFormats).money(form.amount),
          }),
        );
        res.redirect('/affiliates');
      },
    ),
  );
  return router;
}
