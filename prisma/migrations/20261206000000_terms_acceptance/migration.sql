-- Issue 13 bug 7: when the admin sets a Terms of Service URL, registering means accepting them;
-- the acceptance is recorded with its time and the terms' version.
ALTER TABLE "users" ADD COLUMN "terms_accepted_at" TIMESTAMPTZ(3);
ALTER TABLE "users" ADD COLUMN "terms_version" TEXT;
