// The permission-gated sections of the selected account, and the store/checkout.
import type { Router } from 'express';

export const ACCOUNT_SECTION_ROUTES: (() => Router)[] = [];
