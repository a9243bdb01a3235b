// Prometheus metrics (prom-client), served at /metrics when METRICS_TOKEN is set. Names follow
// Prometheus conventions; every instance has its own registry, so scrape each instance directly
// (not through the load balancer). Process metrics (CPU, memory, event-loop lag, GC) come from
// prom-client's defaults.
import type pg from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { hashQueueDepth } from './passwords.js';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const requestLabels = ['method', 'route', 'status'] as const;

export const httpRequests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status code.',
  labelNames: requestLabels,
  registers: [registry],
});

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time from receiving a request to the end of its response, by method, route pattern and status.',
  labelNames: requestLabels,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const mailDeliveries = new Counter({
  name: 'mail_deliveries_total',
  help: 'Emails handed to delivery, by outcome: sent (SMTP accepted it), stored (local outbox) or failed.',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

let pool: pg.Pool | undefined;

/** The pool whose connections the db_pool_* gauges report. */
export function observeDatabasePool(observed: pg.Pool): void {
  pool = observed;
}

new Gauge({
  name: 'db_pool_connections',
  help: 'Connections of the database pool, by state: in_use (lent to a query or transaction) or idle.',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    if (!pool) return;
    this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
    this.set({ state: 'idle' }, pool.idleCount);
  },
});

new Gauge({
  name: 'db_pool_waiting',
  help: 'Queries waiting for a free connection of the database pool.',
  registers: [registry],
  collect() {
    if (pool) this.set(pool.waitingCount);
  },
});

new Gauge({
  name: 'password_hash_queue',
  help: 'argon2id hashes (logins, registrations, password changes) running and waiting for a slot.',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    const queue = hashQueueDepth();
    this.set({ state: 'running' }, queue.active);
    this.set({ state: 'waiting' }, queue.waiting);
  },
});
