// CSRF: synchroniser tokens kept in the session (csrf-sync). Every form carries _csrf.
import type { NextFunction, Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';

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

export function csrfProtection(req: Request, res: Response, next: NextFunction) {
  res.locals.csrfToken = generateToken(req);
  csrfSynchronisedProtection(req, res, next);
}

/** After login the session is regenerated: give the new session its own token. */
export function refreshCsrf(req: Request, res: Response) {
  res.locals.csrfToken = generateToken(req, true);
}
