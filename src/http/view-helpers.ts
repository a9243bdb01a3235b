// Helpers every view of both areas can use (app.locals.fmt): dates, money, names, and the query
// string of a list page. One way to write a date or an amount across the product.
import { languageLabel } from '../lib/languages.js';
import { formatDate, formatDateTime, formatMoney } from '../lib/format.js';
import { permissionLabel } from '../policies/permissions.js';

export const fmt = {
  /** 2026-12-01 18:04 UTC (src/lib/format.ts: the same in emails and PDFs) */
  dateTime: formatDateTime,
  /** 2026-12-01 */
  date: formatDate,
  /** 12.50 */
  money: formatMoney,
  accountName: (a: { firstName: string; lastName: string; companyName: string } | null | undefined) =>
    a ? (a.companyName ? `${a.firstName} ${a.lastName} (${a.companyName})` : `${a.firstName} ${a.lastName}`) : '',
  permissionLabel,
  /** Deutsch (de): a user's or an email's language, as the admin area shows it */
  languageLabel,
  /** A query string from filters, skipping empty values. */
  qs: (params: Record<string, unknown>) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
    const out = s.toString();
    return out ? `?${out}` : '';
  },
};
