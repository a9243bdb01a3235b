// The admin lists' paging (issue 14): a total count, "Page X of Y", a chosen sort column and
// direction, 25/50/100 per page. The next and previous pages are keyset ranges — rows after (or
// before) the sort values and id of the page's last (or first) row — so page 4,200 costs what
// page 2 costs; a jump to any page number uses OFFSET over the same (sort columns, id) btree
// index, reading only the index, from whichever end of the list is nearer. Each list says its table, its filters (a WHERE) and its sort
// columns; this file turns a request into the ids of one page.
import { db } from '../../db/client.js';
import { Prisma } from '../../generated/prisma/client.js';

export const PER_PAGE_CHOICES = [25, 50, 100] as const;
export type PerPage = (typeof PER_PAGE_CHOICES)[number];
export type SortDir = 'asc' | 'desc';

type ValueType = 'int' | 'text' | 'timestamptz';

export interface SortColumn {
  sql: Prisma.Sql;
  type: ValueType;
}

export interface SortKey {
  label: string;
  /** The sort columns, most significant first; the list's id breaks ties (and is the last column). */
  columns: SortColumn[];
}

export interface ListSpec<K extends string> {
  /** FROM clause, e.g. Prisma.sql`"accounts" a`. */
  from: Prisma.Sql;
  /** The row id, e.g. Prisma.sql`a."id"`. */
  id: Prisma.Sql;
  sorts: Record<K, SortKey>;
  defaultSort: K;
  defaultDir: SortDir;
}

export interface ListRequest<K extends string = string> {
  page?: number;
  perPage?: number;
  sort?: K;
  dir?: SortDir;
  /** From the Next link: the page after this row. */
  after?: string;
  /** From the Previous link: the page before this row. */
  before?: string;
}

export interface PageInfo<K extends string = string> {
  total: number;
  page: number;
  pages: number;
  perPage: number;
  sort: K;
  dir: SortDir;
  /** Cursor for the Next link (the last row of this page), when there is a next page. */
  next: string | null;
  /** Cursor for the Previous link (the first row of this page), when there is a previous page. */
  prev: string | null;
  /** 1-based position of the first row of this page (0 when empty). */
  from: number;
  to: number;
}

const MAX_PAGE = 1_000_000;

/** Staff choose 25, 50 or 100 (the route's schema); services may ask for any size up to 100. */
export function perPageOf(n: number | undefined): number {
  return Number.isSafeInteger(n) && n! >= 1 && n! <= 100 ? n! : 25;
}

/** The WHERE clause of a list from its filters (each a condition), TRUE when there are none. */
export function whereAll(conditions: (Prisma.Sql | null | undefined | false)[]): Prisma.Sql {
  const present = conditions.filter((c): c is Prisma.Sql => !!c);
  return present.length ? Prisma.join(present, ' AND ') : Prisma.sql`TRUE`;
}

/**
 * A search box's words, each found anywhere in the text ("northwind 12" finds "Northwind Web
 * Services 12 Ltd"): one LIKE per word, ANDed, which the trigram index answers with a BitmapAnd.
 */
export function containsWords(text: Prisma.Sql, query: string): Prisma.Sql {
  const words = query.trim().split(/\s+/).filter(Boolean).slice(0, 8);
  return whereAll(words.map((w) => Prisma.sql`${text} LIKE ${containsPattern(w)}`));
}

/** LIKE pattern matching the text anywhere, with the input's own % _ \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// A cursor is the sort values and id of one row, as base64url JSON: opaque in the URL, checked
// here before use. A tampered cursor is ignored (the page number is used instead), never a 500.
function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : v)))).toString(
    'base64url',
  );
}

function decodeCursor(raw: string | undefined, types: ValueType[]): (string | number)[] | null {
  if (!raw || raw.length > 1000) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(values) || values.length !== types.length) return null;
    const ok = values.every((v, i) => {
      const t = types[i];
      if (t === 'int') return Number.isSafeInteger(v);
      if (t === 'timestamptz') return typeof v === 'string' && !Number.isNaN(Date.parse(v));
      return typeof v === 'string' && v.length <= 500;
    });
    return ok ? (values as (string | number)[]) : null;
  } catch {
    return null;
  }
}

const castValue = (v: string | number, t: ValueType) =>
  t === 'int' ? Prisma.sql`${v}::int` : t === 'timestamptz' ? Prisma.sql`${v}::timestamptz` : Prisma.sql`${v}::text`;

interface KeyRow {
  id: number;
  [k: `k${number}`]: unknown;
}

function resolve<K extends string>(spec: ListSpec<K>, req: ListRequest<K>) {
  const sort = req.sort && req.sort in spec.sorts ? req.sort : spec.defaultSort;
  const dir: SortDir = req.dir === 'asc' || req.dir === 'desc' ? req.dir : spec.defaultDir;
  const columns = [...spec.sorts[sort].columns, { sql: spec.id, type: 'int' as const }];
  return { sort, dir, columns };
}

function orderBy(columns: SortColumn[], dir: SortDir): Prisma.Sql {
  const d = dir === 'asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  return Prisma.join(
    columns.map((c) => Prisma.sql`${c.sql} ${d}`),
    ', ',
  );
}

function selectKeys(columns: SortColumn[]): Prisma.Sql {
  return Prisma.join(
    columns.map((c, i) => Prisma.sql`${c.sql} AS ${Prisma.raw(`"k${i}"`)}`),
    ', ',
  );
}

/** Rows strictly after (or before) a cursor in the list's order: one row comparison. */
function beyond(columns: SortColumn[], values: (string | number)[], dir: SortDir, side: 'after' | 'before') {
  const greater = (dir === 'asc') === (side === 'after');
  const left = Prisma.join(
    columns.map((c) => c.sql),
    ', ',
  );
  const right = Prisma.join(
    columns.map((c, i) => castValue(values[i]!, c.type)),
    ', ',
  );
  return greater ? Prisma.sql`(${left}) > (${right})` : Prisma.sql`(${left}) < (${right})`;
}

