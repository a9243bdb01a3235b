// Reads prisma/schema.prisma into what Prisma Migrate would create in PostgreSQL (tables, column
// types, nullability, defaults, indexes, foreign keys), so tests can compare it with the catalog
// of a database built by our hand-written migrations. Covers the schema language this project
// uses (no enums, composite ids or multi-schema); it fails loudly on anything it doesn't know.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SCHEMA_PATH = resolve(import.meta.dirname, '../../prisma/schema.prisma');

export interface ExpectedColumn {
  field: string;
  column: string;
  /** As PostgreSQL's format_type() prints it, e.g. `timestamp(3) with time zone`, `text[]`. */
  type: string;
  notNull: boolean;
  /** 'none', 'value' (any @default) or 'sequence' (@default(autoincrement())). */
  default: 'none' | 'value' | 'sequence';
}

export interface ExpectedIndex {
  name: string;
  columns: string[];
  unique: boolean;
  primary: boolean;
}

export interface ExpectedForeignKey {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION' | 'SET DEFAULT';
  onUpdate: 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION' | 'SET DEFAULT';
}

export interface ExpectedModel {
  model: string;
  table: string;
  columns: ExpectedColumn[];
  indexes: ExpectedIndex[];
  foreignKeys: ExpectedForeignKey[];
}

interface RawField {
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  attrs: string;
}

const REFERENTIAL: Record<string, ExpectedForeignKey['onDelete']> = {
  Cascade: 'CASCADE',
  SetNull: 'SET NULL',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetDefault: 'SET DEFAULT',
};

function stripComment(line: string): string {
  // No string literal in this schema contains "//".
  const at = line.indexOf('//');
  return (at === -1 ? line : line.slice(0, at)).trim();
}

function quoted(attrs: string, attr: string): string | undefined {
  return new RegExp(`${attr}\\(\\s*"([^"]+)"`).exec(attrs)?.[1];
}

function listArg(text: string, key?: string): string[] {
  const re = key ? new RegExp(`${key}\\s*:\\s*\\[([^\\]]*)\\]`) : /\[([^\]]*)\]/;
  const inner = re.exec(text)?.[1] ?? '';
  return inner
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function columnType(field: RawField): string {
  const native = /@db\.(\w+)(?:\(([^)]*)\))?/.exec(field.attrs);
  const nativeName = native?.[1];
  const args = native?.[2]?.replace(/\s+/g, '');
  let type: string;
  switch (field.type) {
    case 'String':
      if (!nativeName || nativeName === 'Text') type = 'text';
      else if (nativeName === 'VarChar') type = args ? `character varying(${args})` : 'character varying';
      else throw new Error(`prisma-schema: unsupported String type @db.${nativeName}`);
      break;
    case 'Int':
      type = 'integer';
      break;
    case 'BigInt':
      type = 'bigint';
      break;
    case 'Boolean':
      type = 'boolean';
      break;
    case 'DateTime':
      if (!nativeName) type = 'timestamp(3) without time zone';
      else if (nativeName === 'Timestamptz') type = `timestamp(${args ?? 6}) with time zone`;
      else if (nativeName === 'Timestamp') type = `timestamp(${args ?? 6}) without time zone`;
      else if (nativeName === 'Date') type = 'date';
      else throw new Error(`prisma-schema: unsupported DateTime type @db.${nativeName}`);
      break;
    case 'Decimal':
      type = nativeName === 'Decimal' && args ? `numeric(${args})` : 'numeric(65,30)';
      break;
    case 'Json':
      type = nativeName === 'Json' ? 'json' : 'jsonb';
      break;
    default:
      throw new Error(`prisma-schema: unsupported scalar type ${field.type}`);
  }
  return field.list ? `${type}[]` : type;
}

