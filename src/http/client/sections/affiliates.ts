// Affiliates (`affiliates`): referral link, balance, withdrawal requests.
import { Router, type Request, type Response } from 'express';
import { getOrCreateAffiliate, requestWithdrawal } from '../../../services/billing/affiliates.js';
import { onFailRender } from '../../errors.js';
import { parseForm } from '../../forms.js';
import { requirePermission } from '../../middleware/guards.js';
import { withdrawalForm } from '../../schemas/sections.js';
import { actorOf, accessOf } from '../route-context.js';

async function pageLocals(req: Request, res: Response) {
  const affiliate = await getOrCreateAffiliate(actorOf(req, res), accessOf(res));
  const referralLink = `${req.protocol}://${req.get('host') ?? 'localhost'}/store?aff=${encodeURIComponent(affiliate.code)}`;
  return { title: 'Affiliates', affiliate, referralLink };
}

export function affiliateRoutes() {
  const router = Router();
  const gate = requirePermission('affiliates');

  router.get('/affiliates', gate, async (req, res) => {
    res.page('client/sections/affiliates', await pageLocals(req, res));
  });

  router.post('/affiliates/withdraw', gate, async (req, res) => {
    onFailRender(req, 'client/sections/affiliates', await pageLocals(req, res));
    const form = parseForm(withdrawalForm, req.body);
    await requestWithdrawal(actorOf(req, res), accessOf(res), form.amount);
    req.flash('success', `Your withdrawal request for ${Number(form.amount).toFixed(2)} was received.`);
    res.redirect('/affiliates');
  });
  return router;
}
