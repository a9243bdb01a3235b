// Register, log in (password, then TOTP when enabled), log out, forgot/reset password,
// verify email. SPEC rules 1, 4, 25-26.
import { Router } from 'express';
import type { Config } from '../../config.js';
import { COUNTRIES } from '../../lib/countries.js';
import { passwordScore } from '../../lib/password-strength.js';
import { AppError } from '../../lib/errors.js';
import { register } from '../../services/accounts/accounts.js';
import {
  checkPasswordResetToken,
  requestPasswordReset,
  resetPassword,
  sendEmailVerification,
  verifyEmail,
} from '../../services/auth/email-links.js';
import { checkSecondFactor } from '../../services/auth/login.js';
import { checkCredentials } from '../../services/auth/login.js';
import { formRoute, parseForm } from '../forms.js';
import { refreshCsrf } from '../middleware/csrf.js';
import { tokenParam } from '../middleware/guards.js';
import { loginLimiters, tokenLimiter } from '../middleware/rate-limit.js';
import { forgotForm, loginForm, registerForm, resetForm, totpForm } from '../schemas/auth.js';
import { regenerate } from '../middleware/session.js';
import { startUserSession } from './login-session.js';

export function authRoutes(config: Config) {
  const router = Router();
  const limitLogin = loginLimiters(config.LOGIN_RATE_LIMIT);
  const limitTokens = tokenLimiter();

  router.get('/login', (req, res) => {
    if (res.locals.currentUser) return res.redirect('/');
    res.page('client/login', { title: 'Login', values: {} });
  });

  router.post(
    '/login',
    ...limitLogin,
    formRoute(
      { view: 'client/login', locals: () => ({ title: 'Login' }), schema: loginForm },
      async (req, res, form) => {
        const { user, needsTotp } = await checkCredentials(form.email, form.password, req.ip ?? '');
        if (needsTotp) {
          const returnTo = req.session.returnTo;
          await regenerate(req);
          req.session.pendingUserId = user.id;
          req.session.returnTo = returnTo;
          return res.redirect('/login/2fa');
        }
        res.redirect(await startUserSession(req, user.id));
      },
    ),
  );

  router.get('/login/2fa', (req, res) => {
    if (!req.session.pendingUserId) return res.redirect('/login');
    res.page('client/login-2fa', { title: 'Two-Factor Authentication', values: {} });
  });

  router.post(
    '/login/2fa',
    ...limitLogin,
    formRoute(
      { view: 'client/login-2fa', locals: () => ({ title: 'Two-Factor Authentication' }) },
      async (req, res) => {
        const userId = req.session.pendingUserId;
        if (!userId) return res.redirect('/login');
        const form = parseForm(totpForm, req.body);
        await checkSecondFactor(userId, form.code, req.ip ?? '');
        res.redirect(await startUserSession(req, userId));
      },
    ),
  );

  router.post('/logout', async (req, res) => {
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('client.sid');
    res.redirect('/login?loggedout=1');
  });

  router.get('/register', (req, res) => {
    if (res.locals.currentUser) return res.redirect('/');
    res.page('client/register', { title: 'Register', values: { country: 'US' }, countries: COUNTRIES });
  });

  router.post(
    '/register',
    limitTokens,
    formRoute(
      { view: 'client/register', locals: () => ({ title: 'Register', countries: COUNTRIES }), schema: registerForm },
      async (req, res, form) => {
        const { user } = await register(form, req.ip ?? '');
        const next = await startUserSession(req, user.id);
        refreshCsrf(req, res);
        // A verification email is part of a good welcome; a failed send is recorded, not fatal.
        await sendEmailVerification(user.id);
        req.flash('success', 'Welcome! Your account is ready. We sent you an email to confirm your address.');
        res.redirect(next);
      },
    ),
  );

  // The strength meter's score, from the same rules the server enforces.
  router.post('/password/strength', limitTokens, (req, res) => {
    const password =
      typeof (req.body as { password?: unknown })?.password === 'string'
        ? (req.body as { password: string }).password
        : '';
    res.json({ score: passwordScore(password) });
  });

  router.get('/password/forgot', (_req, res) =>
    res.page('client/password-forgot', { title: 'Lost Password Reset', values: {} }),
  );

  router.post(
    '/password/forgot',
    ...limitLogin,
    formRoute(
      { view: 'client/password-forgot', locals: () => ({ title: 'Lost Password Reset' }), schema: forgotForm },
      async (req, res, form) => {
        await requestPasswordReset(form.email, req.ip ?? '');
        // The same answer whether or not the address is known (no account enumeration).
        res.page('client/password-forgot', { title: 'Lost Password Reset', sent: true, values: {} });
      },
    ),
  );

  router.get('/password/reset/:token', limitTokens, async (req, res) => {
    const token = tokenParam(req);
    await checkPasswordResetToken(token);
    res.page('client/password-reset', { title: 'Choose a New Password', token, values: {} });
  });

  router.post(
    '/password/reset/:token',
    limitTokens,
    formRoute(
      {
        view: 'client/password-reset',
        locals: (req) => ({ title: 'Choose a New Password', token: tokenParam(req) }),
        schema: resetForm,
      },
      async (req, res, form) => {
        await resetPassword(tokenParam(req), form.password, req.ip ?? '');
        // No auto-login (SPEC rule 25): the person logs in with the new password.
        if (req.session.userId) await regenerate(req);
        req.flash('success', 'Your password has been changed. Please log in with your new password.');
        res.redirect('/login');
      },
    ),
  );

  router.get('/verify-email/:token', limitTokens, async (req, res) => {
    try {
      await verifyEmail(tokenParam(req), req.ip ?? '');
      req.flash('success', 'Thank you, your email address is verified.');
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      req.flash('danger', e.message);
    }
    res.redirect(req.session.userId ? '/' : '/login');
  });

  return router;
}
