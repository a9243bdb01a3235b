// Billing words used by more than one billing service and by the forms.

export const BILLING_CYCLES = ['One Time', 'Monthly', 'Quarterly', 'Semi-Annually', 'Annually', 'Biennially'] as const;
