// Taking an address off the tenant's operatorEmails (a redeploy with the changed tenants/<slug>.json: the worker
// restarts with the new config, the table stays) revokes the operator role on the next request: the session signed in
// before gets 403 on every operator route, a code asked for before cannot start an operator session, and signing in
// afresh gets no code at all. An operator still on the list keeps working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coaching } from '../../functions/contract/coaching.js';
import { type ApiClient, demoTenant, latestCode, startTestStack, type TestStack } from '../support/stack.js';

const GONE = 'gone.operator@respite.example';
const STAYS = 'stays.operator@respite.example';

let stack: TestStack;
let gone: ApiClient;
let stays: ApiClient;
/** A code GONE asked for while still listed, used only after the removal. */
let pendingCode: string;

/** Every operator route of the contract, with a body that passes validation (so only the role can refuse it). */
const operatorRoutes = Object.values(coaching).filter((e) => e.path.startsWith('/api/coaching/operator/'));
const validBody = async (path: string) => {
  const service = (await stays.get('/api/coaching/operator/service')).body;
  if (path.endsWith('/roster')) return { expectedVersion: service.version, coaches: service.coaches };
  if (path.endsWith('/hours')) return { expectedVersion: service.version, hours: service.hours };
  return undefined;
};
const call = async (c: ApiClient, e: (typeof operatorRoutes)[number]) =>
  (await c.request(e.method, e.path, await validBody(e.path))).status;

beforeAll(async () => {
  stack = await startTestStack({ tenants: [demoTenant({ operatorEmails: [GONE, STAYS] })] });
  gone = await stack.signIn(GONE);
  stays = await stack.signIn(STAYS);
  const before = (await stack.inbox(GONE)).length;
  expect((await stack.client().post('/api/account/sign-in', { email: GONE })).status).toBe(202);
  pendingCode = latestCode((await stack.inbox(GONE)).slice(before))!;
  expect(pendingCode).toMatch(/^\d{6}$/);
});
afterAll(async () => {
  await stack?.stop();
});

describe('removing an operator address', () => {
  it('covers every operator route of the contract, and while listed both operators reach them all', async () => {
    expect(operatorRoutes.map((e) => `${e.method} ${e.path}`).sort()).toEqual([
      'GET /api/coaching/operator/health',
      'GET /api/coaching/operator/service',
      'PUT /api/coaching/operator/hours',
      'PUT /api/coaching/operator/roster',
    ]);
    for (const e of operatorRoutes)
      for (const [who, c] of [
        ['gone', gone],
        ['stays', stays],
      ] as const)
        expect({ who, route: e.path, status: await call(c, e) }).toEqual({ who, route: e.path, status: 200 });
  });

  it('on the next request after the redeploy: 403 on every operator route for the removed address only', async () => {
    await stack.restartWithTenant(demoTenant({ operatorEmails: [STAYS] }));
    for (const e of operatorRoutes) {
      expect({ route: e.path, status: await call(gone, e) }).toEqual({ route: e.path, status: 403 });
      expect({ route: e.path, status: await call(stays, e) }).toEqual({ route: e.path, status: 200 });
    }
  });

  it('refuses an operator session for the removed address: a code from before, and a fresh sign-in', async () => {
    const c = stack.client();
    const verified = await c.post('/api/account/verify', { email: GONE, code: pendingCode });
    expect([verified.status, verified.body.error.code]).toEqual([400, 'invalid_code']);
    expect((await c.get('/api/account/me')).status).toBe(401);

    // signing in afresh: treated as an address with no account here (no code is sent), so no session can follow
    const before = (await stack.inbox(GONE)).length;
    expect((await c.post('/api/account/sign-in', { email: GONE })).status).toBe(202);
    const mails = (await stack.inbox(GONE)).slice(before);
    expect(mails).toHaveLength(1);
    expect(latestCode(mails)).toBeUndefined();
    await expect(stack.signIn(GONE)).rejects.toThrow(/no code email/);

    // the operator still listed signs in as before
    const again = await stack.signIn(STAYS);
    expect((await again.get('/api/account/me')).body).toMatchObject({ role: 'operator', email: STAYS });
  });
});
