// Which language a client-area request is answered in (issue 15): i18next's Express middleware
// picks it from the picker's cookie or Accept-Language and puts `t` on req and res.locals; once
// the user is known, their own language setting wins. Views then also get `fmt` with dates,
// times and money in that language, and `dir` for right-to-left languages.
import type { NextFunction, Request, Response } from 'express';
import { handle } from 'i18next-http-middleware';
import { countriesIn, countryName, type Country } from '../../lib/countries.js';
import { formatsFor } from '../../lib/format.js';
import { directionOf, i18n, LANGUAGE_CODES, supportedLanguage } from '../../lib/i18n.js';
import { LANGUAGES } from '../../lib/languages.js';
import { fmt } from '../view-helpers.js';
import { valueLabels } from '../value-labels.js';

export const detectLanguage = handle(i18n);

type PageFormats = typeof fmt &
  ReturnType<typeof formatsFor> & {
    /** A stored English value (status, billing cycle, department...) in the reader's language. */
    label: (value: string) => string;
    /** The country list of address forms, named in the reader's language. */
    countries: readonly Country[];
    country: (code: string) => string;
  };

const localeFmt = new Map<string, PageFormats>();
function fmtFor(language: string): PageFormats {
  let f = localeFmt.get(language);
  if (!f) {
    const labels = valueLabels(i18n.getFixedT(language, 'client'));
    const countries = countriesIn(language);
    const names = new Map(countries.map((c) => [c.code, c.name]));
    f = {
      ...fmt,
      ...formatsFor(language),
      label: (value) => labels.get(value) ?? value,
      countries,
      country: (code) => names.get(code) ?? countryName(code),
    };
    localeFmt.set(language, f);
  }
  return f;
}

/** After loadUser: the logged-in user's setting over the cookie and the browser's. */
export function useUserLanguage(req: Request, res: Response, next: NextFunction) {
  const own = supportedLanguage((res.locals.currentUser as { language?: string } | undefined)?.language);
  if (own && own !== req.language) void req.i18n.changeLanguage(own);
  const language = supportedLanguage(req.language) ?? LANGUAGE_CODES[0];
  // The middleware names what the browser asked for ("de-DE"); the page is in what we have.
  res.setHeader('Content-Language', language);
  res.locals.lang = language;
  res.locals.dir = directionOf(language);
  res.locals.fmt = fmtFor(language);
  res.locals.languages = LANGUAGES;
  next();
}
