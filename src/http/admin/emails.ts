// The email log (SPEC rules 23-24): every message with its status, readable, and a failed one
// sent again.
import { Router } from 'express';
import { getEmail, listEmails, resendFailedEmail } from '../../services/mail/email-log.js';
import { ONE_TIME_LINK_TEMPLATES, type TemplateName } from '../../services/mail/templates.js';
import { idParam } from '../middleware/guards.js';
import { idFilter, pageParam, textParam } from '../schemas/admin.js';
import { adminOf } from './guard.js';

const EMAIL_STATUSES = ['queued', 'sent', 'stored', 'failed'];

export function adminEmailRoutes() {
  const router = Router();

  router.get('/emails', async (req, res) => {
    const status = EMAIL_STATUSES.includes(textParam(req.query.status)) ? textParam(req.query.status) : '';
    const accountId = idFilter(req.query.account);
    const result = await listEmails({ status: status || undefined, accountId, page: pageParam(req.query.page) });
    res.page('admin/emails/index', {
      title: 'Email Log',
      status,
      statuses: EMAIL_STATUSES,
      account: accountId ?? '',
      ...result,
    });
  });
  router.get('/emails/:id', async (req, res) => {
    const email = await getEmail(idParam(req));
    const oneTimeLink = ONE_TIME_LINK_TEMPLATES.has(email.template as TemplateName);
    res.page('admin/emails/show', { title: 'Email', email, oneTimeLink });
  });
  // The HTML body, sandboxed: no scripts, no requests out, shown in an <iframe> on the page above.
  router.get('/emails/:id/html', async (req, res) => {
    const email = await getEmail(idParam(req));
    res.set('Content-Security-Policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    res.type('html').send(email.bodyHtml);
  });
  router.post('/emails/:id/resend', async (req, res) => {
    const id = idParam(req);
    const result = await resendFailedEmail(adminOf(req, res), id);
    if (result.status === 'failed') req.flash('danger', `Resending failed again: ${result.error ?? 'unknown error'}`);
    else if (result.reissued)
      req.flash('success', `A new message with a new link was sent (${result.status}); the old link no longer works.`);
    else req.flash('success', `Email resent (${result.status}).`);
    res.redirect(`/admin/emails/${result.reissued ? result.emailId : id}`);
  });

  return router;
}
