// createApp: the Express application, with no listen(). Two areas, each its own sub-app with
// its own session cookie, middleware, body parsing and error handling: /admin for staff, / for
// clients; and the WHMCS-compatible API at /includes/api.php (no session at all). What is in front
// of them applies to every request: a request id, the HTTP log (allow-listed fields only),
// security headers, static files.
import { resolve } from 'node:path';
import { DEFAULT_LANGUAGE, translator } from './lib/i18n.js';
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
import { healthRoutes } from './http/health.js';
import { countRequests, metricsEndpoint } from './http/middleware/metrics.js';
import { requestIdOf } from './http/request-id.js';
import { securityHeaders } from './http/middleware/security-headers.js';
import { observeDatabasePool } from './lib/metrics.js';
import { httpSerializers, logger as processLogger, urlForLog } from './logger.js';
import { BOOTSTRAP_DIR, PUBLIC_DIR, VIEWS_DIR, ZXCVBN_DIRS } from './paths.js';

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
  // Pages are answered no-store (they are per-user), so an ETag is never used; computing one
  // hashes every page body (seen in the issue 12 profile). Static files keep serve-static's own.
  app.set('etag', false);
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  // Includes name their file from the views root ('/partials/field'): EJS then resolves them
  // without the fs.existsSync probe a relative include costs on every render (issue 12 profile).
  app.set('view options', { root: VIEWS_DIR });
  // Views rendered outside either area (the last-resort error page) read English.
  app.locals.t = translator(DEFAULT_LANGUAGE);
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
  if (config.METRICS_TOKEN) {
    observeDatabasePool(runtime.database.pool);
    app.use(countRequests());
    app.get('/metrics', metricsEndpoint(config.METRICS_TOKEN));
  }
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
  app.use('/static', express.static(PUBLIC_DIR, { maxAge: '1h' }));
  app.use('/static/bootstrap', express.static(BOOTSTRAP_DIR, { maxAge: '1d' }));
  // Browsers ask for /favicon.ico on every page: answer it (issue 14) instead of a 404 each time.
  app.get('/favicon.ico', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').sendFile(resolve(PUBLIC_DIR, 'favicon.ico'));
  });
  // The strength meter scores in the browser with the same zxcvbn-ts packages as the server.
  for (const [name, dir] of Object.entries(ZXCVBN_DIRS))
    app.get(`/static/zxcvbn/${name}.js`, (_req, res) => res.sendFile('zxcvbn-ts.js', { root: dir, maxAge: '1d' }));
  app.use(healthRoutes());
  // The WHMCS-compatible API: its own body parsing and error answers (src/http/api).
  app.use('/includes/api.php', createApiApp({ perMinute: config.API_RATE_LIMIT, logger: processLogger }));

  const secure = secureCookies(config);
  const admin = createAdminApp({ pool: runtime.database.pool, secret: runtime.secret, secure, config });
  const client = createClientApp({ pool: runtime.database.pool, secret: runtime.secret, secure, config });
  // A sub-app's own default is ./views of the working directory, not the app's.
  for (const area of [admin, client]) {
    area.set('views', VIEWS_DIR);
    area.set('view options', { root: VIEWS_DIR });
  }
  app.use('/admin', admin);
  app.use(client);
  app.use(lastResortErrorHandler);
  return app;
}
