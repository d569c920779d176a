// The inactivity policy for leavers, at a controlled clock through the local stack: an employee account unused for
// 12 months gets one neutral warning with a working "keep my account" button, and 30 days later it is deleted by the
// same path as "delete my account" (counted as a leaver) — unless the person pressed the button or signed in.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/domain/keys.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { rawTable } from '../support/table.js';

let stack: TestStack;
let inviteToken: string;

const T0 = '2026-01-05T10:00:00Z';
const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();
const WARNING_SUBJECT = 'Is your account still needed?';

beforeAll(async () => {
  stack = await startTestStack();
  await stack.clock({ at: T0 });
  const hr = await stack.signIn('hr@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token;
});
afterAll(async () => {
  await stack?.clock({ at: null });
  await stack?.stop();
});

const runPolicy = async () => {
  const [result] = (await stack.runJob('mydata-inactivity', { scheduledTime: new Date().toISOString() }, 'demo')) as {
    warned: number;
    deleted: number;
  }[];
  await stack.queue('email-demo', 'drain');
  return result!;
};

async function profileOf(email: string): Promise<Record<string, unknown> | undefined> {
  const items = await rawTable(stack.db('demo')).scan({
    expression: 'sk = :p AND email = :e',
    values: { ':p': 'PROFILE', ':e': email },
  });
  return items[0];
}

const warnings = async (email: string) => (await stack.inbox(email)).filter((m) => m.subject === WARNING_SUBJECT);
const keepLink = (text: string) => /(https?:\/\/\S+\/api\/my-data\/keep-account\?t=\S+)/.exec(text)?.[1];

async function leaversTotal(): Promise<number> {
  const items = await rawTable(stack.db('demo')).scan({
    expression: 'begins_with(pk, :c) AND begins_with(sk, :m)',
    values: { ':c': 'COUNTER#', ':m': 'leavers#' },
  });
  // one period granularity is enough here: count the organisation-wide cells of one kind of period
  const cells = items.filter((i) => String(i.sk).endsWith('#_all'));
  const byPeriodKind = new Map<string, number>();
  for (const c of cells) {
    const kind = String(c.pk).replace(/\d/g, '9');
    byPeriodKind.set(kind, (byPeriodKind.get(kind) ?? 0) + Number(c.value ?? 0));
  }
  return Math.max(0, ...byPeriodKind.values());
}

describe('inactivity policy', () => {
  it('warns once after 12 months, keeps whoever asked or signed in, deletes the rest 30 days later as leavers', async () => {
    const emails = {
      idle: 'idle.leaver@example.org',
      keeper: 'keeps.it@example.org',
      returner: 'comes.back@example.org',
      recent: 'still.here@example.org',
    };
    await stack.signIn(emails.idle, { inviteToken });
    await stack.signIn(emails.keeper, { inviteToken });
    await stack.signIn(emails.returner, { inviteToken });

    await stack.clock({ at: addDays(T0, 300) });
    await stack.signIn(emails.recent, { inviteToken });

    // Just under 12 months: nothing happens.
    await stack.clock({ at: '2027-01-04T10:00:00Z' });
    expect(await runPolicy()).toEqual({ warned: 0, deleted: 0 });

    // Past 12 months: the three who have not signed in since T0 are warned, once each, however often the job runs.
    await stack.clock({ at: '2027-01-06T10:00:00Z' });
    expect(await runPolicy()).toEqual({ warned: 3, deleted: 0 });
    expect(await runPolicy()).toEqual({ warned: 0, deleted: 0 });
    for (const e of [emails.idle, emails.keeper, emails.returner]) expect(await warnings(e)).toHaveLength(1);
    expect(await warnings(emails.recent)).toHaveLength(0);
    const mail = (await warnings(emails.keeper))[0]!;
    expect(mail.body.text).toContain('5 February 2027'); // the deletion date, 30 days on, in the organisation's time zone
    expect(mail.body.text).not.toMatch(/stress|mental|wellbeing/i); // neutral wording

    // The keeper presses the button (the page first, then its one-click form); the returner signs in.
    const link = keepLink(mail.body.text ?? '');
    expect(link).toBeDefined();
    const pageRes = await fetch(link!);
    expect(pageRes.status).toBe(200);
    expect(await pageRes.text()).toContain('<form method="post" action="keep-account?t=');
    const kept = await fetch(link!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'keep=yes',
    });
    expect(kept.status).toBe(200);
    expect(await kept.text()).toContain('Your account is kept');
    await stack.signIn(emails.returner);

    // A forged or truncated link does nothing.
    const forged = await fetch(link!.replace(/t=.{6}/, 't=AAAAAA'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'keep=yes',
    });
    expect(forged.status).toBe(400);

    const leaversBefore = await leaversTotal();
    // 29 days after the warning: still nobody deleted.
    await stack.clock({ at: addDays('2027-01-06T10:00:00Z', 29) });
    expect(await runPolicy()).toEqual({ warned: 0, deleted: 0 });
    // 31 days after: only the idle account goes, through the deletion path (a leaver).
    await stack.clock({ at: addDays('2027-01-06T10:00:00Z', 31) });
    expect(await runPolicy()).toEqual({ warned: 0, deleted: 1 });
    expect(await profileOf(emails.idle)).toBeUndefined();
    expect(await profileOf(emails.keeper)).toMatchObject({ role: 'employee' });
    expect(await profileOf(emails.returner)).toMatchObject({ role: 'employee' });
    expect(await profileOf(emails.recent)).toMatchObject({ role: 'employee' });
    expect(await leaversTotal()).toBe(leaversBefore + 1);

    // The idle person's address no longer finds an account; the old keep link now says so.
    const idleLink = keepLink((await warnings(emails.idle))[0]!.body.text ?? '');
    const late = await fetch(idleLink!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'keep=yes',
    });
    expect(late.status).toBe(410);
    expect(await runPolicy()).toEqual({ warned: 0, deleted: 0 });
  });

  it('does not touch staff accounts', async () => {
    await stack.clock({ at: '2029-06-01T10:00:00Z' });
    expect((await runPolicy()).deleted).toBeGreaterThanOrEqual(0);
    const table = rawTable(stack.db('demo'));
    const hrLookup = await table.scan({
      expression: 'sk = :p AND #r = :r',
      names: { '#r': 'role' },
      values: { ':p': 'PROFILE', ':r': 'hr_admin' },
    });
    expect(hrLookup).toHaveLength(1);
    const profile = await table.get(keys.userProfile(String(hrLookup[0]!.userId)));
    expect(profile).toBeDefined();
    expect(profile?.inactivityWarnedAt).toBeUndefined();
    expect(await warnings('hr@northwind.example')).toHaveLength(0);
  });
});
