// The languages a user or an account can choose: exactly those with message files under
// locales/ (src/lib/i18n.ts), each named in its own language ("Deutsch", "العربية").
import { LANGUAGE_CODES } from './i18n.js';

export { LANGUAGE_CODES };

export const LANGUAGES = LANGUAGE_CODES.map((code) => ({
  value: code,
  label: new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code,
}));
