-- The email log is read by staff and, in the client area, by any user with the `emails`
-- permission. Messages sent before this migration kept their one-time links (invitation,
-- set-password, password reset, email verification) in full: cut the token out of every stored
-- copy, exactly as the mail service now does for new messages (src/services/mail.ts).
UPDATE "email_log"
SET "body_html" = regexp_replace("body_html", '/(invite|password/reset|verify-email)/[A-Za-z0-9_-]{16,}', '/\1/[link-removed]', 'g'),
    "body_text" = regexp_replace("body_text", '/(invite|password/reset|verify-email)/[A-Za-z0-9_-]{16,}', '/\1/[link-removed]', 'g')
WHERE "template" IN ('invitation', 'set_password', 'password_reset', 'email_verification');

-- Messages about a user's own credentials belong to the user, not to an account's history.
UPDATE "email_log"
SET "account_id" = NULL
WHERE "template" IN ('password_reset', 'password_reset_confirmation', 'email_verification');
