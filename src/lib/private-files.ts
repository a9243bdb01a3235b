// DATA_DIR holds the embedded database, stored mail (with its one-time links) and the secret key:
// readable by the app's own user only (hardening item 10). New files get 0600 and folders 0700
// through the process umask; what an older version left readable is tightened at start-up. PGlite
// creates its files asking for 0666 whatever the umask: the 0700 folders keep everyone else out,
// and start-up (and a clean stop) tighten those files to 0600 too.
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Files and folders this process creates are private (0600 / 0700). */
export function privateUmask(): void {
  process.umask(0o077);
}

/** Creates DATA_DIR 0700, and makes everything already under it 0600 (files) / 0700 (folders). */
export function makePrivate(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if ((stat.mode & 0o077) !== 0) {
      chmodSync(path, 0o600);
    }
  };
  walk(dir);
}
