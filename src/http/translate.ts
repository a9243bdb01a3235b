// A refusal from the services, in the reader's language: AppError carries its message as a key
// with its placeholders' values (src/lib/errors.ts), and field messages are keys too.
import type { TFunction } from 'i18next';
import type { AppError } from '../lib/errors.js';

export function translatedMessage(t: TFunction, err: AppError): string {
  return t(err.key, { ns: 'messages', ...err.params, defaultValue: err.message });
}

export function translatedFields(t: TFunction, fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, message] of Object.entries(fields))
    out[name] = t(message, { ns: 'messages', defaultValue: message });
  return out;
}
