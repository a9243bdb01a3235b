// Admin form schemas: the pieces several subjects share (an optional email, money, dates, a panel URL).
import { z } from 'zod';
import { LANGUAGE_CODES, languageLabel } from '../../../lib/languages.js';

export const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .default('')
  .pipe(z.union([z.literal(''), z.email({ error: 'Enter a valid email address.' }).max(254)]));

export const money = z
  .string({ error: 'Enter an amount.' })
  .trim()
  .regex(/^\d{1,8}(\.\d{1,2})?$/, 'Enter an amount like 12.50.');

export const date = (label: string) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label} as YYYY-MM-DD.`)
    .transform((s) => new Date(`${s}T00:00:00Z`))
    .refine((d) => !Number.isNaN(d.getTime()), `Enter a real date for ${label}.`);

/** A control-panel address: empty, or a full http(s) URL. */
export const optionalPanelUrl = z
  .string()
  .trim()
  .optional()
  .default('')
  .pipe(
    z.union([
      z.literal(''),
      z.url({ protocol: /^https?$/, error: 'Enter a full URL starting with https://.' }).max(300),
    ]),
  );

/** The language choices of the admin's forms, named as the admin area names them: "Deutsch (de)". */
export const ADMIN_LANGUAGES = LANGUAGE_CODES.map((code) => ({ value: code, label: languageLabel(code) }));
