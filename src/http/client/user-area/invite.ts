// The invitation page /invite/:token (SPEC rules 12-14): who invited the visitor to which
// account, with Login and Register side by side, or one-click Accept for a logged-in user.
// A dead link (unknown, expired, cancelled, used) gets its own clear page and changes nothing.
import { Router, type Request, type Response } from 'express';
import { AppError, isAppError } from '../../../lib/errors.js';
import { sendEmailVerification } from '../../../services/auth/email-links.js';
import { checkCredentials } from '../../../services/auth/login.js';
import { acceptInvitation, registerAndAccept, viewInvitation } from '../../../services/invitations/invitations.js';
import { onFailRender } from '../../errors.js';
import { parseForm } from '../../forms.js';
import { refreshCsrf } from '../../middleware/csrf.js';
import { tokenParam } from '../../middleware/guards.js';
import { loginLimiters, tokenLimiter } from '../../middleware/rate-limit.js';
import { inviteLoginForm, inviteRegisterForm } from '../../schemas/user-area.js';
import { regenerate } from '../../middleware/session.js';
import { selectAccount, startUserSession } from '../login-session.js';

const DEAD_LINK: Record<string, { title: string; status: number }> = {
  INVITATION_NOT_FOUND: { title: 'Invitation Not Found', status: 404 },
  INVITATION_EXPIRED: { title: 'Invitation Expired', status: 410 },
  INVITATION_CANCELLED: { title: 'Invitation Cancelled', status: 410 },
  INVITATION_USED: { title: 'Invitation Already Used', status: 410 },
};

/** Runs a handler; an invitation that cannot be used renders its own page instead. */
function withInvitation(handler: (req: Request, res: Response, token: string) => Promise<void>) {
  return async (req: Request, res: Response) => {
    let token: string;
    try {
      token = tokenParam(req);
      await handler(req, res, token);
    } catch (e) {
      const dead = isAppError(e) ? DEAD_LINK[e.code] : undefined;
      if (e instanceof AppError && e.code === 'NOT_FOUND') {
        return res.status(404).page('client/user-area/invite-invalid', {
          title: DEAD_LINK.INVITATION_NOT_FOUND!.title,
          message: e.message,
          code: 'INVITATION_NOT_FOUND',
        });
      }
      if (!dead || !isAppError(e)) throw e;
      res
        .status(dead.status)
        .page('client/user-area/invite-invalid', { title: dead.title, message: e.message, code: e.code });
    }
  };
}

async function inviteLocals(token: string) {
  const invitation = await viewInvitation(token);
  return { title: 'Account Access Invitation', invitation, token };
}

/** Logs the user in with a new session id, bound to the account they were just given. */
async function loginBoundTo(req: Request, res: Response, userId: number, accountId: number) {
  delete req.session.returnTo;
  await startUserSession(req, userId, accountId);
  refreshCsrf(req, res);
}

export function invitationRoutes() {
  const router = Router();
  const limitTokens = tokenLimiter();
  const limitLogin = loginLimiters(Number(process.env.LOGIN_RATE_LIMIT) || 10);

  router.get(
    '/invite/:token',
    limitTokens,
    withInvitation(async (_req, res, token) => {
      const locals = await inviteLocals(token);
      res.page('client/user-area/invite', { ...locals, values: { email: locals.invitation.email } });
    }),
  );

  router.post(
    '/invite/:token/accept',
    limitTokens,
    withInvitation(async (req, res, token) => {
      const user = res.locals.currentUser;
      if (!user) return res.redirect(`/invite/${token}`);
      const locals = await inviteLocals(token);
      onFailRender(req, 'client/user-area/invite', locals);
      const { accountId } = await acceptInvitation(token, user.id, req.ip ?? '');
      // A new session id on accepting (SPEC rule 6), bound to the account just joined.
      await selectAccount(req, user.id, accountId);
      refreshCsrf(req, res);
      req.flash('success', `You now have access to ${locals.invitation.accountName}.`);
      res.redirect('/');
    }),
  );

  router.post(
    '/invite/:token/login',
    ...limitLogin,
    withInvitation(async (req, res, token) => {
      const locals = await inviteLocals(token);
      onFailRender(req, 'client/user-area/invite', locals);
      const form = parseForm(inviteLoginForm, req.body);
      const { user, needsTotp } = await checkCredentials(form.loginEmail, form.loginPassword);
      if (needsTotp) {
        // The second factor first; the login page then brings them back here to accept.
        await regenerate(req);
        req.session.pendingUserId = user.id;
        req.session.returnTo = `/invite/${token}`;
        return res.redirect('/login/2fa');
      }
      const { accountId } = await acceptInvitation(token, user.id, req.ip ?? '');
      await loginBoundTo(req, res, user.id, accountId);
      req.flash('success', `You now have access to ${locals.invitation.accountName}.`);
      res.redirect('/');
    }),
  );

  router.post(
    '/invite/:token/register',
    limitTokens,
    withInvitation(async (req, res, token) => {
      const locals = await inviteLocals(token);
      onFailRender(req, 'client/user-area/invite', locals);
      const form = parseForm(inviteRegisterForm, req.body);
      const { user, accountId } = await registerAndAccept(
        token,
        { email: form.email, firstName: form.firstName, lastName: form.lastName, password: form.password },
        req.ip ?? '',
      );
      await loginBoundTo(req, res, user.id, accountId);
      // Accepting is not verification (SPEC rule 13): the new address gets its own link.
      await sendEmailVerification(user.id);
      req.flash('success', `Welcome! Your user is ready and you now have access to ${locals.invitation.accountName}.`);
      res.redirect('/');
    }),
  );

  return router;
}
