// Request throttles for routes that do no form handling of their own (token links, the strength
// meter). The counters are PostgreSQL rows shared by every instance (services/throttles). Login
// forms are throttled inside the services they call (services/throttles/login-throttle.ts).
import type { NextFunction, Request, Response } from 'express';
import { hit, type ThrottleRule } from '../../services/throttles/throttles.js';

export function throttle(rule: ThrottleRule) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    await hit(rule, req.ip ?? '');
    next();
  };
}
