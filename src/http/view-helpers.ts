// Helpers every view of both areas can use (app.locals.fmt): dates, money, names, and the query
// string of a list page. One way to write a date or an amount across the product.
import { permissionLabel } from '../policies/permissions.js';

type DateLike = Date | string | null | undefined;
const asDate = (d: DateLike): Date | null => (d ? (d instanceof Date ? d : new Date(d)) : null);

export const fmt = {
  /** 2026-12-01 18:04 UTC */
  dateTime: (d: DateLike, none = 'Never') => {
    const date = asDate(d);
    return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : none;
  },
  /** 2026-12-01 */
  date: (d: DateLike, none = '-') => asDate(d)?.toISOString().slice(0, 10) ?? none,
  /** 12.50 (from a Prisma Decimal, a number or a numeric string) */
  money: (v: { toString(): string } | number | null | undefined) =>
    v == null ? '0.00' : Number(v.toString()).toFixed(2),
  accountName: (a: { firstName: string; lastName: string; companyName: string } | null | undefined) =>
    a ? (a.companyName ? `${a.firstName} ${a.lastName} (${a.companyName})` : `${a.firstName} ${a.lastName}`) : '',
  permissionLabel,
  /** A query string from filters, skipping empty values. */
  qs: (params: Record<string, unknown>) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
    const out = s.toString();
    return out ? `?${out}` : '';
  },
};
