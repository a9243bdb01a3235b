// The HTTP server around the Express app: binding the port with a clear error when it cannot be
// had, and draining on shutdown. Express 5's app.listen() hands a bind error to its callback,
// which is easy to mistake for success; node:http's server reports it as an 'error' event
// instead, which we turn into a rejected promise before anything is printed or created.
//
// Draining without failing a request behind a proxy. Closing the listening socket while the proxy
// still sends connections resets those the kernel had queued but Node had not accepted yet; the
// proxy may already have written a request on one, and a POST it wrote is never retried, so the
// visitor would get a 502. So on SIGTERM the server first makes the proxy stop sending: every GET
// or HEAD that arrives from then on is answered 503 with Retry-After and Connection: close, which
// nginx (proxy_next_upstream http_503, deploy/nginx/proxy.conf) passes on to another instance and
// counts as a failure, so it sends this one nothing more for a while. Everything else that
// arrives is served normally. Once no request has come for QUIET_MS (at most MAX_QUIET_WAIT_MS),
// the listening socket is closed with an empty queue, and in-flight requests finish.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';

export class ListenError extends Error {}

const QUIET_MS = 250;
const MAX_QUIET_WAIT_MS = 2_000;
/** Answered by the app even while draining: probes must keep telling the truth. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

export interface HttpServer {
  server: Server;
  /**
   * Resolves once the port is bound; rejects with a ListenError that says what to do. Requests
   * that arrive before open() wait for it, so start-up can claim the port before it creates or
   * prints anything, and finish before the first request is served.
   */
  listen(port: number, host: string): Promise<void>;
  /** Starts serving (requests that arrived since listen() go first). */
  open(): void;
  /**
   * Stops taking new work (see above) and waits for in-flight requests; every response from now
   * on closes its connection. After timeoutMs the remaining connections are cut.
   */
  drain(timeoutMs: number): Promise<'drained' | 'timed out'>;
  /** Requests being served right now. */
  inFlight(): number;
}

export function createHttpServer(app: RequestListener): HttpServer {
  const active = new Set<ServerResponse>();
  let draining = false;
  let lastRequestAt = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    lastRequestAt = Date.now();
    if (draining && isRetryableElsewhere(req)) {
      res.writeHead(503, { 'Retry-After': '1', Connection: 'close', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('This server is restarting. Please try again.\n');
      return;
    }
    active.add(res);
    res.once('close', () => active.delete(res));
    void opened.then(() => {
      if (draining && !res.headersSent) res.setHeader('Connection', 'close');
      app(req, res);
    });
  });

  return {
    server,
    open: () => open(),
    inFlight: () => active.size,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const onError = (err: NodeJS.ErrnoException) => {
          server.off('listening', onListening);
          reject(new ListenError(explainListenError(err, port, host), { cause: err }));
        };
        const onListening = () => {
          server.off('error', onError);
          resolve();
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(port, host);
      });
    },
    async drain(timeoutMs) {
      draining = true;
      open(); // requests waiting for start-up to finish are served, not left hanging
      const started = Date.now();
      for (const res of active) if (!res.headersSent) res.setHeader('Connection', 'close');
      const quietBy = started + Math.min(MAX_QUIET_WAIT_MS, timeoutMs / 2);
      while (Date.now() - lastRequestAt < QUIET_MS && Date.now() < quietBy) await sleep(25);

      const closed = new Promise<'drained'>((resolve) => server.close(() => resolve('drained')));
      // A keep-alive client that sends nothing more would hold the server open until its timeout.
      const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timed out'>((resolve) => {
        timer = setTimeout(() => resolve('timed out'), Math.max(0, timeoutMs - (Date.now() - started)));
      });
      const outcome = await Promise.race([closed, deadline]);
      clearInterval(idleSweep);
      clearTimeout(timer);
      if (outcome === 'timed out') server.closeAllConnections();
      return outcome;
    },
  };
}

/** GET and HEAD that a proxy may send to another instance (never a form POST). */
function isRetryableElsewhere(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
  return !PROBES.has(path);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function explainListenError(err: NodeJS.ErrnoException, port: number, host: string): string {
  switch (err.code) {
    case 'EADDRINUSE':
      return `Cannot start: port ${port} on ${host} is already in use by another process. Stop that process or set PORT to a free port.`;
    case 'EACCES':
      return `Cannot start: not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges). Set PORT to 1024 or above.`;
    case 'EADDRNOTAVAIL':
      return `Cannot start: HOST ${host} is not an address of this machine. Set HOST to one of its addresses, or 0.0.0.0.`;
    default:
      return `Cannot start: listening on ${host}:${port} failed (${err.code ?? err.message}).`;
  }
}
