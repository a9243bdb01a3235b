// One API call, in WHMCS's order: the response type (JSON only), the credential pair (checked and
// counted in one statement; the throttle lives in PostgreSQL), its IP allow-list, the function
// name (case-insensitive), the credential's permission for it, the parameters (the function's
// zod schema), the function, and its answer checked against its response schema.
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { isAppError, type AppError } from '../../lib/errors.js';
import { hasControlCharacter } from '../../lib/text.js';
import { authorizeApiAction, authorizeApiIp, canonicalAction, normalizeIp } from '../../policies/api-access.js';
import { apiActor } from '../../services/actor.js';
import { useApiCredential } from '../../services/api/credentials.js';
import { getSetting } from '../../services/settings/settings.js';
import { API_CATALOG } from './catalog.js';
import { whmcsMessage } from './errors.js';
import { issueMessage } from './params.js';

export interface PipelineOptions {
  /** Calls per credential per minute (API_RATE_LIMIT). */
  perMinute: number;
  logger: Logger;
}

type Body = Record<string, unknown>;

const field = (body: Body, name: string): string => {
  const v = body[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
};

/** An answer that is not a function's: refused before any function ran (status per decision). */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** HTTP statuses of refusals (WHMCS documents none; see the README's API section). */
function statusOf(err: AppError): number {
  if (err.code === 'API_AUTH_FAILED' || err.code === 'API_IP_REFUSED' || err.code === 'API_ACTION_FORBIDDEN')
    return 403;
  if (err.code === 'RATE_LIMITED') return 429;
  return 200;
}

export function apiHandler(options: PipelineOptions) {
  return async (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    const body: Body = req.body && typeof req.body === 'object' ? (req.body as Body) : {};
    const responseType = (field(body, 'responsetype') || 'json').trim().toLowerCase();
    if (responseType !== 'json') return sendUnsupportedType(res, responseType);

    const requested = field(body, 'action');
    const action = canonicalAction(requested);
    try {
      const identifier = field(body, 'identifier') || field(body, 'username');
      const secret = field(body, 'secret') || field(body, 'password');
      const ip = normalizeIp(req.ip ?? '');
      const credential = await useApiCredential(identifier, secret, ip, options.perMinute);
      authorizeApiIp(credential.ipAllowList, ip);
      if (!action) throw new Refusal(404, 'Command Not Found');
      authorizeApiAction(credential, action, requested);

      const definition = API_CATALOG.get(action)!;
      const unprintable = Object.keys(body).find((k) => hasControlCharacter(field(body, k)));
      if (unprintable) return sendError(res, 200, `${unprintable} contains characters that are not allowed`);
      const parsed = definition.params.safeParse(body);
      if (!parsed.success) return sendError(res, 200, issueMessage(parsed.error.issues[0]));
      const actor = apiActor(credential.adminId, credential.credentialId, ip);
      const fields = await definition.handler(parsed.data, { actor, publicUrl: await getSetting('publicUrl') });
      res.json(definition.response.parse({ result: 'success', ...fields }));
    } catch (err) {
      if (err instanceof Refusal) return sendError(res, err.status, err.message);
      if (isAppError(err)) {
        if (err.code === 'RATE_LIMITED') res.set('Retry-After', String(err.retryAfterSeconds ?? 60));
        const message = action && statusOf(err) === 200 ? whmcsMessage(action, err) : err.message;
        return sendError(res, statusOf(err), message);
      }
      // A bug: logged without the request body (it carries the secret), answered without detail.
      options.logger.error({ err, action: action ?? requested.slice(0, 60) }, 'API function failed');
      return sendError(res, 500, 'An unexpected error occurred');
    }
  };
}

export function sendError(res: Response, status: number, message: string) {
  res.status(status).json({ result: 'error', message });
}

/** JSON only: a client asking for XML (or NVP) is told so in the format it asked for. */
function sendUnsupportedType(res: Response, type: string) {
  const message = `Response type "${type}" is not supported: this API answers JSON only. Send responsetype=json.`;
  res.status(400);
  if (type === 'xml') {
    const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    return res
      .type('application/xml')
      .send(
        `<?xml version="1.0" encoding="utf-8"?>\n<whmcsapi><result>error</result><message>${escaped}</message></whmcsapi>\n`,
      );
  }
  if (type === 'nvp') return res.type('text/plain').send(`result=error;message=${message}`);
  return res.json({ result: 'error', message });
}