const cursorOf = (row: KeyRow | undefined, n: number) =>
  row ? encodeCursor(Array.from({ length: n }, (_v, i) => row[`k${i}`])) : null;

/** Where an empty list stands (a list not run because its filters were refused). */
export function emptyPage<K extends string>(spec: ListSpec<K>, req: ListRequest<K> = {}): PageInfo<K> {
  const { sort, dir } = resolve(spec, req);
  return {
    total: 0,
    page: 1,
    pages: 1,
    perPage: perPageOf(req.perPage),
    sort,
    dir,
    next: null,
    prev: null,
    from: 0,
    to: 0,
  };
}

/** One page of ids of a list, in its order, and where that page stands. */
export async function pageOfIds<K extends string>(
  spec: ListSpec<K>,
  where: Prisma.Sql,
  req: ListRequest<K>,
): Promise<{ ids: number[]; info: PageInfo<K> }> {
  const { sort, dir, columns } = resolve(spec, req);
  const perPage = perPageOf(req.perPage);
  const types = columns.map((c) => c.type);
  const [{ n: total }] = await db().$queryRaw<
    [{ n: number }]
  >`SELECT count(*)::int AS n FROM ${spec.from} WHERE ${where}`;
  const pages = Math.max(1, Math.ceil(total / perPage));
  let page = Math.min(Math.max(1, Math.floor(req.page ?? 1)), pages, MAX_PAGE);

  const after = decodeCursor(req.after, types);
  const before = after ? null : decodeCursor(req.before, types);
  let rows: KeyRow[];
  if (after || before) {
    const side = after ? 'after' : 'before';
    // Before a row: walk the list backwards from it, then put the page back in order.
    const walk = side === 'after' ? dir : dir === 'asc' ? 'desc' : 'asc';
    rows = await db().$queryRaw<KeyRow[]>`
      SELECT ${spec.id} AS "id", ${selectKeys(columns)} FROM ${spec.from}
      WHERE ${where} AND ${beyond(columns, (after ?? before)!, dir, side)}
      ORDER BY ${orderBy(columns, walk)} LIMIT ${perPage}`;
    if (side === 'before') rows.reverse();
    // A cursor followed after rows were added or removed: the page number is the one asked for.
    if (!rows.length && side === 'before') page = 1;
  } else {
    const offset = (page - 1) * perPage;
    const count = Math.max(0, Math.min(perPage, total - offset));
    if (offset > total / 2) {
      // Past the middle, skipping from the other end is shorter: the last page skips nothing.
      const back = dir === 'asc' ? 'desc' : 'asc';
      rows = await db().$queryRaw<KeyRow[]>`
        SELECT ${spec.id} AS "id", ${selectKeys(columns)} FROM ${spec.from}
        WHERE ${where} ORDER BY ${orderBy(columns, back)} OFFSET ${Math.max(0, total - offset - count)} LIMIT ${count}`;
      rows.reverse();
    } else {
      rows = await db().$queryRaw<KeyRow[]>`
        SELECT ${spec.id} AS "id", ${selectKeys(columns)} FROM ${spec.from}
        WHERE ${where} ORDER BY ${orderBy(columns, dir)} OFFSET ${offset} LIMIT ${perPage}`;
    }
  }
  const from = rows.length ? (page - 1) * perPage + 1 : 0;
  return {
    ids: rows.map((r) => Number(r.id)),
    info: {
      total,
      page,
      pages,
      perPage,
      sort,
      dir,
      next: page < pages ? cursorOf(rows.at(-1), columns.length) : null,
      prev: page > 1 ? cursorOf(rows[0], columns.length) : null,
      from,
      to: rows.length ? from + rows.length - 1 : 0,
    },
  };
}

/**
 * Every id of a list in its order, in batches, each batch a keyset range after the last: for
 * streamed exports, which never hold the whole list in memory nor slow down as they go.
 */
export async function* allIds<K extends string>(
  spec: ListSpec<K>,
  where: Prisma.Sql,
  req: Pick<ListRequest<K>, 'sort' | 'dir'>,
  batch = 500,
): AsyncGenerator<number[]> {
  const { dir, columns } = resolve(spec, req);
  let last: (string | number)[] | null = null;
  for (;;) {
    const range: Prisma.Sql = last ? beyond(columns, last, dir, 'after') : Prisma.sql`TRUE`;
    const rows: KeyRow[] = await db().$queryRaw<KeyRow[]>`
      SELECT ${spec.id} AS "id", ${selectKeys(columns)} FROM ${spec.from}
      WHERE ${where} AND ${range} ORDER BY ${orderBy(columns, dir)} LIMIT ${batch}`;
    if (!rows.length) return;
    yield rows.map((r) => Number(r.id));
    if (rows.length < batch) return;
    const tail = rows.at(-1)!;
    last = columns.map((_c, i) => {
      const v = tail[`k${i}`];
      return v instanceof Date ? v.toISOString() : (v as string | number);
    });
  }
}

/** Rows fetched by id (any order), put back in the order of the ids. */
export function inOrder<T extends { id: number }>(ids: readonly number[], rows: readonly T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}
