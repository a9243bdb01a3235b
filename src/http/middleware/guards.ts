// Route guards for the client area. Each gated route names exactly one permission (SPEC §2).
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { authorize } from '../../policies/authorize.js';
import { authorizeAccountActivity, authorizeManageUsers } from '../../policies/user-management.js';
import type { Permission } from '../../policies/permissions.js';
import { getSettings } from '../../services/settings/settings.js';

/** A deep link is remembered for after login or Choose Account; the home page needs no session row. */
function rememberDeepLink(req: Request) {
  if (req.method === 'GET' && req.originalUrl !== '/') req.session.returnTo = req.originalUrl;
}

export function requireLogin(req: Request, res: Response, next: NextFunction) {
  if (res.locals.currentUser) return next();
  rememberDeepLink(req);
  res.redirect('/login');
}

/** A user is logged in and has a selected account they still belong to. */
export function requireAccount(req: Request, res: Response, next: NextFunction) {
  if (!res.locals.currentUser) return requireLogin(req, res, next);
  if (res.locals.access) return next();
  // Kept through the chooser: once an account is chosen, the page asked for opens (bug 4).
  rememberDeepLink(req);
  res.redirect('/accounts/choose');
}

export function requirePermission(permission: Permission) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!res.locals.currentUser || !res.locals.access) return requireAccount(req, res, next);
    authorize(res.locals.access, permission);
    next();
  };
}

/** The owner of the selected account, with client-area user management enabled (SPEC 7-11). */
export async function requireUserManagement(req: Request, res: Response, next: NextFunction) {
  if (!res.locals.currentUser || !res.locals.access) return requireAccount(req, res, next);
  authorizeManageUsers(res.locals.access, await getSettings());
  next();
}

/** The owner of the selected account, for its activity log (SPEC 22). */
export function requireAccountActivity(req: Request, res: Response, next: NextFunction) {
  if (!res.locals.currentUser || !res.locals.access) return requireAccount(req, res, next);
  authorizeAccountActivity(res.locals.access);
  next();
}

/** The numeric id in a route parameter; anything else is a 404, not a 500. */
export function idParam(req: Request, name = 'id'): number {
  const raw = req.params[name];
  const id = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND', msg('Not found.'));
  return id;
}

/** A token in a route parameter (URL-safe base64); anything else is a 404. */
export function tokenParam(req: Request, name = 'token'): string {
  const raw = req.params[name];
  if (typeof raw !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(raw))
    throw new AppError('NOT_FOUND', msg('This link is not valid.'));
  return raw;
}
