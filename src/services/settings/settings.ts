// System settings (SPEC rule 20), stored as key/value text.
import { db } from '../../db/client.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';

const SETTING_DEFAULTS = {
  disableClientUserManagement: 'false',
  companyName: 'Example Hosting',
  /** Base of every link in emails. Defaults to PUBLIC_URL or http://localhost:PORT. */
  publicUrl: 'http://localhost:3000',
};

export type SettingKey = keyof typeof SETTING_DEFAULTS;

/** Start-up sets the defaults that come from the environment. */
export function setSettingDefault(key: SettingKey, value: string): void {
  SETTING_DEFAULTS[key] = value;
  cache = undefined;
}

// Settings are read on most requests, so they are kept in memory for a few seconds and dropped
// at once when changed through this module. (Several app processes would each see a change
// within CACHE_MS.)
const CACHE_MS = 5_000;
let cache: { at: number; values: Record<SettingKey, string> } | undefined;

export async function getSettings(): Promise<Record<SettingKey, string>> {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache.values;
  const rows = await db().setting.findMany();
  const values: Record<string, string> = { ...SETTING_DEFAULTS };
  for (const r of rows) values[r.key] = r.value;
  cache = { at: Date.now(), values: values as Record<SettingKey, string> };
  return cache.values;
}

export async function getSetting(key: SettingKey): Promise<string> {
  return (await getSettings())[key];
}

export function clearSettingsCache(): void {
  cache = undefined;
}

export async function setSetting(actor: Actor, key: SettingKey, value: string): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
    await logActivity(actor, `Setting changed: ${key} = ${value}`, null, tx);
  });
  cache = undefined;
}

export async function isClientUserManagementDisabled(): Promise<boolean> {
  return (await getSetting('disableClientUserManagement')) === 'true';
}
