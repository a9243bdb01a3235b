-- Issue 14, the admin area as a support desk: staff roles and set-password links, Login as
-- Client (one-time staff login links; it respects the client's "Allow Single Sign-On" switch,
-- accounts.allow_single_sign_on of the API's migration), invitations that keep the names typed
-- for a new user and their last email, guest tickets with a requester and an assignee, and admin
-- notes on a client. Indexes for searching and sorting are in the next migration
-- (20261204000100_list_indexes).

-- Staff roles: 'full' (everything), 'support' (clients read, tickets), 'billing' (clients read,
-- invoices and quotes). Existing admins keep everything. An admin added with an emailed link has
-- no password until they follow it.
ALTER TABLE "admins" ADD COLUMN "role" TEXT NOT NULL DEFAULT 'full';
-- beyond the schema: the three roles of src/policies/staff.ts
ALTER TABLE "admins" ADD CONSTRAINT "admins_role_known" CHECK ("role" IN ('full', 'support', 'billing'));
ALTER TABLE "admins" ALTER COLUMN "password_hash" DROP NOT NULL;

CREATE TABLE "admin_tokens" (
    "id" SERIAL NOT NULL,
    "admin_id" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "admin_tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "admin_tokens_token_hash_key" ON "admin_tokens"("token_hash");
CREATE INDEX "admin_tokens_admin_id_purpose_idx" ON "admin_tokens"("admin_id", "purpose");
ALTER TABLE "admin_tokens" ADD CONSTRAINT "admin_tokens_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admins"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- "Login as Owner/User": a single-use link, valid for a minute, from the admin area into the
-- client area as that user in that account. Only its SHA-256 is stored.
CREATE TABLE "staff_login_tokens" (
    "id" SERIAL NOT NULL,
    "admin_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "account_id" INTEGER NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "staff_login_tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "staff_login_tokens_token_hash_key" ON "staff_login_tokens"("token_hash");
CREATE INDEX "staff_login_tokens_admin_id_idx" ON "staff_login_tokens"("admin_id");
ALTER TABLE "staff_login_tokens" ADD CONSTRAINT "staff_login_tokens_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admins"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "staff_login_tokens" ADD CONSTRAINT "staff_login_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "staff_login_tokens" ADD CONSTRAINT "staff_login_tokens_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Invitations: the names staff typed for a new user (offered on the invitation's register form),
-- the last email sent for it (so the Users tab can say "Not delivered" and why), and which member
-- of staff cancelled it (the cancelled-link page says who).
ALTER TABLE "invitations" ADD COLUMN "first_name" TEXT NOT NULL DEFAULT '';
ALTER TABLE "invitations" ADD COLUMN "last_name" TEXT NOT NULL DEFAULT '';
ALTER TABLE "invitations" ADD COLUMN "last_email_id" INTEGER;
ALTER TABLE "invitations" ADD COLUMN "cancelled_by_admin_id" INTEGER;
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_last_email_id_fkey" FOREIGN KEY ("last_email_id") REFERENCES "email_log"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_cancelled_by_admin_id_fkey" FOREIGN KEY ("cancelled_by_admin_id") REFERENCES "admins"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Tickets: a guest's ticket (public contact form) belongs to no client; who asked (email, name)
-- is kept on the ticket for the desk's filters; a ticket can be assigned to a member of staff.
ALTER TABLE "tickets" ALTER COLUMN "account_id" DROP NOT NULL;
ALTER TABLE "tickets" ADD COLUMN "requester_email" TEXT NOT NULL DEFAULT '';
ALTER TABLE "tickets" ADD COLUMN "requester_name" TEXT NOT NULL DEFAULT '';
ALTER TABLE "tickets" ADD COLUMN "assigned_admin_id" INTEGER;
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assigned_admin_id_fkey" FOREIGN KEY ("assigned_admin_id") REFERENCES "admins"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- The requester of an existing ticket is whoever wrote its opening message.
UPDATE "tickets" t
SET "requester_email" = lower(r."email"), "requester_name" = r."name"
FROM (
    SELECT DISTINCT ON ("ticket_id") "ticket_id", "email", "name"
    FROM "ticket_replies" ORDER BY "ticket_id", "created_at", "id"
) r
WHERE r."ticket_id" = t."id";

-- Admin notes on a client: dated, by a member of staff.
CREATE TABLE "client_notes" (
    "id" SERIAL NOT NULL,
    "account_id" INTEGER NOT NULL,
    "admin_id" INTEGER,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "client_notes_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "client_notes_account_id_created_at_idx" ON "client_notes"("account_id", "created_at");
ALTER TABLE "client_notes" ADD CONSTRAINT "client_notes_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "client_notes" ADD CONSTRAINT "client_notes_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admins"("id") ON DELETE SET NULL ON UPDATE CASCADE;
