// Hosting words used by more than one hosting service and by the forms.

export const SERVICE_STATUSES = ['Pending', 'Active', 'Suspended', 'Terminated', 'Cancelled'] as const;

export const CANCELLATION_TYPES = ['Immediate', 'End of Billing Period'] as const;
export type CancellationType = (typeof CANCELLATION_TYPES)[number];
