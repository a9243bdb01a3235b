// What an instance does beside answering requests, so that any number of them can run side by
// side on one database: the periodic jobs (once per interval for the whole fleet) and hearing
// about settings another instance changed.
import type { Runtime } from '../boot.js';
import { listenForNotifications, type Listener } from '../db/listen.js';
import { periodicJobs } from '../jobs/index.js';
import { startScheduler, type Scheduler } from '../jobs/scheduler.js';
import { clearSettingsCache, SETTINGS_CHANNEL } from '../services/settings/settings.js';

export interface FleetDuties {
  stop(): Promise<void>;
}

export function startFleetDuties(runtime: Pick<Runtime, 'config' | 'database' | 'embedded'>): FleetDuties {
  const scheduler: Scheduler = startScheduler(periodicJobs(runtime.config.JOB_INTERVAL_SECONDS * 1000));
  // The embedded database serves one process (and one connection): there is no other instance
  // to hear from, and a held LISTEN connection would take its only one.
  const settings: Listener | undefined = runtime.embedded
    ? undefined
    : listenForNotifications({
        url: runtime.database.url,
        channel: SETTINGS_CHANNEL,
        onNotification: clearSettingsCache,
        onConnected: clearSettingsCache,
      });
  return {
    async stop() {
      await Promise.all([scheduler.stop(), settings?.stop()]);
    },
  };
}
