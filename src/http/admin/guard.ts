// Loads the admin of the admin session on every request, or sends to the admin login.
import type { NextFunction, Request, Response } from 'express';
import { authorizeStaff, staffCan, type StaffPermission } from '../../policies/staff.js';
import { adminActor } from '../../services/actor.js';
import { getAdmin, type PublicAdmin } from '../../services/admins/admins.js';

declare global {
  namespace Express {
    interface Locals {
      currentAdmin?: PublicAdmin;
      /** What the current admin's role allows, for views to hide what would be refused. */
      staffCan: (permission: StaffPermission) => boolean;
    }
  }
}

export async function loadAdmin(req: Request, res: Response, next: NextFunction) {
  res.locals.staffCan = () => false;
  const adminId = req.session.adminId;
  if (adminId) {
    const admin = await getAdmin(adminId);
    if (admin) {
      res.locals.currentAdmin = admin;
      res.locals.staffCan = (permission) => staffCan(admin.role, permission);
    } else delete req.session.adminId;
  }
  next();
}

export function requireAdmin(req: Request, res: Response, next: NextFunction) {
  if (res.locals.currentAdmin) return next();
  if (req.method === 'GET') req.session.returnTo = req.originalUrl;
  res.redirect('/admin/login');
}

/** The acting admin for service calls. */
export function adminOf(req: Request, res: Response) {
  return adminActor(res.locals.currentAdmin!.id, req.ip ?? '');
}

/**
 * For a page that shows what no service call guards (the API reference is built from the API's
 * schemas): refuses (403, FORBIDDEN) an admin whose role lacks the permission, as the navigation
 * hides it. loadAdmin read the role on this request, so a demotion holds at once.
 */
export function requireStaff(permission: StaffPermission) {
  return (_req: Request, res: Response, next: NextFunction) => {
    authorizeStaff(res.locals.currentAdmin?.role, permission);
    next();
  };
}
