// Bad input at the edge: every case gets the right 4xx with a clear message naming the field — never a 500, and
// nothing half-written. Two tenants run side by side to prove a session cannot cross between them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, demoTenant, startTestStack, type TestStack } from '../support/stack.js';
import { rawTable } from '../support/table.js';

let stack: TestStack;
let hr: ApiClient;
let invite: string;

beforeAll(async () => {
  stack = await startTestStack({
    tenants: [
      demoTenant(),
      demoTenant({ slug: 'acme', name: 'Acme Engineering', adminEmails: ['people@acme.example'] }),
    ],
  });
  hr = await stack.signIn('hr@northwind.example');
  invite = (await hr.get('/api/account/invite-link')).body.token;
});
afterAll(async () => stack?.stop());

const itemCount = (slug: string) => rawTable(stack.db(slug)).count();

describe('request bodies', () => {
  it('malformed JSON → 400 invalid_json', async () => {
    const res = await stack.client().request('POST', '/api/account/sign-in', undefined, {
      raw: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('a body that is not JSON → 415', async () => {
    const res = await stack.client().request('POST', '/api/account/sign-in', undefined, {
      raw: 'email=a@b.c',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
  });

  it('wrong types and invalid emails → 422 naming each field', async () => {
    const res = await stack.client().post('/api/account/sign-in', { email: 42 });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['body.email']);
    const bad = await stack.client().post('/api/account/sign-in', { email: 'not-an-email' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0]).toEqual({ field: 'body.email', message: 'must be a valid email address' });
    expect(bad.body.error.message).toContain('body.email');
  });

  it('unknown fields → 422 naming them', async () => {
    const res = await stack.client().post('/api/account/sign-in', { email: 'a@example.org', isAdmin: true });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('isAdmin');
  });

  it('oversized bodies → 413, nothing stored', async () => {
    const before = await itemCount('demo');
    const res = await stack
      .client()
      .post('/api/account/sign-in', { email: 'a@example.org', inviteToken: 'x'.repeat(40_000) });
    expect(res.status).toBe(413);
    expect(await itemCount('demo')).toBe(before);
  });

  it('a wrong-format code → 422; an unknown department → 422 and no email sent', async () => {
    expect((await stack.client().post('/api/account/verify', { email: 'a@example.org', code: '12ab' })).status).toBe(
      422,
    );
    const res = await stack
      .client()
      .post('/api/account/sign-in', { email: 'dept@example.org', inviteToken: invite, departmentId: 'nope' });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].field).toBe('body.departmentId');
    expect(await stack.inbox('dept@example.org')).toHaveLength(0);
  });

  it('unknown routes → 404 and wrong methods → 405 with Allow', async () => {
    expect((await stack.client().get('/api/account/nothing-here')).status).toBe(404);
    const res = await stack.client().delete('/api/account/org');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });
});

describe('sessions and tenants', () => {
  it('no cookie → 401; a tampered cookie → 401 and the cookie is cleared', async () => {
    expect((await stack.client().get('/api/account/me')).status).toBe(401);
    const c = await stack.signIn('tamper@example.org', { inviteToken: invite });
    const token = c.cookies.get('rs_demo')!;
    const [kid, body, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'hr_admin' })).toString('base64url');
    c.cookies.set('rs_demo', `${kid}.${forged}.${sig}`);
    const res = await c.get('/api/account/invite-link');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/not valid/);
    expect(res.headers.getSetCookie()[0]).toMatch(/Max-Age=0/);
  });

  it("a session from another tenant is refused, even when replayed under this tenant's cookie name", async () => {
    const acmeHr = await stack.signIn('people@acme.example', { slug: 'acme' });
    const acmeToken = acmeHr.cookies.get('rs_acme')!;
    const intruder = stack.client('demo');
    intruder.cookies.set('rs_demo', acmeToken);
    const res = await intruder.get('/api/account/invite-link');
    // each tenant signs with its own secret, so the signature already fails; the tenant claim is a second lock
    // (tests/unit/session-token.test.ts covers it with a shared secret)
    expect(res.status).toBe(401);
    expect(res.body).not.toHaveProperty('role');
    // and the acme cookie name means nothing to demo
    const other = stack.client('demo');
    other.cookies.set('rs_acme', acmeToken);
    expect((await other.get('/api/account/me')).status).toBe(401);
  });

  it('an employee cannot use HR routes (403) and HR cannot change an employee profile (403)', async () => {
    const emp = await stack.signIn('employee2@example.org', { inviteToken: invite });
    expect((await emp.get('/api/account/invite-link')).status).toBe(403);
    expect((await hr.patch('/api/account/me', { departmentId: null })).status).toBe(403);
  });

  it('signing out ends the session on the server, not just in the browser', async () => {
    const c = await stack.signIn('signout@example.org', { inviteToken: invite });
    const stolen = c.cookies.get('rs_demo')!;
    expect((await c.post('/api/account/sign-out')).status).toBe(204);
    const replay = stack.client();
    replay.cookies.set('rs_demo', stolen);
    // the signed token is still well-formed: it is the server-side record check, on every request, that ends it —
    // writes and reads alike, with no waiting (every route: tests/integration/revocation.test.ts)
    expect((await replay.patch('/api/account/me', { departmentId: null })).status).toBe(401);
    replay.cookies.set('rs_demo', stolen);
    expect((await replay.get('/api/account/me')).status).toBe(401);
  });

  it('sessions expire after inactivity', async () => {
    const c = await stack.signIn('sleepy@example.org', { inviteToken: invite });
    await stack.clock({ advanceMs: 8 * 86_400_000 });
    try {
      const res = await c.get('/api/account/me');
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/expired/);
    } finally {
      await stack.clock({ advanceMs: -8 * 86_400_000 });
    }
  });
});

