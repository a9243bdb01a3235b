// The user's own pages (profile, security), User Management, invitations, account activity.
import type { Router } from 'express';

export const USER_AREA_ROUTES: (() => Router)[] = [];
