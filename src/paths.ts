// Where the app's files are, found from this file's own folder so that the sources (src/, run by
// tsx) and the build (dist/, run by node) find the same ones whatever the working directory is.
// dist/ sits at the same depth as src/ (tsconfig.build.json), so one relative path serves both.
import { resolve } from 'node:path';

export const APP_ROOT = resolve(import.meta.dirname, '..');
export const VIEWS_DIR = resolve(APP_ROOT, 'views');
export const PUBLIC_DIR = resolve(APP_ROOT, 'public');
export const BOOTSTRAP_DIR = resolve(APP_ROOT, 'node_modules/bootstrap/dist');
/** The browser builds (zxcvbn-ts.js) of the password-strength packages, served as static files. */
export const ZXCVBN_DIRS = {
  core: resolve(APP_ROOT, 'node_modules/@zxcvbn-ts/core/dist'),
  common: resolve(APP_ROOT, 'node_modules/@zxcvbn-ts/language-common/dist'),
  en: resolve(APP_ROOT, 'node_modules/@zxcvbn-ts/language-en/dist'),
} as const;
export const MIGRATIONS_DIR = resolve(APP_ROOT, 'prisma/migrations');
