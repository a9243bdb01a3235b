// Every request gets an id: on every log line (pino-http), in the X-Request-Id response header,
// and on error pages, so a person quoting it lets staff find the log entries (hardening item 8).
// An id sent by a proxy in front is kept when it looks like one; anything else is replaced.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const existing = (req as IncomingMessage & { id?: unknown }).id;
  if (typeof existing === 'string') return existing;
  const sent = req.headers['x-request-id'];
  const id = typeof sent === 'string' && SAFE_ID.test(sent) ? sent : randomUUID();
  (req as IncomingMessage & { id?: string }).id = id;
  res.setHeader('X-Request-Id', id);
  return id;
}
