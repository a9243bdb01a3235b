// Settings (SPEC rule 20), product catalog, activity log (rule 22) and email log (rules 23-24).
import { Router, type Request } from 'express';
import {
  createProduct,
  deleteProduct,
  getProduct,
  listProducts,
  updateProduct,
  BILLING_CYCLES,
} from '../../services/admin-billing.js';
import { getEmail, listActivityWithActors, listAdmins, resendFailedEmail } from '../../services/admin-logs.js';
import { logActivity } from '../../services/activity.js';
import { listEmails, mailMode, ONE_TIME_LINK_TEMPLATES, sendTemplate, type TemplateName } from '../../services/mail.js';
import { getSettings, setSetting } from '../../services/settings.js';
import { findUserByEmail } from '../../services/users.js';
import { onFailRender } from '../errors.js';
import { parseForm } from '../forms.js';
import { idParam } from '../middleware/guards.js';
import { dateFilter, idFilter, pageParam, productForm, settingsForm, textParam } from '../schemas/admin.js';
import { adminOf } from './guard.js';

const EMAIL_STATUSES = ['queued', 'sent', 'stored', 'failed'];

export function adminSystemRoutes() {
  const router = Router();

  // ---- Settings ----
  const settingsLocals = async () => ({ title: 'Settings', settings: await getSettings(), mailMode: mailMode() });
  router.get('/settings', async (_req, res) => {
    const locals = await settingsLocals();
    res.page('admin/settings', {
      ...locals,
      values: {
        ...locals.settings,
        disableClientUserManagement: locals.settings.disableClientUserManagement === 'true',
      },
    });
  });
  router.post('/settings', async (req, res) => {
    onFailRender(req, 'admin/settings', await settingsLocals());
    const form = parseForm(settingsForm, req.body);
    const actor = adminOf(req, res);
    const current = await getSettings();
    const next = {
      disableClientUserManagement: String(form.disableClientUserManagement),
      companyName: form.companyName,
      publicUrl: form.publicUrl,
    };
    for (const [key, value] of Object.entries(next) as [keyof typeof next, string][]) {
      if (current[key] !== value) await setSetting(actor, key, value);
    }
    req.flash('success', 'Settings saved.');
    res.redirect('/admin/settings');
  });
  router.post('/settings/test-email', async (req, res) => {
    const admin = res.locals.currentAdmin!;
    const result = await sendTemplate({ template: 'test', to: admin.email, data: { firstName: admin.firstName } });
    await logActivity(
      adminOf(req, res),
      `Test email sent to ${admin.email} (Email ID: ${result.emailId}): ${result.status}`,
      null,
    );
    if (result.status === 'failed') req.flash('danger', `The test email failed: ${result.error ?? 'unknown error'}`);
    else
      req.flash(
        'success',
        `Test email ${result.status === 'sent' ? 'sent by SMTP' : 'stored locally'} to ${admin.email}.`,
      );
    res.redirect('/admin/settings');
  });

  // ---- Products ----
  router.get('/products', async (_req, res) =>
    res.page('admin/products/index', { title: 'Products', products: await listProducts() }),
  );
  const productLocals = (extra: Record<string, unknown> = {}) => ({
    title: 'Product',
    billingCycles: BILLING_CYCLES,
    ...extra,
  });
  router.get('/products/new', (_req, res) =>
    res.page('admin/products/form', productLocals({ values: { active: true, billingCycle: 'Monthly', sortOrder: 0 } })),
  );
  router.post('/products', async (req, res) => {
    onFailRender(req, 'admin/products/form', productLocals());
    const form = parseForm(productForm, req.body);
    const product = await createProduct(adminOf(req, res), form);
    req.flash('success', `Product "${product.name}" created.`);
    res.redirect('/admin/products');
  });
  router.get('/products/:id', async (req, res) => {
    const product = await getProduct(idParam(req));
    res.page(
      'admin/products/form',
      productLocals({ product, values: { ...product, price: product.price.toFixed(2) } }),
    );
  });
  router.post('/products/:id', async (req, res) => {
    const product = await getProduct(idParam(req));
    onFailRender(req, 'admin/products/form', productLocals({ product }));
    const form = parseForm(productForm, req.body);
    await updateProduct(adminOf(req, res), product.id, form);
    req.flash('success', `Product "${form.name}" saved.`);
    res.redirect('/admin/products');
  });
  router.post('/products/:id/delete', async (req, res) => {
    const id = idParam(req);
    onFailRender(req, 'admin/products/index', { title: 'Products', products: await listProducts() });
    await deleteProduct(adminOf(req, res), id);
    req.flash('success', 'Product deleted.');
    res.redirect('/admin/products');
  });

  // ---- Activity log ----
  router.get('/activity', async (req: Request, res) => {
    const filters = {
      account: textParam(req.query.account, 12),
      user: textParam(req.query.user, 254),
      admin: textParam(req.query.admin, 12),
      text: textParam(req.query.text),
      from: textParam(req.query.from, 10),
      to: textParam(req.query.to, 10),
    };
    let userId = idFilter(filters.user);
    let noMatch = false;
    if (filters.user && !userId) {
      const u = filters.user.includes('@') ? await findUserByEmail(filters.user) : null;
      if (u) userId = u.id;
      else noMatch = true;
    }
    const page = pageParam(req.query.page);
    const result = noMatch
      ? { entries: [], page, hasNext: false }
      : await listActivityWithActors({
          accountId: idFilter(filters.account),
          userId,
          adminId: idFilter(filters.admin),
          text: filters.text || undefined,
          from: dateFilter(filters.from),
          to: dateFilter(filters.to, true),
          page,
        });
    res.page('admin/activity', { title: 'Activity Log', filters, admins: await listAdmins(), noMatch, ...result });
  });

  // ---- Email log ----
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
