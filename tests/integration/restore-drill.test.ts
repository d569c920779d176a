// Restore drill: a tenant's table copied into a new table (the local stand-in for a PITR restore), served by a new
// stack with the same retained keys, gives the same people the same accounts, keeps their sessions, and holds the
// same releases and privacy-budget ledger (a release already made is not made, nor charged, again).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../functions/domain/programme/content/all-modules.js';
import { localDynamoClient } from '../../scripts/local/dynamodb.js';
import { copyTable } from '../../scripts/restore-drill.js';
import { ApiClient, accountOf, startTestStack, type TestStack } from '../support/stack.js';
import { rawTable } from '../support/table.js';

let original: TestStack;
let restored: TestStack | undefined;
const T0 = '2026-02-27T09:00:00Z'; // two days before the month's figures are due, well within a session's idle limit

beforeAll(async () => {
  original = await startTestStack();
  await original.clock({ at: T0 });
});
afterAll(async () => {
  await original?.clock({ at: null });
  await restored?.clock({ at: null });
  await restored?.stop();
  await original?.stop();
});

const itemCount = async (stack: TestStack) => {
  return rawTable(stack.db('demo')).count();
};

/** The same device (cookies) pointed at another stack's address. */
function sameDevice(client: ApiClient, stack: TestStack): ApiClient {
  const moved = new ApiClient(stack.tenantUrl('demo'));
  for (const [k, v] of client.cookies) moved.cookies.set(k, v);
  return moved;
}

describe('restore drill', () => {
  it('a restored table serves the same accounts, sessions, releases and budget', async () => {
    const hr = await original.signIn('hr@northwind.example');
    const inviteToken = (await hr.get('/api/account/invite-link')).body.token as string;
    const employee = await original.signIn('restore.me@example.org', { inviteToken, departmentId: 'warehouse' });
    expect((await employee.post(`/api/programme/modules/${MODULES[0]!.id}/start`)).status).toBeLessThan(300);
    // a month passes and its figures are released (and charged to the budget)
    await original.clock({ at: '2026-03-01T02:00:00Z' });
    const [first] = (await original.runJob(
      'stats-release',
      { scheduledTime: new Date().toISOString() },
      'demo',
    )) as unknown[];
    expect(JSON.stringify(first)).toContain('"month:2026-02":"released"');
    const hrNow = await original.signIn('hr@northwind.example'); // an HR session idles out after 12 hours
    const meBefore = await employee.get('/api/account/me');
    const exportBefore = await employee.get('/api/my-data/export');
    const dashboardBefore = await hrNow.get('/api/stats/dashboard?kind=month');
    expect(meBefore.status).toBe(200);
    expect(dashboardBefore.status).toBe(200);

    const fromTable = original.db('demo').tableName;
    const prefix = `${original.tablePrefix}restored-`;
    const copied = await copyTable(localDynamoClient(original.ddbEndpoint), fromTable, `${prefix}demo`);
    expect(copied).toBe(await itemCount(original));
    await expect(copyTable(localDynamoClient(original.ddbEndpoint), fromTable, `${prefix}demo`)).rejects.toThrow(
      'already exists',
    );

    restored = await startTestStack({ tablePrefix: prefix, tenantKeys: original.tenantKeys });
    await restored.clock({ at: '2026-03-01T02:00:00Z' });
    expect(await itemCount(restored)).toBe(copied); // seeding a restored table adds nothing

    // the same device is still signed in, and sees the same account and data
    const employeeThere = sameDevice(employee, restored);
    expect(await employeeThere.get('/api/account/me').then((r) => r.body)).toEqual(meBefore.body);
    const exportAfter = await employeeThere.get('/api/my-data/export');
    expect(exportAfter.status).toBe(200);
    expect(exportAfter.text.replace(/"exportedAt":"[^"]+"/, '')).toBe(
      exportBefore.text.replace(/"exportedAt":"[^"]+"/, ''),
    );
    // signing in afresh by email finds the same account, not a new one
    const again = await restored.signIn('restore.me@example.org');
    expect(accountOf((await again.get('/api/account/me')).body)).toEqual(accountOf(meBefore.body));
    // releases and the ledger came across: HR sees the same figures, and the job does not release the month twice
    const hrThere = sameDevice(hrNow, restored);
    expect((await hrThere.get('/api/stats/dashboard?kind=month')).body).toEqual(dashboardBefore.body);
    const before = await itemCount(restored);
    const [outcome] = (await restored.runJob(
      'stats-release',
      { scheduledTime: new Date().toISOString() },
      'demo',
    )) as unknown[];
    expect(JSON.stringify(outcome)).not.toContain('"released"');
    expect((await hrThere.get('/api/stats/dashboard?kind=month')).body).toEqual(dashboardBefore.body);
    expect(await itemCount(restored)).toBeGreaterThanOrEqual(before);
  });
});
