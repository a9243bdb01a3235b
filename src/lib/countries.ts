// The country list of every address form, from i18n-iso-countries (a maintained ISO 3166-1 list),
// so withdrawn codes and regions that are not countries never appear. Its English names are the
// labels; this module is the one place they come from. Client pages name them in the reader's
// language (countriesIn), from the same package's list for that language.
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { LANGUAGE_CODES } from './i18n.js';

countries.registerLocale(english);
const require = createRequire(import.meta.url);
for (const code of LANGUAGE_CODES) {
  if (code === 'en') continue;
  try {
    countries.registerLocale(
      require(`i18n-iso-countries/langs/${code}.json`) as Parameters<typeof countries.registerLocale>[0],
    );
  } catch {
    // A language the package has no names for: its readers see the English names.
  }
}

export interface Country {
  code: string;
  name: string;
}

function build(): Country[] {
  const names = countries.getNames('en', { select: 'official' });
  return Object.entries(names)
    .map(([code, name]) => ({ code, name }))
    .sort((x, y) => x.name.localeCompare(y.name, 'en'));
}

export const COUNTRIES: readonly Country[] = build();

const NAMES = new Map(COUNTRIES.map((c) => [c.code, c.name]));

export const isCountryCode = (code: string): boolean => NAMES.has(code);

/** The English name of a country code (for invoices), or the code itself when it is not listed. */
export const countryName = (code: string): string => NAMES.get(code) ?? code;

const byLanguage = new Map<string, readonly Country[]>();
/** The country list named and sorted for a reader of `language` (English names where it has none). */
export function countriesIn(language: string): readonly Country[] {
  let list = byLanguage.get(language);
  if (!list) {
    const names = countries.getNames(language, { select: 'official' });
    list = COUNTRIES.map((c) => ({ code: c.code, name: names[c.code] ?? c.name })).sort((x, y) =>
      x.name.localeCompare(y.name, language),
    );
    byLanguage.set(language, list);
  }
  return list;
}
