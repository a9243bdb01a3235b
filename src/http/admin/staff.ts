// Staff management (issue 14): who works in the admin area, their roles, two-factor resets and
// password links. The services refuse anyone whose role lacks `staff`.
import { Router, type Request, type Response } from 'express';
import { ROLE_PERMISSIONS, STAFF_PERMISSIONS, STAFF_ROLE_LABELS, STAFF_ROLES } from '../../policies/staff.js';
import {
  addStaff,
  listStaff,
  resetStaffTotp,
  sendAdminSetPasswordLink,
  setStaffDisabled,
  setStaffRole,
} from '../../services/admins/staff.js';
import { formRoute } from '../forms.js';
import { idParam } from '../middleware/guards.js';
import { addStaffForm, staffRoleForm } from '../schemas/admin/staff.js';
import { adminOf } from './guard.js';

const staffLocals = async (req: Request, res: Response) => ({
  title: 'Staff',
  staff: await listStaff(adminOf(req, res)),
  roles: STAFF_ROLES,
  roleLabels: STAFF_ROLE_LABELS,
  rolePermissions: ROLE_PERMISSIONS,
  permissionLabels: STAFF_PERMISSIONS,
});
const onStaffPage = { view: 'admin/staff/index', locals: staffLocals };

export function adminStaffRoutes() {
  const router = Router();

  router.get('/staff', async (req, res) => res.page('admin/staff/index', await staffLocals(req, res)));

  router.post(
    '/staff',
    formRoute({ ...onStaffPage, schema: addStaffForm }, async (req, res, form) => {
      const { admin, mail } = await addStaff(adminOf(req, res), {
        email: form.email,
        firstName: form.firstName,
        lastName: form.lastName,
        role: form.role,
        password: form.passwordMode === 'password' ? form.password : null,
      });
      if (mail?.status === 'failed')
        req.flash(
          'warning',
          `${admin.email} was added, but the email with their link failed: ${mail.error ?? 'unknown error'}.`,
        );
      else
        req.flash(
          'success',
          mail ? `${admin.email} was added and emailed a link to set a password.` : `${admin.email} was added.`,
        );
      res.redirect('/admin/staff');
    }),
  );

  router.post(
    '/staff/:id/role',
    formRoute({ ...onStaffPage, schema: staffRoleForm }, async (req, res, form) => {
      await setStaffRole(adminOf(req, res), idParam(req), form.role);
      req.flash('success', `Role set to ${STAFF_ROLE_LABELS[form.role]}.`);
      res.redirect('/admin/staff');
    }),
  );

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    router.post(
      `/staff/:id/${action}`,
      formRoute(onStaffPage, async (req, res) => {
        await setStaffDisabled(adminOf(req, res), idParam(req), disabled);
        req.flash('success', disabled ? 'Staff login disabled.' : 'Staff login enabled.');
        res.redirect('/admin/staff');
      }),
    );
  }

  router.post(
    '/staff/:id/reset-2fa',
    formRoute(onStaffPage, async (req, res) => {
      await resetStaffTotp(adminOf(req, res), idParam(req));
      req.flash('success', 'Two-factor authentication was turned off for that admin.');
      res.redirect('/admin/staff');
    }),
  );

  router.post(
    '/staff/:id/password-link',
    formRoute(onStaffPage, async (req, res) => {
      const mail = await sendAdminSetPasswordLink(adminOf(req, res), idParam(req));
      if (mail.status === 'failed') req.flash('danger', `The email failed: ${mail.error ?? 'unknown error'}.`);
      else req.flash('success', 'A link to set a password was emailed.');
      res.redirect('/admin/staff');
    }),
  );

  return router;
}
