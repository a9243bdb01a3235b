// SPEC rule 6: on every request the user and the selected account's membership are read again,
// in one query. A user removed from the account loses it on their next request.
import type { NextFunction, Request, Response } from 'express';
import { db } from '../../db/client.js';
import { effectivePermissions } from '../../policies/authorize.js';
import { accountDisplayName } from '../../services/accounts.js';

export async function loadUser(req: Request, res: Response, next: NextFunction) {
  res.locals.can = () => false;
  const userId = req.session.userId;
  if (!userId) return next();
  const accountId = req.session.accountId ?? 0;
  const user = await db().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      firstName: true,
      lastName: true,
      language: true,
      totpEnabled: true,
      emailVerifiedAt: true,
      memberships: {
        where: { accountId },
        select: {
          isOwner: true,
          permissions: true,
          account: {
            select: { id: true, firstName: true, lastName: true, companyName: true, email: true, status: true },
          },
        },
      },
    },
  });
  if (!user) {
    // The user was deleted: the session means nothing any more.
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    return next();
  }
  const { memberships, ...currentUser } = user;
  res.locals.currentUser = currentUser;
  const link = memberships[0];
  if (link) {
    const access = {
      accountId: link.account.id,
      userId,
      isOwner: link.isOwner,
      permissions: effectivePermissions(link.isOwner, link.permissions),
    };
    res.locals.access = access;
    res.locals.currentAccount = { ...link.account, displayName: accountDisplayName(link.account) };
    res.locals.can = (permission) => access.permissions.includes(permission);
  } else if (req.session.accountId) {
    // Access to the selected account was removed: forget it, so the chooser shows what is left.
    delete req.session.accountId;
  }
  next();
}
