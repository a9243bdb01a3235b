// The admin area's parts after login. Each entry returns a Router owning its own paths.
import type { Router } from 'express';
import { adminAccountRoutes } from './account.js';
import { adminClientBillingRoutes } from './client-billing.js';
import { adminClientRoutes } from './clients.js';
import { adminClientUserRoutes } from './client-users.js';
import { adminClientManageUserRoutes } from './client-manage-user.js';
import { adminClientNoteRoutes } from './client-notes.js';
import { adminHomeRoutes } from './home.js';
import { adminActivityRoutes } from './activity.js';
import { adminApiRoutes } from './api-credentials.js';
import { adminEmailRoutes } from './emails.js';
import { adminProductRoutes } from './products.js';
import { adminSearchRoutes } from './search.js';
import { adminSettingsRoutes } from './settings.js';
import { adminStaffRoutes } from './staff.js';
import { adminTicketRoutes } from './tickets.js';
import { adminUserRoutes } from './users.js';

export const ADMIN_SECTIONS: (() => Router)[] = [
  adminHomeRoutes,
  adminSearchRoutes,
  adminClientRoutes,
  adminClientBillingRoutes,
  adminClientUserRoutes,
  adminClientManageUserRoutes,
  adminClientNoteRoutes,
  adminUserRoutes,
  adminTicketRoutes,
  adminSettingsRoutes,
  adminProductRoutes,
  adminActivityRoutes,
  adminEmailRoutes,
  adminAccountRoutes,
  adminStaffRoutes,
  adminApiRoutes,
];
