// Helpers every admin view can use: dates, money, names, and the query string of a list page.
import { Router } from 'express';
import { PERMISSIONS } from '../../policies/permissions.js';

export const fmt = {
  dateTime: (d: Date | null | undefined, none = 'Never') => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : none),
  date: (d: Date | null | undefined, none = '-') => (d ? d.toISOString().slice(0, 10) : none),
  money: (v: { toString(): string } | null | undefined) => (v == null ? '0.00' : Number(v.toString()).toFixed(2)),
  accountName: (a: { firstName: string; lastName: string; companyName: string } | null | undefined) =>
    a ? (a.companyName ? `${a.firstName} ${a.lastName} (${a.companyName})` : `${a.firstName} ${a.lastName}`) : '',
  permissionLabel: (key: string) => PERMISSIONS.find((p) => p.key === key)?.label ?? key,
  /** A query string from filters, skipping empty values. */
  qs: (params: Record<string, unknown>) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
    const out = s.toString();
    return out ? `?${out}` : '';
  },
};

export function adminLocalsRoutes() {
  const router = Router();
  router.use((_req, res, next) => {
    res.locals.fmt = fmt;
    next();
  });
  return router;
}
