// A minimal browser for the bench: one client.sid cookie, the CSRF token from the last form,
// no automatic redirects (the bench checks every status and Location itself).
export const COOKIE_NAME = 'client.sid';

export function sidFrom(headers: Headers): string | undefined {
  for (const c of headers.getSetCookie()) {
    const first = c.split(';', 1)[0]!;
    if (first.startsWith(`${COOKIE_NAME}=`)) return first;
  }
  return undefined;
}

/** The first hidden _csrf field in a page. */
export function csrfFrom(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}

export class BrowserSession {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  private async send(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    const res = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    this.cookie = sidFrom(res.headers) ?? this.cookie;
    return res;
  }

  async get(path: string): Promise<{ status: number; body: string; location: string | null }> {
    const res = await this.send(path);
    const body = await res.text();
    this.csrf = csrfFrom(body) ?? this.csrf;
    return { status: res.status, body, location: res.headers.get('location') };
  }

  async post(
    path: string,
    fields: Record<string, string | number>,
  ): Promise<{ status: number; location: string | null }> {
    const form = new URLSearchParams({
      ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])),
      _csrf: this.csrf,
    });
    const res = await this.send(path, {
      method: 'POST',
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await res.arrayBuffer();
    return { status: res.status, location: res.headers.get('location') };
  }

  /** GET /login, POST /login. Throws unless the app redirects away from /login. */
  async login(email: string, password: string): Promise<string> {
    await this.get('/login');
    const res = await this.post('/login', { email, password });
    if (res.status !== 302 || !res.location || res.location.startsWith('/login')) {
      throw new Error(`login failed for ${email}: ${res.status} -> ${res.location}`);
    }
    // The session was regenerated: its CSRF token is on the page we are sent to.
    await this.get(res.location);
    return res.location;
  }

  /** POST /accounts/choose: a new session id (read from Set-Cookie), same CSRF token. */
  async choose(accountId: number): Promise<void> {
    const res = await this.post('/accounts/choose', { accountId });
    if (res.status !== 302 || res.location !== '/')
      throw new Error(`choosing account ${accountId} failed: ${res.status} -> ${res.location}`);
  }
}
