// The email log (SPEC rules 23-24): every message with its status, searchable by recipient and
// subject, readable, exported as CSV, and a failed one sent again.
import { Router, type Request } from 'express';
import { EMAIL_LIST, exportEmails, getEmail, listEmails, resendFailedEmail } from '../../services/mail/email-log.js';
import { ONE_TIME_LINK_TEMPLATES, type TemplateName } from '../../services/mail/templates.js';
import { sendCsv } from '../csv.js';
import { idParam } from '../middleware/guards.js';
import { idFilter, textParam } from '../schemas/admin/filters.js';
import { listParams } from '../schemas/lists.js';
import { adminOf } from './guard.js';

const EMAIL_STATUSES = ['queued', 'sent', 'stored', 'failed'];

function filterOf(req: Request) {
  const status = EMAIL_STATUSES.includes(textParam(req.query.status)) ? textParam(req.query.status) : '';
  const accountId = idFilter(req.query.account);
  const q = textParam(req.query.q);
  return { status, account: accountId ?? '', q, filter: { status: status || undefined, accountId, query: q } };
}

export function adminEmailRoutes() {
  const router = Router();

  router.get('/emails', async (req, res) => {
    const { filter, ...params } = filterOf(req);
    const result = await listEmails(filter, listParams(req.query, EMAIL_LIST.sorts));
    res.page('admin/emails/index', { title: 'Email Log', ...params, statuses: EMAIL_STATUSES, ...result });
  });
  router.get('/emails.csv', async (req, res) => {
    const { filter } = filterOf(req);
    await sendCsv(
      res,
      'emails.csv',
      [
        { header: 'ID', value: (e) => e.id },
        { header: 'Date', value: (e) => e.createdAt },
        { header: 'To', value: (e) => e.recipient },
        { header: 'Subject', value: (e) => e.subject },
        { header: 'Template', value: (e) => e.template },
        { header: 'Status', value: (e) => e.status },
        { header: 'Error', value: (e) => e.error },
        { header: 'Client ID', value: (e) => e.accountId },
        { header: 'User ID', value: (e) => e.userId },
      ],
      exportEmails(filter, listParams(req.query, EMAIL_LIST.sorts)),
    );
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
