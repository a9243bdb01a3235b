// The environment the app runs with under the bench, in-process and as a child process alike.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A fixed secret: the bench never touches the app's DATA_DIR.
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

export function benchEnv(databaseUrl: string, port = 0): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    COOKIE_SECURE: 'false',
    LOGIN_RATE_LIMIT: '100000000',
    SESSION_SECRET: SECRET,
    DATA_DIR: join(tmpdir(), 'app-bench-data'),
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
  };
}
