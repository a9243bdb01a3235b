// Billing words used by more than one billing service and by the forms.

export const BILLING_CYCLES = ['One Time', 'Monthly', 'Quarterly', 'Semi-Annually', 'Annually', 'Biennially'] as const;

/** The built-in payment gateway that marks an invoice paid at once (no real money moves). */
export const TEST_GATEWAY = 'Test Gateway';
