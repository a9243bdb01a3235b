// The selected account's sections: each route is mounted with the one permission that
// src/policies/client-routes.ts names for it (SPEC §2), so a route cannot exist without one.
import { Router, type RequestHandler } from 'express';
import { CHOSEN_ACCOUNT_ROUTES, CLIENT_ROUTE_PERMISSIONS, type ClientRoute } from '../../policies/client-routes.js';
import { requireLogin, requirePermission } from '../middleware/guards.js';

export function gatedRouter() {
  const router = Router();
  const on = (route: ClientRoute, handler: RequestHandler) => {
    const [method, path] = route.split(' ') as ['GET' | 'POST', string];
    const guard = CHOSEN_ACCOUNT_ROUTES.has(route) ? requireLogin : requirePermission(CLIENT_ROUTE_PERMISSIONS[route]);
    if (method === 'GET') router.get(path, guard, handler);
    else router.post(path, guard, handler);
  };
  return { router, on };
}
