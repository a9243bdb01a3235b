// One API function: WHMCS's name, the zod schema its parameters are parsed with, the zod schema
// of its answer (every answer is checked against it before it is sent, and the reference page's
// example is generated from it), and the handler, which only translates and calls services.
import { z } from 'zod';
import type { AdminActor } from '../../services/actor.js';
import type { ApiActionName } from '../../policies/api-access.js';

export interface ApiContext {
  /** The admin behind the credential, marked with it: every write is logged as made through the API. */
  actor: AdminActor;
  /** Base of links we hand out (the publicUrl setting). */
  publicUrl: string;
}

export interface ApiAction<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  name: ApiActionName;
  /** The reference page's section. */
  group: string;
  summary: string;
  /** What this product decided where WHMCS's docs are silent, shown on the reference page. */
  notes?: readonly string[];
  params: P;
  response: R;
  /** The answer's fields; `result: "success"` is added by the pipeline. */
  handler(params: z.output<P>, ctx: ApiContext): Promise<Omit<z.input<R>, 'result'>>;
}

export function defineAction<P extends z.ZodType, R extends z.ZodType>(action: ApiAction<P, R>): ApiAction<P, R> {
  return action;
}

/** A leaf of an answer with the value the reference page shows for it. */
export const ex = <T extends z.ZodType>(schema: T, example: unknown): T => schema.meta({ example });

export const exId = (example = 1) => ex(z.number().int(), example);
export const exText = (example: string) => ex(z.string(), example);
export const exBool = (example: boolean) => ex(z.boolean(), example);

/** An answer: `result: "success"` and exactly these fields (strict: an undocumented field fails). */
export function success<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({ result: ex(z.literal('success'), 'success'), ...shape });
}

/** A list answer's paging fields, as WHMCS sends them. */
export const paging = {
  totalresults: exId(1),
  startnumber: exId(0),
  numreturned: exId(1),
};
