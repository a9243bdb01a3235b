// Client account words shared by services and forms.

export const ACCOUNT_STATUSES = ['Active', 'Inactive', 'Closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
