// The country list of every address form, from i18n-iso-countries (a maintained ISO 3166-1 list),
// so withdrawn codes and regions that are not countries never appear. Its English names are the
// labels; this module is the one place they come from (a later translation swaps the locale here).
import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(english);

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
