// The admin area's parts after login. Each entry returns a Router owning its own paths.
import type { Router } from 'express';
import { adminAccountRoutes } from './account.js';
import { adminClientRoutes } from './clients.js';
import { adminClientUserRoutes } from './client-users.js';
import { adminHomeRoutes } from './home.js';
import { adminLocalsRoutes } from './locals.js';
import { adminSystemRoutes } from './system.js';
import { adminTicketRoutes } from './tickets.js';
import { adminUserRoutes } from './users.js';

export const ADMIN_SECTIONS: (() => Router)[] = [
  adminLocalsRoutes,
  adminHomeRoutes,
  adminClientRoutes,
  adminClientUserRoutes,
  adminUserRoutes,
  adminTicketRoutes,
  adminSystemRoutes,
  adminAccountRoutes,
];
