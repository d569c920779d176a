// SES events end to end on the local stack, for people who have accounts: a hard bounce posted to /_local/ses-event
// (through the same queue and consumer as in AWS) stops every later email to that address — sign-in codes, staff
// invitations and every kind the outbox sends, to the account or to the raw address; a complaint does the same (the
// person is unsubscribed from everything); a delivery delay changes nothing. Every GET an HR admin or a manager can
// make answers byte for byte the same before the events, after them and after the emails that were (not) sent.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_KINDS, type OutboxMessage } from '../../functions/domain/email/schema.js';
import { routes as employerRoutes } from '../../functions/employer/http.js';
import { routes as statsRoutes } from '../../functions/stats/http.js';
import { type ApiClient, startTestStack, type TestStack } from '../support/stack.js';
import { rawTable } from '../support/table.js';

let stack: TestStack;
let hr: ApiClient;
let manager: ApiClient;
let inviteToken: string;
const RUN = Math.random().toString(36).slice(2, 8);
const PEOPLE = ['bounced', 'complained', 'delayed', 'fine'] as const;
type Person = (typeof PEOPLE)[number];
const emailOf = (p: Person) => `${p}.${RUN}@staff.example`;
const userIds = {} as Record<Person, string>;

const sesEvent = async (address: string, type: string) => {
  const res = await fetch(`${stack.url}/_local/ses-event`, {
    method: 'POST',
    body: JSON.stringify({ tenant: 'demo', address, type }),
  });
  return { status: res.status, body: (await res.json()) as { ok?: boolean; pending?: number; dlq?: number } };
};

/** Every GET route an HR admin or a manager can call (a new one without a query here fails the test). */
const STATS_QUERIES: Record<string, string> = {
  '/api/stats/dashboard': 'kind=month',
  '/api/stats/releases': 'kind=month',
  '/api/stats/departments': 'kind=month&period=2026-11&metric=enrolled',
};
const staffGets = () => {
  const gets = [...employerRoutes, ...statsRoutes].flatMap((r) =>
    r.method === 'GET' && Array.isArray(r.auth) && r.auth.some((a) => a === 'hr_admin' || a === 'manager')
      ? [{ path: r.path, hrRoute: r.auth.includes('hr_admin') }]
      : [],
  );
  return gets.map((r) => {
    const who = r.hrRoute ? hr : manager;
    const query = r.path.startsWith('/api/stats/') ? STATS_QUERIES[r.path] : undefined;
    if (r.path.startsWith('/api/stats/') && !query) throw new Error(`no query for ${r.path}`);
    return {
      name: `${r.hrRoute ? 'hr' : 'manager'} GET ${r.path}`,
      get: () => who.get(query ? `${r.path}?${query}` : r.path),
    };
  });
};
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { name, get } of staffGets()) {
    const res = await get();
    out[name] = `${res.status} ${res.headers.get('content-type')} ${res.text}`;
  }
  return out;
}

