// The user's own pages (profile, security), User Management, invitations, account activity.
import type { Router } from 'express';
import { accountActivityRoutes } from './activity.js';
import { invitationRoutes } from './invite.js';
import { myAccountRoutes } from './my-account.js';
import { userManagementRoutes } from './users.js';

export const USER_AREA_ROUTES: (() => Router)[] = [
  myAccountRoutes,
  userManagementRoutes,
  invitationRoutes,
  accountActivityRoutes,
];