export function parsePrismaSchema(source = readFileSync(SCHEMA_PATH, 'utf8')): ExpectedModel[] {
  const blocks = [...source.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)];
  const modelNames = new Set(blocks.map((b) => b[1] ?? ''));
  const raw = blocks.map((b) => {
    const model = b[1] ?? '';
    const lines = (b[2] ?? '').split('\n').map(stripComment).filter(Boolean);
    const blockAttrs = lines.filter((l) => l.startsWith('@@'));
    const fields: RawField[] = lines
      .filter((l) => !l.startsWith('@@'))
      .map((l) => {
        const m = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(l);
        if (!m) throw new Error(`prisma-schema: cannot read field line "${l}" in ${model}`);
        return { name: m[1] ?? '', type: m[2] ?? '', list: Boolean(m[3]), optional: Boolean(m[4]), attrs: m[5] ?? '' };
      });
    const table = blockAttrs.map((a) => quoted(a, '@@map')).find(Boolean) ?? model;
    return { model, table, blockAttrs, fields };
  });
  const tableOf = new Map(raw.map((r) => [r.model, r.table]));

  return raw.map(({ model, table, blockAttrs, fields }) => {
    const scalars = fields.filter((f) => !modelNames.has(f.type));
    const columnOf = new Map(scalars.map((f) => [f.name, quoted(f.attrs, '@map') ?? f.name]));
    const col = (name: string): string => {
      const c = columnOf.get(name);
      if (!c) throw new Error(`prisma-schema: ${model} has no scalar field ${name}`);
      return c;
    };

    const columns: ExpectedColumn[] = scalars.map((f) => ({
      field: f.name,
      column: col(f.name),
      type: columnType(f),
      // Prisma Migrate leaves scalar lists nullable on PostgreSQL.
      notNull: !f.optional && !f.list,
      default: /@default\(\s*autoincrement\(\)/.test(f.attrs)
        ? 'sequence'
        : /@default\(/.test(f.attrs)
          ? 'value'
          : 'none',
    }));

    const indexes: ExpectedIndex[] = [];
    for (const f of scalars) {
      if (/@id\b/.test(f.attrs)) {
        indexes.push({ name: `${table}_pkey`, columns: [col(f.name)], unique: true, primary: true });
      }
      if (/@unique\b/.test(f.attrs)) {
        indexes.push({ name: `${table}_${col(f.name)}_key`, columns: [col(f.name)], unique: true, primary: false });
      }
    }
    for (const attr of blockAttrs) {
      const kind = /^@@(unique|index|id)\b/.exec(attr)?.[1];
      if (!kind) continue;
      const cols = listArg(attr).map(col);
      const suffix = kind === 'unique' ? 'key' : kind === 'id' ? 'pkey' : 'idx';
      const name = /map:\s*"([^"]+)"/.exec(attr)?.[1];
      indexes.push({
        name: name ?? (kind === 'id' ? `${table}_pkey` : `${table}_${cols.join('_')}_${suffix}`),
        columns: cols,
        unique: kind !== 'index',
        primary: kind === 'id',
      });
    }

    const foreignKeys: ExpectedForeignKey[] = fields
      .filter((f) => modelNames.has(f.type) && /@relation\([^)]*fields\s*:/.test(f.attrs))
      .map((f) => {
        const relation = /@relation\(([\s\S]*)\)/.exec(f.attrs)?.[1] ?? '';
        const cols = listArg(relation, 'fields').map(col);
        const refTable = tableOf.get(f.type) ?? f.type;
        const target = raw.find((r) => r.model === f.type);
        const refCols = listArg(relation, 'references').map(
          (name) => quoted(target?.fields.find((x) => x.name === name)?.attrs ?? '', '@map') ?? name,
        );
        const onDelete = /onDelete\s*:\s*(\w+)/.exec(relation)?.[1];
        const onUpdate = /onUpdate\s*:\s*(\w+)/.exec(relation)?.[1];
        return {
          name: `${table}_${cols.join('_')}_fkey`,
          columns: cols,
          referencedTable: refTable,
          referencedColumns: refCols,
          // Prisma's defaults: Restrict for a required relation, SetNull for an optional one.
          onDelete: onDelete ? (REFERENTIAL[onDelete] ?? 'NO ACTION') : f.optional ? 'SET NULL' : 'RESTRICT',
          onUpdate: onUpdate ? (REFERENTIAL[onUpdate] ?? 'NO ACTION') : 'CASCADE',
        };
      });

    return { model, table, columns, indexes, foreignKeys };
  });
}
