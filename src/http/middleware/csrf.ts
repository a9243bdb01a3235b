// CSRF (SPEC rule 27): synchroniser tokens kept in the session (csrf-sync); every form carries
// _csrf. The token is made only when a page uses it (a form, or the logged-in layout), so a
// visitor who only reads pages gets no session row (hardening item 11). Behind the token, a
// second line: a state-changing request whose Origin names another site is refused.
import type { NextFunction, Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req) => {
    const body = req.body as Record<string, unknown> | undefined;
    const fromBody = typeof body?._csrf === 'string' ? body._csrf : undefined;
    const header = req.headers['x-csrf-token'];
    return fromBody ?? (typeof header === 'string' ? header : undefined);
  },
  errorConfig: {
    statusCode: 403,
    message: 'Your form expired or was sent from another site. Please try again.',
    code: 'EBADCSRFTOKEN',
  },
});

/** A function, not a value: only a view that calls it (a form) writes a token to the session. */
function lazyToken(req: Request, res: Response, renew = false) {
  let token: string | undefined;
  res.locals.csrfToken = () => (token ??= generateToken(req, renew));
  // The hidden field every form carries, as a function rather than an EJS include: an include
  // copies every local of the page, once per form (8.7% of User Management's CPU in the issue 12
  // profile, where each row has its forms). The token is hex, safe inside an attribute.
  res.locals.csrfField = () => `<input type="hidden" name="_csrf" value="${res.locals.csrfToken()}">`;
}

/**
 * The footer's language picker is on every page, also for a visitor who only reads: a token in it
 * would give every such visitor a session row. So a visitor whose session never got a token (no
 * session, never logged in) sends the picker without one: there is no session to act for, the
 * only effect is the language cookie, and sameOriginOnly still refuses it from another site.
 * Everyone else (a session with a token, any logged-in user) needs the token there too.
 */
const SESSIONLESS_POSTS = new Set(['/language']);

export function csrfProtection(req: Request, res: Response, next: NextFunction) {
  lazyToken(req, res);
  res.locals.csrfIssued = () => Boolean(req.session?.csrfToken);
  if (req.method === 'POST' && SESSIONLESS_POSTS.has(req.path) && !req.session?.csrfToken && !req.session?.userId)
    return next();
  csrfSynchronisedProtection(req, res, next);
}

/** After login the session is regenerated: give the new session its own token. */
export function refreshCsrf(req: Request, res: Response) {
  lazyToken(req, res, true);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser names the page a form was sent from (Origin, or Sec-Fetch-Site): refuse a
 * state-changing request from another site even before the CSRF token is looked at. Requests
 * without either header (old browsers, scripts) rely on the token alone.
 */
export function sameOriginOnly(publicUrl?: string) {
  const configured = publicUrl ? new URL(publicUrl).origin : undefined;
  return (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get('origin');
    const own = `${req.protocol}://${req.get('host') ?? ''}`;
    const crossSite = req.get('sec-fetch-site') === 'cross-site';
    if (crossSite || (origin && origin !== 'null' && origin !== own && origin !== configured)) {
      return next(new AppError('FORBIDDEN', msg('This request came from another site and was refused.')));
    }
    next();
  };
}
