-- Issue 15: every email is written in its recipient's language; the log records which, so that
-- staff (who read the admin area in English) know what the person received.
ALTER TABLE "email_log" ADD COLUMN "language" TEXT NOT NULL DEFAULT 'en';
