// The HTTP server around the Express app: binding the port with a clear error when it cannot be
// had, and draining on shutdown (stop accepting, let in-flight requests finish, then close).
// Express 5's app.listen() hands a bind error to its callback, which is easy to mistake for
// success; node:http's server reports it as an 'error' event instead, which we turn into a
// rejected promise before anything is printed or created.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';

export class ListenError extends Error {}

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
   * Stops accepting connections and waits for in-flight requests. Every response from now on
   * asks its client to close the connection, and idle keep-alive connections are closed, so the
   * server can finish. After timeoutMs the remaining connections are cut.
   */
  drain(timeoutMs: number): Promise<'drained' | 'timed out'>;
  /** Requests being served right now. */
  inFlight(): number;
}

export function createHttpServer(app: RequestListener): HttpServer {
  const active = new Set<ServerResponse>();
  let draining = false;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
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
    drain(timeoutMs) {
      draining = true;
      open(); // requests waiting for start-up to finish are served, not left hanging
      for (const res of active) if (!res.headersSent) res.setHeader('Connection', 'close');
      const closed = new Promise<'drained'>((resolve) => server.close(() => resolve('drained')));
      // A keep-alive client that sends nothing more would hold the server open until its timeout.
      const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timed out'>((resolve) => {
        timer = setTimeout(() => resolve('timed out'), timeoutMs);
      });
      return Promise.race([closed, deadline]).then((outcome) => {
        clearInterval(idleSweep);
        clearTimeout(timer);
        if (outcome === 'timed out') server.closeAllConnections();
        return outcome;
      });
    },
  };
}

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
