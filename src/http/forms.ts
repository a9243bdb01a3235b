// Form handling: one zod schema per form; on failure the route re-renders the form with a
// message per field and the values typed (passwords never echoed back).
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { AppError, isAppError } from '../lib/errors.js';
import { hasControlCharacter } from '../lib/text.js';

export type FieldErrors = Record<string, string>;

/** Fields holding a control character, which no form of ours accepts (hardening item 7). */
function controlCharacterFields(body: unknown): FieldErrors {
  const fields: FieldErrors = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      const values = Array.isArray(v) ? v : [v];
      if (values.some((x) => typeof x === 'string' && hasControlCharacter(x)))
        fields[k] = 'This contains characters that are not allowed.';
    }
  }
  return fields;
}

export function parseForm<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const bad = controlCharacterFields(body);
  if (Object.keys(bad).length)
    throw new AppError('VALIDATION', 'Some of what you typed contains characters that are not allowed.', bad);
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    fields[key] ??= issue.message;
  }
  throw new AppError('VALIDATION', 'Please correct the highlighted fields.', fields);
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

/** Common field rules with messages a person can act on. */
export const fields = {
  email: z
    .string({ error: 'Enter your email address.' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'Enter a valid email address.' }).max(254)),
  name: (label: string) =>
    z
      .string({ error: `Enter ${label}.` })
      .trim()
      .min(1, `Enter ${label}.`)
      .max(100, `${label} is too long.`),
  optional: (max = 200) => z.string().trim().max(max, 'This is too long.').optional().default(''),
  newPassword: z
    .string({ error: 'Choose a password.' })
    .min(10, 'Use at least 10 characters.')
    .max(256, 'Use at most 256 characters.'),
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
      const form = spec.schema ? parseForm(spec.schema, req.body) : (undefined as z.infer<S>);
      await handler(req, res, form);
    } catch (err) {
      if (!isAppError(err) || !FORM_STATUSES.has(err.status) || res.headersSent) throw err;
      const locals = spec.locals ? await spec.locals(req, res) : {};
      if (err.retryAfterSeconds) res.setHeader('Retry-After', String(err.retryAfterSeconds));
      res.status(err.status).page(spec.view, {
        ...locals,
        error: err.message,
        errors: err.fields,
        values: typedValues(req.body),
      });
    }
  };
}
