// Readiness (GET /readyz): can this instance serve? The database answers within a short time and
// every migration this build ships has been applied (a new build started against a database that
// another instance is still migrating is not ready yet).
import { db } from '../../db/client.js';
import { listMigrations } from '../../db/migrate.js';

export interface Readiness {
  ready: boolean;
  database: 'ok' | 'unreachable';
  migrations: 'applied' | 'pending' | 'unknown';
}

let shipped: string[] | undefined;

export async function checkReadiness(timeoutMs = 2_000): Promise<Readiness> {
  shipped ??= listMigrations().map((m) => m.name);
  const names = shipped;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('database did not answer in time')), timeoutMs);
  });
  try {
    const rows = await Promise.race([
      db().$queryRaw<{ applied: number }[]>`
        SELECT count(*)::int AS "applied" FROM "_prisma_migrations"
        WHERE "migration_name" = ANY(${names}) AND "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
      timeout,
    ]);
    const applied = rows[0]?.applied ?? 0;
    const migrations = applied === names.length ? 'applied' : 'pending';
    return { ready: migrations === 'applied', database: 'ok', migrations };
  } catch {
    return { ready: false, database: 'unreachable', migrations: 'unknown' };
  } finally {
    clearTimeout(timer);
  }
}
