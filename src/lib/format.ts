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

/** The currency every price in the product is in (the catalogue has no other). */
export const CURRENCY = 'USD';

export interface LocaleFormats {
  /** 1 Dec 2026, 18:04 UTC (de: 01.12.2026, 18:04 UTC) */
  dateTime: (d: DateLike, none?: string) => string;
  /** 1 Dec 2026 (de: 01.12.2026) */
  date: (d: DateLike, none?: string) => string;
  /** $12.50 (de: 12,50 $); the currency sign is part of the result */
  money: (v: { toString(): string } | number | null | undefined) => string;
}

const localeFormats = new Map<string, LocaleFormats>();

/**
 * Dates, times and amounts the way a reader of `language` writes them (issue 15), with Intl.
 * The formatters are built once per language: making an Intl formatter costs far more than using one.
 */
export function formatsFor(language: string): LocaleFormats {
  let formats = localeFormats.get(language);
  if (formats) return formats;
  const dateTime = new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  const money = new Intl.NumberFormat(language, { style: 'currency', currency: CURRENCY });
  formats = {
    dateTime: (d, none = 'Never') => {
      const value = asDate(d);
      return value ? `${dateTime.format(value)} UTC` : none;
    },
    date: (d, none = '-') => {
      const value = asDate(d);
      return value ? date.format(value) : none;
    },
    money: (v) => money.format(v == null ? 0 : Number(v.toString())),
  };
  localeFormats.set(language, formats);
  return formats;
}
