// Contacts (`contacts`): list, add, edit, delete, and which emails each receives.
import {
  CONTACT_EMAIL_TYPES,
  createContact,
  deleteContact,
  getContact,
  listContacts,
  updateContact,
} from '../../../services/accounts/contacts.js';
import { formRoute } from '../../forms.js';
import { idParam } from '../../middleware/guards.js';
import { contactForm } from '../../schemas/sections.js';
import { gatedRouter } from '../gated-router.js';
import { contextOf } from '../route-context.js';
import { confirmFirst, confirmations, textsOf } from '../confirmations.js';

const formLocals = { emailTypes: CONTACT_EMAIL_TYPES };

export function contactRoutes() {
  const { router, on } = gatedRouter();

  on('GET /contacts', async (req, res) => {
    res.page('client/sections/contacts', {
      title: req.t('Contacts'),
      contacts: await listContacts(contextOf(req, res)),
      emailTypes: CONTACT_EMAIL_TYPES,
    });
  });

  on('GET /contacts/new', (req, res) => {
    res.page('client/sections/contact-form', {
      ...formLocals,
      title: req.t('Add Contact'),
      contact: null,
      values: { generalEmails: true },
    });
  });

  on(
    'POST /contacts',
    formRoute(
      {
        view: 'client/sections/contact-form',
        locals: (req) => ({ ...formLocals, title: req.t('Add Contact'), contact: null }),
        schema: contactForm,
      },
      async (req, res, form) => {
        await createContact(contextOf(req, res), form);
        req.flash('success', req.t('Contact {{name}} was added.', { name: `${form.firstName} ${form.lastName}` }));
        res.redirect('/contacts');
      },
    ),
  );

  on('GET /contacts/:id', async (req, res) => {
    const contact = await getContact(contextOf(req, res), idParam(req));
    res.page('client/sections/contact-form', { ...formLocals, title: req.t('Edit Contact'), contact, values: contact });
  });

  on(
    'POST /contacts/:id',
    formRoute(
      {
        view: 'client/sections/contact-form',
        locals: async (req, res) => ({
          ...formLocals,
          title: req.t('Edit Contact'),
          contact: await getContact(contextOf(req, res), idParam(req)),
        }),
        schema: contactForm,
      },
      async (req, res, form) => {
        await updateContact(contextOf(req, res), idParam(req), form);
        req.flash('success', req.t('The contact was saved.'));
        res.redirect('/contacts');
      },
    ),
  );

  on(
    'POST /contacts/:id/delete',
    confirmFirst(
      async (req, res) => ({
        ...confirmations.deleteContact(textsOf(req, res), await getContact(contextOf(req, res), idParam(req))),
        back: '/contacts',
      }),
      async (req, res) => {
        await deleteContact(contextOf(req, res), idParam(req));
        req.flash('success', req.t('The contact was deleted.'));
        res.redirect('/contacts');
      },
    ),
  );
  return router;
}
