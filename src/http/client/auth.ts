// Register, log in (password, then TOTP when enabled), log out, forgot/reset password, verify
// email, confirm a registration. SPEC rules 1, 4, 25-26. Throttles are counted in the services
// (services/throttles) so every login form shares them, and only failures count.
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import type { Config } from '../../config.js';
import { COUNTRIES } from '../../lib/countries.js';
import { AppError, isAppError } from '../../lib/errors.js';
import {
  activateAccount,
  checkPasswordResetToken,
  resetPassword,
  verifyEmail,
} from '../../services/auth/email-links.js';
import { checkCredentials, checkSecondFactor } from '../../services/auth/login.js';
import { requestPasswordReset } from '../../services/auth/email-links.js';
import { beginRegistration } from '../../services/auth/registration.js';
import { REQUEST_RULES } from '../../services/throttles/request-throttles.js';
import { formRoute, parseForm } from '../forms.js';
import { translatedMessage } from '../translate.js';
import { refreshCsrf } from '../middleware/csrf.js';
import { tokenParam } from '../middleware/guards.js';
import { throttle } from '../middleware/rate-limit.js';
import { regenerate, REMEMBER_ME_DAYS, SESSION_HOURS } from '../middleware/session.js';
import { forgotForm, loginForm, registerForm, resetForm, totpForm } from '../schemas/auth.js';
import { startUserSession } from './login-session.js';

/** Password checked, code next: a new session id that remembers only who and where to go. */
export async function startPendingLogin(
  req: Request,
  userId: number,
  returnTo?: string,
  remember = false,
): Promise<void> {
  const wanted = returnTo ?? req.session.returnTo;
  const { cart, cartKey } = req.session;
  await regenerate(req);
  req.session.pendingUserId = userId;
  req.session.pendingLoginId = randomUUID();
  req.session.returnTo = wanted;
  if (remember) req.session.pendingRemember = true;
  if (cart?.length) Object.assign(req.session, { cart, cartKey });
}

const loginLocals = (req: Request) => ({
  title: req.t('Login'),
  rememberDays: REMEMBER_ME_DAYS,
  sessionHours: SESSION_HOURS,
});

export function authRoutes(_config: Config) {
  const router = Router();
  const limitTokens = throttle(REQUEST_RULES.tokenLinksPerIp);

  router.get('/login', (req, res) => {
    if (res.locals.currentUser) return res.redirect('/');
    res.page('client/login', { ...loginLocals(req), values: {} });
  });

  router.post(
    '/login',
    formRoute({ view: 'client/login', locals: loginLocals, schema: loginForm }, async (req, res, form) => {
      const { user, needsTotp } = await checkCredentials(form.email, form.password, req.ip ?? '');
      if (needsTotp) {
        await startPendingLogin(req, user.id, undefined, form.remember);
        return res.redirect('/login/2fa');
      }
      res.redirect(await startUserSession(req, user.id, undefined, { remember: form.remember }));
    }),
  );

  router.get('/login/2fa', (req, res) => {
    if (!req.session.pendingUserId) return res.redirect('/login');
    res.page('client/login-2fa', { title: req.t('Two-Factor Authentication'), values: {} });
  });

  router.post(
    '/login/2fa',
    formRoute(
      { view: 'client/login-2fa', locals: (req) => ({ title: req.t('Two-Factor Authentication') }) },
      async (req, res) => {
        const userId = req.session.pendingUserId;
        const pendingId = req.session.pendingLoginId;
        if (!userId || !pendingId) return res.redirect('/login');
        const form = parseForm(totpForm, req.body, req.language);
        try {
          await checkSecondFactor(userId, form.code, { id: pendingId, ip: req.ip ?? '' });
        } catch (e) {
          if (!isAppError(e) || e.code !== 'LOGIN_RESTART') throw e;
          // Five wrong codes: the half-logged-in session is discarded; start again with the password.
          await regenerate(req);
          req.flash('danger', translatedMessage(req.t, e));
          return res.redirect('/login');
        }
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
    res.page('client/register', { title: req.t('Register'), values: { country: 'US' }, countries: COUNTRIES });
  });

  router.post(
    '/register',
    formRoute(
      {
        view: 'client/register',
        locals: (req) => ({ title: req.t('Register'), countries: COUNTRIES }),
        schema: registerForm,
      },
      async (req, res, form) => {
        await beginRegistration({ ...form, language: req.language }, req.ip ?? '');
        // The same page whether the address was new or taken (hardening item 6).
        res.page('client/check-email', { title: req.t('Check your email'), email: form.email });
      },
    ),
  );

  router.get('/register/activate/:token', limitTokens, async (req, res) => {
    try {
      const userId = await activateAccount(tokenParam(req), req.ip ?? '');
      const next = await startUserSession(req, userId);
      refreshCsrf(req, res);
      req.flash('success', req.t('Welcome! Your email address is confirmed and your account is ready.'));
      res.redirect(next);
    } catch (e) {
      if (!(e instanceof AppError) || !['TOKEN_INVALID', 'TOKEN_EXPIRED', 'NOT_FOUND'].includes(e.code)) throw e;
      req.flash(
        'danger',
        `${translatedMessage(req.t, e)} ${req.t('If you registered already, log in with your email and password.')}`,
      );
      res.redirect('/login');
    }
  });

  router.get('/password/forgot', (req, res) =>
    res.page('client/password-forgot', { title: req.t('Lost Password Reset'), values: {} }),
  );

  router.post(
    '/password/forgot',
    formRoute(
      {
        view: 'client/password-forgot',
        locals: (req) => ({ title: req.t('Lost Password Reset') }),
        schema: forgotForm,
      },
      async (req, res, form) => {
        await requestPasswordReset(form.email, req.ip ?? '');
        // The same answer whether or not the address is known (no account enumeration).
        res.page('client/password-forgot', { title: req.t('Lost Password Reset'), sent: true, values: {} });
      },
    ),
  );

  router.get('/password/reset/:token', limitTokens, async (req, res) => {
    const token = tokenParam(req);
    await checkPasswordResetToken(token);
    res.page('client/password-reset', { title: req.t('Choose a New Password'), token, values: {} });
  });

  router.post(
    '/password/reset/:token',
    limitTokens,
    formRoute(
      {
        view: 'client/password-reset',
        locals: (req) => ({ title: req.t('Choose a New Password'), token: tokenParam(req) }),
        schema: resetForm,
      },
      async (req, res, form) => {
        await resetPassword(tokenParam(req), form.password, req.ip ?? '');
        // No auto-login (SPEC rule 25): the person logs in with the new password.
        if (req.session.userId) await regenerate(req);
        req.flash('success', req.t('Your password has been changed. Please log in with your new password.'));
        res.redirect('/login');
      },
    ),
  );

  router.get('/verify-email/:token', limitTokens, async (req, res) => {
    try {
      await verifyEmail(tokenParam(req), req.ip ?? '');
      req.flash('success', req.t('Thank you, your email address is verified.'));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      req.flash('danger', translatedMessage(req.t, e));
    }
    res.redirect(req.session.userId ? '/' : '/login');
  });

  return router;
}
