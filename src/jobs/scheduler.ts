// Periodic jobs that run once per interval across every instance of the app, not once per
// instance. Time is cut into intervals of the job's length (the clock rounded down); an instance
// runs a job only after inserting the job_runs row for the current interval, and the row's
// primary key (job, interval_start) lets exactly one instance win. The others see the row and
// skip. No lock is held while the job runs, so this works through a transaction-mode connection
// pooler (PgBouncer) too, and an instance that dies mid-run blocks nothing: the next interval
// runs again (every job here is an idempotent sweep).
import { hostname } from 'node:os';
import { db } from '../db/client.js';
import { DAY, now } from '../lib/clock.js';
import { logger } from '../logger.js';

export interface PeriodicJob {
  name: string;
  intervalMs: number;
  /** Does the work; resolves with how many rows it changed (kept in job_runs). */
  run(): Promise<number>;
}

/** job_runs rows older than this are deleted when the job next runs. */
const HISTORY_MS = 30 * DAY;

/** Names this process in job_runs.instance. */
export const INSTANCE_ID = `${hostname()}:${process.pid}`;

export function intervalStart(at: Date, intervalMs: number): Date {
  return new Date(Math.floor(at.getTime() / intervalMs) * intervalMs);
}

export type RunOutcome = 'ran' | 'failed' | 'already claimed';

/** Runs the job if no instance has run it in the current interval yet. */
export async function runIfDue(job: PeriodicJob, instance = INSTANCE_ID, at = now()): Promise<RunOutcome> {
  const start = intervalStart(at, job.intervalMs);
  const { count } = await db().jobRun.createMany({
    data: [{ job: job.name, intervalStart: start, instance, startedAt: at }],
    skipDuplicates: true,
  });
  if (count === 0) return 'already claimed';
  const key = { job_intervalStart: { job: job.name, intervalStart: start } };
  try {
    const processed = await job.run();
    await db().jobRun.update({ where: key, data: { outcome: 'ok', processed, finishedAt: now() } });
    await db().jobRun.deleteMany({
      where: { job: job.name, intervalStart: { lt: new Date(start.getTime() - HISTORY_MS) } },
    });
    return 'ran';
  } catch (err) {
    logger.error({ err, job: job.name }, 'periodic job failed');
    const error = err instanceof Error ? err.message : String(err);
    await db()
      .jobRun.update({ where: key, data: { outcome: 'failed', error, finishedAt: now() } })
      .catch(() => undefined);
    return 'failed';
  }
}

export interface Scheduler {
  /** Stops the timers and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Checks every job a few times per interval (at most once a minute) so that a job starts soon
 * after its interval begins whichever instance gets there first. One run per job at a time in
 * this process: a slow run is not started again beside itself.
 */
export function startScheduler(jobs: readonly PeriodicJob[], instance = INSTANCE_ID): Scheduler {
  const running = new Map<string, Promise<unknown>>();
  const timers = jobs.map((job) => {
    const tick = () => {
      if (running.has(job.name)) return;
      const run = runIfDue(job, instance)
        .catch((err: unknown) => logger.error({ err, job: job.name }, 'could not claim a periodic job'))
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    };
    tick();
    const timer = setInterval(tick, Math.min(60_000, Math.max(100, Math.floor(job.intervalMs / 4))));
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}
