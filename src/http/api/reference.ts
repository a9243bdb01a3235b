// The API reference the admin area shows, generated from the very zod schemas that validate each
// call's parameters and check each answer: a parameter or a field cannot be documented one way
// and behave another.
import { z } from 'zod';
import type { ApiAction } from './action.js';
import { API_FUNCTIONS } from './catalog.js';
import { paramDoc } from './params.js';

export interface ParamRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
  ignored: boolean;
}

export interface FunctionReference {
  name: string;
  group: string;
  summary: string;
  notes: readonly string[];
  params: ParamRow[];
  /** An example answer, built from the response schema's examples. */
  example: unknown;
}

/** The parameters of a function, in its schema's order. */
export function paramsOf(action: ApiAction): ParamRow[] {
  if (!(action.params instanceof z.ZodObject)) return [];
  return Object.entries(action.params.shape as Record<string, z.ZodType>).map(([name, schema]) => {
    const doc = paramDoc(schema);
    if (!doc) throw new Error(`${action.name}.${name} has no parameter documentation`);
    return { name, type: doc.whmcsType, required: doc.required, description: doc.description, ignored: !!doc.ignored };
  });
}

type JsonSchema = {
  type?: string | string[];
  example?: unknown;
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
};

function exampleOf(s: JsonSchema): unknown {
  if (s.example !== undefined) return s.example;
  if (s.const !== undefined) return s.const;
  if (s.anyOf) return exampleOf(s.anyOf.find((o) => o.type !== 'null') ?? {});
  if (s.type === 'object')
    return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, exampleOf(v)]));
  if (s.type === 'array') return s.items ? [exampleOf(s.items)] : [];
  if (s.type === 'string') return '';
  if (s.type === 'number' || s.type === 'integer') return 0;
  if (s.type === 'boolean') return false;
  return null;
}

/** The example answer of a function (its response schema, with each field's example value). */
export function exampleOfResponse(action: ApiAction): unknown {
  return exampleOf(z.toJSONSchema(action.response, { unrepresentable: 'any' }) as JsonSchema);
}

export function apiReference(): { group: string; functions: FunctionReference[] }[] {
  const groups = new Map<string, FunctionReference[]>();
  for (const action of API_FUNCTIONS) {
    const list = groups.get(action.group) ?? [];
    list.push({
      name: action.name,
      group: action.group,
      summary: action.summary,
      notes: action.notes ?? [],
      params: paramsOf(action),
      example: exampleOfResponse(action),
    });
    groups.set(action.group, list);
  }
  return [...groups].map(([group, functions]) => ({ group, functions }));
}
