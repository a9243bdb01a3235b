// Starts the app: `npm start`. With no DATABASE_URL it runs on the embedded PGlite in DATA_DIR.
import { startRuntime } from './boot.js';
import { createApp } from './app.js';
import { ConfigError, configWarnings, parseConfig } from './config.js';
import { logger } from './logger.js';
import { sweepDeferredEmails } from './services/auth/deferred-mail.js';
import { expireInvitations } from './services/invitations/invitations.js';
import { pruneThrottles } from './services/throttles/throttles.js';

async function main() {
  const config = parseConfig();
  for (const warning of configWarnings(config)) logger.warn(warning);
  const runtime = await startRuntime(config);
  const app = createApp({ runtime });
  const server = app.listen(config.PORT, config.HOST, () => {
    const where = runtime.embedded ? `embedded PGlite in ${config.DATA_DIR}/pglite` : 'PostgreSQL';
    logger.info(
      `Client area listening on http://localhost:${config.PORT} (database: ${where}; mail: ${config.SMTP_URL ? 'SMTP' : `stored in ${config.DATA_DIR}/mail`})`,
    );
    if (runtime.firstAdmin) {
      // Printed once, on the first start of a new embedded database.
      console.log(
        `\n  First admin created. Log in at http://localhost:${config.PORT}/admin/login\n    email:    ${runtime.firstAdmin.email}\n    password: ${runtime.firstAdmin.password}\n  Keep it now: it will not be shown again.\n`,
      );
    }
  });
  // Automation, attributed to System in the activity log.
  const sweep = setInterval(
    () => void expireInvitations().catch((err: unknown) => logger.error({ err }, 'invitation sweep failed')),
    15 * 60 * 1000,
  );
  sweep.unref();
  // Mail recorded by requests whose instance did not send it, and throttle rows long expired.
  const housekeeping = setInterval(() => {
    void sweepDeferredEmails().catch((err: unknown) => logger.error({ err }, 'deferred mail sweep failed'));
    void pruneThrottles().catch((err: unknown) => logger.error({ err }, 'throttle prune failed'));
  }, 60 * 1000);
  housekeeping.unref();

  const stop = async () => {
    clearInterval(sweep);
    clearInterval(housekeeping);
    server.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    logger.fatal({ err }, 'failed to start');
  }
  process.exit(1);
});
