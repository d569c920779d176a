// Web Push reminders end to end: the browser's subscription is stored in the person's partition, the reminders tick
// sends the reminder to a local push service that checks the VAPID JWT and decrypts the payload as a browser would
// (RFC 8291 aes128gcm, http_ece), discreet mode keeps the text neutral, a repeated tick sends nothing new, a gone
// endpoint (410) is removed and the reminder falls back to email; bad subscriptions are refused naming the field;
// the data export lists subscriptions and account deletion removes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/domain/keys.js';
import { MODULES } from '../../functions/domain/programme/content/all-modules.js';
import { MAX_PUSH_DEVICES } from '../../functions/domain/reminders/push-subscriptions.js';
import { type PushEndpoint, startPushEndpoint } from '../support/push-endpoint.js';
import { type ApiClient, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let push: PushEndpoint;
let inviteToken: string;

const tick = async (iso: string) => {
  await stack.clock({ at: new Date(new Date(iso).getTime() + 30_000).toISOString() });
  const [result] = (await stack.runJob('reminders-tick', { scheduledTime: iso }, 'demo')) as {
    enqueued: number;
    pushed: number;
  }[];
  await stack.queue('email-demo', 'drain');
  return result!;
};
const prefs = (over: Record<string, unknown> = {}) => ({
  remindersOn: true,
  days: [1, 2, 3, 4, 5, 6, 7],
  time: '09:00',
  timeZone: 'Europe/London',
  frequency: 'custom',
  mondayOn: false,
  discreet: false,
  checkinsOn: true,
  ...over,
});
const reminderEmails = async (email: string) =>
  (await stack.inbox(email)).filter((m) => /reminder/i.test(m.subject ?? ''));
const pushesTo = (device: string) => push.received.filter((r) => r.path === `/push/${device}`);

beforeAll(async () => {
  push = await startPushEndpoint();
  stack = await startTestStack();
  const hr = await stack.signIn('hr@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token;
});
afterAll(async () => {
  await stack?.clock({ at: null });
  await stack?.stop();
  await push?.close();
});

describe('a reminder by push notification', () => {
  const email = 'push.person@example.org';
  let person: ApiClient;

  it('subscribes this browser and chooses push', async () => {
    await stack.clock({ at: '2027-05-03T12:00:00Z' });
    person = await stack.signIn(email, { inviteToken });
    const before = await person.get('/api/reminders/push');
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{87}$/), devices: 0 });
    // Push needs a device first.
    const early = await person.put('/api/reminders/channel', { channel: 'push' });
    expect(early.status).toBe(409);
    expect(early.body.error.fields[0].field).toBe('body.channel');

    expect((await person.put('/api/reminders/preferences', prefs())).status).toBe(200);
    const sub = await person.put('/api/reminders/push/subscription', {
      ...push.subscription('phone'),
      expirationTime: null,
    });
    expect(sub.status).toBe(200);
    expect(sub.body.devices).toBe(1);
    // The same browser again is the same subscription (idempotent).
    expect((await person.put('/api/reminders/push/subscription', push.subscription('phone'))).body.devices).toBe(1);
    const chosen = await person.put('/api/reminders/channel', { channel: 'push' });
    expect(chosen.status).toBe(200);
    expect(chosen.body.preferences.channel).toBe('push');
    // Saving the other preferences keeps the channel.
    const resaved = await person.put('/api/reminders/preferences', prefs());
    expect(resaved.body.preferences.channel).toBe('push');
  });

  it('the tick sends it to the push service, signed and encrypted, and no email', async () => {
    const result = await tick('2027-05-04T08:00:00Z'); // 09:00 BST
    expect(result.pushed).toBe(1);
    expect(push.rejected).toEqual([]);
    const [got] = pushesTo('phone');
    expect(got).toBeDefined();
    expect(got!.vapidKey).toBe((await person.get('/api/reminders/push')).body.publicKey);
    expect(got!.claims.aud).toBe(push.origin);
    expect(got!.claims.sub).toBe('mailto:no-reply@respite.local');
    expect(got!.headers.ttl).toBe(String(4 * 60 * 60));
    expect(got!.payload).toEqual({
      title: 'Your Respite reminder',
      body: `Next for you: Module 1: ${MODULES[0]!.title}, ${MODULES[0]!.minutes} min.`,
      url: expect.stringMatching(/^http:\/\/localhost:\d+\/t\/demo\/#\/$/),
      tag: 'reminder',
      discreet: false,
    });
    expect(await reminderEmails(email)).toHaveLength(0);
  });

  it('a repeated tick for the same slot sends nothing again', async () => {
    const again = await tick('2027-05-04T08:00:00Z');
    expect(again.pushed).toBe(0);
    expect(pushesTo('phone')).toHaveLength(1);
  });

  it('in discreet mode the notification names neither the app nor a module', async () => {
    expect((await person.put('/api/reminders/discreet', { on: true })).status).toBe(200);
    expect((await tick('2027-05-05T08:00:00Z')).pushed).toBe(1);
    const last = pushesTo('phone').at(-1)!;
    expect(last.payload).toEqual({
      title: 'Your reminder',
      body: 'The time you set aside is here.',
      url: expect.stringMatching(/^http:\/\/localhost:\d+\/t\/demo\/#\/$/),
      tag: 'reminder',
      discreet: true,
    });
    expect(JSON.stringify(last.payload)).not.toMatch(/Respite|Module|stress/i);
  });

  it('every device gets it; a gone endpoint (410) is removed, and with no device left the email goes instead', async () => {
    expect((await person.put('/api/reminders/push/subscription', push.subscription('laptop'))).body.devices).toBe(2);
    push.status.set('/push/phone', 410);
    expect((await tick('2027-05-06T08:00:00Z')).pushed).toBe(1);
    expect(pushesTo('laptop')).toHaveLength(1);
    expect((await person.get('/api/reminders/push')).body.devices).toBe(1);

    // The laptop turns notifications off: the next reminder comes by email, so it never silently stops.
    const off = await person.post('/api/reminders/push/remove', { endpoint: push.subscription('laptop').endpoint });
    expect(off.body.devices).toBe(0);
    // Removing again changes nothing.
    expect(
      (await person.post('/api/reminders/push/remove', { endpoint: push.subscription('laptop').endpoint })).body
        .devices,
    ).toBe(0);
    const phoneBefore = pushesTo('phone').length;
    const fallback = await tick('2027-05-07T08:00:00Z');
    expect(fallback).toMatchObject({ pushed: 0, enqueued: 1 });
    expect(await reminderEmails(email)).toHaveLength(1);
    expect(pushesTo('phone')).toHaveLength(phoneBefore);
    expect(pushesTo('laptop')).toHaveLength(1);
  });
});

describe('subscriptions are checked at the edge', () => {
  let person: ApiClient;
  beforeAll(async () => {
    person = await stack.signIn('push.edge@example.org', { inviteToken });
  });

  it.each([
    ['an address that is no push service', { endpoint: 'https://attacker.example/collect' }, 400, 'body.endpoint'],
    ['not a URL', { endpoint: 'not a url at all' }, 400, 'body.endpoint'],
    ['a short p256dh', { keys: { p256dh: 'abc', auth: 'A'.repeat(22) } }, 422, 'body.keys.p256dh'],
    [
      'an auth secret with padding',
      { keys: { p256dh: 'B'.repeat(87), auth: `${'A'.repeat(20)}==` } },
      422,
      'body.keys.auth',
    ],
    ['an unknown field', { extra: 1 }, 422, 'body'],
  ])('refuses %s', async (_what, over, status, field) => {
    const res = await person.put('/api/reminders/push/subscription', { ...push.subscription('edge'), ...over });
    expect(res.status).toBe(status);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect((await person.get('/api/reminders/push')).body.devices).toBe(0);
  });

  it(`allows at most ${MAX_PUSH_DEVICES} devices, even when they all subscribe at once`, async () => {
    const results = await Promise.all(
      Array.from({ length: MAX_PUSH_DEVICES + 3 }, (_, i) =>
        person.put('/api/reminders/push/subscription', push.subscription(`many-${i}`)),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(MAX_PUSH_DEVICES);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(
      Array(3).fill('too_many_devices'),
    );
    expect((await person.get('/api/reminders/push')).body.devices).toBe(MAX_PUSH_DEVICES);
  });
});

describe('your data', () => {
  it('the export lists the subscriptions and deleting the account removes them', async () => {
    const person = await stack.signIn('push.leaver@example.org', { inviteToken });
    await person.put('/api/reminders/push/subscription', push.subscription('leaver'));
    const exported = await person.get('/api/my-data/export');
    const section = exported.body.sections.find((s: { id: string }) => s.id === 'preferences');
    expect(section.records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'Device that gets reminder notifications',
          endpoint: push.subscription('leaver').endpoint,
        }),
        expect.objectContaining({ type: 'How many devices get reminder notifications', devices: 1 }),
      ]),
    );
    const profile = exported.body.sections.find((s: { id: string }) => s.id === 'profile').records[0];
    const partition = keys.userPartition(String(profile.userId));
    expect((await stack.db('demo').partitionKeys(partition)).some((k) => k.sk.startsWith('REMINDERS#PUSH'))).toBe(true);

    expect((await person.post('/api/my-data/delete-account', { confirm: true })).status).toBe(200);
    expect(await stack.db('demo').partitionKeys(partition)).toEqual([]);
  });
});