const content = (kind: string) => ({
  subject: `Test ${kind} ${RUN}`,
  preheader: '',
  heading: `A ${kind} email`,
  blocks: [{ text: 'This is a test message.' }],
  footer: 'You get this because you use Respite.',
});
/** Reminders and Monday messages go only to account holders (they follow the person's preferences). */
const ACCOUNT_ONLY = new Set(['reminder', 'monday']);
const ADDRESS_KINDS = EMAIL_KINDS.filter((k) => !ACCOUNT_ONLY.has(k));
/** One message of every kind to the account and one of every other kind to the raw address, on the queue the sender reads. */
async function sendEveryKind(p: Person, tag: string) {
  const sqs = new SQSClient({
    region: 'eu-west-1',
    endpoint: stack.queues.endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const messages: OutboxMessage[] = [
    ...EMAIL_KINDS.map(
      (kind): OutboxMessage => ({
        to: { userId: userIds[p] },
        kind,
        idempotencyKey: `${tag}-${kind}-user`,
        content: content(kind),
        nonTransactional: true,
      }),
    ),
    ...ADDRESS_KINDS.map(
      (kind): OutboxMessage => ({
        to: { address: emailOf(p) },
        kind,
        idempotencyKey: `${tag}-${kind}-address`,
        content: content(kind),
        nonTransactional: true,
      }),
    ),
  ];
  for (const m of messages)
    await sqs.send(
      new SendMessageCommand({ QueueUrl: stack.queues.queueUrl('email-demo'), MessageBody: JSON.stringify(m) }),
    );
  return messages.length;
}

const prefs = {
  remindersOn: true,
  days: [3],
  time: '09:00',
  timeZone: 'Europe/London',
  frequency: 'weekly',
  mondayOn: true,
  discreet: false,
  checkinsOn: true,
};

beforeAll(async () => {
  stack = await startTestStack({ extraEnv: { EMAIL_SEND_RATE: '1000' } });
  hr = await stack.signIn('hr@northwind.example');
  manager = await stack.signIn('manager@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token;
  for (const p of PEOPLE) {
    const person = await stack.signIn(emailOf(p), { inviteToken });
    expect((await person.put('/api/reminders/preferences', prefs)).status).toBe(200);
  }
  const items = await rawTable(stack.db('demo')).scan();
  for (const p of PEOPLE) userIds[p] = String(items.find((i) => i.sk === 'PROFILE' && i.email === emailOf(p))!.userId);
});
afterAll(async () => stack?.stop());

describe('SES events for account holders, end to end', () => {
  it('a hard bounce and a complaint stop every email to the address, a delay stops none, and HR and managers see the same bytes', async () => {
    const before = await snapshot();
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(9);

    for (const [p, type] of [
      ['bounced', 'bounce'],
      ['complained', 'complaint'],
      ['delayed', 'delay'],
    ] as const) {
      const res = await sesEvent(emailOf(p), type);
      expect(res.status, type).toBe(200);
      expect(res.body).toMatchObject({ ok: true, pending: 0, dlq: 0 });
    }
    expect(await snapshot()).toEqual(before);

    const inboxBefore = Object.fromEntries(
      await Promise.all(PEOPLE.map(async (p) => [p, (await stack.inbox(emailOf(p))).length] as const)),
    );

    // Sign-in codes: the same answer for everyone, a code only where the address still takes email.
    const answers = new Set<string>();
    for (const p of PEOPLE) {
      const res = await stack.client().post('/api/account/sign-in', { email: emailOf(p) });
      expect(res.status, p).toBe(202);
      answers.add(res.text);
    }
    expect(answers.size).toBe(1);

    // Every kind the outbox sends, to the account and to the raw address.
    let queued = 0;
    for (const p of PEOPLE) queued += await sendEveryKind(p, `e2e-${RUN}`);
    expect(queued).toBe(PEOPLE.length * (EMAIL_KINDS.length + ADDRESS_KINDS.length));
    expect(await stack.queue('email-demo', 'drain')).toMatchObject({ size: 0, dlq: 0 });

    const received: Record<string, string[]> = Object.fromEntries(
      await Promise.all(
        PEOPLE.map(
          async (p) => [p, (await stack.inbox(emailOf(p))).slice(inboxBefore[p]).map((m) => m.subject)] as const,
        ),
      ),
    );
    const everything = [
      'Your Respite sign-in',
      ...EMAIL_KINDS.map((k) => `Test ${k} ${RUN}`),
      ...ADDRESS_KINDS.map((k) => `Test ${k} ${RUN}`),
    ].sort();
    expect(received.bounced).toEqual([]);
    expect(received.complained).toEqual([]);
    expect(received.delayed!.sort()).toEqual(everything);
    expect(received.fine!.sort()).toEqual(everything);

    // Nothing HR or a manager can see moved.
    expect(await snapshot()).toEqual(before);
  });

  it('staff invitations: none to a bounced or complained address, one after a delay, and the same answer each time', async () => {
    const who = (name: string) => `boss.${name}.${RUN}@staff.example`;
    await sesEvent(who('bounced'), 'bounce');
    await sesEvent(who('complained'), 'complaint');
    await sesEvent(who('delayed'), 'delay');
    const answers = new Set<string>();
    for (const name of ['bounced', 'complained', 'delayed', 'fine']) {
      const res = await hr.post('/api/account/staff-invites', { email: who(name), role: 'manager' });
      answers.add(`${res.status} ${res.text}`);
    }
    expect(answers.size).toBe(1);
    expect(await stack.inbox(who('bounced'))).toHaveLength(0);
    expect(await stack.inbox(who('complained'))).toHaveLength(0);
    expect(await stack.inbox(who('delayed'))).toHaveLength(1);
    expect(await stack.inbox(who('fine'))).toHaveLength(1);
  });
});
