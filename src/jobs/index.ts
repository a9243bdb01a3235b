// The app's periodic jobs. Each runs once per interval across the whole fleet (scheduler.ts);
// what they change is attributed to System where it is an activity (SPEC rule 22).
import { expireInvitations } from '../services/invitations/invitations.js';
import { pruneExpiredSessions } from '../services/users/sessions.js';
import type { PeriodicJob } from './scheduler.js';

export function periodicJobs(intervalMs: number): PeriodicJob[] {
  return [
    { name: 'invitation-expiry', intervalMs, run: expireInvitations },
    { name: 'session-cleanup', intervalMs, run: pruneExpiredSessions },
  ];
}
