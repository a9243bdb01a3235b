// Periodic jobs run once per interval across every instance (src/jobs/scheduler.ts): the
// job_runs row for (job, interval) is the claim, and only one insert of it can succeed. Each test
// uses a job name of its own, so the shared database's other rows do not matter.
import { describe, expect, it } from 'vitest';
import { advanceClock, DAY, now } from '../../src/lib/clock.js';
import { intervalStart, runIfDue, startScheduler, type PeriodicJob } from '../../src/jobs/scheduler.js';
import { unique } from '../factories/index.js';
import { testPoolSize, useTestDatabase } from '../helpers/db.js';

const t = useTestDatabase();
const INTERVAL = 15 * 60_000;

function countingJob(run: () => Promise<number> = async () => 7): PeriodicJob & { runs: () => number } {
  let runs = 0;
  return {
    name: `test-job-${unique()}`,
    intervalMs: INTERVAL,
    async run() {
      runs += 1;
      return run();
    },
    runs: () => runs,
  };
}

describe('runIfDue: once per interval, whichever instance asks first', () => {
  it('of many instances asking at the same moment, exactly one runs the job', async () => {
    const job = countingJob();
    const at = now();
    const instances = Array.from({ length: Math.max(2, testPoolSize() * 2) }, (_, i) => `instance-${i}`);
    const outcomes = await Promise.all(instances.map((instance) => runIfDue(job, instance, at)));
    expect(job.runs()).toBe(1);
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'already claimed')).toHaveLength(instances.length - 1);
    const rows = await t.prisma.jobRun.findMany({ where: { job: job.name } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      intervalStart: intervalStart(at, INTERVAL),
      instance: instances[outcomes.indexOf('ran')],
      outcome: 'ok',
      processed: 7,
      error: null,
    });
    expect(rows[0]?.finishedAt).toBeInstanceOf(Date);
  });

  it('runs again in the next interval, not before', async () => {
    const job = countingJob();
    const at = now();
    const end = intervalStart(at, INTERVAL).getTime() + INTERVAL;
    expect(await runIfDue(job, 'a', at)).toBe('ran');
    expect(await runIfDue(job, 'b', new Date(end - 1))).toBe('already claimed'); // its last millisecond
    expect(await runIfDue(job, 'b', new Date(end))).toBe('ran');
    expect(job.runs()).toBe(2);
  });

  it('records a failed run with its error; the next interval tries again', async () => {
    let fail = true;
    const job = countingJob(async () => {
      if (fail) throw new Error('database went away');
      return 0;
    });
    expect(await runIfDue(job, 'a')).toBe('failed');
    const failed = await t.prisma.jobRun.findFirstOrThrow({ where: { job: job.name } });
    expect(failed).toMatchObject({ outcome: 'failed', error: 'database went away' });
    fail = false;
    advanceClock(INTERVAL);
    expect(await runIfDue(job, 'a')).toBe('ran');
  });

  it('keeps 30 days of history per job', async () => {
    const job = countingJob();
    expect(await runIfDue(job, 'a')).toBe('ran');
    advanceClock(31 * DAY);
    expect(await runIfDue(job, 'a')).toBe('ran');
    const rows = await t.prisma.jobRun.findMany({ where: { job: job.name } });
    expect(rows.map((r) => r.intervalStart)).toEqual([intervalStart(now(), INTERVAL)]);
  });
});

describe('startScheduler', () => {
  it('runs a due job at once, and stop() waits for the run in progress', async () => {
    let finish: (n: number) => void = () => undefined;
    const started: string[] = [];
    const job: PeriodicJob = {
      name: `test-job-${unique()}`,
      intervalMs: INTERVAL,
      run: () => {
        started.push('run');
        return new Promise<number>((resolve) => (finish = resolve));
      },
    };
    const scheduler = startScheduler([job], 'scheduler-test');
    for (let i = 0; i < 100 && started.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(started).toEqual(['run']);
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    finish(3);
    await stopping;
    const row = await t.prisma.jobRun.findFirstOrThrow({ where: { job: job.name } });
    expect(row).toMatchObject({ instance: 'scheduler-test', outcome: 'ok', processed: 3 });
  });
});
