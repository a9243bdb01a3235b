// System settings (SPEC rule 20): a key/value table, read as typed values. A boolean setting is
// stored as the text 'true' or 'false' and read as a boolean here, nowhere else.
import { db } from '../../db/client.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';

export interface Settings {
  /** "Disable Client Area User Management" (SPEC rule 11). */
  disableClientUserManagement: boolean;
  companyName: string;
  /** Base of every link in emails. Defaults to PUBLIC_URL or http://localhost:PORT. */
  publicUrl: string;
  /** Sender of every email; empty: the MAIL_FROM environment variable (issue 14). */
  mailFromName: string;
  mailFromAddress: string;
  /** Terms of Service: when set, registering requires accepting them (issue 13 bug 7). */
  termsUrl: string;
  /** The version recorded with each acceptance; change it when the terms change. */
  termsVersion: string;
}

export type SettingKey = keyof Settings;

const DEFAULTS: Settings = {
  disableClientUserManagement: false,
  companyName: 'Example Hosting',
  publicUrl: 'http://localhost:3000',
  mailFromName: '',
  mailFromAddress: '',
  termsUrl: '',
  termsVersion: '1',
};

const BOOLEAN_KEYS = new Set<SettingKey>(['disableClientUserManagement']);

function parse(key: SettingKey, stored: string): Settings[SettingKey] {
  if (BOOLEAN_KEYS.has(key)) return stored === 'true';
  return stored;
}

/** Start-up sets the defaults that come from the environment. */
export function setSettingDefault<K extends SettingKey>(key: K, value: Settings[K]): void {
  DEFAULTS[key] = value;
  clearSettingsCache();
}

// Settings are read on most requests, so each process keeps them in memory. A change made through
// setSetting() drops this process's copy at once and tells every other instance through
// PostgreSQL's NOTIFY on SETTINGS_CHANNEL (src/process/fleet.ts listens and calls
// clearSettingsCache()). The copy also expires after CACHE_MS, which bounds how stale an instance
// can be while its listening connection is down (or on a database that cannot LISTEN).
export const SETTINGS_CHANNEL = 'settings_changed';
const CACHE_MS = 5_000;
let cache: { at: number; values: Settings } | undefined;
// Bumped by every invalidation, so a read that started before a change does not store what it
// read after the change dropped the cache.
let generation = 0;

export async function getSettings(): Promise<Settings> {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache.values;
  const readingGeneration = generation;
  const rows = await db().setting.findMany();
  const values: Settings = { ...DEFAULTS };
  for (const r of rows) {
    if (r.key in DEFAULTS) (values as unknown as Record<string, unknown>)[r.key] = parse(r.key as SettingKey, r.value);
  }
  if (readingGeneration === generation) cache = { at: Date.now(), values };
  return values;
}

export async function getSetting<K extends SettingKey>(key: K): Promise<Settings[K]> {
  return (await getSettings())[key];
}

export function clearSettingsCache(): void {
  cache = undefined;
  generation += 1;
}

export async function setSetting<K extends SettingKey>(actor: Actor, key: K, value: Settings[K]): Promise<void> {
  await assertStaffMay(actor, 'settings');
  const stored = String(value);
  await db().$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key }, create: { key, value: stored }, update: { value: stored } });
    await logActivity(actor, `Setting changed: ${key} = ${stored}`, null, tx);
    // Delivered to the other instances when the transaction commits, not before.
    await tx.$executeRaw`SELECT pg_notify(${SETTINGS_CHANNEL}, ${key})`;
  });
  clearSettingsCache();
}

/** The Settings page: full administrators only (src/policies/staff.ts). */
export async function getSettingsAsStaff(actor: Actor): Promise<Settings> {
  await assertStaffMay(actor, 'settings');
  return getSettings();
}

/** Saves the settings that changed, each with its own log entry. */
export async function saveSettings(actor: Actor, next: Settings): Promise<SettingKey[]> {
  await assertStaffMay(actor, 'settings');
  const current = await getSettings();
  const changed = (Object.keys(next) as SettingKey[]).filter((k) => current[k] !== next[k]);
  for (const key of changed) await setSetting(actor, key, next[key]);
  return changed;
}
