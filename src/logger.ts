// One pino logger for the process, and what may appear in it (hardening item 1): no cookies, no
// Set-Cookie, no CSRF or authorization headers, no passwords, and no one-time tokens in URLs. The
// HTTP log line is built from an allow-list (method, URL with tokens cut out, status, request
// id), so a header added tomorrow is not logged by accident.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';

export const REDACTED = '[redacted]';

/** Paths that carry a one-time token, and query parameters that may carry a secret. */
const TOKEN_PATH = /\/(invite|password\/reset|password\/set|verify-email|register\/activate|sso|staff-login)\/[^/?#]+/g;
const SECRET_PARAM = /([?&](?:access_token|token|secret|password|code|key|signature)=)[^&#]*/gi;

/** A URL fit for the log: one-time tokens and secret parameters cut out. */
export function urlForLog(url: string | undefined): string {
  return (url ?? '').replace(TOKEN_PATH, `/$1/${REDACTED}`).replace(SECRET_PARAM, `$1${REDACTED}`);
}

export const LOG_REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'req.body.password',
  'req.body.passwordConfirm',
  'req.body.currentPassword',
  'req.body.newPassword',
  'req.body.loginPassword',
  'req.body.code',
  'req.body._csrf',
  'password',
  'secret',
];

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const level =
    options.level ??
    process.env.LOG_LEVEL ??
    (process.env.NODE_ENV === 'test' || process.env.VITEST ? 'silent' : 'info');
  const config = { level, redact: { paths: LOG_REDACT_PATHS, censor: REDACTED } };
  return options.destination ? pino(config, options.destination as pino.DestinationStream) : pino(config);
}

export const logger = createLogger();

/** pino-http's serializers: an allow-list of what a request and a response contribute. */
export const httpSerializers = {
  req: (req: IncomingMessage & { id?: unknown; raw?: IncomingMessage }) => ({
    id: req.id,
    method: req.method,
    url: urlForLog(req.url),
  }),
  res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
};
