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
}

export type SettingKey = keyof Settings;

const DEFAULTS: Settings = {
  disableClientUserManagement: false,
  companyName: 'Example Hosting',
  publicUrl: 'http://localhost:3000',
  mailFromName: '',
  mailFromAddress: '',
};

const BOOLEAN_KEYS = new Set<SettingKey>(['disableClientUserManagement']);

function parse(key: SettingKey, stored: string): Settings[SettingKey] {
  if (BOOLEAN_KEYS.has(key)) return stored === 'true';
  return stored;
}

/** Start-up sets the defaults that come from the environment. */
export function setSettingDefault<K extends SettingKey>(key: K, value: Settings[K]): void {
  DEFAULTS[key] = value;
  cache = undefined;
}

// Settings are read on most requests, so they are kept in memory for a few seconds and dropped
// at once when changed through this module. (Several app processes would each see a change
// within CACHE_MS.)
const CACHE_MS = 5_000;
let cache: { at: number; values: Settings } | undefined;

export async function getSettings(): Promise<Settings> {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache.values;
  const rows = await db().setting.findMany();
  const values: Settings = { ...DEFAULTS };
  for (const r of rows) {
    if (r.key in DEFAULTS) (values as unknown as Record<string, unknown>)[r.key] = parse(r.key as SettingKey, r.value);
  }
  cache = { at: Date.now(), values };
  return values;
}

export async function getSetting<K extends SettingKey>(key: K): Promise<Settings[K]> {
  return (await getSettings())[key];
}

export function clearSettingsCache(): void {
  cache = undefined;
}

export async function setSetting<K extends SettingKey>(actor: Actor, key: K, value: Settings[K]): Promise<void> {
  await assertStaffMay(actor, 'settings');
  const stored = String(value);
  await db().$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key }, create: { key, value: stored }, update: { value: stored } });
    await logActivity(actor, `Setting changed: ${key} = ${stored}`, null, tx);
  });
  cache = undefined;
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
