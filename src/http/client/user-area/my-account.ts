// The user's own pages (SPEC rules 25-26): profile with email verification, and security:
// password, two-factor enrolment (QR code, recovery codes shown once) and disabling, security
// question, active sessions. Login only: a user with no account left can still use them.
import { Router, type Request, type Response } from 'express';
import { newTotpSecret, totpQrCode } from '../../../lib/totp.js';
import { userAgentParts } from '../../../lib/user-agent.js';
import { sendEmailVerification } from '../../../services/auth/email-links.js';
import { enableTotp } from '../../../services/auth/two-factor.js';
import { disableTotp, regenerateRecoveryCodes } from '../../../services/auth/two-factor.js';
import { getSetting } from '../../../services/settings/settings.js';
import { changePassword, getUser, setSecurityQuestion, updateUserProfile } from '../../../services/users/users.js';
import { listUserSessions } from '../../../services/users/sessions.js';
import { endUserSessions } from '../../../services/users/sessions.js';
import { actorOf } from '../route-context.js';
import { formRoute, parseForm } from '../../forms.js';
import { requireLogin } from '../../middleware/guards.js';
import {
  LANGUAGES,
  SECURITY_QUESTIONS,
  changePasswordForm,
  profileForm,
  securityQuestionForm,
  totpCodeForm,
} from '../../schemas/user-area.js';
import { confirmFirst, confirmations, textsOf } from '../confirmations.js';

async function profileLocals(req: Request, res: Response) {
  const user = await getUser(res.locals.currentUser!.id);
  return {
    title: req.t('Your Profile'),
    languages: LANGUAGES,
    profile: { email: user.email, emailVerifiedAt: user.emailVerifiedAt },
    current: { firstName: user.firstName, lastName: user.lastName, email: user.email, language: user.language },
  };
}

async function securityLocals(req: Request, res: Response) {
  const userId = res.locals.currentUser!.id;
  const user = await getUser(userId);
  const sessions = (await listUserSessions(userId)).map((s) => ({ ...s, current: s.sid === req.sessionID }));
  return {
    title: req.t('Security Settings'),
    totpEnabled: user.totpEnabled,
    recoveryCodesLeft: user.recoveryCodeHashes.length,
    securityQuestion: user.securityQuestion,
    questions: SECURITY_QUESTIONS,
    sessions,
    // "Chrome on Linux", in the reader's language.
    describeUserAgent: (userAgent: string | null) => {
      const { browser, os } = userAgentParts(userAgent);
      if (browser && os) return req.t('{{browser}} on {{os}}', { browser, os });
      return browser ?? os ?? req.t('Unknown browser');
    },
  };
}

async function enrolLocals(req: Request, res: Response) {
  const email = res.locals.currentUser!.email;
  req.session.totpEnrolSecret ??= newTotpSecret();
  const secret = req.session.totpEnrolSecret;
  const qr = await totpQrCode(secret, await getSetting('companyName'), email);
  return { title: req.t('Enable Two-Factor Authentication'), secret, qr };
}

