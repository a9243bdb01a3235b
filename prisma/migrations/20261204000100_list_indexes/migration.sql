-- Indexes for the admin lists at 100,000+ rows (issue 14): searches that match inside words
-- ("web" finds "Acme Web Ltd") through pg_trgm trigram GIN indexes, and sorted, paginated lists
-- through btree indexes ending in "id", so that the next page is a keyset range
-- (sort value, id) < (last row's) and a jump to page N an index-only scan.
--
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: the database owner may
-- create it. PGlite loads it in src/db/embedded.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- The extension may already live in a schema outside this connection's search_path (another
-- schema of the same database created it first): find its operator classes there, for the
-- rest of this migration only.
SELECT set_config('search_path', current_setting('search_path') || ', ' || quote_ident(n.nspname), true)
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';

-- beyond the schema (expression GIN indexes): the search text of each list, written exactly as
-- the services in src/services/lists/ write it, so the planner matches the expression.
CREATE INDEX "accounts_search_trgm_idx" ON "accounts"
    USING gin (lower("first_name" || ' ' || "last_name" || ' ' || "company_name" || ' ' || "email") gin_trgm_ops);
CREATE INDEX "users_search_trgm_idx" ON "users"
    USING gin (lower("first_name" || ' ' || "last_name" || ' ' || "email") gin_trgm_ops);
CREATE INDEX "activity_log_description_trgm_idx" ON "activity_log" USING gin (lower("description") gin_trgm_ops);
CREATE INDEX "email_log_search_trgm_idx" ON "email_log" USING gin (lower("recipient" || ' ' || "subject") gin_trgm_ops);
CREATE INDEX "tickets_subject_trgm_idx" ON "tickets" USING gin (lower("subject") gin_trgm_ops);

-- The prefix (text_pattern_ops) indexes of the init migration served the old starts-with
-- searches, which the trigram indexes replace; the single-column sort indexes gain "id".
DROP INDEX "accounts_email_prefix_idx";
DROP INDEX "accounts_name_prefix_idx";
DROP INDEX "accounts_last_name_prefix_idx";
DROP INDEX "accounts_company_prefix_idx";
DROP INDEX "users_email_prefix_idx";
DROP INDEX "users_first_name_prefix_idx";
DROP INDEX "users_last_name_prefix_idx";
DROP INDEX "users_full_name_prefix_idx";

DROP INDEX "accounts_email_idx";
DROP INDEX "accounts_last_name_first_name_idx";
DROP INDEX "accounts_company_name_idx";
CREATE INDEX "accounts_email_id_idx" ON "accounts"("email", "id");
CREATE INDEX "accounts_last_name_first_name_id_idx" ON "accounts"("last_name", "first_name", "id");
CREATE INDEX "accounts_company_name_id_idx" ON "accounts"("company_name", "id");
CREATE INDEX "accounts_status_id_idx" ON "accounts"("status", "id");

CREATE INDEX "users_last_name_first_name_id_idx" ON "users"("last_name", "first_name", "id");
-- beyond the schema: "Last Login" sorts never-logged-in users last, as the epoch
CREATE INDEX "users_last_login_sort_idx" ON "users"
    ((coalesce("last_login_at", '1970-01-01 00:00:00+00'::timestamptz)), "id");

DROP INDEX "activity_log_created_at_idx";
DROP INDEX "activity_log_account_id_created_at_idx";
DROP INDEX "activity_log_user_id_created_at_idx";
DROP INDEX "activity_log_admin_id_created_at_idx";
CREATE INDEX "activity_log_created_at_id_idx" ON "activity_log"("created_at", "id");
CREATE INDEX "activity_log_account_id_created_at_id_idx" ON "activity_log"("account_id", "created_at", "id");
CREATE INDEX "activity_log_user_id_created_at_id_idx" ON "activity_log"("user_id", "created_at", "id");
CREATE INDEX "activity_log_admin_id_created_at_id_idx" ON "activity_log"("admin_id", "created_at", "id");

DROP INDEX "email_log_account_id_created_at_idx";
DROP INDEX "email_log_created_at_idx";
DROP INDEX "email_log_status_idx";
CREATE INDEX "email_log_created_at_id_idx" ON "email_log"("created_at", "id");
CREATE INDEX "email_log_account_id_created_at_id_idx" ON "email_log"("account_id", "created_at", "id");
CREATE INDEX "email_log_status_created_at_id_idx" ON "email_log"("status", "created_at", "id");
CREATE INDEX "email_log_recipient_id_idx" ON "email_log"("recipient", "id");

DROP INDEX "tickets_account_id_last_reply_at_idx";
DROP INDEX "tickets_status_last_reply_at_idx";
CREATE INDEX "tickets_last_reply_at_id_idx" ON "tickets"("last_reply_at", "id");
CREATE INDEX "tickets_account_id_last_reply_at_id_idx" ON "tickets"("account_id", "last_reply_at", "id");
CREATE INDEX "tickets_status_last_reply_at_id_idx" ON "tickets"("status", "last_reply_at", "id");
CREATE INDEX "tickets_assigned_admin_id_last_reply_at_id_idx" ON "tickets"("assigned_admin_id", "last_reply_at", "id");
CREATE INDEX "tickets_requester_email_idx" ON "tickets"("requester_email");
