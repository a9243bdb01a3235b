// The invitation page /invite/:token (SPEC rules 12-14): who invited the visitor to which
// account, with Login and Register side by side, or one-click Accept for a logged-in user.
// A dead link (unknown, expired, cancelled, used) gets its own clear page and changes nothing.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { Config } from '../../../config.js';
import { isAppError } from '../../../lib/errors.js';
import { checkCredentials } from '../../../services/auth/login.js';
import { registerForInvitation } from '../../../services/auth/registration.js';
import { acceptInvitation } from '../../../services/invitations/accept.js';
import { viewInvitation } from '../../../services/invitations/accept.js';
import { formRoute } from '../../forms.js';
import { translatedMessage } from '../../translate.js';
import { refreshCsrf } from '../../middleware/csrf.js';
import { tokenParam } from '../../middleware/guards.js';
import { throttle } from '../../middleware/rate-limit.js';
import { REQUEST_RULES } from '../../../services/throttles/request-throttles.js';
import { startPendingLogin } from '../auth.js';
import { inviteLoginForm, inviteRegisterForm } from '../../schemas/user-area.js';
import { selectAccount, startUserSession } from '../login-session.js';

const DEAD_LINK: Record<string, { title: (t: TFunction) => string; status: number }> = {
  INVITATION_NOT_FOUND: { title: (t) => t('Invitation Not Found'), status: 404 },
  INVITATION_EXPIRED: { title: (t) => t('Invitation Expired'), status: 410 },
  INVITATION_CANCELLED: { title: (t) => t('Invitation Cancelled'), status: 410 },
  INVITATION_USED: { title: (t) => t('Invitation Already Used'), status: 410 },
};

/** Runs a handler; an invitation that cannot be used renders its own page instead. */
function withInvitation(handler: RequestHandler): RequestHandler {
  return async (req, res, next) => {
    try {
      tokenParam(req);
      await handler(req, res, next);
    } catch (e) {
      const dead = isAppError(e) ? DEAD_LINK[e.code === 'NOT_FOUND' ? 'INVITATION_NOT_FOUND' : e.code] : undefined;
      if (!dead || !isAppError(e)) throw e;
      const code = e.code === 'NOT_FOUND' ? 'INVITATION_NOT_FOUND' : e.code;
      res.status(dead.status).page('client/user-area/invite-invalid', {
        title: dead.title(req.t),
        message: translatedMessage(req.t, e),
        code,
      });
    }
  };
}

async function inviteLocals(req: Request) {
  const token = tokenParam(req);
  const invitation = await viewInvitation(token);
  return { title: req.t('Account Access Invitation'), invitation, token };
}

/** The invitation page holds the Login and Register forms: a refused one renders it again. */
const onInvitePage = <S extends z.ZodType>(schema?: S) => ({
  view: 'client/user-area/invite',
  locals: inviteLocals,
  schema,
});

/** Logs the user in with a new session id, bound to the account they were just given. */
async function loginBoundTo(req: Request, res: Response, userId: number, accountId: number) {
  delete req.session.returnTo;
  await startUserSession(req, userId, accountId);
  refreshCsrf(req, res);
}

export function invitationRoutes(_config: Config) {
  const router = Router();
  const limitTokens = throttle(REQUEST_RULES.tokenLinksPerIp);

  router.get(
    '/invite/:token',
    limitTokens,
    withInvitation(async (req, res) => {
      const locals = await inviteLocals(req);
      const { email, firstName, lastName } = locals.invitation;
      // The names staff typed when inviting a new user start the register form.
      res.page('client/user-area/invite', { ...locals, values: { email, firstName, lastName } });
    }),
  );

  router.post(
    '/invite/:token/accept',
    limitTokens,
    withInvitation(
      formRoute(onInvitePage(), async (req, res) => {
        const user = res.locals.currentUser;
        const { token, invitation } = await inviteLocals(req);
        if (!user) return res.redirect(`/invite/${token}`);
        const { accountId } = await acceptInvitation(token, user.id, req.ip ?? '');
        // A new session id on accepting (SPEC rule 6), bound to the account just joined.
        await selectAccount(req, user.id, accountId, res.locals.access);
        refreshCsrf(req, res);
        req.flash('success', req.t('You now have access to {{account}}.', { account: invitation.accountName }));
        res.redirect('/');
      }),
    ),
  );

  router.post(
    '/invite/:token/login',
    limitTokens,
    withInvitation(
      formRoute(onInvitePage(inviteLoginForm), async (req, res, form) => {
        const { token, invitation } = await inviteLocals(req);
        const { user, needsTotp } = await checkCredentials(form.loginEmail, form.loginPassword, req.ip ?? '');
        if (needsTotp) {
          // The second factor first; the login page then brings them back here to accept.
          await startPendingLogin(req, user.id, `/invite/${token}`);
          return res.redirect('/login/2fa');
        }
        const { accountId } = await acceptInvitation(token, user.id, req.ip ?? '');
        await loginBoundTo(req, res, user.id, accountId);
        req.flash('success', req.t('You now have access to {{account}}.', { account: invitation.accountName }));
        res.redirect('/');
      }),
    ),
  );

  router.post(
    '/invite/:token/register',
    limitTokens,
    withInvitation(
      formRoute(onInvitePage(inviteRegisterForm), async (req, res, form) => {
        const { token, invitation } = await inviteLocals(req);
        await registerForInvitation(token, { ...form, language: req.language }, req.ip ?? '');
        // The same page whether the address was new or taken (hardening item 6): a new user
        // confirms the address by the emailed link, which logs them in to the account.
        res.page('client/check-email', {
          title: req.t('Check your email'),
          email: form.email,
          accountName: invitation.accountName,
        });
      }),
    ),
  );

  return router;
}
