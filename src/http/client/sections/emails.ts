// Emails (`emails`): the account's sent emails, each readable.
import { Router } from 'express';
import { getAccountEmail, listAccountEmails } from '../../../services/mail/email-history.js';
import { idParam, requirePermission } from '../../middleware/guards.js';
import { pageParam, accessOf } from '../route-context.js';

export function emailRoutes() {
  const router = Router();
  const gate = requirePermission('emails');

  router.get('/emails', gate, async (req, res) => {
    const result = await listAccountEmails(accessOf(res), pageParam(req));
    res.page('client/sections/emails', { title: 'Email History', ...result });
  });

  router.get('/emails/:id', gate, async (req, res) => {
    const email = await getAccountEmail(accessOf(res), idParam(req));
    res.page('client/sections/email', { title: email.subject, email });
  });
  return router;
}
