// The migrations are hand-written SQL (the Prisma schema engine cannot run here), so this file is
// what keeps them honest: every model goes through Prisma Client, the catalog is compared with
// schema.prisma, and the constraints the schema language cannot express are exercised.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.js';
import { buildAccount, buildAccountWithOwner, buildMembership, buildUser, uniqueEmail } from '../factories/index.js';
import { readColumns, readForeignKeys, readIndexes, readTables } from '../helpers/catalog.js';
import { useTestDatabase } from '../helpers/db.js';
import { parsePrismaSchema } from '../helpers/prisma-schema.js';

const t = useTestDatabase();
const expected = parsePrismaSchema();

// Distinctive values (never a column default) with millisecond precision, as timestamptz(3) keeps.
const AT = new Date('2026-05-06T07:08:09.123Z');
const LATER = new Date('2026-06-07T08:09:10.456Z');
const DAY = new Date('2027-01-15T00:00:00.000Z');
const hex = (): string => randomBytes(32).toString('hex');

function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Prisma.Decimal.isDecimal(value)) return value.toFixed(2);
  if (Array.isArray(value)) return value.map(normalize);
  return value;
}

function normalizeRow(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, normalize(v)]));
}

describe('every Prisma model round-trips through the client', () => {
  it('creates and reads back one row of each model with every field set', async () => {
    const p = t.prisma;
    const covered = new Set<string>();

    async function roundTrip<T extends object>(
      model: Prisma.ModelName,
      data: object,
      create: () => Promise<T>,
      read: (row: T) => Promise<T | null>,
    ): Promise<T> {
      const created = await create();
      const readBack = await read(created);
      expect(readBack, `${model} read back`).not.toBeNull();
      const row = normalizeRow(readBack ?? {});
      for (const [key, value] of Object.entries(data)) {
        expect(row[key], `${model}.${key}`).toEqual(normalize(value));
      }
      expect(row, model).toEqual(normalizeRow(created));
      covered.add(model);
      return readBack as T;
    }

    const adminData = {
      email: uniqueEmail('admin'),
      firstName: 'Ada',
      lastName: 'Admin',
      passwordHash: 'argon2-hash',
      role: 'support',
      totpSecret: 'ADMINSECRET',
      totpEnabled: true,
      totpLastStep: 59_871_681n,
      disabled: true,
      lastLoginAt: AT,
      lastLoginIp: '198.51.100.7',
      createdAt: AT,
    } satisfies Prisma.AdminUncheckedCreateInput;
    const admin = await roundTrip(
      'Admin',
      adminData,
      () => p.admin.create({ data: adminData }),
      (r) => p.admin.findUnique({ where: { id: r.id } }),
    );

    const userData = {
      email: uniqueEmail('schema'),
      firstName: 'Grace',
      lastName: 'Hopper',
      language: 'de',
      passwordHash: 'argon2-hash',
      totpSecret: 'USERSECRET',
      totpEnabled: true,
      recoveryCodeHashes: ['r1', 'r2'],
      totpLastStep: 59_871_682n,
      activationPending: true,
      securityQuestion: 'First pet?',
      securityAnswerHash: 'answer-hash',
      emailVerifiedAt: AT,
      lastLoginAt: LATER,
      lastLoginIp: '203.0.113.9',
      lastLoginHost: 'host.example.test',
      createdAt: AT,
    } satisfies Prisma.UserUncheckedCreateInput;
    const user = await roundTrip(
      'User',
      userData,
      () => p.user.create({ data: userData }),
      (r) => p.user.findUnique({ where: { id: r.id } }),
    );

    const accountData = {
      firstName: 'Acme',
      lastName: 'Billing',
      companyName: 'Acme Ltd',
      email: 'Billing@Acme.example.test',
      address1: '1 Main St',
      address2: 'Suite 2',
      city: 'Springfield',
      state: 'IL',
      postcode: '62701',
      country: 'GB',
      phone: '+44 20 0000 0000',
      status: 'Inactive',
      allowSingleSignOn: false,
      createdAt: AT,
    } satisfies Prisma.AccountUncheckedCreateInput;
    const account = await roundTrip(
      'Account',
      accountData,
      () => p.account.create({ data: accountData }),
      (r) => p.account.findUnique({ where: { id: r.id } }),
    );

    const memberData = {
      accountId: account.id,
      userId: user.id,
      isOwner: true,
      permissions: ['profile', 'tickets'],
      lastLoginAt: AT,
      lastLoginIp: '192.0.2.1',
      createdAt: AT,
    } satisfies Prisma.AccountUserUncheckedCreateInput;
    await roundTrip(
      'AccountUser',
      memberData,
      () => p.accountUser.create({ data: memberData }),
      (r) => p.accountUser.findUnique({ where: { accountId_userId: { accountId: r.accountId, userId: r.userId } } }),
    );

    const email = await p.emailLog.create({
      data: {
        recipient: user.email,
        subject: 'Invitation',
        template: 'invitation',
        bodyHtml: '',
        bodyText: '',
        status: 'sent',
      },
    });
    const invitationData = {
      accountId: account.id,
      email: uniqueEmail('invitee'),
      tokenHash: hex(),
      permissions: ['invoices'],
      invitedByUserId: user.id,
      invitedByAdminId: admin.id,
      status: 'accepted',
      sentAt: AT,
      expiresAt: LATER,
      acceptedAt: LATER,
      acceptedByUserId: user.id,
      cancelledAt: LATER,
      cancelledByAdminId: admin.id,
      firstName: 'Ivy',
      lastName: 'Invitee',
      lastEmailId: email.id,
      createdAt: AT,
    } satisfies Prisma.InvitationUncheckedCreateInput;
    await roundTrip(
      'Invitation',
      invitationData,
      () => p.invitation.create({ data: invitationData }),
      (r) => p.invitation.findUnique({ where: { tokenHash: r.tokenHash } }),
    );

    const tokenData = {
      userId: user.id,
      purpose: 'password_reset',
      tokenHash: hex(),
      expiresAt: LATER,
      usedAt: AT,
      createdAt: AT,
    } satisfies Prisma.UserTokenUncheckedCreateInput;
    await roundTrip(
      'UserToken',
      tokenData,
      () => p.userToken.create({ data: tokenData }),
      (r) => p.userToken.findUnique({ where: { tokenHash: r.tokenHash } }),
    );

    const contactData = {
      accountId: account.id,
      firstName: 'Carl',
      lastName: 'Contact',
      email: uniqueEmail('contact'),
      phone: '555-0100',
      companyName: 'Contact Co',
      generalEmails: false,
      invoiceEmails: true,
      supportEmails: true,
      productEmails: true,
      domainEmails: true,
      affiliateEmails: true,
      createdAt: AT,
    } satisfies Prisma.ContactUncheckedCreateInput;
    await roundTrip(
      'Contact',
      contactData,
      () => p.contact.create({ data: contactData }),
      (r) => p.contact.findUnique({ where: { id: r.id } }),
    );

    const credentialData = {
      adminId: admin.id,
      name: 'Provisioning',
      description: 'Schema test credential',
      identifier: hex(),
      secretHash: hex(),
      allowAllActions: true,
      allowedActions: ['AddClient', 'GetClients'],
      ipAllowList: ['192.0.2.0/24', '2001:db8::1'],
      createdAt: AT,
      lastUsedAt: LATER,
      lastUsedIp: '192.0.2.7',
      revokedAt: LATER,
      windowStartedAt: LATER,
      windowRequests: 7,
    } satisfies Prisma.ApiCredentialUncheckedCreateInput;
    const credential = await roundTrip(
      'ApiCredential',
      credentialData,
      () => p.apiCredential.create({ data: credentialData }),
      (r) => p.apiCredential.findUnique({ where: { identifier: r.identifier } }),
    );

    const ssoData = {
      tokenHash: hex(),
      userId: user.id,
      accountId: account.id,
      destination: '/tickets',
      expiresAt: LATER,
      usedAt: LATER,
      createdAt: AT,
    } satisfies Prisma.SsoTokenUncheckedCreateInput;
    await roundTrip(
      'SsoToken',
      ssoData,
      () => p.ssoToken.create({ data: ssoData }),
      (r) => p.ssoToken.findUnique({ where: { tokenHash: r.tokenHash } }),
    );

    const activityData = {
      createdAt: AT,
      description: 'Schema test entry',
      actorType: 'admin',
      userId: user.id,
      adminId: admin.id,
      accountId: account.id,
      ip: '198.51.100.1',
      apiCredentialId: credential.id,
    } satisfies Prisma.ActivityLogUncheckedCreateInput;
    await roundTrip(
      'ActivityLog',
      activityData,
      () => p.activityLog.create({ data: activityData }),
      (r) => p.activityLog.findUnique({ where: { id: r.id } }),
    );

    const emailData = {
      accountId: account.id,
      userId: user.id,
      recipient: user.email,
      subject: 'Subject',
      template: 'invitation',
      bodyHtml: '<p>Hello</p>',
      bodyText: 'Hello',
      status: 'failed',
      error: 'connection refused',
      createdAt: AT,
      sentAt: LATER,
    } satisfies Prisma.EmailLogUncheckedCreateInput;
    await roundTrip(
      'EmailLog',
      emailData,
      () => p.emailLog.create({ data: emailData }),
      (r) => p.emailLog.findUnique({ where: { id: r.id } }),
    );

    const settingData = { key: `schema.test.${hex()}`, value: 'on', updatedAt: AT } satisfies Prisma.SettingCreateInput;
    await roundTrip(
      'Setting',
      settingData,
      () => p.setting.create({ data: settingData }),
      (r) => p.setting.findUnique({ where: { key: r.key } }),
    );

    const jobRunData = {
      job: `schema.test.${hex()}`,
      intervalStart: AT,
      instance: 'schema-test:1',
      startedAt: AT,
      finishedAt: LATER,
      outcome: 'ok',
      processed: 3,
      error: 'none',
    } satisfies Prisma.JobRunCreateInput;
    await roundTrip(
      'JobRun',
      jobRunData,
      () => p.jobRun.create({ data: jobRunData }),
      (r) => p.jobRun.findUnique({ where: { job_intervalStart: { job: r.job, intervalStart: r.intervalStart } } }),
    );

    const sessionData = {
      sid: hex(),
      sess: { cookie: { maxAge: 1000 }, userId: user.id, flags: [true, null] },
      expire: LATER,
    } satisfies Prisma.SessionCreateInput;
    await roundTrip(
      'Session',
      sessionData,
      () => p.session.create({ data: sessionData }),
      (r) => p.session.findUnique({ where: { sid: r.sid } }),
    );
    const adminSessionData = {
      sid: hex(),
      sess: { adminId: admin.id },
      expire: LATER,
    } satisfies Prisma.AdminSessionCreateInput;
    await roundTrip(
      'AdminSession',
      adminSessionData,
      () => p.adminSession.create({ data: adminSessionData }),
      (r) => p.adminSession.findUnique({ where: { sid: r.sid } }),
    );

    const productData = {
      name: 'Schema Plan',
      description: 'A plan',
      price: '12.34',
      billingCycle: 'Annually',
      panelUrl: 'https://panel.example.test',
      active: false,
      sortOrder: 7,
    } satisfies Prisma.ProductUncheckedCreateInput;
    const product = await roundTrip(
      'Product',
      productData,
      () => p.product.create({ data: productData }),
      (r) => p.product.findUnique({ where: { id: r.id } }),
    );

    const serviceData = {
      accountId: account.id,
      productId: product.id,
      domain: 'schema.example.test',
      status: 'Suspended',
      billingCycle: 'Annually',
      amount: '99.95',
      nextDueDate: DAY,
      username: 'schemauser',
      passwordEnc: 'v1:iv:tag:ciphertext',
      panelUrl: 'https://panel.example.test/sso',
      createdAt: AT,
    } satisfies Prisma.ServiceUncheckedCreateInput;
    const service = await roundTrip(
      'Service',
      serviceData,
      () => p.service.create({ data: serviceData }),
      (r) => p.service.findUnique({ where: { id: r.id } }),
    );

    const cancellationData = {
      serviceId: service.id,
      reason: 'Too expensive',
      type: 'End of Billing Period',
      requestedByUserId: user.id,
      createdAt: AT,
    } satisfies Prisma.CancellationRequestUncheckedCreateInput;
    await roundTrip(
      'CancellationRequest',
      cancellationData,
      () => p.cancellationRequest.create({ data: cancellationData }),
      (r) => p.cancellationRequest.findUnique({ where: { id: r.id } }),
    );

    const domainData = {
      accountId: account.id,
      name: `schema-${hex().slice(0, 12)}.test`,
      status: 'Expired',
      registeredAt: new Date('2020-02-29T00:00:00.000Z'),
      expiresAt: DAY,
      autoRenew: false,
      locked: false,
      nameservers: ['ns1.example.test', 'ns2.example.test'],
    } satisfies Prisma.DomainUncheckedCreateInput;
    await roundTrip(
      'Domain',
      domainData,
      () => p.domain.create({ data: domainData }),
      (r) => p.domain.findUnique({ where: { name: r.name } }),
    );

    const invoiceData = {
      accountId: account.id,
      status: 'Paid',
      issuedAt: new Date('2026-12-01T00:00:00.000Z'),
      dueAt: DAY,
      total: '111.10',
      paidAt: LATER,
      checkoutKey: `cart-${hex()}`,
    } satisfies Prisma.InvoiceUncheckedCreateInput;
    const invoice = await roundTrip(
      'Invoice',
      invoiceData,
      () => p.invoice.create({ data: invoiceData }),
      (r) => p.invoice.findUnique({ where: { id: r.id } }),
    );

    const itemData = {
      invoiceId: invoice.id,
      description: 'Schema Plan (annual)',
      amount: '111.10',
      serviceId: service.id,
    } satisfies Prisma.InvoiceItemUncheckedCreateInput;
    await roundTrip(
      'InvoiceItem',
      itemData,
      () => p.invoiceItem.create({ data: itemData }),
      (r) => p.invoiceItem.findUnique({ where: { id: r.id } }),
    );

    const transactionData = {
      accountId: account.id,
      invoiceId: invoice.id,
      gateway: 'banktransfer',
      amount: '111.10',
      reference: 'TX-1',
      createdAt: AT,
    } satisfies Prisma.TransactionUncheckedCreateInput;
    await roundTrip(
      'Transaction',
      transactionData,
      () => p.transaction.create({ data: transactionData }),
      (r) => p.transaction.findUnique({ where: { id: r.id } }),
    );

    const quoteData = {
      accountId: account.id,
      subject: 'Big deal',
      status: 'Accepted',
      validUntil: DAY,
      total: '500.50',
      acceptedAt: LATER,
      invoiceId: invoice.id,
      createdAt: AT,
    } satisfies Prisma.QuoteUncheckedCreateInput;
    const quote = await roundTrip(
      'Quote',
      quoteData,
      () => p.quote.create({ data: quoteData }),
      (r) => p.quote.findUnique({ where: { id: r.id } }),
    );
    const quoteItemData = {
      quoteId: quote.id,
      description: 'Setup',
      amount: '500.50',
    } satisfies Prisma.QuoteItemUncheckedCreateInput;
    await roundTrip(
      'QuoteItem',
      quoteItemData,
      () => p.quoteItem.create({ data: quoteItemData }),
      (r) => p.quoteItem.findUnique({ where: { id: r.id } }),
    );

    const ticketData = {
      accountId: account.id,
      subject: 'Help',
      department: 'Billing',
      priority: 'High',
      status: 'Answered',
      openedByUserId: user.id,
      openedByAdminId: admin.id,
      requesterEmail: user.email,
      requesterName: 'Grace Hopper',
      assignedAdminId: admin.id,
      createdAt: AT,
      lastReplyAt: LATER,
    } satisfies Prisma.TicketUncheckedCreateInput;
    const ticket = await roundTrip(
      'Ticket',
      ticketData,
      () => p.ticket.create({ data: ticketData }),
      (r) => p.ticket.findUnique({ where: { id: r.id } }),
    );
    const replyData = {
      ticketId: ticket.id,
      message: 'It is broken',
      userId: user.id,
      adminId: admin.id,
      email: user.email,
      name: 'Grace Hopper',
      createdAt: AT,
    } satisfies Prisma.TicketReplyUncheckedCreateInput;
    await roundTrip(
      'TicketReply',
      replyData,
      () => p.ticketReply.create({ data: replyData }),
      (r) => p.ticketReply.findUnique({ where: { id: r.id } }),
    );

    const affiliateData = {
      accountId: account.id,
      code: `aff-${hex().slice(0, 16)}`,
      balance: '12.50',
      withdrawn: '1.25',
      visitors: 42,
      signups: 3,
      createdAt: AT,
    } satisfies Prisma.AffiliateUncheckedCreateInput;
    const affiliate = await roundTrip(
      'Affiliate',
      affiliateData,
      () => p.affiliate.create({ data: affiliateData }),
      (r) => p.affiliate.findUnique({ where: { accountId: r.accountId } }),
    );
    const withdrawalData = {
      affiliateId: affiliate.id,
      amount: '10.00',
      status: 'Completed',
      requestedByUserId: user.id,
      createdAt: AT,
    } satisfies Prisma.AffiliateWithdrawalUncheckedCreateInput;
    await roundTrip(
      'AffiliateWithdrawal',
      withdrawalData,
      () => p.affiliateWithdrawal.create({ data: withdrawalData }),
      (r) => p.affiliateWithdrawal.findUnique({ where: { id: r.id } }),
    );

    const adminTokenData = {
      adminId: admin.id,
      purpose: 'set_password',
      tokenHash: hex(),
      expiresAt: LATER,
      usedAt: AT,
      createdAt: AT,
    } satisfies Prisma.AdminTokenUncheckedCreateInput;
    await roundTrip(
      'AdminToken',
      adminTokenData,
      () => p.adminToken.create({ data: adminTokenData }),
      (r) => p.adminToken.findUnique({ where: { tokenHash: r.tokenHash } }),
    );

    const staffLoginData = {
      adminId: admin.id,
      userId: user.id,
      accountId: account.id,
      tokenHash: hex(),
      expiresAt: LATER,
      usedAt: AT,
      createdAt: AT,
    } satisfies Prisma.StaffLoginTokenUncheckedCreateInput;
    await roundTrip(
      'StaffLoginToken',
      staffLoginData,
      () => p.staffLoginToken.create({ data: staffLoginData }),
      (r) => p.staffLoginToken.findUnique({ where: { tokenHash: r.tokenHash } }),
    );

    const noteData = {
      accountId: account.id,
      adminId: admin.id,
      body: 'Called about the renewal.',
      createdAt: AT,
    } satisfies Prisma.ClientNoteUncheckedCreateInput;
    await roundTrip(
      'ClientNote',
      noteData,
      () => p.clientNote.create({ data: noteData }),
      (r) => p.clientNote.findUnique({ where: { id: r.id } }),
    );

    const throttleData = {
      key: `schema:${hex()}`,
      points: 3,
      expire: 1_798_000_000_000n,
    } satisfies Prisma.ThrottleCreateInput;
    await roundTrip(
      'Throttle',
      throttleData,
      () => p.throttle.create({ data: throttleData }),
      (r) => p.throttle.findUnique({ where: { key: r.key } }),
    );
    const deferredData = {
      kind: 'password_reset',
      email: uniqueEmail('deferred'),
      ip: '192.0.2.4',
      payload: { userId: 7 },
      createdAt: AT,
      attempts: 2,
      lockedUntil: LATER,
    } satisfies Prisma.DeferredEmailUncheckedCreateInput;
    await roundTrip(
      'DeferredEmail',
      deferredData,
      () => p.deferredEmail.create({ data: deferredData }),
      (r) => p.deferredEmail.findUnique({ where: { id: r.id } }),
    );

    // A model added to schema.prisma must be added here too.
    expect([...covered].sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it('fills column defaults the way schema.prisma declares them', async () => {
    const user = await t.prisma.user.create({
      data: { email: uniqueEmail('defaults'), firstName: 'D', lastName: 'U' },
    });
    expect(user).toMatchObject({ language: 'en', totpEnabled: false, recoveryCodeHashes: [], passwordHash: null });
    expect(user.createdAt).toBeInstanceOf(Date);
    const account = await buildAccount();
    expect(account).toMatchObject({ country: 'US', status: 'Active', address1: '' });
    const link = await t.prisma.accountUser.create({ data: { accountId: account.id, userId: user.id } });
    expect(link).toMatchObject({ isOwner: false, permissions: [] });
  });
});

describe('the database matches schema.prisma', () => {
  it('has a table for every model and no others (besides _prisma_migrations)', async () => {
    const tables = await readTables(t.pool);
    expect(tables.sort()).toEqual([...expected.map((m) => m.table), '_prisma_migrations'].sort());
  });

  it('has exactly the schema columns, with matching types, nullability and defaults', async () => {
    const columns = await readColumns(t.pool);
    for (const model of expected) {
      const actual = columns.filter((c) => c.table === model.table);
      expect(actual.map((c) => c.column).sort(), `columns of ${model.table}`).toEqual(
        model.columns.map((c) => c.column).sort(),
      );
      for (const want of model.columns) {
        const got = actual.find((c) => c.column === want.column);
        const where = `${model.table}.${want.column}`;
        expect(got?.type, `${where} type`).toBe(want.type);
        expect(got?.notNull, `${where} NOT NULL`).toBe(want.notNull);
        if (want.default === 'none') expect(got?.default ?? null, `${where} has no default`).toBeNull();
        else if (want.default === 'sequence') expect(got?.default, `${where} sequence`).toMatch(/^nextval\(/);
        else expect(got?.default, `${where} default`).toBeTruthy();
      }
    }
  });

  it('has the indexes and unique constraints schema.prisma declares', async () => {
    const indexes = await readIndexes(t.pool);
    for (const model of expected) {
      for (const want of model.indexes) {
        const got = indexes.find((i) => i.table === model.table && i.name === want.name);
        expect(got, `index ${want.name}`).toBeDefined();
        expect(
          { columns: got?.columns, unique: got?.unique, primary: got?.primary, partial: got?.partial },
          `index ${want.name}`,
        ).toEqual({ columns: want.columns, unique: want.unique, primary: want.primary, partial: false });
      }
    }
  });

  it('has the foreign keys, with the referential actions schema.prisma declares', async () => {
    const foreignKeys = await readForeignKeys(t.pool);
    const wanted = expected.flatMap((m) => m.foreignKeys.map((fk) => ({ table: m.table, ...fk })));
    expect(foreignKeys.map((fk) => fk.name).sort()).toEqual(wanted.map((fk) => fk.name).sort());
    for (const want of wanted) {
      expect(
        foreignKeys.find((fk) => fk.name === want.name),
        `foreign key ${want.name}`,
      ).toEqual(want);
    }
  });
});

interface PgError {
  code?: string;
  constraint?: string;
}

async function pgError(promise: Promise<unknown>): Promise<PgError> {
  try {
    await promise;
  } catch (err) {
    return err as PgError;
  }
  throw new Error('expected the statement to be rejected');
}

describe('constraints beyond the Prisma schema', () => {
  it('rejects a second owner for one account (accounts_one_owner)', async () => {
    const { account } = await buildAccountWithOwner();
    const second = await buildUser();
    await expect(buildMembership({ accountId: account.id, userId: second.id, isOwner: true })).rejects.toThrow();

    const err = await pgError(
      t.pool.query('INSERT INTO account_users (account_id, user_id, is_owner) VALUES ($1, $2, true)', [
        account.id,
        second.id,
      ]),
    );
    expect(err).toMatchObject({ code: '23505', constraint: 'accounts_one_owner' });

    // Authorized users are unlimited, and the same user may own another account.
    await buildMembership({ accountId: account.id, userId: second.id, isOwner: false });
    const other = await buildAccount();
    await buildMembership({ accountId: other.id, userId: second.id, isOwner: true });
    expect(await t.prisma.accountUser.count({ where: { accountId: account.id, isOwner: true } })).toBe(1);
  });

  it('rejects a second pending invitation for the same account and email (invitations_one_pending)', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const email = uniqueEmail('invitee');
    const invite = (status: string) =>
      t.prisma.invitation.create({
        data: {
          accountId: account.id,
          email,
          tokenHash: hex(),
          invitedByUserId: owner.id,
          status,
          sentAt: new Date(),
          expiresAt: new Date(Date.now() + 7 * 86_400_000),
        },
      });

    // Cancelled (and accepted) invitations never block a new one.
    await invite('cancelled');
    await invite('accepted');
    const pending = await invite('pending');
    await expect(invite('pending')).rejects.toThrow();

    const err = await pgError(
      t.pool.query(
        `INSERT INTO invitations (account_id, email, token_hash, status, sent_at, expires_at)
         VALUES ($1, $2, $3, 'pending', now(), now() + interval '7 days')`,
        [account.id, email, hex()],
      ),
    );
    expect(err).toMatchObject({ code: '23505', constraint: 'invitations_one_pending' });

    // The same email may have a pending invitation to another account.
    const other = await buildAccount();
    await t.prisma.invitation.create({
      data: { accountId: other.id, email, tokenHash: hex(), status: 'pending', sentAt: new Date(), expiresAt: LATER },
    });

    // Once the pending one is cancelled, a new one can be sent.
    await t.prisma.invitation.update({
      where: { id: pending.id },
      data: { status: 'cancelled', cancelledAt: new Date() },
    });
    await invite('pending');
  });

  it('rejects an upper-case user email (users_email_lowercase)', async () => {
    const email = uniqueEmail('mixed').replace('mixed', 'Mixed');
    await expect(buildUser({ email })).rejects.toThrow();

    const err = await pgError(
      t.pool.query("INSERT INTO users (email, first_name, last_name) VALUES ($1, 'A', 'B')", [email]),
    );
    expect(err).toMatchObject({ code: '23514', constraint: 'users_email_lowercase' });

    // Lower-cased, the same address is accepted, and only once.
    await buildUser({ email: email.toLowerCase() });
    await expect(buildUser({ email: email.toLowerCase() })).rejects.toThrow();
  });

  it('rejects an unknown staff role (admins_role_known)', async () => {
    const err = await pgError(
      t.pool.query("INSERT INTO admins (email, first_name, last_name, role) VALUES ($1, 'A', 'B', 'owner')", [
        uniqueEmail('role'),
      ]),
    );
    expect(err).toMatchObject({ code: '23514', constraint: 'admins_role_known' });
  });
});