// Route-table-driven checks through the local server (the unit twin is tests/unit/http-wrapper.test.ts).
const loadRoutes = async () => {
  const { HTTP_CONTEXTS } = await import('../../functions/contexts.js');
  const tables = await Promise.all(
    HTTP_CONTEXTS.map(
      async (c) =>
        ((await import(`../../functions/${c.entry}`)) as { routes: { method: string; path: string }[] }).routes,
    ),
  );
  return tables.flat();
};
const fill = (path: string, value = 'x') => path.replace(/:([a-zA-Z]+)/g, value);
const secured = (h: Headers, what: string) => {
  expect(h.get('content-security-policy') ?? '', what).toMatch(/frame-ancestors 'none'/);
  expect(h.get('x-content-type-options'), what).toBe('nosniff');
  expect(h.get('referrer-policy'), what).toBe('no-referrer');
  expect(h.get('x-frame-options'), what).toBe('DENY');
};

describe('every route, through the local server', () => {
  it('undecodable path parameters → 400 naming the parameter', async () => {
    for (const r of (await loadRoutes()).filter((x) => x.path.includes(':'))) {
      const res = await stack.client().request(r.method, fill(r.path, '%E0%A4%A'));
      expect(res.status, `${r.method} ${r.path}`).toBe(400);
      expect(res.body.error.fields[0].field).toMatch(/^path\./);
    }
    const join = await stack.client().get('/api/account/join/%E0%A4%A');
    expect(join.status).toBe(400);
  });

  it('security headers on every route, a 404 from a function and the local server’s own 404s', async () => {
    for (const r of await loadRoutes())
      secured((await hr.request(r.method, fill(r.path))).headers, `${r.method} ${r.path}`);
    secured((await stack.client().get('/api/account/nothing-here')).headers, 'function 404');
    secured((await stack.client().get('/api/nowhere/at-all')).headers, 'server 404');
    secured((await fetch(`${stack.url}/t/no-such-tenant/api/account/org`)).headers, 'unknown tenant');
    const unsub = await stack.client().get(`/api/reminders/unsubscribe?t=${'x'.repeat(20)}`);
    expect(unsub.headers.get('content-type')).toMatch(/text\/html/);
    secured(unsub.headers, 'unsubscribe page');
  });

  it('every state-changing route with Origin: http://evil.example → 403; same-origin still works', async () => {
    const mutating = (await loadRoutes()).filter((r) => r.method !== 'GET');
    for (const r of mutating) {
      const res = await hr.request(r.method, fill(r.path), {}, { headers: { origin: 'http://evil.example' } });
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
      expect(res.body.error.message).toMatch(/must come from/);
    }
    const own = new URL(stack.tenantUrl('demo')).origin;
    const ok = await stack
      .client()
      .request(
        'POST',
        '/api/account/sign-in',
        { email: 'same-origin@example.org', inviteToken: invite },
        { headers: { origin: own, 'sec-fetch-site': 'same-origin' } },
      );
    expect(ok.status).toBe(202);
  });

  it('a body over 1 MB → 413 like a 900 KB one', async () => {
    for (const size of [900 * 1024, 1200 * 1024]) {
      const res = await stack.client().request('POST', '/api/account/sign-in', undefined, {
        raw: JSON.stringify({ email: 'a@example.org', x: 'y'.repeat(size) }),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, `${size}`).toBe(413);
      secured(res.headers, `${size}`);
    }
  });
});
