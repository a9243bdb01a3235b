// Request metrics and the /metrics endpoint (Prometheus text format). Requests are labelled by
// the route *pattern* that answered them (/invite/:token, never the token itself), so the number
// of series stays bounded whatever URLs clients send.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { httpRequestDuration, httpRequests, registry } from '../../lib/metrics.js';

/** Route pattern of an answered request; requests no route answered share one label. */
export function routeLabel(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  if (req.baseUrl.startsWith('/static')) return '/static';
  return '(unmatched)';
}

export function countRequests(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const labels = { method: req.method, route: routeLabel(req), status: String(res.statusCode) };
      httpRequests.inc(labels);
      httpRequestDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** GET /metrics for requests with `Authorization: Bearer <token>`; 401 otherwise. */
export function metricsEndpoint(token: string): RequestHandler {
  const expected = digest(token);
  return async (req: Request, res: Response) => {
    const header = req.get('authorization') ?? '';
    const offered = /^Bearer\s+(.+)$/i.exec(header)?.[1] ?? '';
    res.set('Cache-Control', 'no-store');
    if (!timingSafeEqual(digest(offered), expected)) {
      res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').type('text').send('Unauthorized');
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
}
