// LISTEN on a PostgreSQL channel over a connection of its own (not from the pool: a LISTEN lasts
// as long as its session, and through a transaction-mode pooler it would not work at all, so this
// connection must go to PostgreSQL directly). Reconnects with backoff when the connection drops,
// and calls onConnected after every (re)connect: whatever was announced while it was down was
// missed, so the listener must assume anything changed.
import pg from 'pg';
import { logger } from '../logger.js';

export interface Listener {
  stop(): Promise<void>;
}

export interface ListenOptions {
  url: string;
  channel: string;
  onNotification: (payload: string | undefined) => void;
  onConnected?: () => void;
  /** First reconnect delay; doubles up to 30 s. */
  retryMs?: number;
}

export function listenForNotifications({
  url,
  channel,
  onNotification,
  onConnected,
  retryMs = 1_000,
}: ListenOptions): Listener {
  let stopped = false;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let delay = retryMs;

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url });
    client = next;
    next.on('notification', (msg) => {
      if (msg.channel === channel) onNotification(msg.payload);
    });
    next.on('error', (err) => {
      logger.warn({ err, channel }, 'notification listener lost its connection; reconnecting');
      retry(next);
    });
    next.on('end', () => retry(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      delay = retryMs;
      onConnected?.();
    } catch (err) {
      logger.warn({ err, channel }, 'notification listener could not connect; retrying');
      retry(next);
    }
  };

  const retry = (failed: pg.Client) => {
    if (stopped || client !== failed || retryTimer) return;
    client = undefined;
    failed.end().catch(() => undefined);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, delay);
    retryTimer.unref();
    delay = Math.min(delay * 2, 30_000);
  };

  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
