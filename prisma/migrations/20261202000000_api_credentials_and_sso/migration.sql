-- The WHMCS-compatible API (issue 11): credentials made for admins, single sign-on tokens, the
-- per-client single sign-on switch, and activity entries marked with the credential they came
-- through.

ALTER TABLE "accounts" ADD COLUMN "allow_single_sign_on" BOOLEAN NOT NULL DEFAULT true;

CREATE TABLE "api_credentials" (
    "id" SERIAL NOT NULL,
    "admin_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "identifier" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "allow_all_actions" BOOLEAN NOT NULL DEFAULT false,
    "allowed_actions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "ip_allow_list" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "last_used_ip" TEXT,
    "revoked_at" TIMESTAMPTZ(3),
    "window_started_at" TIMESTAMPTZ(3),
    "window_requests" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "api_credentials_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_credentials_identifier_key" ON "api_credentials"("identifier");
CREATE INDEX "api_credentials_admin_id_idx" ON "api_credentials"("admin_id");
ALTER TABLE "api_credentials" ADD CONSTRAINT "api_credentials_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admins"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "activity_log" ADD COLUMN "api_credential_id" INTEGER;
ALTER TABLE "activity_log" ADD CONSTRAINT "activity_log_api_credential_id_fkey" FOREIGN KEY ("api_credential_id") REFERENCES "api_credentials"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "sso_tokens" (
    "id" SERIAL NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "account_id" INTEGER,
    "destination" TEXT NOT NULL DEFAULT '/',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sso_tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "sso_tokens_token_hash_key" ON "sso_tokens"("token_hash");
CREATE INDEX "sso_tokens_user_id_idx" ON "sso_tokens"("user_id");
ALTER TABLE "sso_tokens" ADD CONSTRAINT "sso_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "sso_tokens" ADD CONSTRAINT "sso_tokens_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
