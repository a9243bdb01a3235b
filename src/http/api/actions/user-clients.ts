// Users and client accounts (WHMCS 8): CreateClientInvite, DeleteUserClient, GetUserPermissions,
// UpdateUserPermissions, GetPermissionsList. The rules (only staff or the owner manage users, the
// owner cannot be removed nor restricted, one pending invitation per email) are the services'.
import { z } from 'zod';
import { ALL_PERMISSIONS } from '../../../policies/permissions.js';
import { getAccount } from '../../../services/accounts/accounts.js';
import { invite } from '../../../services/invitations/invitations.js';
import { getAccountMember, removeUser, updatePermissions } from '../../../services/memberships/memberships.js';
import { getUser } from '../../../services/users/users.js';
import { defineAction, ex, exText, success } from '../action.js';
import { email, int, list } from '../params.js';

const GROUP = 'Users';

const PERMISSION_HELP = `Comma-separated permission keys: ${ALL_PERMISSIONS.join(', ')}`;

export const createClientInvite = defineAction({
  name: 'CreateClientInvite',
  group: GROUP,
  summary: 'Emails an invitation (valid 7 days) to access a client account with the given permissions.',
  notes: [
    'As in WHMCS, the person becomes a user of the client only when they accept (logging in, or registering with any email); there is no API function that associates a user at once.',
    'An invitation already pending for that email on this client is refused; cancel or resend it in the admin area.',
  ],
  params: z.object({
    email: email('Email address to invite', {
      missing: 'Email is required',
      invalid: 'The email address entered is not valid',
    }),
    client_id: int('The client account', 'Invalid client id'),
    permissions: list(PERMISSION_HELP, true, 'User permissions are required'),
  }),
  response: success({}),
  async handler(p, { actor }) {
    await invite(actor, p.client_id, p.email, p.permissions);
    return {};
  },
});

const userAndClient = {
  user_id: int('The user', 'Invalid user id'),
  client_id: int('The client account', 'Invalid client id'),
};

/** Both ids name something (so the answer can say which does not) before the membership rule runs. */
async function checkIds(p: { user_id: number; client_id: number }) {
  await getUser(p.user_id);
  await getAccount(p.client_id);
}

export const deleteUserClient = defineAction({
  name: 'DeleteUserClient',
  group: GROUP,
  summary: "Removes a user's access to a client account (not the owner's). The user is kept.",
  params: z.object(userAndClient),
  response: success({}),
  async handler(p, { actor }) {
    await checkIds(p);
    await removeUser(actor, p.client_id, p.user_id);
    return {};
  },
});

export const getUserPermissions = defineAction({
  name: 'GetUserPermissions',
  group: GROUP,
  summary: "A user's permissions on a client account.",
  notes: [
    'WHMCS does not document the field: `permissions` is a comma-separated string of keys in WHMCS order, the format UpdateUserPermissions and CreateClientInvite take. The owner has all 13.',
  ],
  params: z.object(userAndClient),
  response: success({ permissions: exText('products,manageproducts,tickets') }),
  async handler(p) {
    await checkIds(p);
    const member = await getAccountMember(p.client_id, p.user_id);
    return { permissions: member.permissions.join(',') };
  },
});

export const updateUserPermissions = defineAction({
  name: 'UpdateUserPermissions',
  group: GROUP,
  summary: "Replaces a (non-owner) user's permissions on a client account.",
  params: z.object({
    ...userAndClient,
    permissions: list(PERMISSION_HELP, true, 'Missing permissions definition'),
  }),
  response: success({}),
  async handler(p, { actor }) {
    await checkIds(p);
    await updatePermissions(actor, p.client_id, p.user_id, p.permissions);
    return {};
  },
});

export const getPermissionsList = defineAction({
  name: 'GetPermissionsList',
  group: GROUP,
  summary: 'The 13 permission keys, in WHMCS order.',
  notes: [
    'WHMCS answers this one with `status` instead of `result`; both are sent, so clients that check either are satisfied.',
  ],
  params: z.object({}),
  response: success({
    status: ex(z.literal('success'), 'success'),
    permissions: z.strictObject({ permission: ex(z.array(z.string()), [...ALL_PERMISSIONS]) }),
  }),
  async handler() {
    return { status: 'success' as const, permissions: { permission: [...ALL_PERMISSIONS] } };
  },
});

export const USER_CLIENT_ACTIONS = [
  createClientInvite,
  deleteUserClient,
  getUserPermissions,
  updateUserPermissions,
  getPermissionsList,
];
