// How values look on WHMCS's wire: dates as "YYYY-MM-DD HH:mm:ss" (UTC here; WHMCS uses the
// server's zone), languages by their English names ("english"), 0/1 for contact email switches.
import { LANGUAGES } from '../../lib/languages.js';

const pad = (n: number) => String(n).padStart(2, '0');

export function whmcsDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function whmcsDateTime(d: Date | null | undefined): string {
  if (!d) return '';
  return `${whmcsDate(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** WHMCS names each language in English, lower case; ours are ISO codes. */
const WHMCS_LANGUAGE_NAMES: Record<string, string> = {
  en: 'english',
  de: 'german',
  fr: 'french',
  es: 'spanish',
  nl: 'dutch',
  pl: 'polish',
  ar: 'arabic',
};

export const LANGUAGE_HELP = `one of ${LANGUAGES.map((l) => `${WHMCS_LANGUAGE_NAMES[l.value] ?? l.value} (${l.value})`).join(', ')}`;

/** Our code for a WHMCS language name or an ISO code; undefined for a language we do not have. */
export function languageCode(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  const known = LANGUAGES.find((l) => l.value === v || WHMCS_LANGUAGE_NAMES[l.value] === v);
  return known?.value;
}

export function whmcsLanguage(code: string): string {
  return WHMCS_LANGUAGE_NAMES[code] ?? code;
}

/** "1 Feb 2026"-style dates are not accepted: YYYY-MM-DD, or WHMCS's default DD/MM/YYYY. */
export function parseDay(value: string): { from: Date; to: Date } | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const local = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : local ? [local[3], local[2], local[1]] : [];
  if (!y || !m || !d) return null;
  const from = new Date(`${y}-${m}-${d}T00:00:00.000Z`);
  if (Number.isNaN(from.getTime()) || whmcsDate(from) !== `${y}-${m}-${d}`) return null;
  return { from, to: new Date(from.getTime() + 86_400_000 - 1) };
}
