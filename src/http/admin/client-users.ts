// The client profile's Users tab actions (SPEC rule 17): Associate User (invite or associate
// now), Manage Permissions, Remove, Make Owner, Resend / Cancel Invite. Rules live in services.
import { Router } from 'express';
import { ALL_PERMISSIONS } from '../../policies/permissions.js';
import { associateUser } from '../../services/memberships/associations.js';
import { cancelInvitation, resendInvitation } from '../../services/invitations/invitations.js';
import { getEditableMember, makeOwner, removeUser, updatePermissions } from '../../services/memberships/memberships.js';
import { clientSummary } from '../../services/accounts/clients.js';
import { formRoute } from '../forms.js';
import { idParam } from '../middleware/guards.js';
import { associateForm, permissionsForm } from '../schemas/admin/users.js';
import { onTab } from './client-profile.js';
import { adminOf } from './guard.js';

/** Only /admin paths we built are followed after an action ("return to Manage User"). */
function safeReturn(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/admin\/[A-Za-z0-9/_?=&-]*$/.test(value) ? value : fallback;
}

export function adminClientUserRoutes() {
  const router = Router();

  router.post(
    '/clients/:id/users/associate',
    formRoute({ ...onTab('users', { showAssociate: true }), schema: associateForm }, async (req, res, form) => {
      const accountId = idParam(req);
      const target = form.userId
        ? { userId: Number(form.userId) }
        : { email: form.email, firstName: form.firstName, lastName: form.lastName };
      const result = await associateUser(
        adminOf(req, res),
        accountId,
        target,
        form.permissions,
        form.sendInvite === 'yes',
      );
      if (result.kind === 'invited') {
        const mail = result.invite.mail;
        if (mail.status === 'failed')
          req.flash(
            'warning',
            `Invitation created for ${result.invite.invitation.email}, but the email could not be sent (${mail.error ?? 'unknown error'}). Use Resend Invite once mail works.`,
          );
        else
          req.flash(
            'success',
            `Invitation sent to ${result.invite.invitation.email}. It is listed under Pending Invites until accepted.`,
          );
      } else {
        req.flash(
          'success',
          result.createdUser
            ? 'New user created, associated with this client, and sent an email to set a password.'
            : 'User associated with this client.',
        );
      }
      res.redirect(`/admin/clients/${accountId}/users`);
    }),
  );

  // The owner's permissions are fixed: their page answers 409 whether opened by link or by URL.
  const permissionLocals = async (accountId: number, userId: number) => {
    const [summary, member] = await Promise.all([clientSummary(accountId), getEditableMember(accountId, userId)]);
    return { title: 'Manage Permissions', account: summary.account, member, allPermissions: ALL_PERMISSIONS };
  };
  router.get('/clients/:id/users/:userId/permissions', async (req, res) => {
    const locals = await permissionLocals(idParam(req), idParam(req, 'userId'));
    res.page('admin/clients/permissions', { ...locals, values: { permissions: locals.member.permissions } });
  });
  router.post(
    '/clients/:id/users/:userId/permissions',
    formRoute(
      {
        view: 'admin/clients/permissions',
        locals: (req) => permissionLocals(idParam(req), idParam(req, 'userId')),
        schema: permissionsForm,
      },
      async (req, res, form) => {
        const accountId = idParam(req);
        await updatePermissions(adminOf(req, res), accountId, idParam(req, 'userId'), form.permissions);
        req.flash('success', 'Permissions saved.');
        res.redirect(`/admin/clients/${accountId}/users`);
      },
    ),
  );

  router.post(
    '/clients/:id/users/:userId/remove',
    formRoute(onTab('users'), async (req, res) => {
      const accountId = idParam(req);
      const userId = idParam(req, 'userId');
      await removeUser(adminOf(req, res), accountId, userId);
      req.flash('success', "User's access to this client removed.");
      res.redirect(`/admin/clients/${accountId}/users`);
    }),
  );

  router.post(
    '/clients/:id/users/:userId/make-owner',
    formRoute(onTab('users'), async (req, res) => {
      const accountId = idParam(req);
      const userId = idParam(req, 'userId');
      const back = safeReturn(req.body?.returnTo, `/admin/clients/${accountId}/users`);
      await makeOwner(adminOf(req, res), accountId, userId);
      req.flash('success', 'Ownership transferred. The previous owner keeps access with all permissions.');
      res.redirect(back);
    }),
  );

  router.post(
    '/clients/:id/invites/:inviteId/resend',
    formRoute(onTab('users'), async (req, res) => {
      const accountId = idParam(req);
      const result = await resendInvitation(adminOf(req, res), idParam(req, 'inviteId'), accountId);
      if (result.mail.status === 'failed')
        req.flash(
          'warning',
          `A new invitation link was made for ${result.invitation.email}, but the email failed: ${result.mail.error ?? 'unknown error'}.`,
        );
      else req.flash('success', `Invitation resent to ${result.invitation.email}. The previous link no longer works.`);
      res.redirect(`/admin/clients/${accountId}/users`);
    }),
  );

  router.post(
    '/clients/:id/invites/:inviteId/cancel',
    formRoute(onTab('users'), async (req, res) => {
      const accountId = idParam(req);
      await cancelInvitation(adminOf(req, res), idParam(req, 'inviteId'), accountId);
      req.flash('success', 'Invitation cancelled. Its link no longer works.');
      res.redirect(`/admin/clients/${accountId}/users`);
    }),
  );

  return router;
}
