// Throttling of login and token routes (SPEC rule 4): per IP, and per email for logins.
import type { Request } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { AppError } from '../../lib/errors.js';

const tooMany = () => new AppError('RATE_LIMITED', 'Too many attempts. Please wait a few minutes and try again.');

export function loginLimiters(perWindow: number) {
  const windowMs = 15 * 60 * 1000;
  const handler = (_req: Request, _res: unknown, next: (e: unknown) => void) => next(tooMany());
  const byIp = rateLimit({ windowMs, limit: perWindow * 3, standardHeaders: 'draft-8', legacyHeaders: false, handler });
  const byEmail = rateLimit({
    windowMs,
    limit: perWindow,
    standardHeaders: false,
    legacyHeaders: false,
    handler,
    keyGenerator: (req) => {
      const email = (req.body as { email?: unknown } | undefined)?.email;
      return typeof email === 'string' && email
        ? `email:${email.trim().toLowerCase()}`
        : `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
  });
  return [byIp, byEmail];
}

/** Links carrying a token (invitation, reset, verification): generous, but no brute force. */
export function tokenLimiter() {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: 60,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(tooMany()),
  });
}
