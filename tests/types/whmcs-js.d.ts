// Types for whmcs-js 2.0.1 (a WHMCS API client from npm, CommonJS, no types of its own): the parts
// the tests use. Every method POSTs form-encoded `action` + options + credentials and resolves to
// the parsed JSON answer, whatever the HTTP status.
declare module 'whmcs-js' {
  export interface WhmcsConfig {
    serverUrl: string;
    identifier?: string;
    secret?: string;
    username?: string;
    password?: string;
  }

  export interface WhmcsAnswer {
    result?: string;
    message?: string;
    [field: string]: unknown;
  }

  type Options = Record<string, string | number | boolean | undefined>;

  class WHMCS {
    constructor(config: WhmcsConfig);
    callApi(options: Options & { action: string }): Promise<WhmcsAnswer>;
  }

  export class Clients extends WHMCS {
    addClient(opts: Options): Promise<WhmcsAnswer>;
    getClients(opts?: Options): Promise<WhmcsAnswer>;
    getClientsDetails(opts: Options): Promise<WhmcsAnswer>;
    updateClient(opts: Options): Promise<WhmcsAnswer>;
    deleteClient(opts: Options): Promise<WhmcsAnswer>;
    closeClient(opts: Options): Promise<WhmcsAnswer>;
    getContacts(opts?: Options): Promise<WhmcsAnswer>;
    addContact(opts: Options): Promise<WhmcsAnswer>;
    resetPassword(opts: Options): Promise<WhmcsAnswer>;
  }
  export class Authentication extends WHMCS {
    validateLogin(opts: Options): Promise<WhmcsAnswer>;
  }
  export class Support extends WHMCS {
    openTicket(opts: Options): Promise<WhmcsAnswer>;
    addTicketReply(opts: Options): Promise<WhmcsAnswer>;
  }
  export class Tickets extends WHMCS {
    getTickets(opts?: Options): Promise<WhmcsAnswer>;
    getSupportDepartments(opts?: Options): Promise<WhmcsAnswer>;
  }
  export class System extends WHMCS {
    getActivityLog(opts?: Options): Promise<WhmcsAnswer>;
    logActivity(opts: Options): Promise<WhmcsAnswer>;
  }

  const modules: {
    Clients: typeof Clients;
    Authentication: typeof Authentication;
    Support: typeof Support;
    Tickets: typeof Tickets;
    System: typeof System;
  };
  export default modules;
}
