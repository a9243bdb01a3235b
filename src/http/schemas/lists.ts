// The query string of an admin list: page, per (25/50/100), sort, dir, and the keyset cursors
// after / before of the Next and Previous links. Anything unexpected falls back to the default:
// a list page never answers 400 or 500 for a hand-edited URL.
import { z } from 'zod';
import { PER_PAGE_CHOICES, type ListRequest, type SortDir } from '../../services/lists/paging.js';

const cursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,1000}$/)
  .optional()
  .catch(undefined);

const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
  per: z.coerce
    .number()
    .int()
    .refine((n) => (PER_PAGE_CHOICES as readonly number[]).includes(n))
    .optional()
    .catch(undefined),
  sort: z.string().max(20).optional().catch(undefined),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  after: cursor,
  before: cursor,
});

/**
 * The paging of a list from req.query, sort limited to the list's own keys. `prefix` names the
 * keys of a second list on the same page (upage, usort, ...).
 */
export function listParams<K extends string>(query: unknown, sorts: Record<K, unknown>, prefix = ''): ListRequest<K> {
  const raw = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const pick = (k: string) => raw[prefix + k];
  const q = listQuery.parse({
    page: pick('page'),
    per: pick('per'),
    sort: pick('sort'),
    dir: pick('dir'),
    after: pick('after'),
    before: pick('before'),
  });
  const sort = q.sort && Object.hasOwn(sorts, q.sort) ? (q.sort as K) : undefined;
  return { page: q.page, perPage: q.per, sort, dir: q.dir as SortDir | undefined, after: q.after, before: q.before };
}
