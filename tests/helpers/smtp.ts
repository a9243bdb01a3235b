// A real SMTP server (smtp-server) on a loopback port that keeps every message it receives, so
// tests can send through nodemailer exactly as production does and then read the mail.
//
//   const smtp = await startSmtpServer();            // SMTP_URL = smtp.url
//   const mail = await smtp.waitFor((m) => m.to.includes('a@example.test'));
//   const link = mail.links.find((l) => l.includes('/invite/'));
//   await smtp.stop();
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail, type ParsedMail } from './mime.js';

export { extractLinks, decodeQuotedPrintable } from './mime.js';

export interface ReceivedMessage extends ParsedMail {
  /** MAIL FROM of the SMTP envelope. */
  envelopeFrom: string;
  /** RCPT TO addresses of the SMTP envelope, lower-cased. */
  envelopeTo: string[];
  /** The message exactly as received (headers + encoded body). */
  raw: string;
  receivedAt: Date;
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Every message received so far, oldest first. */
  messages: ReceivedMessage[];
  /** Resolves with the first message (already received or arriving later) that matches. */
  waitFor(predicate: (message: ReceivedMessage) => boolean, timeoutMs?: number): Promise<ReceivedMessage>;
  /** Messages whose envelope or To: header names this address (case-insensitive). */
  messagesTo(address: string): ReceivedMessage[];
  clear(): void;
  stop(): Promise<void>;
}

interface Waiter {
  predicate: (message: ReceivedMessage) => boolean;
  resolve: (message: ReceivedMessage) => void;
}

function addressedTo(message: ReceivedMessage, address: string): boolean {
  const wanted = address.toLowerCase();
  return message.envelopeTo.includes(wanted) || message.to.some((t) => t.toLowerCase().includes(wanted));
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMessage[] = [];
  const waiters = new Set<Waiter>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // stop() must not wait 30 s for a pooled nodemailer connection to go away.
    closeTimeout: 500,
    // Accept any credentials the app may be configured with.
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'test' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom;
        const message: ReceivedMessage = {
          ...parseMail(raw),
          envelopeFrom: from ? from.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw,
          receivedAt: new Date(),
        };
        messages.push(message);
        for (const waiter of waiters) {
          if (waiter.predicate(message)) {
            waiters.delete(waiter);
            waiter.resolve(message);
          }
        }
        callback();
      });
    },
  });
  // A client hanging up mid-session must not fail the test run.
  server.on('error', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor(predicate, timeoutMs = 5000) {
      const already = messages.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise<ReceivedMessage>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = messages.map((m) => `${m.envelopeTo.join(',')}: ${m.subject}`).join('; ') || 'none';
          reject(new Error(`No matching email within ${timeoutMs} ms (received: ${seen})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    messagesTo(address) {
      return messages.filter((m) => addressedTo(m, address));
    },
    clear() {
      messages.length = 0;
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
