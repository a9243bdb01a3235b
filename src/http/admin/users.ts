// Clients > Manage Users (SPEC rule 19), the type-ahead JSON search, and Manage User (rule 18).
import { Router, type Request } from 'express';
import { sendPasswordSetupEmail } from '../../services/auth/email-links.js';
import { disableTotp } from '../../services/auth/two-factor.js';
import { listUserAccounts } from '../../services/memberships/memberships.js';
import {
  clearSecurityQuestion,
  getUser,
  setPasswordAsAdmin,
  toPublicUser,
  updateUserProfile,
} from '../../services/users/users.js';
import { exportUsers, listUsers, searchUsers, USER_LIST } from '../../services/users/search.js';
import { sendCsv } from '../csv.js';
import { formRoute } from '../forms.js';
import { listParams } from '../schemas/lists.js';
import { idParam } from '../middleware/guards.js';
import { ADMIN_LANGUAGES } from '../schemas/admin/common.js';
import { idFilter, textParam } from '../schemas/admin/filters.js';
import { setPasswordForm, userProfileForm } from '../schemas/admin/users.js';
import { adminOf } from './guard.js';

export function adminUserRoutes() {
  const router = Router();

  // Type-ahead for Associate User: { users: [{ id, name, email }] }.
  router.get('/users/search', async (req, res) => {
    const q = textParam(req.query.q);
    if (q.length < 1) return res.json({ users: [] });
    const { users } = await searchUsers({ query: q, perPage: 10 });
    res.json({ users: users.map((u) => ({ id: u.id, name: `${u.firstName} ${u.lastName}`.trim(), email: u.email })) });
  });

  router.get('/users', async (req, res) => {
    const q = textParam(req.query.q);
    const result = await listUsers(q, listParams(req.query, USER_LIST.sorts));
    res.page('admin/users/index', { title: 'Manage Users', q, ...result });
  });

  router.get('/users.csv', async (req, res) => {
    type Page = Awaited<ReturnType<typeof listUsers>>;
    type Row = Page['users'][number] & { accounts: string };
    async function* rows() {
      for await (const page of exportUsers(textParam(req.query.q), listParams(req.query, USER_LIST.sorts)))
        yield page.users.map((u): Row => ({
          ...u,
          accounts: (page.accountsByUser.get(u.id) ?? [])
            .map((l) => `#${l.account.id}${l.isOwner ? ' (owner)' : ''}`)
            .join(' '),
        }));
    }
    await sendCsv<Row>(
      res,
      'users.csv',
      [
        { header: 'ID', value: (u) => u.id },
        { header: 'First Name', value: (u) => u.firstName },
        { header: 'Last Name', value: (u) => u.lastName },
        { header: 'Email', value: (u) => u.email },
        { header: '2FA', value: (u) => (u.totpEnabled ? 'Enabled' : 'Disabled') },
        { header: 'Security Question', value: (u) => (u.securityQuestion ? 'Set' : 'Not set') },
        { header: 'Last Login', value: (u) => u.lastLoginAt },
        { header: 'Accounts', value: (u) => u.accounts },
      ],
      rows(),
    );
  });

  const manageLocals = async (req: Request, userId: number) => {
    const user = toPublicUser(await getUser(userId));
    const accounts = await listUserAccounts(userId);
    const fromAccountId = idFilter(req.query.account ?? req.body?.account);
    const fromAccount = fromAccountId ? (accounts.find((a) => a.id === fromAccountId) ?? null) : null;
    return { title: `Manage User #${userId}`, user, accounts, fromAccount, languages: ADMIN_LANGUAGES };
  };
  const back = (userId: number, req: Request) => {
    const acc = idFilter(req.query.account ?? req.body?.account);
    return `/admin/users/${userId}${acc ? `?account=${acc}` : ''}`;
  };

  router.get('/users/:id', async (req, res) => {
    const locals = await manageLocals(req, idParam(req));
    res.page('admin/users/show', { ...locals, values: locals.user });
  });

  router.post(
    '/users/:id/profile',
    formRoute(
      { view: 'admin/users/show', locals: (req) => manageLocals(req, idParam(req)), schema: userProfileForm },
      async (req, res, form) => {
        const userId = idParam(req);
        await updateUserProfile(adminOf(req, res), userId, form);
        req.flash('success', 'User details saved.');
        res.redirect(back(userId, req));
      },
    ),
  );

  router.post('/users/:id/disable-2fa', async (req, res) => {
    const userId = idParam(req);
    const user = await getUser(userId);
    if (!user.totpEnabled) req.flash('info', 'Two-factor authentication was already off.');
    else {
      await disableTotp(adminOf(req, res), userId);
      req.flash('success', 'Two-factor authentication disabled for this user.');
    }
    res.redirect(back(userId, req));
  });

  router.post('/users/:id/clear-security-question', async (req, res) => {
    const userId = idParam(req);
    await getUser(userId);
    await clearSecurityQuestion(adminOf(req, res), userId);
    req.flash('success', 'Security question cleared.');
    res.redirect(back(userId, req));
  });

  // From Manage User, and from a row of a client's Users tab (which it returns to).
  router.post('/users/:id/password-reset', async (req, res) => {
    const userId = idParam(req);
    const result = await sendPasswordSetupEmail(adminOf(req, res), userId, 'password_reset');
    if (result.status === 'failed')
      req.flash('danger', `The password reset email could not be sent: ${result.error ?? 'unknown error'}.`);
    else req.flash('success', 'Password reset email sent.');
    const returnTo = (req.body as { returnTo?: unknown } | undefined)?.returnTo;
    res.redirect(
      typeof returnTo === 'string' && /^\/admin\/clients\/\d{1,9}\/users$/.test(returnTo)
        ? returnTo
        : back(userId, req),
    );
  });

  router.post(
    '/users/:id/password',
    formRoute(
      {
        view: 'admin/users/show',
        locals: async (req) => ({ ...(await manageLocals(req, idParam(req))), passwordError: true }),
        schema: setPasswordForm,
      },
      async (req, res, form) => {
        const userId = idParam(req);
        await setPasswordAsAdmin(adminOf(req, res), userId, form.password);
        req.flash('success', 'Password set. The user was logged out everywhere.');
        res.redirect(back(userId, req));
      },
    ),
  );

  return router;
}
