// Two projects:
// - unit: tests/unit, no database, files in parallel.
// - db: tests/integration and tests/browser, sharing one migrated database prepared by
//   tests/helpers/global-setup.ts (real PostgreSQL from TEST_DATABASE_URL, else embedded PGlite).
//   PGlite serves one connection, so on it the files run one at a time; on PostgreSQL in parallel.
// - db-global: files named *.global.test.ts, which change what files running beside them would
//   observe: process-wide settings (say "Disable Client Area User Management") or every row at
//   once (the invitation-expiry sweep with the clock moved past 7 days). They run after
//   the db group, one file at a time, on the same database.
// Browser test files are always collected; each skips itself when no Chromium is installed.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { externalTestDatabase } from './tests/helpers/database-url.js';

const realPostgres = externalTestDatabase() !== undefined;

export default defineConfig({
  test: {
    pool: 'forks',
    setupFiles: ['tests/helpers/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        // Projects with different worker limits must run as separate groups: unit first.
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['tests/integration/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          exclude: ['**/*.global.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          sequence: { groupOrder: 1 },
          fileParallelism: realPostgres,
          // One worker per core: browser tests start Chromium, and on a 2-core machine more workers
          // only make every test slower. Each worker's pool has up to 5 connections.
          maxWorkers: realPostgres ? Math.max(1, Math.min(4, availableParallelism())) : 1,
        },
      },
      {
        extends: true,
        test: {
          name: 'db-global',
          include: ['tests/integration/**/*.global.test.ts', 'tests/browser/**/*.global.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          sequence: { groupOrder: 2 },
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
