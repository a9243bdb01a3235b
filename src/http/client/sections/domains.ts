// Domains (`domains`); nameserver / auto-renew / registrar-lock changes need `managedomains`.
import type { Request, Response } from 'express';
import { getDomain, listDomains, updateDomainSettings } from '../../../services/hosting/domains.js';
import { formRoute } from '../../forms.js';
import { idParam } from '../../middleware/guards.js';
import { domainSettingsForm } from '../../schemas/sections.js';
import { gatedRouter } from '../gated-router.js';
import { contextOf } from '../route-context.js';

function domainValues(d: { nameservers: string[]; autoRenew: boolean; locked: boolean }) {
  const [ns1 = '', ns2 = '', ns3 = '', ns4 = ''] = d.nameservers;
  return { ns1, ns2, ns3, ns4, autoRenew: d.autoRenew, locked: d.locked };
}

async function settingsLocals(req: Request, res: Response) {
  const domain = await getDomain(contextOf(req, res), idParam(req), 'managedomains');
  return { title: domain.name, domain };
}

export function domainRoutes() {
  const { router, on } = gatedRouter();

  on('GET /domains', async (req, res) => {
    res.page('client/sections/domains', {
      title: req.t('My Domains'),
      domains: await listDomains(contextOf(req, res)),
    });
  });

  on('GET /domains/:id', async (req, res) => {
    const domain = await getDomain(contextOf(req, res), idParam(req));
    res.page('client/sections/domain', { title: domain.name, domain, values: domainValues(domain) });
  });

  on(
    'POST /domains/:id',
    formRoute(
      { view: 'client/sections/domain', locals: settingsLocals, schema: domainSettingsForm },
      async (req, res, form) => {
        const domainId = idParam(req);
        await updateDomainSettings(contextOf(req, res), domainId, {
          nameservers: [form.ns1, form.ns2, form.ns3, form.ns4].filter(Boolean),
          autoRenew: form.autoRenew,
          locked: form.locked,
        });
        req.flash('success', req.t('The domain settings were saved.'));
        res.redirect(res.locals.can('domains') ? `/domains/${domainId}` : '/');
      },
    ),
  );
  return router;
}
