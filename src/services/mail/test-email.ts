// Settings' "Send test email to me": proves mail works, with the sender as configured.
import type { AdminActor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';
import { sendTemplate, type SendResult } from './mailer.js';

export async function sendTestEmail(actor: AdminActor, to: { email: string; firstName: string }): Promise<SendResult> {
  await assertStaffMay(actor, 'settings');
  const result = await sendTemplate({ template: 'test', to: to.email, data: { firstName: to.firstName } });
  await logActivity(actor, `Test email sent to ${to.email} (Email ID: ${result.emailId}): ${result.status}`, null);
  return result;
}
