// The fixed values the product stores in English and a client page shows (statuses, billing
// cycles, ticket departments and priorities, cancellation types, contact email types): the
// reader sees them in their language through fmt.label(value) (middleware/language.ts), while
// forms still send and the database still holds the English value. Each is a literal t() call, so
// the key check finds every one; a value not listed here is shown as stored.
import type { TFunction } from 'i18next';

export function valueLabels(t: TFunction): Map<string, string> {
  return new Map<string, string>([
    // Statuses of services, invoices, quotes, tickets, domains, withdrawals and emails.
    ['Active', t('Active')],
    ['Pending', t('Pending')],
    ['Suspended', t('Suspended')],
    ['Terminated', t('Terminated')],
    ['Cancelled', t('Cancelled')],
    ['Paid', t('Paid')],
    ['Unpaid', t('Unpaid')],
    ['Accepted', t('Accepted')],
    ['Delivered', t('Delivered')],
    ['Draft', t('Draft')],
    ['Lost', t('Lost')],
    ['Dead', t('Dead')],
    ['Open', t('Open')],
    ['Answered', t('Answered')],
    ['Customer-Reply', t('Customer-Reply')],
    ['In Progress', t('In Progress')],
    ['On Hold', t('On Hold')],
    ['Closed', t('Closed')],
    ['Expired', t('Expired')],
    ['Transferred Away', t('Transferred Away')],
    ['Fraud', t('Fraud')],
    ['Refunded', t('Refunded')],
    ['Collections', t('Collections')],
    ['Approved', t('Approved')],
    ['Rejected', t('Rejected')],
    ['stored', t('stored')],
    ['queued', t('queued')],
    ['sent', t('sent')],
    ['failed', t('failed')],
    // Billing cycles.
    ['One Time', t('One Time')],
    ['Monthly', t('Monthly')],
    ['Quarterly', t('Quarterly')],
    ['Semi-Annually', t('Semi-Annually')],
    ['Annually', t('Annually')],
    ['Biennially', t('Biennially')],
    // Ticket departments and priorities.
    ['Support', t('Support')],
    ['Sales', t('Sales')],
    ['Billing', t('Billing')],
    ['Low', t('Low')],
    ['Medium', t('Medium')],
    ['High', t('High')],
    // Cancellation types.
    ['Immediate', t('Immediate')],
    ['End of Billing Period', t('End of Billing Period')],
    // Contact email types (services/accounts/contacts.ts), and what each brings.
    ['General Emails', t('General Emails')],
    ['Invoice Emails', t('Invoice Emails')],
    ['Support Emails', t('Support Emails')],
    ['Product Emails', t('Product Emails')],
    ['Domain Emails', t('Domain Emails')],
    ['Affiliate Emails', t('Affiliate Emails')],
    ['Announcements and password resets', t('Announcements and password resets')],
    ['Invoices and billing reminders', t('Invoices and billing reminders')],
    ['Copies of support ticket messages', t('Copies of support ticket messages')],
    ['Order details, welcome emails', t('Order details, welcome emails')],
    ['Renewal notices, registration confirmations', t('Renewal notices, registration confirmations')],
    ['Affiliate commission notifications', t('Affiliate commission notifications')],
    // Security questions (schemas/user-area.ts): stored as chosen, in English.
    ['What was the name of your first pet?', t('What was the name of your first pet?')],
    ['In what city were you born?', t('In what city were you born?')],
    ["What is your mother's maiden name?", t("What is your mother's maiden name?")],
    ['What was the name of your primary school?', t('What was the name of your primary school?')],
    ['What was the make of your first car?', t('What was the make of your first car?')],
    ['Inactive', t('Inactive')],
  ]);
}
