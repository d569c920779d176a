// `npm run sign-out-everyone`: every session of the tenant (employees and staff, every device) gets 401 on its very
// next request, another tenant's sessions are untouched, people can sign in again at once, and a second run finds
// only the sessions started since.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoClient } from '../../scripts/local/dynamodb.js';
import { signOutEveryone } from '../../scripts/sign-out-everyone.js';
import { demoTenant, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let inviteToken: string;
const RUN = Date.now().toString(36);
const other = demoTenant({ slug: 'acme', name: 'Acme Freight', adminEmails: ['hr@acme.example'] });

beforeAll(async () => {
  stack = await startTestStack({ tenants: [demoTenant(), other] });
  inviteToken = (await (await stack.signIn('hr@northwind.example')).get('/api/account/invite-link')).body.token;
});
afterAll(async () => stack?.stop());

describe('sign out everyone', () => {
  it('revokes every session of the tenant on the next request, and only that tenant', async () => {
    const hr = await stack.signIn('hr@northwind.example');
    const manager = await stack.signIn('manager@northwind.example');
    const phone = await stack.signIn(`worker.${RUN}@example.org`, { inviteToken });
    const laptop = await stack.signIn(`worker.${RUN}@example.org`);
    const otherHr = await stack.signIn('hr@acme.example', { slug: 'acme' });
    const signedIn = [hr, manager, phone, laptop];
    for (const c of [...signedIn, otherHr]) expect((await c.get('/api/account/me')).status).toBe(200);

    const deleted = await signOutEveryone(localDynamoClient(stack.ddbEndpoint), stack.db('demo').tableName);
    expect(deleted).toBeGreaterThanOrEqual(signedIn.length + 1); // + the session made in beforeAll

    for (const c of signedIn) expect((await c.get('/api/account/me')).status).toBe(401);
    expect((await hr.get('/api/employer/managers')).status).toBe(401);
    expect((await otherHr.get('/api/account/me')).status).toBe(200);

    // Signing in again works straight away; a second run finds just that new session.
    const again = await stack.signIn(`worker.${RUN}@example.org`);
    expect((await again.get('/api/account/me')).status).toBe(200);
    expect(await signOutEveryone(localDynamoClient(stack.ddbEndpoint), stack.db('demo').tableName)).toBe(1);
    expect((await again.get('/api/account/me')).status).toBe(401);
  });

  it('runs as npm run sign-out-everyone -- <tenant> --local <endpoint> --table <name>', async () => {
    const hr = await stack.signIn('hr@northwind.example');
    const root = resolve(import.meta.dirname, '../..');
    const table = stack.db('demo').tableName;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        resolve(root, 'node_modules/tsx/dist/cli.mjs'),
        resolve(root, 'scripts/sign-out-everyone.ts'),
        'demo',
        '--local',
        stack.ddbEndpoint,
        '--table',
        table,
      ],
      { encoding: 'utf8' },
    );
    expect(stdout.trim()).toBe(`Signed out 1 session(s) in ${table}: every device signs in again on its next request.`);
    expect((await hr.get('/api/account/me')).status).toBe(401);
  });
});
