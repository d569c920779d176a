// A small cookie-keeping HTTP client and the real sign-in flow (code read from the local SES store).
import { readInbox } from '../../scripts/local/ses.js';

export class Client {
  readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0]!;
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(c)) this.cookies.delete(pair.slice(0, eq).trim());
      else this.cookies.set(pair.slice(0, eq).trim(), value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed };
  }
  get = (p: string) => this.request('GET', p);
  post = (p: string, b?: unknown) => this.request('POST', p, b);
  put = (p: string, b?: unknown) => this.request('PUT', p, b);
}

export async function signIn(
  baseUrl: string,
  sesEndpoint: string,
  email: string,
  extra: { inviteToken?: string; departmentId?: string } = {},
): Promise<Client> {
  const c = new Client(baseUrl);
  const before = (await readInbox(sesEndpoint)).filter((m) => m.destination.to.includes(email)).length;
  const res = await c.post('/api/account/sign-in', { email, ...extra });
  if (res.status !== 202) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  const mails = (await readInbox(sesEndpoint)).filter((m) => m.destination.to.includes(email)).slice(before);
  const code = mails
    .map((m) => /\b(\d{6})\b/.exec(m.body.text ?? '')?.[1])
    .filter(Boolean)
    .pop();
  if (!code) throw new Error(`no sign-in code emailed to ${email}`);
  const ok = await c.post('/api/account/verify', { email, code });
  if (ok.status !== 200) throw new Error(`verify failed: ${ok.status} ${JSON.stringify(ok.body)}`);
  return c;
}

/** HR signs in, reads the invite link, and an employee joins through it (the demo seed's organisation). */
export async function signInEmployee(
  baseUrl: string,
  sesEndpoint: string,
  email: string,
  departmentId = 'warehouse',
): Promise<{ employee: Client; inviteToken: string }> {
  const hr = await signIn(baseUrl, sesEndpoint, 'hr@northwind.example');
  const link = await hr.get('/api/account/invite-link');
  if (link.status !== 200) throw new Error(`invite link: ${link.status}`);
  const inviteToken = String((link.body as { token: string }).token);
  return { employee: await signIn(baseUrl, sesEndpoint, email, { inviteToken, departmentId }), inviteToken };
}
