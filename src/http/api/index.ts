// The WHMCS-compatible API: its own sub-app, mounted at /includes/api.php (src/app.ts). No session,
// no cookies, no CSRF: every call carries its credential pair. Its own body parsing and error
// handling, so even a malformed body is answered the way WHMCS clients read answers.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { apiHandler, sendError } from './pipeline.js';

export interface ApiAppDeps {
  /** Calls per credential per minute. */
  perMinute: number;
  logger: Logger;
}

export function createApiApp(deps: ApiAppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 200 }));
  app.use(express.json({ limit: '256kb' }));
  app.post('/', apiHandler(deps));
  app.all('/', (_req, res) => {
    res.set('Allow', 'POST');
    sendError(res, 405, 'Send API calls as POST requests (form-encoded, as WHMCS clients do).');
  });
  app.use((_req, res) => sendError(res, 404, 'Command Not Found'));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    const status = typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : 500;
    if (status >= 400 && status < 500) return sendError(res, status, 'The request body could not be read.');
    deps.logger.error({ err }, 'API request failed');
    sendError(res, 500, 'An unexpected error occurred');
  });
  return app;
}
