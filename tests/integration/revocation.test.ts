// Revocation takes effect on the next request, reads included (issue 13, defect 3). Table-driven over the real
// route tables: every functions/*/http.ts is imported with a pass-through spy on httpHandler that keeps its routes,
// so a GET route added later is covered automatically. For every authenticated GET and every role it admits, the
// cookie works before (not 401) and gets 401 straight after sign-out, after "sign out everywhere" from another
// device, and (employees) after the account is deleted from another device. No clock is moved: "next request".
import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../functions/contract/roles.js';
import type { Route } from '../../functions/shared/http.js';
import { ApiClient, demoTenant, startTestStack, type TestStack } from '../support/stack.js';

const captured: Route[] = [];
vi.mock('../../functions/shared/http.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../functions/shared/http.js')>();
  return {
    ...actual,
    httpHandler: (routes: Route[]) => {
      captured.push(...routes);
      return actual.httpHandler(routes);
    },
  };
});

const FUNCTIONS_DIR = new URL('../../functions/', import.meta.url).pathname;
const QUERY_SAMPLES: Record<string, string> = {
  '/api/programme/modules/:moduleId/calendar.ics': '?start=2026-12-01T09:00:00.000Z',
  '/api/stats/what-my-employer-sees': '?kind=month',
  '/api/stats/what-my-employer-sees/departments': '?kind=month&period=2026-11&metric=enrolled',
};

let stack: TestStack;
let invite: string;
let gets: Route[] = [];
let modules: readonly { id: string }[] = [];
const EMAIL: Record<Role, (n: number) => string> = {
  employee: (n) => `revoked.employee${n}@example.org`,
  hr_admin: () => 'hr@northwind.example',
  manager: () => 'revoked.manager@northwind.example',
  coach: () => 'coach@respite.example',
  operator: () => 'operator@respite.example',
};

function samplePath(r: Route): string {
  const path = r.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const field = (r.params as unknown as { shape?: Record<string, { options?: string[] }> } | undefined)?.shape?.[
      name
    ];
    if (field?.options?.length) return field.options[0]!;
    if (name === 'moduleId') return modules[0]!.id;
    return 'probe_0123456789';
  });
  return path + (QUERY_SAMPLES[r.path] ?? '');
}

const routesFor = (role: Role) => gets.filter((r) => r.auth !== 'public' && r.auth.includes(role));

/** Status of every route for this cookie, each on a fresh client (a 401 clears the cookie on the client). */
async function statuses(role: Role, cookie: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of routesFor(role)) {
    const c = stack.client();
    c.cookies.set('rs_demo', cookie);
    out[r.path] = (await c.get(samplePath(r))).status;
  }
  return out;
}

const signIn = (role: Role, n = 0) => stack.signIn(EMAIL[role](n), role === 'employee' ? { inviteToken: invite } : {});

beforeAll(async () => {
  for (const dir of readdirSync(FUNCTIONS_DIR)) {
    const file = `${FUNCTIONS_DIR}${dir}/http.ts`;
    if (existsSync(file)) await import(/* @vite-ignore */ pathToFileURL(file).href);
  }
  ({ MODULES: modules } = await import('../../functions/domain/programme/content/all-modules.js'));
  gets = captured.filter((r) => r.method === 'GET');
  stack = await startTestStack({ tenants: [demoTenant({ operatorEmails: [EMAIL.operator(0)] })] });
  const hr = await stack.signIn('hr@northwind.example');
  invite = (await hr.get('/api/account/invite-link')).body.token;
  expect((await hr.post('/api/account/staff-invites', { email: EMAIL.manager(0), role: 'manager' })).status).toBe(202);
}, 120_000);
afterAll(async () => stack?.stop());

const ROLES: Role[] = ['employee', 'hr_admin', 'manager', 'coach', 'operator'];

describe('every authenticated GET refuses a revoked session on the next request', () => {
  it('the route tables were found and every role has routes to check', () => {
    expect(gets.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/my-data/export', '/api/employer/managers', '/api/account/me']),
    );
    for (const role of ROLES) expect(routesFor(role).length).toBeGreaterThan(0);
  });

  it.each(ROLES)('%s: after sign-out, the old cookie gets 401 everywhere', async (role) => {
    const device = await signIn(role, 1);
    const cookie = device.cookies.get('rs_demo')!;
    const before = await statuses(role, cookie);
    expect(Object.entries(before).filter(([, s]) => s === 401 || s >= 500)).toEqual([]);
    expect((await device.post('/api/account/sign-out')).status).toBe(204);
    const after = await statuses(role, cookie);
    expect(after).toEqual(Object.fromEntries(Object.keys(before).map((p) => [p, 401])));
  });

  it.each(ROLES)('%s: after "sign out everywhere" on another device, this device gets 401 everywhere', async (role) => {
    const laptop = await signIn(role, 2);
    const phone = await signIn(role, 2);
    const cookie = phone.cookies.get('rs_demo')!;
    expect((await phone.get('/api/my-data/export')).status).toBe(200);
    expect((await laptop.post('/api/my-data/sessions/sign-out-everywhere')).status).toBe(200);
    const after = await statuses(role, cookie);
    expect(Object.values(after).length).toBe(routesFor(role).length);
    expect(Object.entries(after).filter(([, s]) => s !== 401)).toEqual([]);
  });

  it('employee: after the account is deleted on another device, this device gets 401 everywhere, export included', async () => {
    const laptop = await signIn('employee', 3);
    const phone = await signIn('employee', 3);
    const cookie = phone.cookies.get('rs_demo')!;
    expect((await phone.get('/api/my-data/export')).status).toBe(200);
    expect((await laptop.post('/api/my-data/delete-account', { confirm: true })).status).toBe(200);
    const after = await statuses('employee', cookie);
    expect(after['/api/my-data/export']).toBe(401);
    expect(Object.entries(after).filter(([, s]) => s !== 401)).toEqual([]);
  });

  it('a revoked cookie on a public route is simply signed out (no principal, cookie cleared)', async () => {
    const device = await signIn('employee', 4);
    const cookie = device.cookies.get('rs_demo')!;
    expect((await device.post('/api/account/sign-out')).status).toBe(204);
    const replay = new ApiClient(stack.client().baseUrl);
    replay.cookies.set('rs_demo', cookie);
    const res = await replay.get('/api/account/org');
    expect(res.status).toBe(200);
    expect(replay.cookies.has('rs_demo')).toBe(false);
  });
});
