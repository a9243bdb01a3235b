// SPEC rule 6: on every request the user and the selected account's membership are read again,
// in one query. A user removed from the account loses it on their next request.
import type { NextFunction, Request, Response } from 'express';
import { can } from '../../policies/authorize.js';
import { loadRequestContext } from '../../services/memberships/current-access.js';

export async function loadUser(req: Request, res: Response, next: NextFunction) {
  res.locals.can = () => false;
  const userId = req.session.userId;
  if (!userId) return next();
  const context = await loadRequestContext(userId, req.session.accountId ?? 0);
  if (!context) {
    // The user was deleted: the session means nothing any more.
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    return next();
  }
  res.locals.currentUser = context.user;
  const { access, account } = context;
  if (access && account) {
    res.locals.access = access;
    res.locals.currentAccount = account;
    res.locals.can = (permission) => can(access, permission);
  } else if (req.session.accountId) {
    // Access to the selected account was removed: forget it, so the chooser shows what is left,
    // and say why the person lands there (issue 13 bug 5).
    delete req.session.accountId;
    req.flash(
      'warning',
      context.lostAccount
        ? `Your access to ${context.lostAccount.displayName} was removed. Ask its owner if you need it again.`
        : 'The account you were working in is no longer available.',
    );
  }
  next();
}
