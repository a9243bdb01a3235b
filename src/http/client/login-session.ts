// Turning a checked login into a session bound to an account (SPEC rules 5-6). The services decide
// (completeLogin, enterAccount); this file only keeps their answer in the session. The session is
// written by the redirect that follows (saveSessionBeforeRedirect in middleware/session.ts).
import type { Request } from 'express';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import type { AccountAccess } from '../../policies/authorize.js';
import { completeLogin, enterAccount, type CompletedLogin, type LoginMeta } from '../../services/auth/enter-account.js';
import { signInWithSsoToken } from '../../services/auth/sso.js';
import { regenerate, rememberSession } from '../middleware/session.js';

const metaOf = (req: Request): LoginMeta => ({ ip: req.ip ?? '', host: req.hostname });

const SELF = 'http://self.invalid';

/**
 * Only paths of this site are followed after login or Choose Account: the value is resolved the
 * way a browser would ("//evil.test", "/\\evil.test", tabs inside) and must stay on this origin.
 */
export function safeReturnTo(value: string | undefined): string | undefined {
  if (!value?.startsWith('/') || value.includes('\\')) return undefined;
  try {
    const url = new URL(value, SELF);
    return url.origin === SELF ? `${url.pathname}${url.search}${url.hash}` : undefined;
  } catch {
    return undefined;
  }
}

/** A new session id for a user who just proved who they are. */
async function newUserSession(req: Request, userId: number): Promise<void> {
  await regenerate(req);
  req.session.userId = userId;
  req.session.ip = req.ip ?? '';
  req.session.userAgent = req.get('user-agent') ?? '';
  req.session.createdAt = new Date().toISOString();
}

/** Keeps the account the login was bound to, and says where to go. */
function landing(req: Request, login: CompletedLogin, wanted: string | undefined): string {
  if (login.accountId !== null) req.session.accountId = login.accountId;
  // The home page greets a first login ("Welcome") differently from a return ("Welcome back").
  if (login.firstLogin) req.session.firstLogin = true;
  if (wanted) return wanted;
  if (login.accountId !== null) return '/';
  return login.accountCount ? '/accounts/choose' : '/accounts/none';
}

/**
 * Logs the user in with a new session id and returns where to go: the page they asked for, their
 * only account's dashboard, the chooser, or "no account". `intoAccountId` binds the session to
 * that account (an invitation just accepted).
 */
export async function startUserSession(
  req: Request,
  userId: number,
  intoAccountId?: number,
  options: { remember?: boolean } = {},
): Promise<string> {
  // A new session id on login; only the return address, the cart and "Remember me" come along.
  const { returnTo, cart, cartKey, pendingRemember } = req.session;
  await newUserSession(req, userId);
  if (options.remember ?? pendingRemember) rememberSession(req);
  if (cart?.length) Object.assign(req.session, { cart, cartKey });
  const login = await completeLogin(userId, metaOf(req), intoAccountId);
  return landing(req, login, safeReturnTo(returnTo));
}

/**
 * A single sign-on link (made by the API's CreateSsoToken): the service uses it up and completes
 * the login into its account; only then is the session replaced, so a dead link leaves whoever
 * was logged in here logged in. Returns the link's destination.
 */
export async function startSsoSession(req: Request, token: string): Promise<string> {
  const { login, destination } = await signInWithSsoToken(token, metaOf(req));
  await newUserSession(req, login.userId);
  return landing(req, login, destination);
}

/**
 * Switches the logged-in user's session to an account (NOT_FOUND when they cannot reach it).
 * Choosing the account the session is already in changes nothing and logs nothing: one login,
 * one "User selected this account" (issue 13 bug 6). A session staff opened as this user is bound
 * to the one client it was opened for (issue 14).
 */
export async function selectAccount(
  req: Request,
  userId: number,
  accountId: number,
  current: AccountAccess | undefined,
): Promise<AccountAccess> {
  if (req.session.staffAdminId !== undefined && req.session.staffAccountId !== accountId)
    throw new AppError(
      'FORBIDDEN',
      msg('This staff session is for one client only. Return to the admin area to log in to another.'),
    );
  if (current && current.accountId === accountId && current.userId === userId) return current;
  const access = await enterAccount(userId, accountId, metaOf(req));
  // Same person, same authentication: a new session id, but the CSRF token may carry over.
  const { ip, userAgent, createdAt, csrfToken, firstLogin, remember, staffAdminId, staffAdminName, staffAccountId } =
    req.session;
  await regenerate(req);
  Object.assign(req.session, { userId, ip, userAgent, createdAt, csrfToken, firstLogin, accountId });
  if (staffAdminId !== undefined) Object.assign(req.session, { staffAdminId, staffAdminName, staffAccountId });
  if (remember) rememberSession(req);
  return access;
}
