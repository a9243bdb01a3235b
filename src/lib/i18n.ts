// The one translation layer (issue 15): i18next with its file backend, loaded once at start-up.
// Message files live in locales/<language>/<namespace>.json; the languages offered are the
// folders present. Keys are the English text itself ("Log in", "{{count}} users"), so a view
// reads as the page it renders; plurals (`_one`, `_other`, and Arabic's six forms) and
// interpolation are i18next's. Namespaces:
//   client   - client-area pages, layouts, partials, flash messages, page titles
//   messages - what the services and form schemas say (AppError messages, field messages)
//   emails   - email subjects and bodies
// The admin area stays English (README): it uses the English strings written in its views.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import FsBackend from 'i18next-fs-backend';
import { LanguageDetector } from 'i18next-http-middleware';

export const LOCALES_DIR = resolve(import.meta.dirname, '../../locales');
export const NAMESPACES = ['client', 'messages', 'emails'] as const;
export type Namespace = (typeof NAMESPACES)[number];
export const DEFAULT_LANGUAGE = 'en';
/** The cookie the footer's language picker sets for visitors who are not logged in. */
export const LANGUAGE_COOKIE = 'lang';
/** Before login: the picker's cookie, then the browser's Accept-Language. */
export const DETECTION_ORDER = ['cookie', 'header'];

/** Every folder under locales/ is a language; English first, then the others by code. */
export const LANGUAGE_CODES: [string, ...string[]] = [
  DEFAULT_LANGUAGE,
  ...readdirSync(LOCALES_DIR)
    .filter((name) => name !== DEFAULT_LANGUAGE && statSync(join(LOCALES_DIR, name)).isDirectory())
    .sort(),
];

export const i18n = i18next.createInstance();
void i18n
  .use(FsBackend)
  .use(LanguageDetector)
  .init({
    // Synchronous: the backend reads every file with readFileSync here, so the first request (and
    // any module that translates at import time) finds everything loaded.
    initAsync: false,
    preload: LANGUAGE_CODES,
    supportedLngs: LANGUAGE_CODES,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: DEFAULT_LANGUAGE,
    ns: [...NAMESPACES],
    defaultNS: 'client',
    // English text as keys: neither "." nor ":" in a sentence may split it.
    keySeparator: false,
    nsSeparator: false,
    returnEmptyString: false,
    // EJS escapes what `<%= %>` prints; escaping here too would show "&amp;" on pages.
    interpolation: { escapeValue: false },
    backend: { loadPath: join(LOCALES_DIR, '{{lng}}/{{ns}}.json') },
    // Before login: the picker's cookie, then the browser's Accept-Language. After login the
    // user's own setting wins (src/http/middleware/language.ts). Nothing is cached by i18next:
    // the picker sets its cookie itself.
    detection: { order: DETECTION_ORDER, lookupCookie: LANGUAGE_COOKIE, caches: false },
  });

/** A language we have for a code such as "de", "de-AT" or "DE"; undefined otherwise. */
export function supportedLanguage(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  const base = code.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return LANGUAGE_CODES.includes(base) ? base : undefined;
}

const directions = new Map(LANGUAGE_CODES.map((code) => [code, i18n.dir(code)]));
/** Left-to-right or right-to-left, for `<html dir>` and the Bootstrap build a page loads. */
export const directionOf = (language: string): 'ltr' | 'rtl' => directions.get(language) ?? i18n.dir(language);

type Options = Record<string, unknown>;
const fixed = new Map<string, TFunction>();

/**
 * A `t` bound to one language and namespace, made once per pair. A plain lookup (no
 * placeholders, no plural) is remembered: a page calls `t` for every label it prints, and the
 * answer for a literal key never changes while the process runs (message files load at start-up).
 */
export function translator(language: string, ns: Namespace = 'client'): TFunction {
  const lng = supportedLanguage(language) ?? DEFAULT_LANGUAGE;
  const id = `${lng}:${ns}`;
  let t = fixed.get(id);
  if (!t) {
    const lookup = i18n.getFixedT(lng, ns);
    const remembered = new Map<string, string>();
    const plain = (key: string): string => {
      let text = remembered.get(key);
      if (text === undefined) {
        text = lookup(key);
        remembered.set(key, text);
      }
      return text;
    };
    const cached = (key: string, options?: Options): string => {
      if (options === undefined) return plain(key);
      // { ns } alone is a plain lookup in another namespace: that namespace's own cache.
      const keys = Object.keys(options);
      if (keys.length === 1 && keys[0] === 'ns' && typeof options.ns === 'string' && options.ns !== ns)
        return (translator(lng, options.ns as Namespace) as unknown as (k: string) => string)(key);
      return lookup(key, options);
    };
    t = cached as unknown as TFunction;
    fixed.set(id, t);
  }
  return t;
}

/**
 * Marks a string outside a view as a translation key without translating it here: the text is
 * stored or thrown in English (logs, the API) and translated where it is shown, in the reader's
 * language. The key check (tests/unit/i18n-keys.test.ts) collects every msg(key) whose key is a literal.
 */
export const msg = <K extends string>(key: K): K => key;
