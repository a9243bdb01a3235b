// The languages a user or an account can choose: exactly those with message files under
// locales/ (src/lib/i18n.ts), each named in its own language ("Deutsch", "العربية").
import { LANGUAGE_CODES } from './i18n.js';

export { LANGUAGE_CODES };

export const LANGUAGES = LANGUAGE_CODES.map((code) => ({
  value: code,
  label: new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code,
}));

/**
 * How the admin area (English) names a user's or an email's language: "Deutsch (de)", in the
 * language itself so staff recognise it; a code without files is shown as it is.
 */
export function languageLabel(code: string | null | undefined): string {
  if (!code) return '-';
  const known = LANGUAGES.find((l) => l.value === code);
  return known ? `${known.label} (${code})` : code;
}
