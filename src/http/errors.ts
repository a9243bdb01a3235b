// One error handler per area (hardening item 8). Expected errors (AppError) become a clear 4xx
// page (a form that can be fixed is rendered again by formRoute, in forms.ts, before it gets
// here). A database that cannot be reached answers 503 with Retry-After (item 9). Anything else
// is logged with its stack and the request id, and answered with the area's own 500 page showing
// that id. No response ever carries a stack trace or a database message, in any mode.
// Titles and messages are keys of the `messages` namespace (msg), translated when the page is
// sent with the area's `t`: the reader's language in the client area, English in the admin area.
import type { NextFunction, Request, Response } from 'express';
import type { TFunction } from 'i18next';
import { isAppError, type MessageParams } from '../lib/errors.js';
import { msg } from '../lib/i18n.js';
import { logger, urlForLog } from '../logger.js';
import { pageTranslator } from './translate.js';

const DB_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'P1001',
  'P1002',
  'P1017',
  'P2024',
]);
const DB_DOWN_TEXT =
  /can't reach database|connection terminated|timeout exceeded when trying to connect|connection refused|server closed the connection/i;

/** True when the error (or one it wraps) says the database cannot be reached right now. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && DB_DOWN_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && DB_DOWN_TEXT.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** Text the database refused to store (a NUL byte, an invalid encoding): the request was bad. */
function isUnstorableText(err: unknown): boolean {
  const text = JSON.stringify(err, Object.getOwnPropertyNames(err ?? {})) ?? '';
  return /22021|22P05|invalid byte sequence|unsupported Unicode escape/i.test(text);
}

const RETRY_AFTER_OUTAGE_SECONDS = 10;

interface ErrorPage {
  status: number;
  /** Keys, with the placeholder values of the message. */
  title: string;
  message: string;
  params?: MessageParams;
  /** English (logs, the API) when the message came from an AppError. */
  englishMessage?: string;
  code?: string;
  retryAfter?: number;
}

function classify(err: unknown, req: Request, secureCookies: boolean): ErrorPage | 'unexpected' {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (code === 'EBADCSRFTOKEN') {
    const overPlainHttp = secureCookies && !req.secure;
    return {
      status: 403,
      title: msg('Form expired'),
      code: 'CSRF',
      message: overPlainHttp
        ? msg(
            'This site is set up for HTTPS (its cookies are marked Secure), but this page was reached over plain HTTP, so the browser did not send the form’s cookie. Use the https:// address of the site.',
          )
        : msg('Your form expired or was sent from another site. Go back, reload the page and try again.'),
    };
  }
  if (isAppError(err)) {
    return {
      status: err.status,
      title: titleFor(err.status),
      message: err.key,
      params: err.params,
      englishMessage: err.message,
      code: err.code,
      retryAfter: err.retryAfterSeconds,
    };
  }
  if (isDatabaseUnavailable(err)) {
    return {
      status: 503,
      title: msg('Temporarily unavailable'),
      message: msg(
        'We cannot reach our database right now. Nothing you sent was lost or half-saved; please try again in a few seconds.',
      ),
      code: 'UNAVAILABLE',
      retryAfter: RETRY_AFTER_OUTAGE_SECONDS,
    };
  }
  if (isUnstorableText(err)) {
    return {
      status: 400,
      title: msg('Bad request'),
      code: 'BAD_REQUEST',
      message: msg('The request contained characters that are not allowed.'),
    };
  }
  const status =
    typeof err === 'object' && err !== null && typeof (err as { status?: unknown }).status === 'number'
      ? (err as { status: number }).status
      : 500;
  if (status >= 400 && status < 500) {
    // Body-parser and similar: the request was malformed (bad JSON, too large).
    const tooLarge = status === 413;
    return {
      status,
      title: tooLarge ? msg('Too large') : msg('Bad request'),
      code: 'BAD_REQUEST',
      message: tooLarge ? msg('What you sent is too large.') : msg('The request could not be understood.'),
    };
  }
  return 'unexpected';
}

const UNEXPECTED: ErrorPage = {
  status: 500,
  title: msg('Something went wrong'),
  message: msg('Something went wrong on our side. Please try again in a moment.'),
  code: 'INTERNAL',
};

const translate = (t: TFunction, key: string, params: MessageParams = {}, english = key): string =>
  t(key, { ns: 'messages', ...params, defaultValue: english });

/** The page, rendered with defaults for what the layout needs when the request failed early. */
function send(req: Request, res: Response, view: string, raw: ErrorPage) {
  const requestId = String((req as Request & { id?: unknown }).id ?? '');
  const t = pageTranslator(res);
  const page = {
    ...raw,
    title: translate(t, raw.title),
    message: translate(t, raw.message, raw.params, raw.englishMessage),
  };
  res.status(page.status);
  if (page.retryAfter) res.setHeader('Retry-After', String(page.retryAfter));
  if (req.accepts(['html', 'json']) === 'json') {
    const fields = page.code ? {} : undefined;
    return res.json({ error: { code: page.code ?? 'ERROR', message: page.message, requestId, fields } });
  }
  res.locals.can ??= () => false;
  res.locals.flash ??= [];
  res.locals.companyName ??= 'Client Area';
  res.locals.path ??= req.path;
  res.locals.csrfToken ??= () => '';
  const locals = { title: page.title, status: page.status, message: page.message, code: page.code, requestId };
  const fallback = () =>
    res
      .type('html')
      .send(
        `<!doctype html><meta charset="utf-8"><title>${page.title}</title><h1>${page.title}</h1><p>${page.message}</p><p>Reference: ${requestId}</p>`,
      );
  // Rendered here rather than through res.page: a failure to render falls back to plain HTML
  // instead of going round the error handling again.
  const layout = view === 'errors/admin-error' ? 'layouts/admin' : 'layouts/client';
  const all = { errors: {}, values: {}, error: null, ...locals };
  res.render(view, all, (err, body) => {
    if (err) return fallback();
    res.render(layout, { ...all, body }, (err2, html) => (err2 ? fallback() : res.send(html)));
  });
}

export function errorHandler(errorView: string, options: { secureCookies?: boolean } = {}) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    const page = classify(err, req, options.secureCookies ?? false);
    if (page === 'unexpected') {
      (req.log ?? logger).error(
        { err, url: urlForLog(req.originalUrl), method: req.method, reqId: (req as Request & { id?: unknown }).id },
        'unhandled error',
      );
      return send(req, res, errorView, UNEXPECTED);
    }
    if (page.status >= 500) (req.log ?? logger).warn({ code: page.code, url: urlForLog(req.originalUrl) }, page.title);
    send(req, res, errorView, page);
  };
}

/** For an error that escaped both areas: a plain page, never Express's default with its stack. */
export function lastResortErrorHandler(err: unknown, req: Request, res: Response, next: NextFunction) {
  errorHandler('errors/error')(err, req, res, next);
}

function titleFor(status: number): string {
  if (status === 403) return msg('Access denied');
  if (status === 404) return msg('Not found');
  if (status === 410) return msg('Link no longer valid');
  if (status === 429) return msg('Too many attempts');
  if (status === 503) return msg('Busy');
  return msg('Something is not right');
}

export function notFoundHandler(errorView: string) {
  return (_req: Request, res: Response) => {
    const t = pageTranslator(res);
    res.status(404).page(errorView, {
      title: translate(t, msg('Not found')),
      status: 404,
      message: translate(t, msg('We could not find that page.')),
    });
  };
}
