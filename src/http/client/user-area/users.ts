// User Management for the owner of the selected account (SPEC rules 7-11): users, invitations,
// Manage Permissions, Remove Access. Every route is behind requireUserManagement, and the
// services check ownership and the admin setting again (policies/user-management.ts).
import { userManagementLists } from '../../../services/memberships/user-management-page.js';
import type { Request, Response } from 'express';
import { Router } from 'express';
import { authorizeEditPermissionsOf } from '../../../policies/user-management.js';
import {
  cancelInvitation,
  getInvitationForManagement,
  invite,
  resendInvitation,
} from '../../../services/invitations/invitations.js';
import { getAccountMember, removeUser, updatePermissions } from '../../../services/memberships/memberships.js';
import { formRoute } from '../../forms.js';
import { idParam, requireUserManagement } from '../../middleware/guards.js';
import { inviteForm, permissionsForm } from '../../schemas/user-area.js';
import { actorOf } from '../route-context.js';
import { confirmFirst, confirmations } from '../confirmations.js';

async function usersPageLocals(_req: Request, res: Response) {
  return { title: 'User Management', ...(await userManagementLists(res.locals.access!.accountId)) };
}

/** A non-owner user of the selected account, whose permissions may be edited. */
async function editableMember(req: Request, res: Response) {
  const user = await getAccountMember(res.locals.access!.accountId, idParam(req, 'userId'));
  authorizeEditPermissionsOf(user);
  return { title: 'Manage Permissions', user };
}

/** A mail that could not be sent is recorded; the owner is told, and can resend later. */
function mailFlash(req: Request, email: string, status: string, verb: string) {
  if (status === 'failed')
    req.flash(
      'warning',
      `The invitation for ${email} was ${verb}, but the email could not be sent. Use Resend Invite to try again.`,
    );
  else req.flash('success', `Invitation ${verb} to ${email}.`);
}

export function userManagementRoutes() {
  const router = Router();
  router.use('/account/users', requireUserManagement);

  router.get('/account/users', async (req, res) => {
    res.page('client/user-area/users', { ...(await usersPageLocals(req, res)), values: { permissionMode: 'all' } });
  });

  router.post(
    '/account/users/invite',
    formRoute(
      { view: 'client/user-area/users', locals: usersPageLocals, schema: inviteForm },
      async (req, res, form) => {
        const { mail } = await invite(actorOf(req, res), res.locals.access!.accountId, form.email, form.permissions);
        mailFlash(req, form.email, mail.status, 'sent');
        res.redirect('/account/users');
      },
    ),
  );

  router.post('/account/users/invitations/:id/resend', async (req, res) => {
    const { invitation, mail } = await resendInvitation(actorOf(req, res), idParam(req), res.locals.access!.accountId);
    mailFlash(req, invitation.email, mail.status, 'resent');
    res.redirect('/account/users');
  });

  router.post(
    '/account/users/invitations/:id/cancel',
    confirmFirst(
      async (req, res) => {
        const invitation = await getInvitationForManagement(
          actorOf(req, res),
          idParam(req),
          res.locals.access!.accountId,
        );
        return { ...confirmations.cancelInvitation(invitation), back: '/account/users' };
      },
      async (req, res) => {
        await cancelInvitation(actorOf(req, res), idParam(req), res.locals.access!.accountId);
        req.flash('success', 'The invitation was cancelled. Its link no longer works.');
        res.redirect('/account/users');
      },
    ),
  );

  router.get('/account/users/:userId/permissions', async (req, res) => {
    const locals = await editableMember(req, res);
    res.page('client/user-area/permissions', { ...locals, values: { permissions: locals.user.permissions } });
  });

  router.post(
    '/account/users/:userId/permissions',
    formRoute(
      { view: 'client/user-area/permissions', locals: editableMember, schema: permissionsForm },
      async (req, res, form) => {
        const user = await getAccountMember(res.locals.access!.accountId, idParam(req, 'userId'));
        await updatePermissions(actorOf(req, res), res.locals.access!.accountId, user.id, form.permissions);
        req.flash('success', `Permissions saved for ${user.email}.`);
        res.redirect('/account/users');
      },
    ),
  );

  router.post(
    '/account/users/:userId/remove',
    confirmFirst(
      async (req, res) => ({
        ...confirmations.removeUser(await getAccountMember(res.locals.access!.accountId, idParam(req, 'userId'))),
        back: '/account/users',
      }),
      async (req, res) => {
        const accountId = res.locals.access!.accountId;
        const user = await getAccountMember(accountId, idParam(req, 'userId'));
        await removeUser(actorOf(req, res), accountId, user.id);
        req.flash('success', `Access removed for ${user.email}. They can no longer reach this account.`);
        res.redirect('/account/users');
      },
    ),
  );

  return router;
}
