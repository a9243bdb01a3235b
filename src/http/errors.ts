// One error handler per area. Expected errors (AppError) become a clear 4xx page (a form that can
// be fixed is rendered again by formRoute, in forms.ts, before it gets here). Anything else is
// logged and answered with a plain 500 page: no stack traces, no database messages.
import type { NextFunction, Request, Response } from 'express';
import { isAppError } from '../lib/errors.js';
import { logger } from '../logger.js';

export function errorHandler(errorView: string) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    const wantsJson = req.accepts(['html', 'json']) === 'json';
    const csrf = typeof err === 'object' && err !== null && (err as { code?: string }).code === 'EBADCSRFTOKEN';
    if (csrf) {
      res.status(403);
      return wantsJson
        ? res.json({ error: { code: 'CSRF', message: 'Invalid form token.' } })
        : res.page(errorView, {
            title: 'Form expired',
            status: 403,
            message: 'Your form expired or was sent from another site. Go back, reload the page and try again.',
          });
    }
    if (isAppError(err)) {
      res.status(err.status);
      if (wantsJson) return res.json({ error: { code: err.code, message: err.message, fields: err.fields } });
      return res.page(errorView, {
        title: titleFor(err.status),
        status: err.status,
        message: err.message,
        code: err.code,
      });
    }
    const status =
      typeof err === 'object' && err !== null && typeof (err as { status?: unknown }).status === 'number'
        ? (err as { status: number }).status
        : 500;
    if (status >= 400 && status < 500) {
      // Body-parser and similar errors: the request was malformed.
      res.status(status);
      return wantsJson
        ? res.json({ error: { code: 'BAD_REQUEST', message: 'Bad request.' } })
        : res.page(errorView, { title: 'Bad request', status, message: 'The request could not be understood.' });
    }
    logger.error({ err, url: req.originalUrl, method: req.method }, 'unhandled error');
    res.status(500);
    return wantsJson
      ? res.json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } })
      : res.page(errorView, {
          title: 'Something went wrong',
          status: 500,
          message: 'Something went wrong on our side. Please try again in a moment.',
        });
  };
}

function titleFor(status: number): string {
  if (status === 403) return 'Access denied';
  if (status === 404) return 'Not found';
  if (status === 410) return 'Link no longer valid';
  if (status === 429) return 'Too many attempts';
  return 'Something is not right';
}

export function notFoundHandler(errorView: string) {
  return (_req: Request, res: Response) => {
    res.status(404).page(errorView, { title: 'Not found', status: 404, message: 'We could not find that page.' });
  };
}
