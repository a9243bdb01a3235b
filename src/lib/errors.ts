// Errors the service layer raises on purpose: a stable code, a message a person can read,
// and the HTTP status a route should answer with. Anything else is a bug (500, logged).
//
// Which messages are translated (issue 15): every refusal a client-area user can read is written
// with msg() and has its translations in locales/<language>/messages.json. Refusals only staff
// or the API can meet (src/services/admins, staff-*, api, client notes, the email log, Manage User,
// the Users tab's associations, policies/staff.ts and api-access.ts) stay plain English, as the
// admin area and the API do.
import { DEFAULT_LANGUAGE, translator } from './i18n.js';

export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'USER_NOT_FOUND'
  | 'ACCOUNT_NOT_FOUND'
  | 'CONTACT_NOT_FOUND'
  | 'TICKET_NOT_FOUND'
  | 'FORBIDDEN'
  | 'NOT_OWNER'
  | 'USER_MANAGEMENT_DISABLED'
  | 'EMAIL_TAKEN'
  | 'INVALID_CREDENTIALS'
  | 'TOTP_REQUIRED'
  | 'INVALID_TOTP'
  | 'RATE_LIMITED'
  | 'ALREADY_MEMBER'
  | 'INVITATION_PENDING'
  | 'INVITATION_NOT_FOUND'
  | 'INVITATION_EXPIRED'
  | 'INVITATION_CANCELLED'
  | 'INVITATION_USED'
  | 'OWNER_PERMISSIONS_FIXED'
  | 'OWNER_NOT_REMOVABLE'
  | 'NOT_A_MEMBER'
  | 'INVALID_PERMISSION'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'CONFLICT'
  | 'LOGIN_RESTART'
  | 'BUSY'
  | 'SSO_DISABLED'
  | 'API_AUTH_FAILED'
  | 'API_IP_REFUSED'
  | 'API_ACTION_FORBIDDEN';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  ACCOUNT_NOT_FOUND: 404,
  CONTACT_NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  FORBIDDEN: 403,
  NOT_OWNER: 403,
  USER_MANAGEMENT_DISABLED: 403,
  EMAIL_TAKEN: 409,
  INVALID_CREDENTIALS: 401,
  TOTP_REQUIRED: 401,
  INVALID_TOTP: 401,
  RATE_LIMITED: 429,
  ALREADY_MEMBER: 409,
  INVITATION_PENDING: 409,
  INVITATION_NOT_FOUND: 404,
  INVITATION_EXPIRED: 410,
  INVITATION_CANCELLED: 410,
  INVITATION_USED: 410,
  OWNER_PERMISSIONS_FIXED: 409,
  OWNER_NOT_REMOVABLE: 409,
  NOT_A_MEMBER: 404,
  INVALID_PERMISSION: 400,
  TOKEN_INVALID: 400,
  TOKEN_EXPIRED: 410,
  CONFLICT: 409,
  LOGIN_RESTART: 401,
  BUSY: 503,
  SSO_DISABLED: 403,
  API_AUTH_FAILED: 403,
  API_IP_REFUSED: 403,
  API_ACTION_FORBIDDEN: 403,
};

/** Values a message's {{placeholders}} are filled with, in every language (src/lib/i18n.ts). */
export type MessageParams = Record<string, string | number>;

export interface AppErrorOptions {
  /** For RATE_LIMITED and BUSY: when trying again makes sense (the Retry-After header). */
  retryAfterSeconds?: number;
  params?: MessageParams;
}

export class AppError extends Error {
  readonly status: number;
  /** The message as a translation key, placeholders unfilled ("{{email}} already owns this account."). */
  readonly key: string;
  readonly params: MessageParams;
  readonly retryAfterSeconds?: number;
  constructor(
    readonly code: ErrorCode,
    /** English, and the key its translations are found by: write it with msg() (src/lib/i18n.ts). */
    message: string,
    /** Field-level messages for forms, keys too: { email: 'Enter a valid email address.' }. */
    readonly fields: Record<string, string> = {},
    options: AppErrorOptions | number = {},
  ) {
    const { retryAfterSeconds, params = {} } = typeof options === 'number' ? { retryAfterSeconds: options } : options;
    // The English text, filled in: what logs and the API (which speaks English, as WHMCS does) show.
    super(translator(DEFAULT_LANGUAGE, 'messages')(message, { ...params, defaultValue: message }));
    this.name = 'AppError';
    this.status = STATUS[code];
    this.key = message;
    this.params = params;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Postgres unique-violation on a given constraint, as surfaced by Prisma's pg adapter. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as { code?: string; message?: string; meta?: Record<string, unknown> };
  const text = `${err.message ?? ''} ${JSON.stringify(err.meta ?? {})}`;
  const unique =
    err.code === 'P2002' || err.code === '23505' || text.includes('23505') || text.includes('Unique constraint');
  return unique && (!constraint || text.includes(constraint));
}
