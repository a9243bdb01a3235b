// createApp: the Express application, with no listen(). Two areas, each its own sub-app with
// its own session cookie, middleware and error handling: /admin for staff, / for clients.
import { resolve } from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Runtime } from './boot.js';
import { createAdminApp } from './http/admin/index.js';
import { createClientApp } from './http/client/index.js';
import { logger } from './logger.js';

const ROOT = resolve(import.meta.dirname, '..');

export interface AppDeps {
  runtime: Pick<Runtime, 'config' | 'database' | 'secret'>;
}

export function createApp({ runtime }: AppDeps) {
  const { config } = runtime;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('view engine', 'ejs');
  app.set('views', resolve(ROOT, 'views'));
  if (config.NODE_ENV === 'production') app.set('view cache', true);

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
  if (config.LOG_LEVEL !== 'silent' && config.NODE_ENV !== 'test') {
    app.use(pinoHttp({ logger, autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/static') } }));
  }
  app.use('/static', express.static(resolve(ROOT, 'public'), { maxAge: '1h' }));
  app.use('/static/bootstrap', express.static(resolve(ROOT, 'node_modules/bootstrap/dist'), { maxAge: '1d' }));
  // Browsers ask for /favicon.ico on every page: answer it (issue 14) instead of a 404 each time.
  app.get('/favicon.ico', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').sendFile(resolve(ROOT, 'public/favicon.ico'));
  });
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  app.use(express.json({ limit: '100kb' }));

  const secure = config.COOKIE_SECURE ?? config.NODE_ENV === 'production';
  app.use('/admin', createAdminApp({ pool: runtime.database.pool, secret: runtime.secret, secure, config }));
  app.use(createClientApp({ pool: runtime.database.pool, secret: runtime.secret, secure, config }));
  return app;
}
