// Starts the app: `npm start` runs these sources through tsx; production runs the build,
// `node dist/server.js`. With no DATABASE_URL it runs on the embedded PGlite in DATA_DIR.
import { prepareEmbeddedDefaults, startRuntime } from './boot.js';
import { createApp } from './app.js';
import { ConfigError, configWarnings, parseConfig } from './config.js';
import { logger } from './logger.js';
import { startFleetDuties } from './process/fleet.js';
import { createHttpServer, ListenError } from './process/http-server.js';
import { shutDownOnSignals } from './process/shutdown.js';

async function main() {
  const config = parseConfig();
  for (const warning of configWarnings(config)) logger.warn(warning);
  const runtime = await startRuntime(config);
  const http = createHttpServer(createApp({ runtime }));
  // Nothing is printed or created before the port is ours.
  await http.listen(config.PORT, config.HOST).catch(async (err: unknown) => {
    await runtime.close();
    throw err;
  });
  const firstAdmin = await prepareEmbeddedDefaults(runtime);
  const fleet = startFleetDuties(runtime);
  shutDownOnSignals({ http, fleet, runtime, timeoutMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000 });
  http.open();

  const where = runtime.embedded ? `embedded PGlite in ${config.DATA_DIR}/pglite` : 'PostgreSQL';
  logger.info(
    `Client area listening on http://localhost:${config.PORT} (database: ${where}; mail: ${config.SMTP_URL ? 'SMTP' : `stored in ${config.DATA_DIR}/mail`})`,
  );
  if (firstAdmin) {
    // Printed once, on the first start of a new embedded database.
    console.log(
      `\n  First admin created. Log in at http://localhost:${config.PORT}/admin/login\n    email:    ${firstAdmin.email}\n    password: ${firstAdmin.password}\n  Keep it now: it will not be shown again.\n`,
    );
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof ListenError) {
    console.error(err.message);
  } else {
    logger.fatal({ err }, 'failed to start');
  }
  process.exit(1);
});
