// Headers helmet does not set (hardening item 11).
import type { NextFunction, Request, Response } from 'express';

/** No camera, microphone, location, payment, USB or FLoC for any page of ours. */
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()';

export function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  next();
}

/**
 * Pages of the two areas are never stored by the browser or a proxy: a logged-in page can show a
 * service's password or recovery codes, and the back button after logout must not bring it back.
 */
export function noStore(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('Cache-Control', 'no-store');
  next();
}
