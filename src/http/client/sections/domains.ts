// Domains (`domains`); nameserver / auto-renew / registrar-lock changes need `managedomains`.
import { Router } from 'express';
import { getDomain, listDomains, updateDomainSettings } from '../../../services/hosting/domains.js';
import { onFailRender } from '../../errors.js';
import { parseForm } from '../../forms.js';
import { idParam, requirePermission } from '../../middleware/guards.js';
import { domainSettingsForm } from '../../schemas/sections.js';
import { actorOf, accessOf } from '../route-context.js';

function domainValues(d: { nameservers: string[]; autoRenew: boolean; locked: boolean }) {
  const [ns1 = '', ns2 = '', ns3 = '', ns4 = ''] = d.nameservers;
  return { ns1, ns2, ns3, ns4, autoRenew: d.autoRenew, locked: d.locked };
}

export function domainRoutes() {
  const router = Router();

  router.get('/domains', requirePermission('domains'), async (_req, res) => {
    res.page('client/sections/domains', { title: 'My Domains', domains: await listDomains(accessOf(res)) });
  });

  router.get('/domains/:id', requirePermission('domains'), async (req, res) => {
    const domain = await getDomain(accessOf(res), idParam(req));
    res.page('client/sections/domain', { title: domain.name, domain, values: domainValues(domain) });
  });

  router.post('/domains/:id', requirePermission('managedomains'), async (req, res) => {
    const domain = await getDomain(accessOf(res), idParam(req), 'managedomains');
    onFailRender(req, 'client/sections/domain', { title: domain.name, domain });
    const form = parseForm(domainSettingsForm, req.body);
    const nameservers = [form.ns1, form.ns2, form.ns3, form.ns4].filter(Boolean);
    await updateDomainSettings(actorOf(req, res), accessOf(res), domain.id, {
      nameservers,
      autoRenew: form.autoRenew,
      locked: form.locked,
    });
    req.flash('success', 'The domain settings were saved.');
    res.redirect(res.locals.can('domains') ? `/domains/${domain.id}` : '/');
  });
  return router;
}
