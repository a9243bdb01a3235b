// Which language a client-area request is answered in (issue 15). i18next-http-middleware's
// LanguageDetector (registered in src/lib/i18n.ts) reads the picker's cookie, then
// Accept-Language; once the user is known, their own language setting wins. The request then
// gets `t` for that language on req and res.locals, with `fmt` (dates, times, money through
// Intl) and `dir` (right-to-left languages) for the views.
//
// Not the package's `handle()`: it clones the i18next instance for every request (measured in
// the issue 12 profile); the translator of each language is made once instead, and caches its
// plain lookups (src/lib/i18n.ts). Detection is still the package's.
import type { NextFunction, Request, Response } from 'express';
import type { LanguageDetector } from 'i18next-http-middleware';
import { countriesIn, countryName, type Country } from '../../lib/countries.js';
import { formatsFor } from '../../lib/format.js';
import { DEFAULT_LANGUAGE, DETECTION_ORDER, directionOf, i18n, supportedLanguage, translator } from '../../lib/i18n.js';
import { LANGUAGES } from '../../lib/languages.js';
import { fmt } from '../view-helpers.js';
import { valueLabels } from '../value-labels.js';

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
    const labels = valueLabels(translator(language));
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

/** What a view needs to speak `language`: the same objects every request in it gets (made once). */
export function viewLocalsFor(language: string) {
  return {
    t: translator(language),
    lang: language,
    dir: directionOf(language),
    fmt: fmtFor(language),
    languages: LANGUAGES,
  };
}

function answerIn(req: Request, res: Response, language: string) {
  const locals = viewLocalsFor(language);
  req.language = language;
  req.t = locals.t;
  Object.assign(res.locals, locals);
  res.setHeader('Content-Language', language);
}

/** First in the client area: the cookie's or the browser's language, until the user is known. */
export function detectLanguage(req: Request, res: Response, next: NextFunction) {
  const detector = i18n.services.languageDetector as LanguageDetector;
  // Its typings say detect() returns nothing; it returns the language found.
  const found = detector.detect(req, res, DETECTION_ORDER) as unknown as string | undefined;
  answerIn(req, res, supportedLanguage(found) ?? DEFAULT_LANGUAGE);
  next();
}

/** After loadUser: the logged-in user's own setting over the cookie and the browser's. */
export function useUserLanguage(req: Request, res: Response, next: NextFunction) {
  const own = supportedLanguage((res.locals.currentUser as { language?: string } | undefined)?.language);
  if (own && own !== req.language) answerIn(req, res, own);
  next();
}
