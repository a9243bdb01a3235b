-- Hardening (issue 9): state every instance must share lives in PostgreSQL.

-- Throttle counters (rate-limiter-flexible's PostgreSQL store: key, points, expiry in epoch ms).
CREATE TABLE "throttles" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "throttles_pkey" PRIMARY KEY ("key")
);

-- RFC 6238 section 5.2: the last accepted TOTP time step, so a code works once.
ALTER TABLE "users" ADD COLUMN "totp_last_step" BIGINT;
ALTER TABLE "admins" ADD COLUMN "totp_last_step" BIGINT;

-- A self-registered user whose address is not confirmed yet cannot log in: the register form
-- answers the same for a new and a taken address, and the link in the email finishes it.
ALTER TABLE "users" ADD COLUMN "activation_pending" BOOLEAN NOT NULL DEFAULT false;

-- One cancellation request per service, even when many are sent at once.
DROP INDEX "cancellation_requests_service_id_idx";
CREATE UNIQUE INDEX "cancellation_requests_service_id_key" ON "cancellation_requests"("service_id");

-- A cart checked out twice at once places one order: the cart's key is on its invoice.
ALTER TABLE "invoices" ADD COLUMN "checkout_key" TEXT;
CREATE UNIQUE INDEX "invoices_checkout_key_key" ON "invoices"("checkout_key");

-- Mail whose sending must not change how long the answer takes (a password reset for a known
-- or unknown address, the "someone tried to register with your address" notice): the request
-- only records the wish; a worker in any instance sends it.
CREATE TABLE "deferred_emails" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL DEFAULT '',
    "payload" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),

    CONSTRAINT "deferred_emails_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "deferred_emails_created_at_idx" ON "deferred_emails"("created_at");
