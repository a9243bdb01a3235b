// The activity log: GetActivityLog, LogActivity.
import { z } from 'zod';
import { logStaffNote } from '../../../services/activity/activity-log.js';
import { listActivityWindowWithActors } from '../../../services/activity/with-actors.js';
import { findAdminIdByEmail } from '../../../services/admins/admins.js';
import { findUserByEmail } from '../../../services/users/users.js';
import { defineAction, exId, exText, success } from '../action.js';
import { parseDay, whmcsDateTime } from '../format.js';
import { count, optionalInt, optionalText, text } from '../params.js';

const GROUP = 'Logs';

/** Whose entries `user` (an email) means: a user's or an admin's; null when it is neither. */
async function actorFilter(email: string | undefined) {
  if (!email) return {};
  const user = await findUserByEmail(email);
  if (user) return { userId: user.id };
  const adminId = await findAdminIdByEmail(email);
  return adminId !== null ? { adminId } : null;
}

export const getActivityLog = defineAction({
  name: 'GetActivityLog',
  group: GROUP,
  summary: 'The activity log, newest first.',
  notes: [
    "user is an email: a user's (their own actions) or an admin's. date is one day, YYYY-MM-DD or DD/MM/YYYY (UTC). description matches part of the text.",
    "username says who acted: the user's or admin's email, or System. Entries written through the API are marked as such in the admin area's Activity Log.",
  ],
  params: z
    .object({
      limitstart: count('The offset to start at (default 0)', 0),
      limitnum: count('How many to return (default 25, at most 250)', 25, 250),
      clientid: optionalInt('Only entries about this client', 'Client ID Not Found'),
      userid: optionalInt('Old name of clientid', 'Client ID Not Found'),
      date: optionalText('Only this day: YYYY-MM-DD or DD/MM/YYYY', 10),
      user: optionalText('Only entries by this user or admin (an email)', 254),
      description: optionalText('Part of the description', 200),
      ipaddress: optionalText('Only entries from this IP address', 45),
    })
    .superRefine((p, ctx) => {
      if (p.date && !parseDay(p.date))
        ctx.addIssue({ code: 'custom', path: ['date'], message: 'date must be YYYY-MM-DD or DD/MM/YYYY' });
    }),
  response: success({
    totalresults: exId(1),
    startnumber: exId(0),
    activity: z.strictObject({
      entry: z.array(
        z.strictObject({
          id: exId(901),
          clientId: exId(12).nullable(),
          userId: exId(4).nullable(),
          adminId: exId(1).nullable(),
          date: exText('2026-02-01 10:00:00'),
          description: exText('Invitation sent to jane@example.com (Invitation ID: 5)'),
          username: exText('admin@example.com'),
          ipaddress: exText('192.0.2.10'),
          userid: exId(12).nullable(),
        }),
      ),
    }),
  }),
  async handler(p) {
    const who = await actorFilter(p.user);
    const day = p.date ? parseDay(p.date) : null;
    const { total, entries } = who
      ? await listActivityWindowWithActors({
          accountId: p.clientid ?? p.userid,
          ...who,
          text: p.description,
          ip: p.ipaddress,
          from: day?.from,
          to: day?.to,
          offset: p.limitstart,
          limit: p.limitnum,
        })
      : { total: 0, entries: [] };
    return {
      totalresults: total,
      startnumber: p.limitstart,
      activity: {
        entry: entries.map((e) => ({
          id: e.id,
          clientId: e.accountId,
          userId: e.userId,
          adminId: e.adminId,
          date: whmcsDateTime(e.createdAt),
          description: e.description,
          username: e.user?.email ?? e.admin?.email ?? (e.actorType === 'system' ? 'System' : ''),
          ipaddress: e.ip,
          userid: e.accountId,
        })),
      },
    };
  },
});

export const logActivityAction = defineAction({
  name: 'LogActivity',
  group: GROUP,
  summary: 'Writes an entry to the activity log, attributed to the admin behind the credential.',
  params: z.object({
    clientid: optionalInt('The client the entry is about', 'Client ID Not Found'),
    description: text('The text of the entry', 'Description is required', 1000),
  }),
  response: success({}),
  async handler(p, { actor }) {
    await logStaffNote(actor, p.description, p.clientid ?? null);
    return {};
  },
});

export const LOG_ACTIONS = [getActivityLog, logActivityAction];
