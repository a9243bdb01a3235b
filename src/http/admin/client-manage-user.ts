// A client's Users tab, per user (issue 14): Manage User as the WHMCS docs describe it (details,
// this client's permissions, Make Owner, one Save), and Login as Owner/User, which opens the
// client area as that user in a session of its own (a new tab).
import { Router, type Request } from 'express';
import { ALL_PERMISSIONS } from '../../policies/permissions.js';
import { clientSummary } from '../../services/accounts/clients.js';
import { issueStaffLogin } from '../../services/auth/staff-login.js';
import { saveManagedUser } from '../../services/memberships/manage-user.js';
import { getAccountMember } from '../../services/memberships/memberships.js';
import { getUser, toPublicUser } from '../../services/users/users.js';
import { formRoute } from '../forms.js';
import { idParam } from '../middleware/guards.js';
import { ADMIN_LANGUAGES } from '../schemas/admin/common.js';
import { manageUserForm } from '../schemas/admin/users.js';
import { onTab } from './client-profile.js';
import { adminOf } from './guard.js';

async function manageLocals(req: Request) {
  const accountId = idParam(req);
  const userId = idParam(req, 'userId');
  const [summary, member, user] = await Promise.all([
    clientSummary(accountId),
    getAccountMember(accountId, userId),
    getUser(userId),
  ]);
  return {
    title: `Manage User: ${member.firstName} ${member.lastName}`,
    account: summary.account,
    owner: summary.owner,
    member,
    user: toPublicUser(user),
    languages: ADMIN_LANGUAGES,
    allPermissions: ALL_PERMISSIONS,
  };
}

export function adminClientManageUserRoutes() {
  const router = Router();

  router.get('/clients/:id/users/:userId/manage', async (req, res) => {
    const locals = await manageLocals(req);
    const { member, user } = locals;
    res.page('admin/clients/manage-user', {
      ...locals,
      values: { ...user, permissions: member.permissions },
    });
  });

  router.post(
    '/clients/:id/users/:userId/manage',
    formRoute(
      { view: 'admin/clients/manage-user', locals: manageLocals, schema: manageUserForm },
      async (req, res, form) => {
        const accountId = idParam(req);
        const { madeOwner } = await saveManagedUser(adminOf(req, res), accountId, idParam(req, 'userId'), form);
        req.flash(
          'success',
          madeOwner
            ? 'Saved. Ownership transferred: the previous owner keeps access with all permissions.'
            : 'User saved.',
        );
        res.redirect(`/admin/clients/${accountId}/users`);
      },
    ),
  );

  router.post(
    '/clients/:id/users/:userId/login-as',
    formRoute(onTab('users'), async (req, res) => {
      const token = await issueStaffLogin(adminOf(req, res), idParam(req), idParam(req, 'userId'));
      // The client area takes it from here (src/http/client/staff-session.ts), in its own session.
      res.redirect(`/staff-login/${token}`);
    }),
  );

  return router;
}
