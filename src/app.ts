// createApp: the Express application, with no listen(). Two areas, each its own sub-app with
// its own session cookie, middleware, body parsing and error handling: /admin for staff, / for
// clients; and the WHMCS-compatible API at /includes/api.php (no session at all). What is in front
// of them applies to every request: a request id, the HTTP log (allow-listed fields only),
// security headers, static files.
import { resolve } from 'node:path';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Runtime } from './boot.js';
import { secureCookies } from './config.js';
import { createAdminApp } from './http/admin/index.js';
import { createApiApp } from './http/api/index.js';
import { createClientApp } from './http/client/index.js';
import { lastResortErrorHandler } from './http/errors.js';
import { requestIdOf } from './http/request-id.js';
import { securityHeaders } from './http/middleware/security-headers.js';
import { httpSerializers, logger as processLogger, urlForLog } from './logger.js';

const ROOT = resolve(import.meta.dirname, '..');

export interface AppDeps {
  runtime: Pick<Runtime, 'config' | 'database' | 'secret'>;
  /** Where the HTTP log goes (tests capture it); by default the process logger, off in tests. */
  log?: Logger;
}

export function createApp({ runtime, log }: AppDeps) {
  const { config } = runtime;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('view engine', 'ejs');
  app.set('views', resolve(ROOT, 'views'));
  if (config.NODE_ENV === 'production') app.set('view cache', true);

  app.use((req, res, next) => {
    requestIdOf(req, res);
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': config.NODE_ENV === 'production' ? [] : null,
        },
      },
    }),
  );
  app.use(securityHeaders);
  const httpLog = log ?? (config.LOG_LEVEL !== 'silent' && config.NODE_ENV !== 'test' ? processLogger : undefined);
  if (httpLog) {
    app.use(
      pinoHttp({
        logger: httpLog,
        genReqId: requestIdOf,
        serializers: httpSerializers,
        customSuccessMessage: (req, res) => `${req.method} ${urlForLog(req.url)} ${res.statusCode}`,
        customErrorMessage: (req, res) => `${req.method} ${urlForLog(req.url)} ${res.statusCode}`,
        autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/static') },
      }),
    );
  }
  app.use('/static', express.static(resolve(ROOT, 'public'), { maxAge: '1h' }));
  app.use('/static/bootstrap', express.static(resolve(ROOT, 'node_modules/bootstrap/dist'), { maxAge: '1d' }));
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  // The WHMCS-compatible API: its own body parsing and error answers (src/http/api).
  app.use('/includes/api.php', createApiApp({ perMinute: config.API_RATE_LIMIT, logger: processLogger }));

  const secure = secureCookies(config);
  app.use('/admin', createAdminApp({ pool: runtime.database.pool, secret: runtime.secret, secure, config }));
  app.use(createClientApp({ pool: runtime.database.pool, secret: runtime.secret, secure, config }));
  app.use(lastResortErrorHandler);
  return app;
}
