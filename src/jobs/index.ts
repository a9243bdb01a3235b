// The app's periodic jobs. Each runs once per interval across the whole fleet (scheduler.ts);
// what they change is attributed to System where it is an activity (SPEC rule 22).
import { MINUTE } from '../lib/clock.js';
import { sweepDeferredEmails } from '../services/auth/deferred-mail.js';
import { expireInvitations } from '../services/invitations/invitations.js';
import { pruneThrottles } from '../services/throttles/throttles.js';
import { pruneExpiredSessions } from '../services/users/sessions.js';
import type { PeriodicJob } from './scheduler.js';

/** `intervalMs`: JOB_INTERVAL_SECONDS, for the sweeps whose timing is a product matter. */
export function periodicJobs(intervalMs: number): PeriodicJob[] {
  return [
    { name: 'invitation-expiry', intervalMs, run: expireInvitations },
    { name: 'session-cleanup', intervalMs, run: pruneExpiredSessions },
    // Mail recorded by requests whose instance did not send it (it died, or the send failed).
    { name: 'deferred-mail', intervalMs: MINUTE, run: () => sweepDeferredEmails() },
    { name: 'throttle-prune', intervalMs: MINUTE, run: pruneThrottles },
  ];
}
