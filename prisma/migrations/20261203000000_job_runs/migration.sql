-- Periodic jobs (invitation expiry, session cleanup) run once per interval across every instance:
-- an instance runs a job only after inserting the row for the job's current interval, and the
-- primary key lets exactly one instance insert it (src/jobs/scheduler.ts).
CREATE TABLE "job_runs" (
    "job" TEXT NOT NULL,
    "interval_start" TIMESTAMPTZ(3) NOT NULL,
    "instance" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" TEXT NOT NULL DEFAULT 'running',
    "processed" INTEGER,
    "error" TEXT,
    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("job", "interval_start")
);
