// Contacts (`contacts`): list, add, edit, delete, and which emails each receives.
import { Router } from 'express';
import {
  CONTACT_EMAIL_TYPES,
  createContact,
  deleteContact,
  getContact,
  listContacts,
  updateContact,
} from '../../../services/accounts/contacts.js';
import { onFailRender } from '../../errors.js';
import { parseForm } from '../../forms.js';
import { idParam, requirePermission } from '../../middleware/guards.js';
import { contactForm } from '../../schemas/sections.js';
import { actorOf, accessOf } from '../route-context.js';

export function contactRoutes() {
  const router = Router();
  const gate = requirePermission('contacts');
  const formLocals = { emailTypes: CONTACT_EMAIL_TYPES };

  router.get('/contacts', gate, async (_req, res) => {
    res.page('client/sections/contacts', {
      title: 'Contacts',
      contacts: await listContacts(accessOf(res)),
      emailTypes: CONTACT_EMAIL_TYPES,
    });
  });

  router.get('/contacts/new', gate, (_req, res) => {
    res.page('client/sections/contact-form', {
      ...formLocals,
      title: 'Add Contact',
      contact: null,
      values: { generalEmails: true },
    });
  });

  router.post('/contacts', gate, async (req, res) => {
    onFailRender(req, 'client/sections/contact-form', { ...formLocals, title: 'Add Contact', contact: null });
    const form = parseForm(contactForm, req.body);
    await createContact(actorOf(req, res), accessOf(res), form);
    req.flash('success', `Contact ${form.firstName} ${form.lastName} was added.`);
    res.redirect('/contacts');
  });

  router.get('/contacts/:id', gate, async (req, res) => {
    const contact = await getContact(accessOf(res), idParam(req));
    res.page('client/sections/contact-form', { ...formLocals, title: 'Edit Contact', contact, values: contact });
  });

  router.post('/contacts/:id', gate, async (req, res) => {
    const contact = await getContact(accessOf(res), idParam(req));
    onFailRender(req, 'client/sections/contact-form', { ...formLocals, title: 'Edit Contact', contact });
    const form = parseForm(contactForm, req.body);
    await updateContact(actorOf(req, res), accessOf(res), contact.id, form);
    req.flash('success', 'The contact was saved.');
    res.redirect('/contacts');
  });

  router.post('/contacts/:id/delete', gate, async (req, res) => {
    await deleteContact(actorOf(req, res), accessOf(res), idParam(req));
    req.flash('success', 'The contact was deleted.');
    res.redirect('/contacts');
  });
  return router;
}
