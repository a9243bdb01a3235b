// The admin area's parts after login. Each entry returns a Router owning its own paths.
import type { Router } from 'express';
import { adminHomeRoutes } from './home.js';

export const ADMIN_SECTIONS: (() => Router)[] = [adminHomeRoutes];
