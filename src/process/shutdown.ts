// Graceful shutdown on SIGTERM (what process managers, Docker and Kubernetes send) and SIGINT:
// say "not ready", stop accepting connections, let in-flight requests finish (each now answered
// with Connection: close), stop the periodic jobs after their current run, close the database
// pool, exit. Bounded: after SHUTDOWN_TIMEOUT_SECONDS remaining connections are cut, and a
// watchdog exits the process if closing itself hangs. Exit code 0 when everything finished in
// time, 1 when requests had to be cut.
import type { Runtime } from '../boot.js';
import { markDraining } from '../lib/lifecycle.js';
import { logger } from '../logger.js';
import type { FleetDuties } from './fleet.js';
import type { HttpServer } from './http-server.js';

export interface ShutdownParts {
  http: HttpServer;
  fleet: FleetDuties;
  runtime: Pick<Runtime, 'close'>;
  timeoutMs: number;
}

export function shutDownOnSignals({ http, fleet, runtime, timeoutMs }: ShutdownParts): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C means "now".
      if (signal === 'SIGINT') process.exit(130);
      return;
    }
    stopping = true;
    markDraining();
    logger.info({ signal, inFlight: http.inFlight() }, 'shutting down: finishing in-flight requests');
    const watchdog = setTimeout(() => {
      logger.error('shutdown did not complete in time; exiting');
      process.exit(1);
    }, timeoutMs + 5_000);
    watchdog.unref();
    try {
      const [outcome] = await Promise.all([http.drain(timeoutMs), fleet.stop()]);
      await runtime.close();
      if (outcome === 'timed out') logger.warn({ timeoutMs }, 'requests still running at the deadline were cut');
      logger.info('stopped');
      process.exit(outcome === 'drained' ? 0 : 1);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', (s) => void stop(s));
  process.on('SIGINT', (s) => void stop(s));
}
