// A refusal from the services, in the reader's language: AppError carries its message as a key
// with its placeholders' values (src/lib/errors.ts), and field messages are keys too.
import type { Response } from 'express';
import type { TFunction } from 'i18next';
import type { AppError, MessageParams } from '../lib/errors.js';
import { DEFAULT_LANGUAGE, translator } from '../lib/i18n.js';

export function translatedMessage(t: TFunction, err: AppError): string {
  return t(err.key, { ns: 'messages', ...err.params, defaultValue: err.message });
}

/** `params`: the error's placeholder values, which its field messages may use too. */
export function translatedFields(
  t: TFunction,
  fields: Record<string, string>,
  params: MessageParams = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, message] of Object.entries(fields))
    out[name] = t(message, { ns: 'messages', ...params, defaultValue: message });
  return out;
}

/**
 * The `t` of the page being answered: the client area's is in the reader's language (set by
 * i18next's middleware); the admin area's is its English one (app.locals.t).
 */
export function pageTranslator(res: Response): TFunction {
  return (
    (res.locals.t as TFunction | undefined) ??
    (res.app.locals.t as TFunction | undefined) ??
    translator(DEFAULT_LANGUAGE, 'messages')
  );
}
