// The building blocks of the API's request schemas (one zod object per function). WHMCS clients
// send everything form-encoded, so every value arrives as a string (or a number from a JSON
// body); an empty value counts as not sent. Each helper records, as zod metadata, what the
// reference page shows: WHMCS's type, whether it is required, what it means.
import { z } from 'zod';

/** What the reference page says about a parameter (read back with schema.meta()). */
export interface ParamDoc {
  whmcsType: 'int' | 'string' | 'bool' | 'email';
  required: boolean;
  description: string;
  /** Accepted for compatibility but not used by this product (see the README's API section). */
  ignored?: boolean;
}

const document = <T extends z.ZodType>(schema: T, doc: ParamDoc): T => schema.meta({ ...doc });

export function paramDoc(schema: z.ZodType): ParamDoc | undefined {
  const meta = schema.meta();
  return meta && typeof meta.whmcsType === 'string' ? (meta as unknown as ParamDoc) : undefined;
}

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function toInt(v: string | number | boolean): number {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : NaN;
  return typeof v === 'string' && /^\s*\d{1,10}\s*$/.test(v) ? Number(v) : NaN;
}

const MAX_ID = 2_147_483_647;

/** Stands for the parameter's name in a message; the pipeline puts the name in (issueMessage). */
const FIELD = '{param}';

/** The message of a validation issue, with the parameter's name where the helper left {param}. */
export function issueMessage(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'Invalid parameters';
  return issue.message.replaceAll(FIELD, String(issue.path[0] ?? 'a parameter'));
}

/** A whole number (an id), required: `message` when missing or not a number. */
export function int(description: string, message: string) {
  return document(
    scalar.optional().transform((v, ctx) => {
      const n = isBlank(v) ? NaN : toInt(v!);
      if (!(n >= 0 && n <= MAX_ID)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return n;
    }),
    { whmcsType: 'int', required: true, description },
  );
}

/** A whole number that may be left out (undefined then). */
export function optionalInt(description: string, message: string, extra: Partial<ParamDoc> = {}) {
  return document(
    scalar.optional().transform((v, ctx) => {
      if (isBlank(v)) return undefined;
      const n = toInt(v!);
      if (!(n >= 0 && n <= MAX_ID)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return n;
    }),
    { whmcsType: 'int', required: false, description, ...extra },
  );
}

/** A count or offset with a default (limitstart, limitnum). */
export function count(description: string, fallback: number, max = Number.MAX_SAFE_INTEGER) {
  return document(
    scalar.optional().transform((v, ctx) => {
      if (isBlank(v)) return fallback;
      const n = toInt(v!);
      if (!(n >= 0)) {
        ctx.addIssue({ code: 'custom', message: `${FIELD} must be a whole number` });
        return z.NEVER;
      }
      return Math.min(n, max);
    }),
    { whmcsType: 'int', required: false, description },
  );
}

/** Text that must be given: `message` when missing or blank. Trimmed. */
export function text(description: string, message: string, max = 255) {
  return document(
    scalar.optional().transform((v, ctx) => {
      const s = isBlank(v) ? '' : String(v).trim();
      if (!s) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      if (s.length > max) {
        ctx.addIssue({ code: 'custom', message: `${FIELD} is longer than ${max} characters` });
        return z.NEVER;
      }
      return s;
    }),
    { whmcsType: 'string', required: true, description },
  );
}

/** Text that may be left out (undefined then). Trimmed. */
export function optionalText(description: string, max = 255, extra: Partial<ParamDoc> = {}) {
  return document(
    scalar.optional().transform((v, ctx) => {
      if (isBlank(v)) return undefined;
      const s = String(v).trim();
      if (s.length > max) {
        ctx.addIssue({ code: 'custom', message: `${FIELD} is longer than ${max} characters` });
        return z.NEVER;
      }
      return s;
    }),
    { whmcsType: 'string', required: false, description, ...extra },
  );
}

/** A password as typed (not trimmed): `message` when missing. */
export function password(description: string, message: string) {
  return document(
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) {
          ctx.addIssue({ code: 'custom', message });
          return z.NEVER;
        }
        return v;
      }),
    { whmcsType: 'string', required: true, description },
  );
}

/** A password that may be left out; `required` is only what the reference page says about it. */
export function optionalPassword(description: string, doc: Partial<ParamDoc> = {}) {
  return document(
    z
      .string()
      .optional()
      .transform((v) => v || undefined),
    { whmcsType: 'string', required: false, description, ...doc },
  );
}

const EMAIL = z.email().max(254);

function emailValue(v: unknown): string {
  return isBlank(v) ? '' : String(v).trim().toLowerCase();
}

/** An email address, required and lower-cased: `missing` when not given, `invalid` when not one. */
export function email(description: string, messages: { missing: string; invalid: string }) {
  return document(
    scalar.optional().transform((v, ctx) => {
      const s = emailValue(v);
      if (!s || !EMAIL.safeParse(s).success) {
        ctx.addIssue({ code: 'custom', message: s ? messages.invalid : messages.missing });
        return z.NEVER;
      }
      return s;
    }),
    { whmcsType: 'email', required: true, description },
  );
}

/** An email address that may be left out (undefined then). */
export function optionalEmail(description: string, invalid: string, extra: Partial<ParamDoc> = {}) {
  return document(
    scalar.optional().transform((v, ctx) => {
      const s = emailValue(v);
      if (!s) return undefined;
      if (!EMAIL.safeParse(s).success) {
        ctx.addIssue({ code: 'custom', message: invalid });
        return z.NEVER;
      }
      return s;
    }),
    { whmcsType: 'email', required: false, description, ...extra },
  );
}

/** WHMCS booleans: true/1/on/yes (any case) are true; anything else, or nothing, is false. */
export function bool(description: string, extra: Partial<ParamDoc> = {}) {
  return document(
    scalar.optional().transform((v) => v === true || /^(1|true|on|yes)$/i.test(String(v ?? '').trim())),
    { whmcsType: 'bool', required: false, description, ...extra },
  );
}

/** A bool where "not sent" differs from false (UpdateClient's switches). */
export function optionalBool(description: string, extra: Partial<ParamDoc> = {}) {
  return document(
    scalar
      .optional()
      .transform((v) => (isBlank(v) ? undefined : v === true || /^(1|true|on|yes)$/i.test(String(v).trim()))),
    { whmcsType: 'bool', required: false, description, ...extra },
  );
}

/** A comma-separated list (a form array is accepted too): trimmed, empty items dropped. */
export function list(description: string, required: boolean, message = '') {
  return document(
    z
      .union([scalar, z.array(scalar)])
      .optional()
      .transform((v, ctx) => {
        const items = (Array.isArray(v) ? v : [v ?? ''])
          .flatMap((x) => String(x).split(','))
          .map((x) => x.trim())
          .filter(Boolean);
        if (required && !items.length) {
          ctx.addIssue({ code: 'custom', message });
          return z.NEVER;
        }
        return items;
      }),
    { whmcsType: 'string', required, description },
  );
}

/** A parameter WHMCS documents that this product accepts and does not use. */
export function ignored(description: string) {
  return document(z.unknown().optional(), { whmcsType: 'string', required: false, description, ignored: true });
}
