// The client area's parts beyond login, account choice and the dashboard. Each entry is a
// function returning a Router; each file owns its own paths.
import type { Router } from 'express';
import { USER_AREA_ROUTES } from './user-area/index.js';
import { ACCOUNT_SECTION_ROUTES } from './sections/index.js';

export const CLIENT_SECTIONS: (() => Router)[] = [...USER_AREA_ROUTES, ...ACCOUNT_SECTION_ROUTES];
