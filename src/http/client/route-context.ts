// What a client-area route needs from the request: who acts, in which account, on which page.
import type { Request, Response } from 'express';
import type { AccountAccess } from '../../policies/authorize.js';
import { userActor, type AccountContext, type UserActor } from '../../services/actor.js';

/** The user acting; in a session staff opened as them, also the admin (the log names both). */
export function actorOf(req: Request, res: Response): UserActor {
  return userActor(res.locals.currentUser!.id, req.ip ?? '', req.session.staffAdminId);
}

/** The selected account's access, read fresh for this request; section services check it. */
export function accessOf(res: Response): AccountAccess {
  return res.locals.access!;
}

/** Who acts, and their access to the selected account: what every section service is called with. */
export function contextOf(req: Request, res: Response): AccountContext {
  return { actor: actorOf(req, res), access: accessOf(res) };
}

export function authorOf(res: Response) {
  const u = res.locals.currentUser!;
  return { userId: u.id, email: u.email, name: `${u.firstName} ${u.lastName}` };
}

export function pageParam(req: Request): number {
  const raw = typeof req.query.page === 'string' ? Number(req.query.page) : 1;
  return Number.isSafeInteger(raw) && raw > 0 && raw < 100_000 ? raw : 1;
}
