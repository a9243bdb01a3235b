// Emails (`emails`): the account's sent emails, each readable (one-time links cut out).
import { getAccountEmail, listAccountEmails } from '../../../services/mail/email-history.js';
import { idParam } from '../../middleware/guards.js';
import { gatedRouter } from '../gated-router.js';
import { contextOf, pageParam } from '../route-context.js';

export function emailRoutes() {
  const { router, on } = gatedRouter();

  on('GET /emails', async (req, res) => {
    const result = await listAccountEmails(contextOf(req, res), pageParam(req));
    res.page('client/sections/emails', { title: req.t('Email History'), ...result });
  });

  on('GET /emails/:id', async (req, res) => {
    const email = await getAccountEmail(contextOf(req, res), idParam(req));
    res.page('client/sections/email', { title: email.subject, email });
  });
  return router;
}
