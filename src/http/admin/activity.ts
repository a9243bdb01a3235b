// The activity log (SPEC rule 22), filterable by client, user, admin, text and dates; paged,
// and exported as CSV with the same filters.
import { Router } from 'express';
import { ACTIVITY_LIST, type ActivityFilter } from '../../services/activity/activity-log.js';
import { exportActivityWithActors, listActivityWithActors } from '../../services/activity/with-actors.js';
import { listAdmins } from '../../services/admins/admins.js';
import { emptyPage } from '../../services/lists/paging.js';
import { findUserByEmail } from '../../services/users/users.js';
import { sendCsv } from '../csv.js';
import { parseForm, typedValues } from '../forms.js';
import { isAppError } from '../../lib/errors.js';
import { activityFilterQuery, dateFilter, firstValues } from '../schemas/admin/filters.js';
import { listParams } from '../schemas/lists.js';

/** The filters as the service takes them, or null when a user filter matches nobody. */
async function resolveFilter(form: ReturnType<typeof activityFilterQuery.parse>): Promise<ActivityFilter | null> {
  let userId: number | undefined;
  if (form.user) {
    const id = /^#?(\d{1,9})$/.exec(form.user)?.[1];
    if (id) userId = Number(id);
    else {
      const user = form.user.includes('@') ? await findUserByEmail(form.user) : null;
      if (!user) return null;
      userId = user.id;
    }
  }
  return {
    accountId: form.account,
    userId,
    adminId: form.admin,
    text: form.text || undefined,
    from: dateFilter(form.from),
    to: dateFilter(form.to, true),
  };
}

export function adminActivityRoutes() {
  const router = Router();

  router.get('/activity', async (req, res) => {
    const raw = firstValues(req.query);
    const filters = typedValues(raw);
    const paging = listParams(req.query, ACTIVITY_LIST.sorts);
    const locals = { title: 'Activity Log', filters, admins: await listAdmins() };
    let form;
    try {
      form = parseForm(activityFilterQuery, raw);
    } catch (e) {
      if (!isAppError(e)) throw e;
      return res.status(400).page('admin/activity', {
        ...locals,
        error: e.message,
        errors: e.fields,
        noMatch: false,
        entries: [],
        info: emptyPage(ACTIVITY_LIST, paging),
      });
    }
    const filter = await resolveFilter(form);
    const result = filter
      ? await listActivityWithActors(filter, paging)
      : { entries: [], info: emptyPage(ACTIVITY_LIST, paging) };
    res.page('admin/activity', { ...locals, noMatch: !filter, ...result });
  });

  router.get('/activity.csv', async (req, res) => {
    const filter = await resolveFilter(parseForm(activityFilterQuery, firstValues(req.query)));
    const none = async function* () {};
    await sendCsv(
      res,
      'activity.csv',
      [
        { header: 'ID', value: (e) => e.id },
        { header: 'Date', value: (e) => e.createdAt },
        { header: 'Description', value: (e) => e.description },
        { header: 'Actor', value: (e) => e.actorType },
        {
          header: 'Actor Name',
          value: (e) =>
            e.admin
              ? `${e.admin.firstName} ${e.admin.lastName}`
              : e.user
                ? `${e.user.firstName} ${e.user.lastName}`
                : '',
        },
        { header: 'User ID', value: (e) => e.userId },
        { header: 'Admin ID', value: (e) => e.adminId },
        { header: 'Client ID', value: (e) => e.accountId },
        { header: 'IP', value: (e) => e.ip },
      ],
      filter ? exportActivityWithActors(filter, listParams(req.query, ACTIVITY_LIST.sorts)) : none(),
    );
  });
  return router;
}