export function myAccountRoutes() {
  const router = Router();
  router.use('/user', requireLogin);

  router.get('/user/profile', async (req, res) => {
    const locals = await profileLocals(req, res);
    res.page('client/user-area/profile', { ...locals, values: locals.current });
  });

  router.post(
    '/user/profile',
    formRoute(
      { view: 'client/user-area/profile', locals: profileLocals, schema: profileForm },
      async (req, res, form) => {
        const userId = res.locals.currentUser!.id;
        const before = res.locals.currentUser!.email;
        const user = await updateUserProfile(actorOf(req, res), userId, form);
        if (user.email !== before) {
          await sendEmailVerification(userId);
          req.flash(
            'success',
            req.t('Your profile was saved. We sent a link to {{email}} to confirm the new address.', {
              email: user.email,
            }),
          );
        } else {
          req.flash('success', req.t('Your profile was saved.'));
        }
        res.redirect('/user/profile');
      },
    ),
  );

  router.post('/user/profile/verify-email', async (req, res) => {
    const user = res.locals.currentUser!;
    if (user.emailVerifiedAt) {
      req.flash('info', req.t('Your email address is already verified.'));
    } else {
      await sendEmailVerification(user.id);
      req.flash(
        'success',
        req.t('We sent a verification link to {{email}}. It is valid for 60 minutes.', { email: user.email }),
      );
    }
    res.redirect('/user/profile');
  });

  router.get('/user/security', async (req, res) => {
    res.page('client/user-area/security', await securityLocals(req, res));
  });

  router.post(
    '/user/security/password',
    formRoute(
      { view: 'client/user-area/security', locals: securityLocals, schema: changePasswordForm },
      async (req, res, form) => {
        const userId = res.locals.currentUser!.id;
        await changePassword(actorOf(req, res), userId, form.currentPassword, form.password);
        // Anyone logged in with the old password is logged out; this session stays.
        const ended = await endUserSessions(userId, req.sessionID);
        req.flash(
          'success',
          ended
            ? req.t('Your password was changed. {{count}} other sessions were logged out.', { count: ended })
            : req.t('Your password was changed.'),
        );
        res.redirect('/user/security');
      },
    ),
  );

  router.get('/user/security/2fa', async (req, res) => {
    const user = res.locals.currentUser!;
    if (user.totpEnabled) return res.redirect('/user/security');
    res.page('client/user-area/totp-enrol', { ...(await enrolLocals(req, res)), values: {} });
  });

  router.post(
    '/user/security/2fa',
    formRoute({ view: 'client/user-area/totp-enrol', locals: enrolLocals }, async (req, res) => {
      const user = res.locals.currentUser!;
      if (user.totpEnabled) return res.redirect('/user/security');
      const form = parseForm(totpCodeForm, req.body, req.language);
      const codes = await enableTotp(actorOf(req, res), user.id, req.session.totpEnrolSecret!, form.code);
      delete req.session.totpEnrolSecret;
      res.locals.currentUser = { ...user, totpEnabled: true };
      // Shown once, never stored in clear: this response is the only place they appear.
      res.set('Cache-Control', 'no-store');
      res.page('client/user-area/recovery-codes', {
        title: req.t('Two-Factor Authentication Enabled'),
        codes,
        fresh: true,
      });
    }),
  );

  // New recovery codes: a page of its own (its form asks for a current code, like enrolment).
  router.get('/user/security/recovery-codes', (req, res) => {
    if (!res.locals.currentUser!.totpEnabled) return res.redirect('/user/security');
    res.page('client/user-area/recovery-codes-new', { title: req.t('New Recovery Codes') });
  });

  router.post(
    '/user/security/recovery-codes',
    formRoute(
      {
        view: 'client/user-area/recovery-codes-new',
        locals: (req) => ({ title: req.t('New Recovery Codes') }),
        schema: totpCodeForm,
      },
      async (req, res, form) => {
        const codes = await regenerateRecoveryCodes(actorOf(req, res), res.locals.currentUser!.id, form.code);
        res.set('Cache-Control', 'no-store');
        res.page('client/user-area/recovery-codes', { title: req.t('New Recovery Codes'), codes, fresh: false });
      },
    ),
  );

  router.post(
    '/user/security/2fa/disable',
    confirmFirst(
      async (req, res) => ({ ...confirmations.disableTotp(textsOf(req, res)), back: '/user/security' }),
      formRoute(
        { view: 'client/user-area/security', locals: securityLocals, schema: totpCodeForm },
        async (req, res, form) => {
          await disableTotp(actorOf(req, res), res.locals.currentUser!.id, form.code);
          req.flash('success', req.t('Two-factor authentication is now off.'));
          res.redirect('/user/security');
        },
      ),
    ),
  );

  router.post(
    '/user/security/question',
    formRoute(
      { view: 'client/user-area/security', locals: securityLocals, schema: securityQuestionForm },
      async (req, res, form) => {
        const userId = res.locals.currentUser!.id;
        await setSecurityQuestion(actorOf(req, res), userId, form.securityQuestion, form.securityAnswer);
        req.flash('success', req.t('Your security question was saved.'));
        res.redirect('/user/security');
      },
    ),
  );

  router.post(
    '/user/security/sessions/logout-others',
    confirmFirst(
      async (req, res) => ({ ...confirmations.logoutOtherSessions(textsOf(req, res)), back: '/user/security' }),
      async (req, res) => {
        const ended = await endUserSessions(res.locals.currentUser!.id, req.sessionID);
        req.flash(
          'success',
          ended
            ? req.t('Logged out {{count}} other sessions.', { count: ended })
            : req.t('There were no other sessions to log out.'),
        );
        res.redirect('/user/security');
      },
    ),
  );

  return router;
}
