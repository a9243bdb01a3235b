// What the database actually contains (current schema), read from the PostgreSQL catalog, in the
// same shape as tests/helpers/prisma-schema.ts describes what schema.prisma expects.
import type pg from 'pg';

export interface CatalogColumn {
  table: string;
  column: string;
  type: string;
  notNull: boolean;
  default: string | null;
}

export interface CatalogIndex {
  table: string;
  name: string;
  columns: string[];
  unique: boolean;
  primary: boolean;
  partial: boolean;
  expression: boolean;
}

export interface CatalogForeignKey {
  table: string;
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
}

const ACTION: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

type Queryable = Pick<pg.Pool, 'query'>;

export async function readTables(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ table: string }>(
    `SELECT c.relname::text AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1`,
  );
  return rows.map((r) => r.table);
}

export async function readColumns(db: Queryable): Promise<CatalogColumn[]> {
  const { rows } = await db.query<CatalogColumn>(
    `SELECT c.relname::text AS table, a.attname::text AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid) AS default
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY 1, a.attnum`,
  );
  return rows;
}

export async function readIndexes(db: Queryable): Promise<CatalogIndex[]> {
  const { rows } = await db.query<CatalogIndex>(
    `SELECT t.relname::text AS table, i.relname::text AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
            ix.indpred IS NOT NULL AS partial, ix.indexprs IS NOT NULL AS expression,
            ARRAY(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
     FROM pg_index ix
     JOIN pg_class i ON i.oid = ix.indexrelid
     JOIN pg_class t ON t.oid = ix.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema()
     ORDER BY 1, 2`,
  );
  return rows;
}

export async function readForeignKeys(db: Queryable): Promise<CatalogForeignKey[]> {
  const { rows } = await db.query<Omit<CatalogForeignKey, 'onDelete' | 'onUpdate'> & { del: string; upd: string }>(
    `SELECT t.relname::text AS table, con.conname::text AS name, r.relname::text AS "referencedTable",
            con.confdeltype::text AS del, con.confupdtype::text AS upd,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[]
              AS "referencedColumns"
     FROM pg_constraint con
     JOIN pg_class t ON t.oid = con.conrelid
     JOIN pg_class r ON r.oid = con.confrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE con.contype = 'f' AND n.nspname = current_schema()
     ORDER BY 1, 2`,
  );
  return rows.map(({ del, upd, ...fk }) => ({ ...fk, onDelete: ACTION[del] ?? del, onUpdate: ACTION[upd] ?? upd }));
}
