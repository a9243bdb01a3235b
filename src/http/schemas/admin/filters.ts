// Admin query strings: page numbers and list filters never 500, and the activity log's filters,
// which refuse what cannot mean anything.
import { z } from 'zod';
import { AppError } from '../../../lib/errors.js';
import { hasControlCharacter } from '../../../lib/text.js';

/** Each query parameter once (a repeated one counts as its first value). */
export const firstValues = (query: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? (v as unknown[])[0] : v]));

/** Query strings: page numbers and filters never 500. */
export const pageParam = (v: unknown) => {
  const n = typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : 1;
  return Math.max(1, n);
};
export const idFilter = (v: unknown): number | undefined =>
  typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined;
/** A search text from the query string; a control character (a NUL byte, say) is a 400. */
export const textParam = (v: unknown, max = 100): string => {
  if (typeof v !== 'string') return '';
  if (hasControlCharacter(v)) throw new AppError('VALIDATION', 'The search contains characters that are not allowed.');
  return v.trim().slice(0, max);
};
export const dateFilter = (v: unknown, endOfDay = false): Date | undefined => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  const d = new Date(`${v}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

export const optionalId = (message: string) =>
  z
    .string()
    .trim()
    .max(12, message)
    .optional()
    .default('')
    .pipe(z.union([z.literal(''), z.string().regex(/^#?\d{1,9}$/, message)]))
    .transform((v) => (v ? Number(v.replace('#', '')) : undefined));

export const optionalDay = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .default('')
    .refine((v) => !v || dateFilter(v) !== undefined, `Enter the ${label} date as YYYY-MM-DD.`);

/**
 * The activity log's filters (SPEC rule 22). A filter that cannot mean anything (a client id
 * that is not a number) is refused with its message, never silently dropped.
 */
export const activityFilterQuery = z.object({
  account: optionalId('Enter a client ID as a number, e.g. 42.'),
  user: z.string().trim().max(254, 'This is too long.').optional().default(''),
  admin: optionalId('Choose an admin from the list.'),
  text: z.string().trim().max(200, 'This is too long.').optional().default(''),
  from: optionalDay('From'),
  to: optionalDay('To'),
});
