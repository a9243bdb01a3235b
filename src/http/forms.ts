// Form handling: one zod schema per form; on failure the route re-renders the form with a
// message per field and the values typed (passwords never echoed back), in the reader's
// language (issue 15): our own messages are keys (msg) translated when the form is rendered;
// zod's default messages are made in the request's language by zod's own locales.
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { AppError, isAppError, type MessageParams } from '../lib/errors.js';
import { DEFAULT_LANGUAGE, msg, supportedLanguage } from '../lib/i18n.js';
import { hasControlCharacter } from '../lib/text.js';
import { pageTranslator, translatedFields, translatedMessage } from './translate.js';

export type FieldErrors = Record<string, string>;

/** Fields holding a control character, which no form of ours accepts (hardening item 7). */
function controlCharacterFields(body: unknown): FieldErrors {
  const fields: FieldErrors = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      const values = Array.isArray(v) ? v : [v];
      if (values.some((x) => typeof x === 'string' && hasControlCharacter(x)))
        fields[k] = msg('This contains characters that are not allowed.');
    }
  }
  return fields;
}

type ZodLocale = () => { localeError: z.core.$ZodErrorMap };
const zodLocales = z.locales as unknown as Record<string, ZodLocale | undefined>;
const zodErrorMaps = new Map<string, z.core.$ZodErrorMap>();

/** zod's messages for its own checks (those without a message of ours) in a language zod has. */
function zodErrorMap(language: string): z.core.$ZodErrorMap {
  const lng = supportedLanguage(language) ?? DEFAULT_LANGUAGE;
  let map = zodErrorMaps.get(lng);
  if (!map) {
    map = (zodLocales[lng] ?? zodLocales[DEFAULT_LANGUAGE] ?? z.locales.en)().localeError;
    zodErrorMaps.set(lng, map);
  }
  return map;
}

/**
 * The form's values, or VALIDATION with a message key per field. `language` is the reader's
 * (req.language): zod's default messages are made in it; ours stay keys for the page to translate.
 */
export function parseForm<T extends z.ZodType>(schema: T, body: unknown, language = DEFAULT_LANGUAGE): z.infer<T> {
  const bad = controlCharacterFields(body);
  if (Object.keys(bad).length)
    throw new AppError('VALIDATION', msg('Some of what you typed contains characters that are not allowed.'), bad);
  const result = schema.safeParse(body ?? {}, { error: zodErrorMap(language) });
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  // A message of ours with placeholders (the password's hint) brings their values as the issue's params.
  let params: MessageParams = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    if (fields[key] !== undefined) continue;
    fields[key] = issue.message;
    if (issue.code === 'custom' && issue.params) params = { ...params, ...(issue.params as MessageParams) };
  }
  throw new AppError('VALIDATION', msg('Please correct the highlighted fields.'), fields, { params });
}

/** What the person typed, minus anything secret, to put back in the form. */
export function typedValues(body: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      if (!/password|_csrf|code|answer/i.test(k)) values[k] = v;
    }
  }
  return values;
}

/**
 * Common field rules with messages a person can act on, written as keys (msg) of the `messages`
 * namespace: the form is rendered with them translated.
 */
export const fields = {
  email: z
    .string({ error: msg('Enter your email address.') })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: msg('Enter a valid email address.') }).max(254)),
  /**
   * A required line of text with its two messages as whole sentences, each a key of its own: a
   * sentence built around a label ("Enter " + label) cannot be translated (German needs the whole).
   */
  text: (messages: { missing: string; tooLong: string }, max = 100) =>
    z.string({ error: messages.missing }).trim().min(1, messages.missing).max(max, messages.tooLong),
  /** The same in English around a label, for the admin area and the API, which stay English. */
  name: (label: string) =>
    z
      .string({ error: `Enter ${label}.` })
      .trim()
      .min(1, `Enter ${label}.`)
      .max(100, `${label} is too long.`),
  optional: (max = 200) => z.string().trim().max(max, msg('This is too long.')).optional().default(''),
  // The numbers are PASSWORD_MIN_LENGTH and PASSWORD_MAX_LENGTH (src/lib/password-strength.ts).
  newPassword: z
    .string({ error: msg('Choose a password.') })
    .min(10, msg('Use at least 10 characters.'))
    .max(256, msg('Use at most 256 characters.')),
  checkbox: z.preprocess((v) => v === 'on' || v === 'true' || v === '1' || v === true, z.boolean()),
  /** A checkbox group arrives as a string (one ticked) or an array (several), or not at all. */
  list: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string())),
};

/** Statuses of a refusal that belongs on the form (fix and resend), not on an error page. */
const FORM_STATUSES = new Set([400, 401, 409, 429, 503]);

type Locals = Record<string, unknown>;

export interface FormSpec<S extends z.ZodType> {
  /** The view holding the form, rendered again with the error when the action is refused. */
  view: string;
  /** What that view needs besides the form; resolved only when the form fails. */
  locals?: (req: Request, res: Response) => Promise<Locals> | Locals;
  /** Parsed from the body before the handler runs. */
  schema?: S;
}

/**
 * A POST route for a form: parse the body with the schema, run the handler; when the handler (or
 * a service it calls) refuses with a 4xx that the person can fix, render the form again with the
 * message, the field errors and what they typed (secrets aside). Anything else goes on to the
 * area's error handler.
 */
export function formRoute<S extends z.ZodType>(
  spec: FormSpec<S>,
  handler: (req: Request, res: Response, form: z.infer<S>) => Promise<unknown>,
): RequestHandler {
  return async (req, res) => {
    try {
      const form = spec.schema ? parseForm(spec.schema, req.body, req.language) : (undefined as z.infer<S>);
      await handler(req, res, form);
    } catch (err) {
      if (!isAppError(err) || !FORM_STATUSES.has(err.status) || res.headersSent) throw err;
      const locals = spec.locals ? await spec.locals(req, res) : {};
      if (err.retryAfterSeconds) res.setHeader('Retry-After', String(err.retryAfterSeconds));
      const t = pageTranslator(res);
      res.status(err.status).page(spec.view, {
        ...locals,
        error: translatedMessage(t, err),
        errors: translatedFields(t, err.fields, err.params),
        values: typedValues(req.body),
      });
    }
  };
}
