// Return-to-work planner through the local API server and DynamoDB Local: versioned saves, bad input named by
// field, the print-ready adjustments request, and nobody but the employee can reach any of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let employee: ApiClient;
let hr: ApiClient;

const PLAN = {
  plan: {
    returnDate: '2027-01-11',
    contractHoursPerWeek: 37.5,
    goals: 'Feel steady again and enjoy the team.',
    firstDay: 'Coffee with Priya, read emails, no meetings.',
    firstWeeks: 'Mornings only; one project at a time.',
    schedule: [
      { weekStarting: '2027-01-11', hours: 15, note: 'Mornings' },
      { weekStarting: '2027-01-18', hours: 22.5, note: '' },
      { weekStarting: '2027-01-25', hours: 30, note: '' },
    ],
    warningSigns: [{ sign: 'Waking at 4am', whatToDo: 'Tell my manager and use the breathing space' }],
  },
  network: [{ name: 'Dr Shah', role: 'gp', canHelpWith: 'Fit note', contact: '' }],
  strategies: [{ strategyId: 'breathing-space', note: 'Before team meetings' }],
  adjustments: {
    yourName: 'Sam',
    addressedTo: 'My line manager',
    situation: 'I am coming back after time off with stress.',
    requests: [{ what: 'A later start for four weeks', why: 'My sleep is still settling <script>alert(1)</script>' }],
    review: 'A short check-in every Friday.',
  },
};

beforeAll(async () => {
  stack = await startTestStack();
  hr = await stack.signIn('hr@northwind.example');
  const inviteToken = (await hr.get('/api/account/invite-link')).body.token;
  employee = await stack.signIn('rtw.person@example.org', { inviteToken, departmentId: 'finance' });
});
afterAll(async () => stack?.stop());

describe('return-to-work plan', () => {
  it('starts empty, saves, and reads back exactly what was written', async () => {
    const empty = await employee.get('/api/return-to-work/plan');
    expect(empty.status).toBe(200);
    expect(empty.body.version).toBeNull();
    expect(empty.body.plan.schedule).toEqual([]);

    const saved = await employee.put('/api/return-to-work/plan', { version: null, ...PLAN });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);

    const read = await employee.get('/api/return-to-work/plan');
    expect(read.body).toMatchObject({ version: 1, ...PLAN });
  });

  it('never lets a second tab silently overwrite the first (409), and saves on the latest version', async () => {
    const tabA = await employee.get('/api/return-to-work/plan');
    const v = tabA.body.version as number;
    const first = await employee.put('/api/return-to-work/plan', {
      ...PLAN,
      version: v,
      plan: { ...PLAN.plan, goals: 'From tab A' },
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(v + 1);
    const stale = await employee.put('/api/return-to-work/plan', {
      ...PLAN,
      version: v,
      plan: { ...PLAN.plan, goals: 'From tab B' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const againFirst = await employee.put('/api/return-to-work/plan', { ...PLAN, version: null });
    expect(againFirst.status).toBe(409);
    expect((await employee.get('/api/return-to-work/plan')).body.plan.goals).toBe('From tab A');
  });

  it('names the field for dates out of order, hours over the contract and text over the limit', async () => {
    const version = (await employee.get('/api/return-to-work/plan')).body.version;
    const outOfOrder = await employee.put('/api/return-to-work/plan', {
      ...PLAN,
      version,
      plan: {
        ...PLAN.plan,
        schedule: [
          { weekStarting: '2027-01-18', hours: 10 },
          { weekStarting: '2027-01-11', hours: 12 },
        ],
      },
    });
    expect(outOfOrder.status).toBe(422);
    expect(outOfOrder.body.error.fields).toEqual([
      {
        field: 'body.plan.schedule.1.weekStarting',
        message: 'must be after the week before it (2027-01-18); put the weeks in date order',
      },
    ]);

    const tooMany = await employee.put('/api/return-to-work/plan', {
      ...PLAN,
      version,
      plan: { ...PLAN.plan, contractHoursPerWeek: 20, schedule: [{ weekStarting: '2027-01-11', hours: 24 }] },
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.fields).toEqual([
      { field: 'body.plan.schedule.0.hours', message: 'must not be more than your contracted 20 hours a week' },
    ]);

    const long = await employee.put('/api/return-to-work/plan', {
      ...PLAN,
      version,
      adjustments: { ...PLAN.adjustments, situation: 'x'.repeat(2001) },
    });
    expect(long.status).toBe(422);
    expect(long.body.error.fields).toEqual([
      { field: 'body.adjustments.situation', message: 'must be at most 2000 characters' },
    ]);

    // nothing was lost or changed by the refused saves
    const after = await employee.get('/api/return-to-work/plan');
    expect(after.body.version).toBe(version);
    expect(after.body.plan.schedule).toEqual(PLAN.plan.schedule);
  });

  it('serves the guide with strategies linked to real course modules', async () => {
    const guide = await employee.get('/api/return-to-work/guide');
    expect(guide.status).toBe(200);
    expect(guide.body.roles.map((r: { id: string }) => r.id)).toContain('occupational_health');
    const breathing = guide.body.strategies.find((s: { id: string }) => s.id === 'breathing-space');
    expect(breathing.modules[0].id).toBe('understanding-stress');
    expect(guide.body.limits.longText).toBe(2000);
  });

  it('prints the adjustments request as a script-free page, and offers it as a download', async () => {
    const page = await employee.get('/api/return-to-work/adjustments.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.text).toContain('A later start for four weeks');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>');
    expect(page.headers.get('content-disposition')).toBeNull();

    const download = await employee.get('/api/return-to-work/adjustments.html?download=1');
    expect(download.headers.get('content-disposition')).toBe(
      'attachment; filename="workplace-adjustments-request.html"',
    );
    expect((await employee.get('/api/return-to-work/adjustments.html?download=yes')).status).toBe(422);
  });

  it('is private: staff roles get 403, signed-out requests 401', async () => {
    for (const path of [
      '/api/return-to-work/plan',
      '/api/return-to-work/adjustments.html',
      '/api/return-to-work/guide',
    ])
      expect((await hr.get(path)).status).toBe(403);
    expect((await stack.client().get('/api/return-to-work/plan')).status).toBe(401);
    expect((await hr.put('/api/return-to-work/plan', { version: null })).status).toBe(403);
  });
});
