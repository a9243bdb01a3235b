// User Management for the owner of the selected account (SPEC rules 7-11): users, invitations,
// Manage Permissions, Remove Access. Every route is behind requireUserManagement, and the
// services check ownership and the admin setting again.
import { Router, type Request, type Response } from 'express';
import { AppError } from '../../../lib/errors.js';
import {
  cancelInvitation,
  invite,
  listInvitations,
  resendInvitation,
} from '../../../services/invitations/invitations.js';
import { listAccountUsers, removeUser, updatePermissions } from '../../../services/memberships/memberships.js';
import { actorOf } from '../route-context.js';
import { onFailRender } from '../../errors.js';
import { parseForm } from '../../forms.js';
import { idParam, requireUserManagement } from '../../middleware/guards.js';
import { inviteForm, permissionsForm } from '../../schemas/user-area.js';

async function usersPageLocals(accountId: number) {
  const [users, invitations] = await Promise.all([listAccountUsers(accountId), listInvitations(accountId)]);
  return {
    title: 'User Management',
    users,
    pending: invitations.filter((i) => i.state === 'pending' || i.state === 'expired'),
    accepted: invitations.filter((i) => i.state === 'accepted'),
  };
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

  router.get('/account/users', async (_req, res) => {
    const locals = await usersPageLocals(res.locals.access!.accountId);
    res.page('client/user-area/users', { ...locals, values: { permissionMode: 'all' } });
  });

  router.post('/account/users/invite', async (req, res) => {
    const accountId = res.locals.access!.accountId;
    onFailRender(req, 'client/user-area/users', await usersPageLocals(accountId));
    const form = parseForm(inviteForm, req.body);
    const { mail } = await invite(actorOf(req, res), accountId, form.email, form.permissions);
    mailFlash(req, form.email, mail.status, 'sent');
    res.redirect('/account/users');
  });

  router.post('/account/users/invitations/:id/resend', async (req, res) => {
    const { invitation, mail } = await resendInvitation(actorOf(req, res), idParam(req), res.locals.access!.accountId);
    mailFlash(req, invitation.email, mail.status, 'resent');
    res.redirect('/account/users');
  });

  router.post('/account/users/invitations/:id/cancel', async (req, res) => {
    await cancelInvitation(actorOf(req, res), idParam(req), res.locals.access!.accountId);
    req.flash('success', 'The invitation was cancelled. Its link no longer works.');
    res.redirect('/account/users');
  });

  async function member(req: Request, res: Response) {
    const userId = idParam(req, 'userId');
    const users = await listAccountUsers(res.locals.access!.accountId);
    const user = users.find((u) => u.id === userId);
    // A user of another account answers exactly like a missing one.
    if (!user) throw new AppError('NOT_A_MEMBER', 'That user does not have access to this account.');
    return user;
  }

  router.get('/account/users/:userId/permissions', async (req, res) => {
    const user = await member(req, res);
    if (user.isOwner) {
      throw new AppError(
        'OWNER_PERMISSIONS_FIXED',
        "The account owner always has every permission; the owner's permissions cannot be changed.",
      );
    }
    res.page('client/user-area/permissions', {
      title: 'Manage Permissions',
      user,
      values: { permissions: user.permissions },
    });
  });

  router.post('/account/users/:userId/permissions', async (req, res) => {
    const user = await member(req, res);
    if (user.isOwner) throw new AppError('OWNER_PERMISSIONS_FIXED', "The owner's permissions cannot be changed.");
    onFailRender(req, 'client/user-area/permissions', { title: 'Manage Permissions', user });
    const form = parseForm(permissionsForm, req.body);
    await updatePermissions(actorOf(req, res), res.locals.access!.accountId, user.id, form.permissions);
    req.flash('success', `Permissions saved for ${user.email}.`);
    res.redirect('/account/users');
  });

  router.post('/account/users/:userId/remove', async (req, res) => {
    const userId = idParam(req, 'userId');
    const accountId = res.locals.access!.accountId;
    const user = (await listAccountUsers(accountId)).find((u) => u.id === userId);
    await removeUser(actorOf(req, res), accountId, userId);
    req.flash('success', `Access removed for ${user?.email ?? 'the user'}. They can no longer reach this account.`);
    res.redirect('/account/users');
  });

  return router;
}
