// The one way the product writes a date, a time or an amount: pages of both areas (through `fmt`
// in src/http/view-helpers.ts), emails and PDF invoices all use these (issue 13 bug 6: dates
// appeared both as "... UTC" and as "Mon, 30 Nov 2026 ... GMT").

export type DateLike = Date | string | null | undefined;
const asDate = (d: DateLike): Date | null => (d ? (d instanceof Date ? d : new Date(d)) : null);

/** 2026-12-01 18:04 UTC */
export function formatDateTime(d: DateLike, none = 'Never'): string {
  const date = asDate(d);
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : none;
}

/** 2026-12-01 */
export function formatDate(d: DateLike, none = '-'): string {
  return asDate(d)?.toISOString().slice(0, 10) ?? none;
}

/** 12.50 (from a Prisma Decimal, a number or a numeric string) */
export function formatMoney(v: { toString(): string } | number | null | undefined): string {
  return v == null ? '0.00' : Number(v.toString()).toFixed(2);
}
