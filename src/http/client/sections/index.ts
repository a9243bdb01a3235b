// The permission-gated sections of the selected account, and the store/checkout.
import type { Router } from 'express';
import { affiliateRoutes } from './affiliates.js';
import { contactRoutes } from './contacts.js';
import { domainRoutes } from './domains.js';
import { emailRoutes } from './emails.js';
import { invoiceRoutes } from './invoices.js';
import { profileRoutes } from './profile.js';
import { quoteRoutes } from './quotes.js';
import { serviceRoutes } from './services.js';
import { storeRoutes } from './store.js';
import { ticketRoutes } from './tickets.js';

export const ACCOUNT_SECTION_ROUTES: (() => Router)[] = [
  profileRoutes,
  contactRoutes,
  serviceRoutes,
  domainRoutes,
  invoiceRoutes,
  quoteRoutes,
  ticketRoutes,
  affiliateRoutes,
  emailRoutes,
  storeRoutes,
];
