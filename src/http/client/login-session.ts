// Turning a checked login into a session bound to an account (SPEC rules 5-6). The session is
// written by the redirect that follows (saveSessionBeforeRedirect in middleware/session.ts).
import type { Request } from 'express';
import { regenerate } from '../middleware/session.js';
import { recordLogin } from '../../services/auth/login.js';
import { listUserAccounts, recordAccountLogin } from '../../services/memberships/memberships.js';
import { logActivity } from '../../services/activity/activity-log.js';

/** Logs the user in and returns where to go: their only account, the chooser, or "no account". */
export async function startUserSession(req: Request, userId: number): Promise<string> {
  // A new session id on login; only the return address and the cart come along.
  const { returnTo, cart } = req.session;
  await regenerate(req);
  req.session.userId = userId;
  if (cart?.length) req.session.cart = cart;
  req.session.ip = req.ip ?? '';
  req.session.userAgent = req.get('user-agent') ?? '';
  req.session.createdAt = new Date().toISOString();
  await recordLogin(userId, req.ip ?? '', req.hostname);
  const accounts = await listUserAccounts(userId);
  const only = accounts.length === 1 ? accounts[0] : undefined;
  if (only) await selectAccount(req, userId, only.id, false);
  if (returnTo && returnTo.startsWith('/') && !returnTo.startsWith('//')) return returnTo;
  if (only) return '/';
  return accounts.length ? '/accounts/choose' : '/accounts/none';
}

/** Binds the session to an account the caller has verified the user may reach. */
export async function selectAccount(
  req: Request,
  userId: number,
  accountId: number,
  newSessionId = true,
): Promise<void> {
  if (newSessionId) {
    // Same person, same authentication: a new session id, but the CSRF token may carry over.
    const { ip, userAgent, createdAt, csrfToken } = req.session;
    const carry = { userId, ip, userAgent, createdAt, csrfToken };
    await regenerate(req);
    Object.assign(req.session, carry);
  }
  req.session.accountId = accountId;
  await recordAccountLogin(userId, accountId, req.ip ?? '');
  await logActivity({ kind: 'user', userId, ip: req.ip ?? '' }, 'User selected this account', accountId);
}
