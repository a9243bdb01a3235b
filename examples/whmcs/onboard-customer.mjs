// A customer-onboarding script written for WHMCS's External API, with the whmcs-js client from
// npm. Nothing in it knows about this product: it runs against WHMCS or against this app alike.
//
//   export WHMCS_URL=https://billing.example.com/includes/api.php WHMCS_IDENTIFIER=... WHMCS_SECRET=...
//   node onboard-customer.mjs invite <owner-email> <colleague-email>
//       adds a client (owned by a new user) and invites the colleague with some permissions;
//       prints {"clientid": ...}
//   node onboard-customer.mjs finish <clientid> <colleague-email>
//       once the colleague accepted the invitation: reads their permissions, opens a ticket for
//       them and makes a single sign-on link; prints {"userid", "permissions", "ticketid", "redirect_url"}
import { randomBytes } from 'node:crypto';
import whmcs from 'whmcs-js';

const config = {
  serverUrl: process.env.WHMCS_URL,
  identifier: process.env.WHMCS_IDENTIFIER,
  secret: process.env.WHMCS_SECRET,
};
const clients = new whmcs.Clients(config);
const support = new whmcs.Support(config);
const tickets = new whmcs.Tickets(config);

/** WHMCS answers result=success or result=error with a message. */
function ok(answer, what) {
  if (!answer || answer.result !== 'success') throw new Error(`${what} failed: ${answer?.message ?? 'no answer'}`);
  return answer;
}

/** The API's list answers nest under an XML-style key; ids may be numbers or strings. */
const sameId = (a, b) => String(a) === String(b);

async function invite(ownerEmail, colleagueEmail) {
  const client = ok(
    await clients.addClient({
      firstname: 'Olivia',
      lastname: 'Owner',
      companyname: 'Onboarded Ltd',
      email: ownerEmail,
      address1: '1 Script Street',
      city: 'Automation City',
      state: 'CA',
      postcode: '94016',
      country: 'US',
      phonenumber: '+1 555 0199',
      password2: randomBytes(12).toString('base64url'),
    }),
    'AddClient',
  );
  ok(
    await clients.callApi({
      action: 'CreateClientInvite',
      client_id: client.clientid,
      email: colleagueEmail,
      permissions: 'products,invoices,tickets',
    }),
    'CreateClientInvite',
  );
  return { clientid: client.clientid };
}

async function finish(clientId, colleagueEmail) {
  const found = ok(await clients.callApi({ action: 'GetUsers', search: colleagueEmail }), 'GetUsers');
  const user = found.users.find(
    (u) => u.email.toLowerCase() === colleagueEmail.toLowerCase() && u.clients.some((c) => sameId(c.id, clientId)),
  );
  if (!user) throw new Error(`${colleagueEmail} has not accepted the invitation to client ${clientId} yet`);

  const perms = ok(
    await clients.callApi({ action: 'GetUserPermissions', user_id: user.id, client_id: clientId }),
    'GetUserPermissions',
  );
  const departments = ok(await tickets.getSupportDepartments(), 'GetSupportDepartments');
  const ticket = ok(
    await support.openTicket({
      deptid: departments.departments.department[0].id,
      clientid: clientId,
      userid: user.id,
      subject: 'Welcome aboard',
      message: 'Your access is ready. Reply here if anything is missing.',
      priority: 'Low',
    }),
    'OpenTicket',
  );
  const sso = ok(
    await clients.callApi({
      action: 'CreateSsoToken',
      client_id: clientId,
      user_id: user.id,
      destination: 'clientarea:tickets',
    }),
    'CreateSsoToken',
  );
  return { userid: user.id, permissions: perms.permissions, ticketid: ticket.id, redirect_url: sso.redirect_url };
}

const [step, ...args] = process.argv.slice(2);
try {
  const out =
    step === 'invite' ? await invite(args[0], args[1]) : step === 'finish' ? await finish(args[0], args[1]) : null;
  if (!out) {
    console.error(
      'Usage: node onboard-customer.mjs invite <owner-email> <colleague-email> | finish <clientid> <colleague-email>',
    );
    process.exit(2);
  }
  console.log(JSON.stringify(out));
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
